/** Embedded-broker behaviour beyond the shared conformance suite (which it also passes). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EmbeddedBroker } from '../../../src/queue/embedded.js';
import { normalizeBrokerOptions, type BrokerOptions } from '../../../src/queue/config.js';
import type { RequestMessage } from '../../../src/queue/types.js';

async function open(options: BrokerOptions = {}): Promise<EmbeddedBroker> {
  const b = new EmbeddedBroker(normalizeBrokerOptions(options));
  await b.connect();
  return b;
}

function messages(n: number): RequestMessage[] {
  return Array.from({ length: n }, (_, i) => ({ v: 1, id: `m${i}`, text: 'x', enqueuedAt: '2026-01-01T00:00:00Z' }));
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setImmediate(r));
  assert.ok(check(), 'condition not reached');
}

describe('EmbeddedBroker', () => {
  it('refuses publishes before connect as unavailable', async () => {
    const b = new EmbeddedBroker(normalizeBrokerOptions({}));
    const [o] = await b.publish(messages(1));
    assert.equal(o?.ok, false);
    assert.equal(b.isReady(), false);
  });

  it('shares the queue between consumers round-robin', async () => {
    const b = await open();
    const a: string[] = [];
    const c: string[] = [];
    await b.consume((d, settle) => { a.push(d.id!); settle('ack'); }, { prefetch: 1 });
    await b.consume((d, settle) => { c.push(d.id!); settle('ack'); }, { prefetch: 1 });
    await b.publish(messages(10));
    await until(() => a.length + c.length === 10);
    assert.ok(a.length >= 4 && c.length >= 4, `both consumers got work (${a.length}/${c.length})`);
    await b.close();
  });

  it('treats a throwing handler as retry and ignores a second settle', async () => {
    const b = await open();
    const counts: number[] = [];
    await b.consume((d, settle) => {
      counts.push(d.deliveryCount);
      if (d.deliveryCount === 0) throw new Error('handler bug');
      settle('ack');
      settle('retry');
    }, { prefetch: 5 });
    await b.publish(messages(1));
    await until(() => counts.length === 2);
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(counts, [0, 1]);
    assert.equal((await b.stats()).depth, 0);
    await b.close();
  });

  it('rejects a bad prefetch', async () => {
    const b = await open();
    await assert.rejects(b.consume(() => undefined, { prefetch: 0 }), RangeError);
    await b.close();
  });

  it('offers a dead letter again when its handler fails', async () => {
    const b = await open({ deliveryLimit: 0 });
    let calls = 0;
    await b.consumeDeadLetters(async () => {
      calls++;
      if (calls === 1) throw new Error('store down');
    });
    await b.consume((_d, settle) => settle('retry'), { prefetch: 1 });
    await b.publish(messages(1));
    const deadline = Date.now() + 5_000;
    while (calls < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(calls, 2);
    assert.equal((await b.stats()).deadLettered, 0);
    await b.close();
  });

  it('keeps delivering to other completion listeners when one throws', async () => {
    const b = await open();
    const got: string[][] = [];
    await b.onCompleted(() => { throw new Error('listener bug'); });
    await b.onCompleted((ids) => got.push([...ids]));
    await b.notifyCompleted(['x']);
    await until(() => got.length === 1);
    assert.deepEqual(got, [['x']]);
    await b.close();
  });

  it('moves 100 000 messages through one consumer without loss or duplicates', async () => {
    const b = await open({ maxLength: 200_000 });
    const seen = new Set<string>();
    let deliveries = 0;
    await b.consume((d, settle) => { deliveries++; seen.add(d.id!); settle('ack'); }, { prefetch: 500 });
    const all = Array.from({ length: 100_000 }, (_, i) => ({ v: 1 as const, id: `n${i}`, text: 't', enqueuedAt: '2026-01-01T00:00:00Z' }));
    const outcomes = await b.publish(all);
    assert.ok(outcomes.every((o) => o.ok));
    const deadline = Date.now() + 20_000;
    while (deliveries < 100_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    assert.equal(deliveries, 100_000);
    assert.equal(seen.size, 100_000);
    await b.close();
  });
});
