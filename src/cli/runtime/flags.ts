/** Flags shared by the service commands; each command picks the groups it needs. */
import { Option } from 'commander';
import type { Command } from 'commander';
import { GlossaError } from '../../errors.js';
import { CONSUMER_DEFAULTS } from '../config.js';

export function addConnectionFlags(cmd: Command): Command {
  return cmd
    .option('--broker <url>', 'RabbitMQ URL, amqp://user:pass@host:5672 (env GLOSSA_BROKER_URL)')
    .option('--db <url>', 'database URL, postgres://… or sqlite:PATH (env GLOSSA_DATABASE_URL)');
}

export function addHttpFlags(cmd: Command, defaultHost: string): Command {
  return cmd
    .option('--port <n>', 'HTTP port, 0 = any free port (env PORT; default 8080)')
    .option('--host <addr>', `address to listen on (env GLOSSA_HOST; default ${defaultHost})`);
}

export function addConsumerFlags(cmd: Command): Command {
  return cmd
    .option('--batch-size <n>', `micro-batch size B (env GLOSSA_BATCH_SIZE; default ${CONSUMER_DEFAULTS.batchSize})`)
    .option('--batch-wait-ms <ms>', `longest wait for a batch to fill (env GLOSSA_BATCH_WAIT_MS; default ${CONSUMER_DEFAULTS.batchWaitMs})`)
    .option('--prefetch <n>', `unacked deliveries per consumer (env GLOSSA_PREFETCH; default ${CONSUMER_DEFAULTS.prefetch})`);
}

export function addCommonFlags(cmd: Command): Command {
  return cmd
    .option('--model <dir>', 'model folder (env GLOSSA_MODEL_DIR; default: the shipped model)')
    .option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent (env GLOSSA_LOG_LEVEL; default info)')
    // Hidden: isolate deployments (and tests) sharing one RabbitMQ / PostgreSQL.
    .addOption(new Option('--queue-name <name>', 'request queue name (env GLOSSA_QUEUE_NAME)').hideHelp())
    .addOption(new Option('--db-schema <name>', 'PostgreSQL schema (env GLOSSA_DB_SCHEMA)').hideHelp())
    .addOption(new Option('--max-queue-length <n>', 'x-max-length of the request queue (env GLOSSA_QUEUE_MAX_LENGTH)').hideHelp());
}

/** Most threads `--threads` accepts (a batch's texts are shared out in chunks; more is no use). */
const MAX_THREADS = 64;

export function addThreadsFlag(cmd: Command): Command {
  return cmd.option('--threads <n>', 'threads that share out each batch of texts, this one included (default: the cores, at most 4)');
}

/** `--threads` as a number, or undefined for the default; a bad value is a usage error (exit 2). */
export function parseThreadsFlag(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_THREADS) {
    throw new GlossaError('USAGE', `--threads must be a whole number from 1 to ${MAX_THREADS}, got ${JSON.stringify(raw)}`);
  }
  return n;
}
