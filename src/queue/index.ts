/**
 * Opens the broker named by a URL: `amqp://` / `amqps://` → RabbitMQ (amqp.ts); undefined or
 * `embedded` → the in-process broker (embedded.ts). Anything else is a usage error.
 */
import { GlossaError } from '../errors.js';
import { normalizeBrokerOptions } from './config.js';
import type { BrokerOptions } from './config.js';
import { EmbeddedBroker } from './embedded.js';
import { AmqpBroker } from './amqp.js';
import type { Broker } from './types.js';

export type * from './types.js';
export type { BrokerOptions, BrokerConfig, BrokerLogger } from './config.js';
export { normalizeBrokerOptions, silentLogger, DEFAULT_QUEUE } from './config.js';
export { EmbeddedBroker } from './embedded.js';
export { AmqpBroker } from './amqp.js';
export { encodeMessage, parseMessage, validateMessage } from './message.js';

/** Builds the broker for `url` without connecting (no I/O). Throws GlossaError('USAGE') on a bad URL or option. */
export function createBroker(url: string | undefined, options: BrokerOptions = {}): Broker {
  const kind = brokerKind(url);
  const config = normalizeBrokerOptions(options);
  if (kind === 'embedded') return new EmbeddedBroker(config);
  return new AmqpBroker(url as string, config);
}

/** Builds and connects the broker (`connect()` declares the topology). */
export async function openBroker(url: string | undefined, options: BrokerOptions = {}): Promise<Broker> {
  const broker = createBroker(url, options);
  await broker.connect();
  return broker;
}

function brokerKind(url: string | undefined): 'embedded' | 'amqp' {
  if (url === undefined || url === 'embedded') return 'embedded';
  if (/^amqps?:\/\//i.test(url)) {
    try {
      new URL(url);
    } catch {
      throw new GlossaError('USAGE', `broker URL is not a valid URL: ${redactUrl(url)}`);
    }
    return 'amqp';
  }
  throw new GlossaError('USAGE', `unsupported broker URL ${redactUrl(url)}: use amqp://…, amqps://… or 'embedded'`);
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
