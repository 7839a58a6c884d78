/**
 * Decides whether the suites that need real RabbitMQ / PostgreSQL run.
 *
 * - `CI=true` or `GLOSSA_REQUIRE_SERVICES=1`: the services are required. A missing one fails the
 *   suite loudly; it is never skipped.
 * - Otherwise the URLs come from `GLOSSA_TEST_AMQP_URL` / `GLOSSA_TEST_PG_URL` (defaults: the
 *   local servers); when a server does not answer, the suite is skipped with a message saying how
 *   to enable it.
 */
import net from 'node:net';

export const amqpUrl = process.env.GLOSSA_TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
export const pgUrl = process.env.GLOSSA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const servicesRequired =
  process.env.CI === 'true' || process.env.GLOSSA_REQUIRE_SERVICES === '1';

function reachable(url: string): Promise<boolean> {
  const u = new URL(url);
  const port = Number(u.port || (u.protocol.startsWith('amqp') ? 5672 : 5432));
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port, timeout: 1500 });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
  });
}

/**
 * Returns `false` (skip) or `true` (run) for a suite needing the named service; throws when the
 * service is required but unreachable, so CI fails instead of skipping.
 */
export async function serviceAvailable(kind: 'rabbitmq' | 'postgres'): Promise<boolean> {
  const url = kind === 'rabbitmq' ? amqpUrl : pgUrl;
  const envVar = kind === 'rabbitmq' ? 'GLOSSA_TEST_AMQP_URL' : 'GLOSSA_TEST_PG_URL';
  if (await reachable(url)) return true;
  const redacted = url.replace(/\/\/[^@/]*@/, '//***@');
  if (servicesRequired) {
    throw new Error(`${kind} is required (CI=true or GLOSSA_REQUIRE_SERVICES=1) but ${redacted} does not answer`);
  }
  console.warn(`SKIPPED ${kind} suites: ${redacted} does not answer. Start ${kind} or set ${envVar} to enable them.`);
  return false;
}

/** Drops test schemas (and everything in them) from the PostgreSQL at `pgUrl`. */
export async function dropPgSchemas(...schemas: readonly string[]): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  } finally {
    await client.end();
  }
}
