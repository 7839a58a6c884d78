/** ConfirmPublisher against a fake confirm channel: confirms, nacks, channel loss, timeout. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { ConfirmChannel } from 'amqplib';
import { ConfirmPublisher } from '../../../src/queue/amqp-publisher.js';
import { normalizeBrokerOptions } from '../../../src/queue/config.js';
import type { RequestMessage } from '../../../src/queue/types.js';

type Callback = (err: unknown) => void;

/** Records sends; the test decides when and how each is confirmed. */
class FakeChannel extends EventEmitter {
  sent: { id: string; cb: Callback }[] = [];
  closed = false;
  sendToQueue(_q: string, _body: Buffer, opts: { messageId: string }, cb: Callback): boolean {
    if (this.closed) {
      const e = new Error('Channel closed');
      e.name = 'IllegalOperationError';
      throw e;
    }
    this.sent.push({ id: opts.messageId, cb });
    return true;
  }
  ack(i: number): void { this.sent[i]!.cb(null); }
  nack(i: number): void { this.sent[i]!.cb(new Error('message nacked')); }
  close(): void {
    this.closed = true;
    for (const s of this.sent) s.cb(new Error('channel closed'));
  }
}

const asChannel = (f: FakeChannel): ConfirmChannel => f as unknown as ConfirmChannel;
const msgs = (n: number): RequestMessage[] => Array.from({ length: n }, (_, i) => ({ v: 1, id: `p${i}`, text: 't', enqueuedAt: '2026-01-01T00:00:00Z' }));
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('ConfirmPublisher', () => {
  it('resolves each message from its own confirm: ack → ok, nack → queue_full, in input order', async () => {
    const p = new ConfirmPublisher(normalizeBrokerOptions({}));
    const ch = new FakeChannel();
    p.attach(asChannel(ch));
    const out = p.publish(msgs(3));
    ch.nack(1);
    ch.ack(2);
    ch.ack(0);
    const outcomes = await out;
    assert.deepEqual(outcomes.map((o) => (o.ok ? 'ok' : o.reason)), ['ok', 'queue_full', 'ok']);
    assert.equal(p.inFlight, 0);
  });

  it('re-sends on the next channel what the lost channel never confirmed, and only that', async () => {
    const p = new ConfirmPublisher(normalizeBrokerOptions({}));
    const first = new FakeChannel();
    p.attach(asChannel(first));
    const out = p.publish(msgs(3));
    first.ack(0);
    first.close();
    p.detach();
    let settled = false;
    void out.then(() => { settled = true; });
    await tick();
    assert.equal(settled, false, 'no outcome for unconfirmed messages while disconnected');
    const second = new FakeChannel();
    p.attach(asChannel(second));
    assert.deepEqual(second.sent.map((s) => s.id), ['p1', 'p2']);
    second.ack(0);
    second.ack(1);
    assert.deepEqual((await out).map((o) => o.ok), [true, true, true]);
  });

  it('queues publishes made while disconnected and sends them on attach', async () => {
    const p = new ConfirmPublisher(normalizeBrokerOptions({}));
    const out = p.publish(msgs(2));
    const ch = new FakeChannel();
    p.attach(asChannel(ch));
    assert.equal(ch.sent.length, 2);
    ch.ack(0);
    ch.ack(1);
    assert.deepEqual((await out).map((o) => o.ok), [true, true]);
  });

  it('reports unavailable after publishTimeoutMs without a confirm, and ignores a late confirm', async () => {
    const p = new ConfirmPublisher(normalizeBrokerOptions({ publishTimeoutMs: 30 }));
    const ch = new FakeChannel();
    p.attach(asChannel(ch));
    const outcomes = await p.publish(msgs(2));
    assert.deepEqual(outcomes.map((o) => (o.ok ? 'ok' : o.reason)), ['unavailable', 'unavailable']);
    ch.ack(0); // late: must not throw or change anything
    assert.equal(p.inFlight, 0);
  });

  it('reports a message returned as unroutable as unavailable even though it was acked', async () => {
    const p = new ConfirmPublisher(normalizeBrokerOptions({}));
    const ch = new FakeChannel();
    p.attach(asChannel(ch));
    const out = p.publish(msgs(1));
    ch.emit('return', { properties: { messageId: 'p0' }, fields: {}, content: Buffer.alloc(0) });
    ch.ack(0);
    const [o] = await out;
    assert.ok(o && !o.ok && o.reason === 'unavailable' && /does not exist/.test(o.message));
  });

  it('failAll settles everything pending as unavailable', async () => {
    const p = new ConfirmPublisher(normalizeBrokerOptions({}));
    const out = p.publish(msgs(2));
    p.failAll('closing');
    assert.deepEqual((await out).map((o) => (o.ok ? 'ok' : o.message)), ['closing', 'closing']);
  });
});
