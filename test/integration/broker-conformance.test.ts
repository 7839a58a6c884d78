/**
 * The one Broker conformance suite: every implementation of src/queue/types.ts passes it.
 * RabbitMQ runs when the server answers (and must, under CI=true); the embedded broker always.
 * Each test uses its own queue names and removes them afterwards.
 */
import { describe, it, before, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import type { BrokerOptions } from '../../src/queue/config.js';
import type { Delivery, Outcome, RequestMessage, Subscription, DeadLetter } from '../../src/queue/types.js';
import { embeddedSubject, uniqueQueue, type BrokerSubject, type BrokerUnderTest } from './broker-subjects.js';
import { amqpSubject } from './broker-amqp-subject.js';

const subjects: BrokerSubject[] = [embeddedSubject, amqpSubject];

function messages(n: number, tag = 'm'): RequestMessage[] {
  const at = new Date().toISOString();
  return Array.from({ length: n }, (_, i) => ({ v: 1, id: `${tag}-${i}`, text: `text ${i} ✓`, enqueuedAt: at }));
}

/** Polls until `check` holds; fails with `what` after `timeoutMs` (a hang guard, not a timing assertion). */
async function waitFor(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const settleQuietly = (ms = 300): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Received {
  readonly delivery: Delivery;
  readonly settle: (o: Outcome) => void;
}

for (const subject of subjects) {
  describe(`Broker conformance: ${subject.name}`, () => {
    let run = false;
    const opened: BrokerUnderTest[] = [];
    const subscriptions: Subscription[] = [];

    before(async () => {
      run = await subject.available();
    });

    afterEach(async () => {
      for (const s of subscriptions.splice(0)) await s.cancel().catch(() => undefined);
      for (const b of opened.splice(0)) await b.cleanup();
    });

    async function open(tag: string, options: BrokerOptions = {}): Promise<BrokerUnderTest> {
      const b = await subject.open({ queue: uniqueQueue(tag), ...options });
      opened.push(b);
      return b;
    }

    async function collect(b: BrokerUnderTest, prefetch: number, decide?: (d: Delivery) => Outcome | undefined): Promise<Received[]> {
      const got: Received[] = [];
      subscriptions.push(await b.broker.consume((delivery, settle) => {
        got.push({ delivery, settle });
        const outcome = decide?.(delivery);
        if (outcome !== undefined) settle(outcome);
      }, { prefetch }));
      return got;
    }

    async function deadLetters(b: BrokerUnderTest): Promise<DeadLetter[]> {
      const got: DeadLetter[] = [];
      subscriptions.push(await b.broker.consumeDeadLetters(async (letter) => { got.push(letter); }));
      return got;
    }

    it('publishes, confirms and delivers a batch in order, then acks it away', async (t) => {
      if (!run) return t.skip('service unavailable');
      const b = await open('roundtrip');
      assert.equal(b.broker.isReady(), true);
      const sent = messages(50);
      const outcomes = await b.broker.publish(sent);
      assert.deepEqual(outcomes, sent.map(() => ({ ok: true })));
      const got = await collect(b, 100, () => 'ack');
      await waitFor('50 deliveries', () => got.length === 50);
      assert.deepEqual(got.map((r) => r.delivery.message), sent);
      assert.deepEqual(got.map((r) => r.delivery.id), sent.map((m) => m.id));
      assert.ok(got.every((r) => r.delivery.deliveryCount === 0 && r.delivery.invalidReason === undefined));
      await settleQuietly();
      const stats = await b.broker.stats();
      assert.equal(stats.depth, 0);
      assert.equal(stats.deadLettered, 0);
    });

    it('publishing an empty batch resolves with no outcomes', async (t) => {
      if (!run) return t.skip('service unavailable');
      const b = await open('empty');
      assert.deepEqual(await b.broker.publish([]), []);
    });

    it('respects prefetch: no more unsettled deliveries than allowed, one more per settle', async (t) => {
      if (!run) return t.skip('service unavailable');
      const b = await open('prefetch');
      await b.broker.publish(messages(20));
      const got = await collect(b, 5);
      await waitFor('5 deliveries', () => got.length === 5);
      await settleQuietly();
      assert.equal(got.length, 5, 'a consumer with prefetch 5 holds at most 5 unsettled deliveries');
      assert.equal((await b.broker.stats()).depth, 15);
      got[0]?.settle('ack');
      got[1]?.settle('ack');
      await waitFor('2 more deliveries', () => got.length === 7);
      await settleQuietly();
      assert.equal(got.length, 7);
      for (const r of got.slice(2)) r.settle('ack');
    });

    it('cancel stops new deliveries; deliveries already handed out can still be settled', async (t) => {
      if (!run) return t.skip('service unavailable');
      const b = await open('cancel');
      await b.broker.publish(messages(5));
      const held: Received[] = [];
      const sub = await b.broker.consume((delivery, settle) => { held.push({ delivery, settle }); }, { prefetch: 2 });
      await waitFor('2 held', () => held.length === 2);
      await sub.cancel();
      for (const r of held) r.settle('ack');
      const after = await waitStats(b, (s) => s.consumers === 0 && s.depth === 3);
      assert.deepEqual(after, { depth: 3, consumers: 0, deadLettered: 0 });
      assert.equal(held.length, 2, 'no delivery after cancel');
      const rest = await collect(b, 10, () => 'ack');
      await waitFor('the other 3', () => rest.length === 3);
      assert.deepEqual(rest.map((r) => r.delivery.id), ['m-2', 'm-3', 'm-4'], 'the settled ones are gone, not redelivered');
    });

    it('retry redelivers the message with deliveryCount incremented', async (t) => {
      if (!run) return t.skip('service unavailable');
      const b = await open('retry');
      const [m] = messages(1);
      await b.broker.publish([m!]);
      const got = await collect(b, 10, (d) => (d.deliveryCount === 0 ? 'retry' : 'ack'));
      await waitFor('redelivery', () => got.length === 2);
      assert.deepEqual(got.map((r) => r.delivery.deliveryCount), [0, 1]);
      assert.deepEqual(got[1]?.delivery.message, m);
      await settleQuietly();
      assert.equal(got.length, 2, 'acked after the retry: not delivered again');
    });

    it('dead-letters a message that exceeds the delivery limit, with the reason', async (t) => {
      if (!run) return t.skip('service unavailable');
      const b = await open('limit', { deliveryLimit: 2 });
      await b.broker.publish(messages(1, 'poison'));
      const dead = await deadLetters(b);
      const got = await collect(b, 10, () => 'retry');
      await waitFor('dead letter', () => dead.length === 1);
      assert.deepEqual(dead, [{ id: 'poison-0', reason: 'delivery_limit' }]);
      assert.deepEqual(got.map((r) => r.delivery.deliveryCount), [0, 1, 2], 'delivered deliveryLimit + 1 times');
    });

    it('hands an invalid body over as message null with a reason; deadLetter routes it to the dead letters', async (t) => {
      if (!run) return t.skip('service unavailable');
      const b = await open('invalid');
      await b.publishRaw('{"v":1,"id":"raw-1",', 'raw-1');
      await b.publishRaw(JSON.stringify({ v: 2, id: 'raw-2', text: 'x', enqueuedAt: new Date().toISOString() }));
      await b.publishRaw(JSON.stringify({ v: 1, id: 'raw-3' }));
      const got = await collect(b, 10, (d) => (d.message === null ? 'deadLetter' : 'ack'));
      const dead = await deadLetters(b);
      await waitFor('3 dead letters', () => dead.length === 3);
      assert.deepEqual(got.map((r) => [r.delivery.message, r.delivery.id]), [[null, 'raw-1'], [null, 'raw-2'], [null, 'raw-3']]);
      assert.match(got[0]?.delivery.invalidReason ?? '', /not valid JSON/);
      assert.match(got[1]?.delivery.invalidReason ?? '', /version/);
      assert.match(got[2]?.delivery.invalidReason ?? '', /text must be a string/);
      assert.deepEqual(
        dead.map((d) => [d.id, d.reason]).sort(),
        [['raw-1', 'rejected'], ['raw-2', 'rejected'], ['raw-3', 'rejected']],
      );
    });

    it('dead-letters messages nobody consumed within messageTtlMs as expired', async (t) => {
      if (!run) return t.skip('service unavailable');
      const b = await open('ttl', { messageTtlMs: 100 });
      await b.broker.publish(messages(2, 'old'));
      const dead = await deadLetters(b);
      await waitFor('2 expired dead letters', () => dead.length === 2);
      assert.deepEqual(dead.map((d) => [d.id, d.reason]).sort(), [['old-0', 'expired'], ['old-1', 'expired']]);
      assert.equal((await b.broker.stats()).depth, 0);
    });

    it('refuses publishes with queue_full once the queue is over max-length', async (t) => {
      if (!run) return t.skip('service unavailable');
      const b = await open('full', { maxLength: 5 });
      // RabbitMQ quorum queues apply the limit after the batch in flight; later publishes are refused.
      const first = await b.broker.publish(messages(10, 'a'));
      assert.equal(first.length, 10);
      const accepted = first.filter((o) => o.ok).length;
      assert.ok(accepted >= 5, `at least maxLength accepted (got ${accepted})`);
      const later: boolean[] = [];
      for (const m of messages(3, 'b')) {
        const [o] = await b.broker.publish([m]);
        assert.ok(o && !o.ok, 'refused');
        assert.equal(o.reason, 'queue_full');
        assert.ok(o.message.length > 0);
        later.push(o.ok);
      }
      assert.equal((await b.broker.stats()).depth, accepted);
      // Exactly the messages reported ok are in the queue, in order.
      const got = await collect(b, 20, () => 'ack');
      await waitFor('accepted deliveries', () => got.length === accepted);
      const okIds = messages(10, 'a').filter((_, i) => first[i]?.ok).map((m) => m.id);
      assert.deepEqual(got.map((r) => r.delivery.id), okIds);
      assert.deepEqual(later, [false, false, false]);
    });

    it('fans completion notices out to every subscriber; a cancelled one stops receiving', async (t) => {
      if (!run) return t.skip('service unavailable');
      const b = await open('notify');
      const one: string[][] = [];
      const two: string[][] = [];
      const s1 = await b.broker.onCompleted((ids) => { one.push([...ids]); });
      subscriptions.push(s1, await b.broker.onCompleted((ids) => { two.push([...ids]); }));
      await b.broker.notifyCompleted(['p1', 'p2']);
      await waitFor('both subscribers', () => one.length === 1 && two.length === 1);
      assert.deepEqual(one, [['p1', 'p2']]);
      assert.deepEqual(two, [['p1', 'p2']]);
      await s1.cancel();
      await b.broker.notifyCompleted(['p3']);
      await waitFor('remaining subscriber', () => two.length === 2);
      await settleQuietly(100);
      assert.deepEqual(two[1], ['p3']);
      assert.equal(one.length, 1);
    });

    it('reports depth, consumers and dead-lettered counts', async (t) => {
      if (!run) return t.skip('service unavailable');
      const b = await open('stats');
      assert.deepEqual(await b.broker.stats(), { depth: 0, consumers: 0, deadLettered: 0 });
      await b.broker.publish(messages(4));
      assert.equal((await b.broker.stats()).depth, 4);
      let first = true;
      await collect(b, 1, () => {
        if (!first) return undefined;
        first = false;
        return 'deadLetter';
      });
      await collect(b, 1);
      const stats = await waitStats(b, (s) => s.deadLettered === 1 && s.depth === 1);
      assert.deepEqual(stats, { depth: 1, consumers: 2, deadLettered: 1 });
    });

    it('after close: not ready, publishes are refused as unavailable', async (t) => {
      if (!run) return t.skip('service unavailable');
      const b = await open('closed');
      await b.broker.close();
      assert.equal(b.broker.isReady(), false);
      const outcomes = await b.broker.publish(messages(2));
      assert.deepEqual(outcomes.map((o) => (o.ok ? 'ok' : o.reason)), ['unavailable', 'unavailable']);
    });
  });
}

async function waitStats(b: BrokerUnderTest, check: (s: Awaited<ReturnType<BrokerUnderTest['broker']['stats']>>) => boolean) {
  let last = await b.broker.stats();
  const deadline = Date.now() + 10_000;
  while (!check(last) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    last = await b.broker.stats();
  }
  return last;
}
