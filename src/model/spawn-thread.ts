/**
 * Starts a worker thread from a module URL, whether it is compiled JS (dist) or TypeScript run
 * through tsx: a `.ts` entry is started via a tiny bootstrap that registers tsx inside the
 * thread, because loader hooks registered in the main thread with `register()` are not
 * inherited by worker threads.
 */
import { Worker, type TransferListItem } from 'node:worker_threads';

/** `transferList`: objects in `workerData` to move rather than copy (a MessagePort must be moved). */
export function spawnThread(entry: URL, workerData: unknown, transferList: readonly TransferListItem[] = []): Worker {
  const options = { workerData, transferList: [...transferList] };
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { eval: true, ...options });
}

/** `name`.js next to `from` (a module's import.meta.url), or `name`.ts when running from source. */
export function siblingEntry(from: string, name: string): URL {
  return new URL(`./${name}${from.endsWith('.ts') ? '.ts' : '.js'}`, from);
}
