/**
 * The broker's physical limit: a RabbitMQ quorum queue (durable, persistent messages, the
 * topology of src/queue/amqp-topology.ts) with publisher confirms and manual acks, producer and
 * consumer running at the same time, for prefetch 100 / 500 / 1000.
 *
 *   node --import tsx bench/broker.ts [--url amqp://guest:guest@127.0.0.1:5672] [--messages 30000]
 *                                     [--batch 1000] [--repeat 2] [--out bench/results/broker.md]
 *
 * Three rows per prefetch, in the same run (each cell run --repeat times; best and worst shown):
 * - `raw amqplib` — the baseline: one confirm channel publishing batches (4 in flight), one
 *   consumer channel acking every message. Nothing of ours in the path.
 * - `AmqpBroker` — the same through Broker.publish / Broker.consume (JSON encoding, validation,
 *   confirm bookkeeping), i.e. what the API and the workers get.
 * Rate = messages / (first publish → last ack). `confirm/s` = messages / (first publish → last confirm).
 * The embedded broker is measured too (in-process, no durability) for scale.
 */
import { loadavg } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import amqp from 'amqplib';
import { AmqpBroker } from '../src/queue/amqp.js';
import { EmbeddedBroker } from '../src/queue/embedded.js';
import { normalizeBrokerOptions, type BrokerConfig } from '../src/queue/config.js';
import { declareTopology } from '../src/queue/amqp-topology.js';
import { encodeMessage } from '../src/queue/message.js';
import type { Broker, RequestMessage } from '../src/queue/types.js';
import { formatMachine, machineInfo } from './lib/machine.js';

const args = process.argv.slice(2);
const flag = (name: string, def: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] as string : def;
};
const url = flag('--url', process.env.GLOSSA_TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672');
const N = Number(flag('--messages', '30000'));
const BATCH = Number(flag('--batch', '1000'));
const outFile = flag('--out', 'bench/results/broker.md');
/** Runs per cell; the best is reported (the physical limit), with the worst beside it (the noise). */
const REPEAT = Number(flag('--repeat', '2'));
for (const [name, value] of [['--messages', N], ['--batch', BATCH], ['--repeat', REPEAT]] as const) {
  if (!Number.isInteger(value) || value < 1) {
    console.error(`bench/broker: ${name} must be a positive integer (got ${String(value)})`);
    process.exit(2);
  }
}
const PREFETCHES = [100, 500, 1000] as const;
const IN_FLIGHT_BATCHES = 4;
const TEXT = 'Hej, hvordan går det? Det er en dejlig dag i dag, og solen skinner over København.';

interface Row { impl: string; prefetch: number; messages: number; perS: number; confirmPerS: number; worstPerS?: number }

function config(tag: string): BrokerConfig {
  return normalizeBrokerOptions({ queue: `bench.broker.${tag}.${process.pid}.${Date.now().toString(36)}`, maxLength: 10_000_000 });
}

function messages(n: number): RequestMessage[] {
  const at = new Date().toISOString();
  return Array.from({ length: n }, (_, i) => ({ v: 1, id: `b-${i}`, text: TEXT, enqueuedAt: at }));
}

/** Publishes `all` in batches with a few batches in flight; resolves when every batch is confirmed. */
async function publishAll(all: readonly RequestMessage[], publishBatch: (b: readonly RequestMessage[]) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: IN_FLIGHT_BATCHES }, async () => {
    for (let i = next; i < all.length; i = next) {
      next += BATCH;
      await publishBatch(all.slice(i, i + BATCH));
    }
  }));
}

async function cleanup(c: BrokerConfig): Promise<void> {
  const conn = await amqp.connect(url);
  const ch = await conn.createChannel();
  await ch.deleteQueue(c.queue);
  await ch.deleteQueue(c.deadLetterQueue);
  await ch.deleteExchange(c.deadLetterExchange);
  await ch.deleteExchange(c.completedExchange);
  await conn.close();
}

async function runRaw(prefetch: number, n: number): Promise<Row> {
  const c = config('raw');
  const pubConn = await amqp.connect(url);
  const subConn = await amqp.connect(url);
  try {
    const admin = await pubConn.createChannel();
    await declareTopology(admin, c);
    const pub = await pubConn.createConfirmChannel();
    const sub = await subConn.createChannel();
    await sub.prefetch(prefetch);
    const all = messages(n);
    let acked = 0;
    let done!: () => void;
    const allAcked = new Promise<void>((r) => { done = r; });
    await sub.consume(c.queue, (m) => {
      if (m === null) return;
      sub.ack(m);
      if (++acked === n) done();
    }, { noAck: false });
    const t0 = performance.now();
    await publishAll(all, (b) => Promise.all(b.map((m) => new Promise<void>((resolve, reject) => {
      pub.sendToQueue(c.queue, encodeMessage(m), { persistent: true, contentType: 'application/json', messageId: m.id },
        (err: unknown) => (err ? reject(new Error('nacked during the benchmark')) : resolve()));
    }))).then(() => undefined));
    const tConfirmed = performance.now();
    await allAcked;
    const tAcked = performance.now();
    return { impl: 'raw amqplib', prefetch, messages: n, perS: n / ((tAcked - t0) / 1000), confirmPerS: n / ((tConfirmed - t0) / 1000) };
  } finally {
    await pubConn.close();
    await subConn.close();
    await cleanup(c);
  }
}

async function runBroker(impl: string, make: (c: BrokerConfig) => Broker, prefetch: number, n: number, isAmqp: boolean): Promise<Row> {
  const c = config(impl === 'AmqpBroker' ? 'glossa' : 'embedded');
  const producer = make(c);
  const consumer = make(c);
  const shared = !isAmqp; // the embedded broker lives in one process: producer and consumer share it
  await producer.connect();
  if (!shared) await consumer.connect();
  try {
    const all = messages(n);
    let acked = 0;
    let done!: () => void;
    const allAcked = new Promise<void>((r) => { done = r; });
    await (shared ? producer : consumer).consume((_d, settle) => {
      settle('ack');
      if (++acked === n) done();
    }, { prefetch });
    const t0 = performance.now();
    await publishAll(all, async (b) => {
      const outcomes = await producer.publish(b);
      if (!outcomes.every((o) => o.ok)) throw new Error('a publish was refused during the benchmark');
    });
    const tConfirmed = performance.now();
    await allAcked;
    const tAcked = performance.now();
    return { impl, prefetch, messages: n, perS: n / ((tAcked - t0) / 1000), confirmPerS: n / ((tConfirmed - t0) / 1000) };
  } finally {
    await producer.close();
    if (!shared) await consumer.close();
    if (isAmqp) await cleanup(c);
  }
}

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');

async function main(): Promise<void> {
  const machine = formatMachine(machineInfo());
  const probe = await amqp.connect(url);
  const version = String(probe.connection.serverProperties.version ?? 'unknown');
  await probe.close();
  const header = `Machine: ${machine}\nRabbitMQ ${version} on loopback; load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
  console.log(header);
  console.log(`${N} messages per cell, batches of ${BATCH}, ${IN_FLIGHT_BATCHES} batches in flight\n`);

  // Warm-up (JIT, connections, quorum queue machinery); discarded.
  await runRaw(500, 2_000);
  await runBroker('AmqpBroker', (c) => new AmqpBroker(url, c), 500, 2_000, true);

  const rows: Row[] = [];
  for (const prefetch of PREFETCHES) {
    for (const run of [
      () => runRaw(prefetch, N),
      () => runBroker('AmqpBroker', (c) => new AmqpBroker(url, c), prefetch, N, true),
      () => runBroker('EmbeddedBroker', (c) => new EmbeddedBroker(c), prefetch, N, false),
    ]) {
      const runs: Row[] = [];
      for (let r = 0; r < REPEAT; r++) runs.push(await run());
      const best = runs.reduce((a, b) => (b.perS > a.perS ? b : a));
      const row: Row = { ...best, worstPerS: Math.min(...runs.map((x) => x.perS)) };
      rows.push(row);
      console.log(`${row.impl.padEnd(15)} prefetch ${String(prefetch).padStart(4)}: ${fmt(row.perS).padStart(9)} msg/s published+confirmed+consumed+acked, best of ${REPEAT} (worst ${fmt(row.worstPerS ?? row.perS)}; confirms alone ${fmt(row.confirmPerS)} msg/s)`);
    }
  }

  const table = [
    `| broker | prefetch | messages | publish+confirm+consume+ack msg/s (best of ${REPEAT}) | worst of ${REPEAT} | confirm msg/s (best run) |`,
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.impl} | ${r.prefetch} | ${r.messages} | ${fmt(r.perS)} | ${fmt(r.worstPerS ?? r.perS)} | ${fmt(r.confirmPerS)} |`),
  ].join('\n');
  const md = [
    '# Broker: raw physical limit',
    '',
    'Generated by `node --import tsx bench/broker.ts` (see the file header for what is measured).',
    '',
    '```',
    header,
    `${N} messages per cell, batches of ${BATCH}, ${IN_FLIGHT_BATCHES} batches in flight, producer and consumer concurrent`,
    '```',
    '',
    table,
    '',
    `Load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (the machine is shared; a load above 2 means`,
    'other processes competed for the 2 cores during the run, so treat the figures as a lower bound).',
    '',
    'Reading it: the `raw amqplib` rows are the physical limit of RabbitMQ on this machine with',
    'durable settings; the `AmqpBroker` rows are what Glossa gets through the Broker contract. A',
    'small prefetch starves the consumer (each ack round-trip gates the next delivery).',
    '',
  ].join('\n');
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, md);
  console.log(`\nwrote ${outFile}`);
}

await main();
