/**
 * The one config module of the service commands (`start`, `serve`, `worker`): command-line flags
 * and environment variables → one typed, validated `ServiceConfig`. Precedence: flag > env >
 * default. Every bad value is reported at once, in one `USAGE` error (exit 2). Secrets (URL
 * passwords, the admin token) are redacted by `redactConfig` before anything is logged.
 *
 * | setting            | flag               | env                      | default                      |
 * |--------------------|--------------------|--------------------------|------------------------------|
 * | HTTP port          | --port             | PORT                     | 8080                         |
 * | HTTP host          | --host             | GLOSSA_HOST              | 0.0.0.0 (start: 127.0.0.1)   |
 * | data folder        | --data             | GLOSSA_DATA_DIR          | ./data (start only)          |
 * | broker URL         | --broker           | GLOSSA_BROKER_URL        | start: embedded; else needed |
 * | database URL       | --db               | GLOSSA_DATABASE_URL      | start: sqlite:<data>/glossa.db; else needed |
 * | admin token        | —                  | GLOSSA_ADMIN_TOKEN       | none (admin routes → 401)    |
 * | consumer processes | --concurrency      | GLOSSA_CONCURRENCY       | worker: cores                |
 * | inference threads  | --threads          | GLOSSA_THREADS           | start: cores                 |
 * | batch size B       | --batch-size       | GLOSSA_BATCH_SIZE        | 64                           |
 * | batch wait T (ms)  | --batch-wait-ms    | GLOSSA_BATCH_WAIT_MS     | 2                            |
 * | prefetch           | --prefetch         | GLOSSA_PREFETCH          | 256                          |
 * | model folder       | --model            | GLOSSA_MODEL_DIR         | the shipped model            |
 * | log level          | --log-level        | GLOSSA_LOG_LEVEL         | info                         |
 * | queue name         | --queue-name (hidden)   | GLOSSA_QUEUE_NAME   | glossa.requests              |
 * | PostgreSQL schema  | --db-schema (hidden)    | GLOSSA_DB_SCHEMA    | public                       |
 * | queue max length   | --max-queue-length (hidden) | GLOSSA_QUEUE_MAX_LENGTH | 100 000              |
 * | delivery limit     | —                  | GLOSSA_DELIVERY_LIMIT    | 5                            |
 * | sweep grace (ms)   | —                  | GLOSSA_SWEEP_GRACE_MS    | 30 000                       |
 * | sweep interval (ms)| —                  | GLOSSA_SWEEP_INTERVAL_MS | 10 000                       |
 * | serial writes      | —                  | GLOSSA_SERIAL_WRITES=1   | off (insert ∥ publish)       |
 *
 * The hidden queue-name and schema settings let several deployments (or tests) share one RabbitMQ
 * and one PostgreSQL without seeing each other's messages and rows.
 */
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { GlossaError } from '../errors.js';

export type ServiceMode = 'start' | 'serve' | 'worker';

/** Raw flag values as commander hands them over (strings, or undefined when absent). */
export interface ServiceFlags {
  readonly port?: string;
  readonly host?: string;
  readonly data?: string;
  readonly broker?: string;
  readonly db?: string;
  readonly concurrency?: string;
  readonly threads?: string;
  readonly batchSize?: string;
  readonly batchWaitMs?: string;
  readonly prefetch?: string;
  readonly model?: string;
  readonly logLevel?: string;
  readonly queueName?: string;
  readonly dbSchema?: string;
  readonly maxQueueLength?: string;
}

export interface ServiceConfig {
  readonly mode: ServiceMode;
  readonly host: string;
  /** 0 = any free port. */
  readonly port: number;
  /** Absolute; `start` keeps its SQLite file here. */
  readonly dataDir: string;
  /** `embedded` or an amqp(s):// URL. */
  readonly brokerUrl: string;
  readonly databaseUrl: string;
  readonly dbSchema: string | undefined;
  readonly queueName: string | undefined;
  readonly maxQueueLength: number | undefined;
  readonly deliveryLimit: number | undefined;
  readonly adminToken: string | undefined;
  /** `worker`: consumer processes. */
  readonly concurrency: number;
  /** `start`: inference threads in the predictor pool. */
  readonly threads: number;
  readonly batchSize: number;
  readonly batchWaitMs: number;
  readonly prefetch: number;
  readonly modelDir: string | undefined;
  readonly logLevel: string;
  readonly sweepGraceMs: number;
  readonly sweepIntervalMs: number;
  /** API: insert, then publish (instead of both at once). See API_DEFAULTS.groupCommit. */
  readonly serialWrites: boolean;
}

/**
 * Measured on the 2-core loopback set-up (bench/results/pipeline.md): larger batches stop paying
 * off past ~64 (the database write of 64 rows costs about what predicting them does), and a 2 ms
 * wait fills batches under load while adding little latency when idle.
 */
export const CONSUMER_DEFAULTS = { batchSize: 64, batchWaitMs: 2, prefetch: 256 } as const;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
type Env = Readonly<Record<string, string | undefined>>;

export function loadServiceConfig(mode: ServiceMode, flags: ServiceFlags, env: Env, cwd: string = process.cwd()): ServiceConfig {
  const errors: string[] = [];
  const pick = (flag: string | undefined, envName: string | undefined): { value: string; source: string } | undefined => {
    if (flag !== undefined) return { value: flag, source: 'flag' };
    const e = envName === undefined ? undefined : env[envName];
    if (e !== undefined && e !== '') return { value: e, source: envName as string };
    return undefined;
  };
  const int = (label: string, flag: string | undefined, envName: string | undefined, def: number, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    const raw = pick(flag, envName);
    if (raw === undefined) return def;
    const n = /^\s*-?\d+\s*$/.test(raw.value) ? Number(raw.value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      const where = raw.source === 'flag' ? label : `${raw.source} (${label})`;
      errors.push(`${where} must be an integer from ${min} to ${max === Number.MAX_SAFE_INTEGER ? '∞' : max} (got '${raw.value}')`);
      return def;
    }
    return n;
  };
  const optInt = (label: string, flag: string | undefined, envName: string, min: number): number | undefined =>
    pick(flag, envName) === undefined ? undefined : int(label, flag, envName, 0, min);
  const str = (flag: string | undefined, envName: string | undefined): string | undefined => pick(flag, envName)?.value;

  const flag = (envName: string): boolean => {
    const raw = env[envName];
    if (raw === undefined || raw === '' || raw === '0' || raw === 'false') return false;
    if (raw === '1' || raw === 'true') return true;
    errors.push(`${envName} must be 1/true or 0/false (got '${raw}')`);
    return false;
  };

  const cores = availableParallelism();
  const dataDir = resolve(cwd, str(flags.data, 'GLOSSA_DATA_DIR') ?? 'data');
  const port = int('--port', flags.port, 'PORT', 8080, 0, 65535);
  const host = str(flags.host, 'GLOSSA_HOST') ?? (mode === 'start' ? '127.0.0.1' : '0.0.0.0');

  let brokerUrl = str(flags.broker, 'GLOSSA_BROKER_URL');
  let databaseUrl = str(flags.db, 'GLOSSA_DATABASE_URL');
  if (mode === 'start') {
    brokerUrl ??= 'embedded';
    databaseUrl ??= `sqlite:${join(dataDir, 'glossa.db')}`;
    if (brokerUrl !== 'embedded') errors.push(`'glossa start' runs its own embedded broker; use 'glossa serve' and 'glossa worker' for --broker ${redactUrl(brokerUrl)}`);
  } else {
    if (brokerUrl === undefined) errors.push(`--broker (or GLOSSA_BROKER_URL) is required, e.g. amqp://guest:guest@127.0.0.1:5672`);
    else if (!/^amqps?:\/\/[^/]/i.test(brokerUrl)) errors.push(`--broker must be an amqp:// or amqps:// URL (got '${redactUrl(brokerUrl)}'); the embedded broker only works inside 'glossa start'`);
    if (databaseUrl === undefined) errors.push(`--db (or GLOSSA_DATABASE_URL) is required, e.g. postgres://user@127.0.0.1:5432/glossa`);
  }
  if (databaseUrl !== undefined && databaseUrl.trim() === '') errors.push('--db must not be empty');

  const logLevel = str(flags.logLevel, 'GLOSSA_LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) errors.push(`--log-level must be one of ${LOG_LEVELS.join(', ')} (got '${logLevel}')`);
  const dbSchema = str(flags.dbSchema, 'GLOSSA_DB_SCHEMA');
  if (dbSchema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(dbSchema)) {
    errors.push(`--db-schema must be a lower-case SQL identifier (letters, digits, _; got '${dbSchema}')`);
  }
  const queueName = str(flags.queueName, 'GLOSSA_QUEUE_NAME');
  if (queueName !== undefined && (queueName.length === 0 || queueName.length > 200 || queueName.startsWith('amq.'))) {
    errors.push(`--queue-name must be 1…200 characters and not start with 'amq.' (got '${queueName}')`);
  }

  const config: ServiceConfig = {
    mode,
    host,
    port,
    dataDir,
    brokerUrl: brokerUrl ?? '',
    databaseUrl: databaseUrl ?? '',
    dbSchema,
    queueName,
    maxQueueLength: optInt('--max-queue-length', flags.maxQueueLength, 'GLOSSA_QUEUE_MAX_LENGTH', 1),
    deliveryLimit: optInt('GLOSSA_DELIVERY_LIMIT', undefined, 'GLOSSA_DELIVERY_LIMIT', 0),
    adminToken: str(undefined, 'GLOSSA_ADMIN_TOKEN'),
    concurrency: int('--concurrency', flags.concurrency, 'GLOSSA_CONCURRENCY', cores, 1, 256),
    threads: int('--threads', flags.threads, 'GLOSSA_THREADS', cores, 1, 256),
    batchSize: int('--batch-size', flags.batchSize, 'GLOSSA_BATCH_SIZE', CONSUMER_DEFAULTS.batchSize, 1, 10_000),
    batchWaitMs: int('--batch-wait-ms', flags.batchWaitMs, 'GLOSSA_BATCH_WAIT_MS', CONSUMER_DEFAULTS.batchWaitMs, 0, 60_000),
    prefetch: int('--prefetch', flags.prefetch, 'GLOSSA_PREFETCH', CONSUMER_DEFAULTS.prefetch, 1, 65_535),
    modelDir: str(flags.model, 'GLOSSA_MODEL_DIR'),
    logLevel,
    sweepGraceMs: int('GLOSSA_SWEEP_GRACE_MS', undefined, 'GLOSSA_SWEEP_GRACE_MS', 30_000, 0),
    sweepIntervalMs: int('GLOSSA_SWEEP_INTERVAL_MS', undefined, 'GLOSSA_SWEEP_INTERVAL_MS', 10_000, 100),
    serialWrites: flag('GLOSSA_SERIAL_WRITES'),
  };
  if (config.prefetch < config.batchSize) {
    errors.push(`--prefetch (${config.prefetch}) must be ≥ --batch-size (${config.batchSize}), or batches can never fill`);
  }
  if (errors.length > 0) {
    throw new GlossaError('USAGE', `invalid configuration: ${errors.join('; ')}`);
  }
  return config;
}

/** Replaces the password of any `scheme://user:password@host` with `***`. */
export function redactUrl(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*):[^@/\s]*@/gi, '$1:***@');
}

/** The config as it may be logged: URL passwords and the admin token replaced by `***`. */
export function redactConfig(config: ServiceConfig): Record<string, unknown> {
  return {
    ...config,
    brokerUrl: redactUrl(config.brokerUrl),
    databaseUrl: redactUrl(config.databaseUrl),
    adminToken: config.adminToken === undefined ? undefined : '***',
  };
}
