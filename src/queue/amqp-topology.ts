/**
 * The RabbitMQ topology and what we read back from RabbitMQ's headers. Pure except
 * `declareTopology`, which declares everything idempotently (same arguments each time: RabbitMQ
 * refuses a re-declaration with different ones, PRECONDITION_FAILED).
 *
 *   publisher ──▶ (default exchange) ──▶ <queue>          quorum, durable, x-max-length +
 *                                          │ nack/limit    reject-publish, x-delivery-limit,
 *                                          ▼               [x-message-ttl]
 *                                  <queue>.dlx (fanout) ──▶ <queue>.dead   quorum, durable
 *   notifyCompleted ──▶ <queue>.completed (fanout) ──▶ one exclusive auto-delete queue per subscriber
 */
import type { Channel, Message } from 'amqplib';
import type { BrokerConfig } from './config.js';
import type { DeadLetter } from './types.js';
import { parseMessage } from './message.js';

export function requestQueueArguments(config: BrokerConfig): Record<string, unknown> {
  const args: Record<string, unknown> = {
    'x-queue-type': 'quorum',
    'x-max-length': config.maxLength,
    'x-overflow': 'reject-publish',
    'x-delivery-limit': config.deliveryLimit,
    'x-dead-letter-exchange': config.deadLetterExchange,
    // Quorum queues can keep a dead-lettered message until the dead queue confirms it, so a
    // poison message cannot vanish between the two queues (needs overflow=reject-publish).
    'x-dead-letter-strategy': 'at-least-once',
  };
  if (config.messageTtlMs !== undefined) args['x-message-ttl'] = config.messageTtlMs;
  return args;
}

export async function declareTopology(ch: Channel, config: BrokerConfig): Promise<void> {
  await ch.assertExchange(config.deadLetterExchange, 'fanout', { durable: true });
  await ch.assertQueue(config.deadLetterQueue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  await ch.bindQueue(config.deadLetterQueue, config.deadLetterExchange, '');
  await ch.assertQueue(config.queue, { durable: true, arguments: requestQueueArguments(config) });
  // Durable and never auto-deleted: publishing to a missing exchange would close the channel.
  await ch.assertExchange(config.completedExchange, 'fanout', { durable: true });
}

/** 0 on first delivery. Quorum queues send x-delivery-count from the first redelivery on. */
export function deliveryCountOf(msg: Message): number {
  const header: unknown = msg.properties.headers?.['x-delivery-count'];
  if (typeof header === 'number' && Number.isInteger(header) && header >= 0) return header;
  return msg.fields.redelivered ? 1 : 0;
}

export function messageIdOf(msg: Message): string | undefined {
  const id: unknown = msg.properties.messageId;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

/** What a message in the dead queue tells us: its id and RabbitMQ's reason (`delivery_limit`, `rejected`, `maxlen`, `expired`). */
export function deadLetterOf(msg: Message): DeadLetter {
  const headers = msg.properties.headers ?? {};
  let reason: unknown = headers['x-first-death-reason'];
  if (typeof reason !== 'string') {
    const deaths: unknown = headers['x-death'];
    const first: unknown = Array.isArray(deaths) ? deaths[0] : undefined;
    reason = typeof first === 'object' && first !== null ? (first as Record<string, unknown>).reason : undefined;
  }
  let id = messageIdOf(msg);
  if (id === undefined) {
    const parsed = parseMessage(msg.content);
    id = parsed.ok ? parsed.message.id : parsed.id;
  }
  return { id, reason: typeof reason === 'string' ? reason : 'unknown' };
}

/** The AMQP reply code of an amqplib error (406 PRECONDITION_FAILED, 404 NOT_FOUND, …), if any. */
export function replyCodeOf(e: unknown): number | undefined {
  const code: unknown = typeof e === 'object' && e !== null ? (e as Record<string, unknown>).code : undefined;
  return typeof code === 'number' ? code : undefined;
}
