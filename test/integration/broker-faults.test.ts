/**
 * RabbitMQ fault tests: connections cut in the middle of a publish stream, a broker that is
 * unreachable for a while (shorter and longer than the publish timeout), and a connection closed
 * by the server itself (`rabbitmqctl close_connection`, only ours, by its connection name).
 * Faults go through a TCP proxy (broker-proxy.ts), so the shared broker is never restarted.
 * The guarantee under test: every publish reported ok is consumed at least once (no loss);
 * duplicates are allowed (at-least-once) and reported as diagnostics.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { AmqpBroker } from '../../src/queue/amqp.js';
import { normalizeBrokerOptions, type BrokerConfig, type BrokerOptions } from '../../src/queue/config.js';
import type { RequestMessage } from '../../src/queue/types.js';
import { amqpUrl, serviceAvailable } from '../helpers/services.js';
import { deleteTopology } from './broker-amqp-subject.js';
import { FaultProxy, viaPort } from './broker-proxy.js';
import { uniqueQueue } from './broker-subjects.js';

const run = promisify(execFile);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

function batch(tag: string, n: number): RequestMessage[] {
  const at = new Date().toISOString();
  return Array.from({ length: n }, (_, i) => ({ v: 1, id: `${tag}-${i}`, text: `t${i}`, enqueuedAt: at }));
}

describe('RabbitMQ broker under faults', () => {
  let available = false;
  let proxy: FaultProxy;
  let proxiedUrl = '';
  const brokers: AmqpBroker[] = [];
  const configs: BrokerConfig[] = [];

  before(async () => {
    available = await serviceAvailable('rabbitmq');
    if (!available) return;
    const u = new URL(amqpUrl);
    proxy = new FaultProxy({ host: u.hostname, port: Number(u.port || 5672) });
    proxiedUrl = viaPort(amqpUrl, await proxy.start());
  });

  after(async () => {
    for (const b of brokers) await b.close();
    for (const c of new Map(configs.map((c) => [c.queue, c])).values()) await deleteTopology(c).catch(() => undefined);
    if (available) await proxy.stop();
  });

  async function open(url: string, options: BrokerOptions): Promise<AmqpBroker> {
    const config = normalizeBrokerOptions({ reconnectInitialDelayMs: 20, reconnectMaxDelayMs: 200, ...options });
    const b = new AmqpBroker(url, config);
    brokers.push(b);
    configs.push(config);
    await b.connect();
    return b;
  }

  /** A consumer that acks everything and counts deliveries per id. */
  async function countingConsumer(b: AmqpBroker): Promise<Map<string, number>> {
    const seen = new Map<string, number>();
    await b.consume((d, settle) => {
      if (d.id !== undefined) seen.set(d.id, (seen.get(d.id) ?? 0) + 1);
      settle('ack');
    }, { prefetch: 200 });
    return seen;
  }

  it('connections cut during a publish stream: reconnects, republishes, loses nothing that was confirmed', async (t) => {
    if (!available) return t.skip('rabbitmq unavailable');
    const queue = uniqueQueue('fault-stream');
    const producer = await open(proxiedUrl, { queue, publishTimeoutMs: 30_000 });
    const consumer = await open(proxiedUrl, { queue, publishTimeoutMs: 30_000 });
    const seen = await countingConsumer(consumer);
    const before = proxy.connections;

    const ok: string[] = [];
    const refused: string[] = [];
    let cuts = 0;
    const lanes = [0, 1, 2, 3].map(async (lane) => {
      for (let i = 0; i < 10; i++) {
        const messages = batch(`l${lane}b${i}`, 50);
        const pending = producer.publish(messages);
        // Cut while this batch waits for its confirms, so some are certainly unconfirmed.
        if (lane === 0 && i % 3 === 1) {
          proxy.cutAll();
          cuts++;
        }
        const outcomes = await pending;
        outcomes.forEach((o, k) => (o.ok ? ok : refused).push(messages[k]!.id));
      }
    });
    await Promise.all(lanes);

    assert.equal(cuts, 3);
    assert.ok(proxy.connections - before >= 2 * cuts, `both brokers reconnected after each cut (${proxy.connections - before} connections)`);
    assert.deepEqual(refused, [], 'the broker was back within the publish timeout: every publish confirmed');
    assert.equal(ok.length, 2000);
    await waitFor('every confirmed message consumed', () => ok.every((id) => seen.has(id)));
    assert.equal(producer.isReady(), true);
    const duplicates = [...seen.values()].filter((n) => n > 1).length;
    t.diagnostic(`confirmed ${ok.length}, consumed ${seen.size} distinct, ${duplicates} delivered more than once`);
    assert.ok([...seen.keys()].every((id) => ok.includes(id)), 'nothing consumed that was not published');
  });

  it('broker unreachable for less than the publish timeout: publishes wait, then are confirmed', async (t) => {
    if (!available) return t.skip('rabbitmq unavailable');
    const queue = uniqueQueue('fault-outage');
    const producer = await open(proxiedUrl, { queue, publishTimeoutMs: 20_000 });
    proxy.setAccepting(false);
    proxy.cutAll();
    try {
      await waitFor('disconnect noticed', () => !producer.isReady(), 5_000);
      let resolved = false;
      const pending = producer.publish(batch('outage', 20)).finally(() => { resolved = true; });
      await sleep(500);
      assert.equal(resolved, false, 'no outcome before a confirm or the timeout');
      proxy.setAccepting(true);
      const outcomes = await pending;
      assert.deepEqual(outcomes.map((o) => o.ok), Array(20).fill(true));
    } finally {
      proxy.setAccepting(true);
    }
    const consumer = await open(amqpUrl, { queue });
    const seen = await countingConsumer(consumer);
    await waitFor('20 consumed', () => seen.size === 20);
  });

  it('broker unreachable for longer than the publish timeout: unavailable, never ok; recovers afterwards', async (t) => {
    if (!available) return t.skip('rabbitmq unavailable');
    const queue = uniqueQueue('fault-timeout');
    const producer = await open(proxiedUrl, { queue, publishTimeoutMs: 300 });
    proxy.setAccepting(false);
    proxy.cutAll();
    try {
      await waitFor('disconnect noticed', () => !producer.isReady(), 5_000);
      const outcomes = await producer.publish(batch('late', 10));
      assert.deepEqual(outcomes.map((o) => (o.ok ? 'ok' : o.reason)), Array(10).fill('unavailable'));
    } finally {
      proxy.setAccepting(true);
    }
    await waitFor('reconnected', () => producer.isReady(), 10_000);
    const outcomes = await producer.publish(batch('after', 5));
    assert.deepEqual(outcomes.map((o) => o.ok), Array(5).fill(true));
  });

  it('a connection closed by RabbitMQ itself (close_connection): consumer re-attaches, unacked work is redelivered', async (t) => {
    if (!available) return t.skip('rabbitmq unavailable');
    const hasCtl = await run('rabbitmqctl', ['help'], { timeout: 30_000 }).then(() => true, () => false);
    if (!hasCtl) return t.skip('rabbitmqctl is not on PATH (the broker runs elsewhere)');
    const queue = uniqueQueue('fault-server-close');
    const connectionName = `glossa-test-${queue}`;
    const producer = await open(amqpUrl, { queue });
    const consumer = await open(amqpUrl, { queue, connectionName });
    assert.deepEqual((await producer.publish(batch('srv', 30))).map((o) => o.ok), Array(30).fill(true));
    // Hold every delivery unsettled until the server closes the connection.
    const held: string[] = [];
    const acked = new Set<string>();
    let holding = true;
    await consumer.consume((d, settle) => {
      if (holding) held.push(d.id ?? '?');
      else {
        acked.add(d.id ?? '?');
        settle('ack');
      }
    }, { prefetch: 10 });
    await waitFor('10 held', () => held.length === 10);

    // The table output prints pids in the form close_connection accepts (the JSON form it rejects).
    const { stdout } = await run('rabbitmqctl', ['list_connections', 'pid', 'client_properties', '-q', '--no-table-headers'], { timeout: 60_000 });
    const mine = stdout.split('\n').filter((line) => line.includes(`"${connectionName}"`)).map((line) => line.split('\t')[0]!);
    assert.equal(mine.length, 1, `found our consumer connection in:\n${stdout}`);
    holding = false;
    await run('rabbitmqctl', ['close_connection', mine[0]!, 'glossa fault test'], { timeout: 60_000 });

    await waitFor('all 30 acked after the reconnect', () => acked.size === 30, 60_000);
    assert.equal(consumer.isReady(), true);
    assert.ok(held.every((id) => acked.has(id)), 'the held (unacked) deliveries came back');
  });
});
