import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from 'amqplib';
import { deadLetterOf, deliveryCountOf, requestQueueArguments } from '../../../src/queue/amqp-topology.js';
import { normalizeBrokerOptions } from '../../../src/queue/config.js';

function msg(headers: Record<string, unknown> | undefined, opts: { messageId?: string; redelivered?: boolean; body?: string } = {}): Message {
  return {
    content: Buffer.from(opts.body ?? ''),
    fields: { deliveryTag: 1, redelivered: opts.redelivered ?? false, exchange: '', routingKey: 'q' },
    properties: { headers, messageId: opts.messageId },
  } as unknown as Message;
}

describe('RabbitMQ topology helpers', () => {
  it('declares a bounded quorum queue with a delivery limit and a dead-letter exchange', () => {
    const args = requestQueueArguments(normalizeBrokerOptions({ queue: 'q', maxLength: 7, deliveryLimit: 3 }));
    assert.deepEqual(args, {
      'x-queue-type': 'quorum', 'x-max-length': 7, 'x-overflow': 'reject-publish', 'x-delivery-limit': 3,
      'x-dead-letter-exchange': 'q.dlx', 'x-dead-letter-strategy': 'at-least-once',
    });
    assert.equal(requestQueueArguments(normalizeBrokerOptions({ messageTtlMs: 60_000 }))['x-message-ttl'], 60_000);
  });

  it('reads the delivery count from x-delivery-count, else from the redelivered flag', () => {
    assert.equal(deliveryCountOf(msg({ 'x-delivery-count': 3 })), 3);
    assert.equal(deliveryCountOf(msg(undefined)), 0);
    assert.equal(deliveryCountOf(msg({}, { redelivered: true })), 1);
    assert.equal(deliveryCountOf(msg({ 'x-delivery-count': 'junk' })), 0);
  });

  it('reads the dead-letter reason from x-first-death-reason, else from x-death', () => {
    assert.deepEqual(deadLetterOf(msg({ 'x-first-death-reason': 'delivery_limit' }, { messageId: 'a' })), { id: 'a', reason: 'delivery_limit' });
    assert.deepEqual(deadLetterOf(msg({ 'x-death': [{ reason: 'expired' }] }, { messageId: 'b' })), { id: 'b', reason: 'expired' });
    assert.deepEqual(deadLetterOf(msg(undefined, { body: '{"id":"c"}' })), { id: 'c', reason: 'unknown' });
    assert.deepEqual(deadLetterOf(msg({}, { body: 'not json' })), { id: undefined, reason: 'unknown' });
  });
});
