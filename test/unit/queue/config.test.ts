import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelayMs, normalizeBrokerOptions } from '../../../src/queue/config.js';
import { GlossaError } from '../../../src/errors.js';

describe('normalizeBrokerOptions', () => {
  it('fills defaults and derives the topology names from the queue name', () => {
    const c = normalizeBrokerOptions({});
    assert.equal(c.queue, 'glossa.requests');
    assert.equal(c.deadLetterExchange, 'glossa.requests.dlx');
    assert.equal(c.deadLetterQueue, 'glossa.requests.dead');
    assert.equal(c.completedExchange, 'glossa.requests.completed');
    assert.equal(c.maxLength, 100_000);
    assert.equal(c.deliveryLimit, 5);
    assert.equal(c.messageTtlMs, undefined);
  });

  it('reports every bad value at once as a USAGE error', () => {
    assert.throws(
      () => normalizeBrokerOptions({ maxLength: 0, deliveryLimit: 1.5, messageTtlMs: -1, queue: 'amq.x' }),
      (e: unknown) => {
        assert.ok(e instanceof GlossaError);
        assert.equal(e.code, 'USAGE');
        for (const name of ['maxLength', 'deliveryLimit', 'messageTtlMs', "'amq.'"]) assert.ok(e.message.includes(name), name);
        return true;
      },
    );
  });

  it('rejects an empty or too long queue name', () => {
    assert.throws(() => normalizeBrokerOptions({ queue: '' }), /queue must be/);
    assert.throws(() => normalizeBrokerOptions({ queue: 'q'.repeat(241) }), /queue must be/);
    assert.equal(normalizeBrokerOptions({ queue: 'q'.repeat(240) }).queue.length, 240);
  });

  it('rejects a reconnect cap below the initial delay', () => {
    assert.throws(() => normalizeBrokerOptions({ reconnectInitialDelayMs: 500, reconnectMaxDelayMs: 100 }), /reconnectMaxDelayMs/);
  });
});

describe('backoffDelayMs', () => {
  const c = normalizeBrokerOptions({ reconnectInitialDelayMs: 100, reconnectMaxDelayMs: 1_000 });
  it('doubles per attempt without jitter at the midpoint, and caps', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6].map((a) => backoffDelayMs(a, c, () => 0.5)), [100, 200, 400, 800, 1000, 1000]);
  });
  it('jitters within ±20 % and never above the cap', () => {
    assert.equal(backoffDelayMs(2, c, () => 0), 160);
    assert.equal(backoffDelayMs(2, c, () => 1), 240);
    assert.equal(backoffDelayMs(10, c, () => 1), 1000);
  });
});
