/**
 * SERIAL-ONLY, OPT-IN: restarts the real RabbitMQ application (`rabbitmqctl stop_app` /
 * `start_app`) in the middle of a publish stream. Every other suite using the same broker fails
 * while it is down, so this one runs only with GLOSSA_TEST_BROKER_RESTART=1, and then must run
 * alone: `GLOSSA_TEST_BROKER_RESTART=1 npm test -- test/integration/broker-restart.serial.test.ts`.
 * The connection faults that are safe to run in parallel are in broker-faults.test.ts.
 *
 * Checks: the producer and consumer reconnect to the restarted broker, re-declare the topology,
 * republish what was unconfirmed; every publish reported ok is consumed at least once.
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { AmqpBroker } from '../../src/queue/amqp.js';
import { normalizeBrokerOptions, type BrokerConfig } from '../../src/queue/config.js';
import type { RequestMessage } from '../../src/queue/types.js';
import { amqpUrl, serviceAvailable } from '../helpers/services.js';
import { deleteTopology } from './broker-amqp-subject.js';
import { uniqueQueue } from './broker-subjects.js';

const run = promisify(execFile);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const optedIn = process.env.GLOSSA_TEST_BROKER_RESTART === '1';

describe('RabbitMQ broker across a real broker restart (serial, opt-in)', () => {
  const brokers: AmqpBroker[] = [];
  let config: BrokerConfig | undefined;

  after(async () => {
    for (const b of brokers) await b.close();
    if (config !== undefined) await deleteTopology(config).catch(() => undefined);
  });

  it('stop_app + start_app during a publish stream: reconnects and loses nothing confirmed', async (t) => {
    if (!optedIn) return t.skip('restarts the shared broker: set GLOSSA_TEST_BROKER_RESTART=1 and run this file alone');
    if (!(await serviceAvailable('rabbitmq'))) return t.skip('rabbitmq unavailable');
    config = normalizeBrokerOptions({ queue: uniqueQueue('restart'), publishTimeoutMs: 120_000, reconnectInitialDelayMs: 100, reconnectMaxDelayMs: 1_000 });
    const producer = new AmqpBroker(amqpUrl, config);
    const consumer = new AmqpBroker(amqpUrl, config);
    brokers.push(producer, consumer);
    await producer.connect();
    await consumer.connect();
    const seen = new Map<string, number>();
    await consumer.consume((d, settle) => {
      if (d.id !== undefined) seen.set(d.id, (seen.get(d.id) ?? 0) + 1);
      settle('ack');
    }, { prefetch: 100 });

    const ok: string[] = [];
    const refused: string[] = [];
    let stop = false;
    const stream = (async () => {
      for (let i = 0; !stop || i < 10; i++) {
        const at = new Date().toISOString();
        const batch: RequestMessage[] = Array.from({ length: 25 }, (_, k) => ({ v: 1, id: `r${i}-${k}`, text: 't', enqueuedAt: at }));
        const outcomes = await producer.publish(batch);
        outcomes.forEach((o, k) => (o.ok ? ok : refused).push(batch[k]!.id));
        if (i > 400) break;
      }
    })();
    await sleep(300);
    try {
      await run('rabbitmqctl', ['stop_app'], { timeout: 120_000 });
      await sleep(500);
    } finally {
      await run('rabbitmqctl', ['start_app'], { timeout: 120_000 });
    }
    const deadline = Date.now() + 60_000;
    while (!producer.isReady() && Date.now() < deadline) await sleep(100);
    stop = true;
    await stream;

    assert.equal(producer.isReady(), true, 'producer reconnected');
    assert.deepEqual(refused, [], 'every publish confirmed after the restart (publish timeout 120 s)');
    while (!ok.every((id) => seen.has(id)) && Date.now() < deadline) await sleep(100);
    const lost = ok.filter((id) => !seen.has(id));
    assert.deepEqual(lost, [], 'no confirmed message lost');
    t.diagnostic(`confirmed ${ok.length}, consumed ${seen.size} distinct, ${[...seen.values()].filter((n) => n > 1).length} more than once`);
  });
});
