import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AmqpBroker, EmbeddedBroker, createBroker, openBroker, redactUrl } from '../../../src/queue/index.js';
import { GlossaError } from '../../../src/errors.js';

const usage = (pattern: RegExp) => (e: unknown): boolean => e instanceof GlossaError && e.code === 'USAGE' && pattern.test(e.message);

describe('broker factory', () => {
  it('picks the broker from the URL without connecting', () => {
    assert.ok(createBroker(undefined) instanceof EmbeddedBroker);
    assert.ok(createBroker('embedded') instanceof EmbeddedBroker);
    assert.ok(createBroker('amqp://guest:guest@127.0.0.1:1') instanceof AmqpBroker);
    assert.ok(createBroker('AMQPS://host.example/vhost') instanceof AmqpBroker);
  });

  it('refuses other schemes as USAGE, without echoing the password', () => {
    assert.throws(() => createBroker('redis://u:secret@h:6379'), usage(/unsupported broker URL redis:\/\/u:\*\*\*@h:6379/));
    assert.throws(() => createBroker(''), usage(/unsupported broker URL/));
    assert.throws(() => createBroker('amqp://u:secret@[bad'), (e: unknown) => usage(/not a valid URL/)(e) && !String(e).includes('secret'));
  });

  it('validates options as USAGE before any I/O', () => {
    assert.throws(() => createBroker(undefined, { maxLength: -1 }), usage(/maxLength/));
  });

  it('openBroker connects the embedded broker', async () => {
    const b = await openBroker(undefined);
    assert.equal(b.isReady(), true);
    await b.close();
  });

  it('openBroker fails with BROKER_UNAVAILABLE when RabbitMQ does not answer', async () => {
    await assert.rejects(
      openBroker('amqp://guest:secret@127.0.0.1:1', { connectTimeoutMs: 300, reconnectInitialDelayMs: 50 }),
      (e: unknown) => e instanceof GlossaError && e.code === 'BROKER_UNAVAILABLE' && /guest:\*\*\*@/.test(e.message) && !e.message.includes('secret'),
    );
  });

  it('redacts passwords', () => {
    assert.equal(redactUrl('amqp://user:pw@host:5672/v'), 'amqp://user:***@host:5672/v');
    assert.equal(redactUrl('amqp://host'), 'amqp://host');
  });
});
