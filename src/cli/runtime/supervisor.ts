/**
 * Runs N copies of a worker as child processes (`child_process.fork` of this same CLI), each with
 * its own broker and database connections and its own model. The parent restarts a child that
 * dies (with a backoff when it keeps dying fast), forwards SIGTERM/SIGINT as SIGTERM, and exits
 * once every child has drained and exited.
 *
 * Children ignore SIGINT themselves: a Ctrl-C reaches the whole process group, and the parent's
 * forwarded SIGTERM is the one shutdown signal a child acts on.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { Logger } from './logger.js';

export const CHILD_ENV = 'GLOSSA_WORKER_CHILD';

export interface SupervisorOptions {
  readonly count: number;
  /** The CLI script and arguments a child runs (this process's own by default). */
  readonly script: string;
  readonly args: readonly string[];
  readonly logger: Logger;
  /** Called once every child has reported ready for the first time. */
  readonly onAllReady?: () => void;
  /** Longest time (ms) children get to drain before they are killed. Default 30 000. */
  readonly stopTimeoutMs?: number;
  /**
   * Called when children keep dying before any of them ever got ready (3 failed starts in a row:
   * a bad model folder, a database that refuses us): restarting forever would only hide it.
   */
  readonly onHopeless?: () => void;
}

export interface Supervisor {
  /** Children by slot (a restarted child takes its slot). */
  pids(): number[];
  stop(): Promise<void>;
}

export function superviseWorkers(options: SupervisorOptions): Supervisor {
  const { logger } = options;
  const children: (ChildProcess | undefined)[] = [];
  const crashes: number[] = new Array<number>(options.count).fill(0);
  const ready = new Set<number>();
  let allReadyReported = false;
  let failedStarts = 0;
  let stopping = false;

  const spawnChild = (slot: number): void => {
    const startedAt = Date.now();
    const child = fork(options.script, [...options.args], {
      env: { ...process.env, [CHILD_ENV]: String(slot) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children[slot] = child;
    child.on('message', (msg: unknown) => {
      if (typeof msg !== 'object' || msg === null || (msg as { type?: unknown }).type !== 'ready') return;
      ready.add(slot);
      crashes[slot] = 0;
      if (!allReadyReported && ready.size === options.count) {
        allReadyReported = true;
        options.onAllReady?.();
      }
    });
    child.on('exit', (code, signal) => {
      if (children[slot] === child) children[slot] = undefined;
      if (stopping) return;
      if (ready.size === 0 && ++failedStarts >= 3 && options.onHopeless !== undefined) {
        logger.error({ failedStarts }, 'worker processes keep failing before they are ready; giving up');
        options.onHopeless();
        return;
      }
      // Fast repeated crashes (bad config, database down) back off up to 30 s.
      const fast = Date.now() - startedAt < 10_000;
      crashes[slot] = fast ? (crashes[slot] ?? 0) + 1 : 1;
      const delay = Math.min(30_000, 500 * 2 ** ((crashes[slot] ?? 1) - 1));
      logger.error({ slot, pid: child.pid, code, signal, restartInMs: delay }, 'worker process died; restarting it');
      setTimeout(() => { if (!stopping) spawnChild(slot); }, delay);
    });
  };

  for (let slot = 0; slot < options.count; slot++) spawnChild(slot);
  logger.info({ count: options.count }, 'worker processes started');

  return {
    pids: () => children.flatMap((c) => (c?.pid === undefined ? [] : [c.pid])),
    stop: async () => {
      stopping = true;
      const alive = children.filter((c): c is ChildProcess => c !== undefined && c.exitCode === null && c.signalCode === null);
      await Promise.all(alive.map((child) => new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          logger.error({ pid: child.pid }, 'worker process did not drain in time; killing it');
          child.kill('SIGKILL');
        }, options.stopTimeoutMs ?? 30_000);
        child.once('exit', () => { clearTimeout(timer); resolve(); });
        child.kill('SIGTERM');
      })));
    },
  };
}
