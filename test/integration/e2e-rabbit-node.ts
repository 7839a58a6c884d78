/**
 * A private, throw-away RabbitMQ node for the fault tests that restart the broker: restarting the
 * machine's shared RabbitMQ would break every other suite running at the same time. It uses the
 * installed rabbitmq-server with its own node name, ports and data folder under /tmp; it needs
 * root (the server runs as the `rabbitmq` user, which must own the folder).
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface RabbitNode {
  readonly url: string;
  readonly name: string;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function which(cmd: string): string | undefined {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/lib/rabbitmq/bin']) {
    try {
      execFileSync('test', ['-x', join(dir, cmd)]);
      return join(dir, cmd);
    } catch { /* next */ }
  }
  return undefined;
}

/** Why a private node cannot be started here, or undefined when it can. */
export function privateNodeUnsupported(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root to run rabbitmq-server as the rabbitmq user';
  if (which('rabbitmq-server') === undefined || which('rabbitmqctl') === undefined) return 'rabbitmq-server / rabbitmqctl not installed';
  return undefined;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

async function waitPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const c = net.connect({ host: '127.0.0.1', port });
      c.once('connect', () => { c.destroy(); resolve(true); });
      c.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`RabbitMQ did not open port ${port} within ${timeoutMs} ms`);
}

export async function startRabbitNode(): Promise<RabbitNode> {
  const server = which('rabbitmq-server') as string;
  const ctl = which('rabbitmqctl') as string;
  let port = 0;
  for (let p = 5700 + Math.floor(Math.random() * 200); p < 5950; p++) {
    if ((await portFree(p)) && (await portFree(p + 20_000))) { port = p; break; }
  }
  if (port === 0) throw new Error('no free port pair for a private RabbitMQ node');
  const dir = mkdtempSync(join(tmpdir(), 'glossa-rmq-'));
  chownSync(dir, Number(execFileSync('id', ['-u', 'rabbitmq']).toString()), Number(execFileSync('id', ['-g', 'rabbitmq']).toString()));
  const name = `glossa-test-${port}@localhost`;
  const env = {
    ...process.env,
    RABBITMQ_NODENAME: name,
    RABBITMQ_NODE_PORT: String(port),
    RABBITMQ_DIST_PORT: String(port + 20_000),
    RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: join(dir, 'log'),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'plugins'),
    RABBITMQ_CONFIG_FILE: join(dir, 'none'),
    RABBITMQ_PID_FILE: join(dir, 'pid'),
    RABBITMQ_FEATURE_FLAGS_FILE: join(dir, 'feature_flags'),
  };
  await run(server, ['-detached'], { env, cwd: dir });
  await waitPort(port, 90_000);
  await run(ctl, ['-n', name, 'await_startup', '--timeout', '60']);
  return {
    url: `amqp://guest:guest@127.0.0.1:${port}`,
    name,
    restart: async () => {
      await run(ctl, ['-n', name, 'stop_app']);
      await run(ctl, ['-n', name, 'start_app']);
      await waitPort(port, 60_000);
    },
    stop: async () => {
      await run(ctl, ['-n', name, 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
    },
  };
}
