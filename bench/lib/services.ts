/**
 * What the service benchmarks (pipeline, scaling) share: the RabbitMQ and PostgreSQL they use (the
 * test suites' variables), the CLI they start, their `--flag value` options, and the removal of a
 * deployment's broker topology afterwards.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import amqp from 'amqplib';

export const AMQP = process.env.GLOSSA_TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
export const PG = process.env.GLOSSA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const root = fileURLToPath(new URL('../..', import.meta.url));
export const bin = join(root, 'bin', 'glossa.js');
export const args = process.argv.slice(2);

/** The value after `name` on the command line, if any. */
export function argValue(name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Deletes a request queue with its dead-letter queue and exchange and its completion exchange. */
export async function deleteTopology(queue: string): Promise<void> {
  const conn = await amqp.connect(AMQP);
  try {
    const ch = await conn.createChannel();
    for (const q of [queue, `${queue}.dead`]) await ch.deleteQueue(q);
    for (const x of [`${queue}.dlx`, `${queue}.completed`]) await ch.deleteExchange(x);
  } finally {
    await conn.close();
  }
}
