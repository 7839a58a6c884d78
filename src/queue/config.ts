/**
 * Every broker option, normalised in one place with its unit and default. Both brokers take a
 * `BrokerConfig`; callers pass the looser `BrokerOptions` to `normalizeBrokerOptions` (or to
 * `openBroker`), which reports all bad values at once as one `USAGE` error.
 */
import { GlossaError } from '../errors.js';

/** A pino-compatible logger (`pino()` satisfies it); the brokers log reconnects and drops here. */
export interface BrokerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export const silentLogger: BrokerLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
};

export interface BrokerOptions {
  /** Request queue name. Default `glossa.requests`. The DLX is `<queue>.dlx`, the dead queue `<queue>.dead`. */
  readonly queue?: string;
  /** x-max-length of the request queue (messages), with overflow=reject-publish. Default 100 000. */
  readonly maxLength?: number;
  /** x-message-ttl (ms): a request older than this is dead-lettered as `expired`. Default: none. */
  readonly messageTtlMs?: number;
  /** x-delivery-limit: returns (retries) allowed before RabbitMQ dead-letters a message. Default 5. */
  readonly deliveryLimit?: number;
  /** Prefetch of the dead-letter consumer (the request consumer passes its own). Default 50. */
  readonly deadLetterPrefetch?: number;
  /** First reconnect delay (ms); doubles per failed attempt, jittered ±20 %. Default 100. */
  readonly reconnectInitialDelayMs?: number;
  /** Cap of the reconnect delay (ms). Default 5 000. */
  readonly reconnectMaxDelayMs?: number;
  /**
   * How long (ms) a publish waits for a confirm across reconnects before it is reported
   * `unavailable`. Messages in flight when a connection drops are republished after reconnect
   * within this window. Default 10 000.
   */
  readonly publishTimeoutMs?: number;
  /** Timeout (ms) of the first `connect()` (all attempts together). Default 10 000. */
  readonly connectTimeoutMs?: number;
  /** AMQP heartbeat (s). Default 10. */
  readonly heartbeatSec?: number;
  /** Shown by RabbitMQ (`rabbitmqctl list_connections client_properties`, management UI). Default `glossa`. */
  readonly connectionName?: string;
  readonly logger?: BrokerLogger;
}

export interface BrokerConfig {
  readonly queue: string;
  readonly deadLetterExchange: string;
  readonly deadLetterQueue: string;
  readonly completedExchange: string;
  readonly maxLength: number;
  readonly messageTtlMs: number | undefined;
  readonly deliveryLimit: number;
  readonly deadLetterPrefetch: number;
  readonly reconnectInitialDelayMs: number;
  readonly reconnectMaxDelayMs: number;
  readonly publishTimeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly heartbeatSec: number;
  readonly connectionName: string;
  readonly logger: BrokerLogger;
}

export const DEFAULT_QUEUE = 'glossa.requests';

// AMQP short strings are ≤ 255 bytes; the longest derived name adds '.completed' (10 bytes).
const MAX_QUEUE_NAME_BYTES = 240;

/** Normalises options; throws one GlossaError('USAGE') listing every bad value. */
export function normalizeBrokerOptions(options: BrokerOptions = {}): BrokerConfig {
  const errors: string[] = [];
  const int = (name: keyof BrokerOptions, value: number | undefined, def: number, min: number): number => {
    if (value === undefined) return def;
    if (!Number.isInteger(value) || value < min) {
      errors.push(`${name} must be an integer ≥ ${min} (got ${String(value)})`);
      return def;
    }
    return value;
  };
  const queue = options.queue ?? DEFAULT_QUEUE;
  if (queue.length === 0 || Buffer.byteLength(queue) > MAX_QUEUE_NAME_BYTES) {
    errors.push(`queue must be 1…${MAX_QUEUE_NAME_BYTES} bytes (got ${Buffer.byteLength(queue)})`);
  } else if (queue.startsWith('amq.')) {
    errors.push(`queue must not start with the reserved prefix 'amq.' (got '${queue}')`);
  }
  const config: BrokerConfig = {
    queue,
    deadLetterExchange: `${queue}.dlx`,
    deadLetterQueue: `${queue}.dead`,
    completedExchange: `${queue}.completed`,
    maxLength: int('maxLength', options.maxLength, 100_000, 1),
    messageTtlMs: options.messageTtlMs === undefined ? undefined : int('messageTtlMs', options.messageTtlMs, 0, 1),
    deliveryLimit: int('deliveryLimit', options.deliveryLimit, 5, 0),
    deadLetterPrefetch: int('deadLetterPrefetch', options.deadLetterPrefetch, 50, 1),
    reconnectInitialDelayMs: int('reconnectInitialDelayMs', options.reconnectInitialDelayMs, 100, 1),
    reconnectMaxDelayMs: int('reconnectMaxDelayMs', options.reconnectMaxDelayMs, 5_000, 1),
    publishTimeoutMs: int('publishTimeoutMs', options.publishTimeoutMs, 10_000, 1),
    connectTimeoutMs: int('connectTimeoutMs', options.connectTimeoutMs, 10_000, 1),
    heartbeatSec: int('heartbeatSec', options.heartbeatSec, 10, 0),
    connectionName: options.connectionName ?? 'glossa',
    logger: options.logger ?? silentLogger,
  };
  if (config.reconnectMaxDelayMs < config.reconnectInitialDelayMs) {
    errors.push('reconnectMaxDelayMs must be ≥ reconnectInitialDelayMs');
  }
  if (errors.length > 0) throw new GlossaError('USAGE', `invalid broker options: ${errors.join('; ')}`);
  return config;
}

/**
 * Exponential backoff with ±20 % jitter, capped: attempt 1 → ~initial, 2 → ~2×initial, …
 * e.g. initial 100, max 5 000: 100, 200, 400, 800, 1 600, 3 200, 5 000, 5 000…
 */
export function backoffDelayMs(attempt: number, config: BrokerConfig, random: () => number = Math.random): number {
  const base = Math.min(config.reconnectMaxDelayMs, config.reconnectInitialDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = base * (0.8 + 0.4 * random());
  return Math.round(Math.min(config.reconnectMaxDelayMs, jittered));
}
