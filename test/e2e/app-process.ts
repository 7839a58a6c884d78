/**
 * Starts the real embedded app (`glossa start`) on a free port with a fresh data directory, for
 * the browser tests, and stops it again. Its output is kept so a failing test can show it.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningApp {
  readonly baseUrl: string;
  readonly dataDir: string;
  readonly adminToken: string;
  /** Everything the process wrote so far (stdout and stderr), for failure messages. */
  output(): string;
  /** The SQLite database file the app created under its data directory. */
  databaseFile(): string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

async function waitReady(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`glossa start exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`);
    }
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.ok) return;
      last = `/readyz answered ${res.status}`;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`glossa start was not ready within ${timeoutMs} ms (${last}):\n${output()}`);
}

export async function startApp(options: { readyTimeoutMs?: number } = {}): Promise<RunningApp> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'glossa-ui-'));
  const adminToken = `ui-test-${process.pid}-${Date.now()}`;
  const child = spawn(process.execPath, [join(repoRoot, 'bin', 'glossa.js'), 'start', '--port', String(port), '--data', dataDir], {
    cwd: repoRoot,
    env: { ...process.env, GLOSSA_ADMIN_TOKEN: adminToken, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer): void => {
    out += b.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const output = (): string => out.slice(-8000);
  const baseUrl = `http://127.0.0.1:${port}`;

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited(child);
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitReady(baseUrl, child, output, options.readyTimeoutMs ?? 90_000);
  } catch (e) {
    await stop();
    throw e;
  }

  return {
    baseUrl, dataDir, adminToken, output, stop,
    databaseFile() {
      const files = readdirSync(dataDir, { recursive: true, encoding: 'utf8' })
        .filter((f) => /\.(db|sqlite3?)$/.test(f));
      if (files.length !== 1 || files[0] === undefined) throw new Error(`expected one SQLite file under ${dataDir}, found: ${files.join(', ') || 'none'}`);
      return join(dataDir, files[0]);
    },
  };
}
