/**
 * End-to-end pipeline benchmark: submit → result written, everything on this machine (API,
 * RabbitMQ, PostgreSQL, workers and the load generator share the cores), durable settings on
 * (publisher confirms, persistent messages, quorum queue, synchronous_commit=on).
 *
 *   node --import tsx bench/pipeline.ts [--only raw,dist,latency,scaling,batch,embedded] [--seconds 8] [--offer 6000]
 *
 * Phases (each on its own queue name and PostgreSQL schema, dropped afterwards):
 * - raw: the physical limits in the same run: RabbitMQ confirm+consume+ack (prefetch 1000), and
 *   PostgreSQL 100-row INSERTs from 4 connections;
 * - dist: `glossa serve` + `glossa worker --concurrency 2`, batch submits offered above capacity:
 *   throughput = rows done / (first created_at → last completed_at), read from the database;
 * - latency: the same deployment at 500 predictions/s offered (after a 3 s warm-up at that rate),
 *   one text per request with `?wait`:
 *   client-side submit → result received, and server-side created_at → completed_at;
 * - scaling: throughput with --concurrency 1 vs 2;
 * - batch: throughput for worker batch sizes 8 / 64 / 256 (how the defaults were chosen);
 * - embedded: `glossa start` (embedded broker, SQLite, inference threads), throughput and latency.
 * Every phase counts lost (accepted but not done) and duplicated (rows per id > 1) requests.
 */
import { spawn, execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import amqp from 'amqplib';
import Database from 'better-sqlite3';
import pg from 'pg';
import { runLoadTest, summarize } from '../src/loadtest/index.js';
import type { LatencySummary } from '../src/loadtest/index.js';
import { formatMachine, machineInfo } from './lib/machine.js';
import { AMQP, PG, args, argValue, bin, deleteTopology, root } from './lib/services.js';

const only = new Set((argValue('--only') ?? 'raw,dist,latency,scaling,batch,embedded').split(','));
const seconds = Number(argValue('--seconds') ?? '8');
/** Predictions per second offered in the throughput phases (above what the deployment can take). */
const offer = Number(argValue('--offer') ?? '6000');
const out: string[] = [];
const say = (line = ''): void => { console.log(line); out.push(line); };
const ms = (v: number): string => (Number.isNaN(v) ? '–' : v.toFixed(1));

// ---------------------------------------------------------------- processes

interface Proc { child: ChildProcess; stop(): Promise<void>; waitFor(re: RegExp): Promise<string> }

function launch(argv: readonly string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [bin, ...argv], { cwd: root, env: { ...process.env, GLOSSA_LOG_LEVEL: 'error', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout?.on('data', (d: Buffer) => { text += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { text += d.toString(); });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  return {
    child,
    waitFor: async (re) => {
      const deadline = Date.now() + 90_000;
      for (;;) {
        const m = re.exec(text);
        if (m) return m[1] ?? m[0];
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`glossa ${argv.join(' ')}: no ${re}\n${text.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(t);
    },
  };
}

// ---------------------------------------------------------------- raw limits

async function rawRabbit(n = 20_000): Promise<number> {
  const conn = await amqp.connect(AMQP, { noDelay: true });
  const q = `glossa.bench.raw.${process.pid}`;
  const pub = await conn.createConfirmChannel();
  await pub.assertQueue(q, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  const sub = await conn.createChannel();
  await sub.prefetch(1000);
  let acked = 0;
  let done: () => void = () => undefined;
  const all = new Promise<void>((r) => { done = r; });
  await sub.consume(q, (m) => { if (m) { sub.ack(m); if (++acked === n) done(); } });
  const body = Buffer.from(JSON.stringify({ v: 1, id: '00000000-0000-0000-0000-000000000000', text: 'All human beings are born free and equal.', enqueuedAt: new Date().toISOString() }));
  const t0 = performance.now();
  for (let i = 0; i < n; i += 1000) {
    for (let j = 0; j < 1000; j++) pub.sendToQueue(q, body, { persistent: true, contentType: 'application/json' });
    await pub.waitForConfirms();
  }
  await all;
  const rate = n / ((performance.now() - t0) / 1000);
  await pub.deleteQueue(q);
  await conn.close();
  return rate;
}

async function rawPostgres(n = 20_000, clients = 4, batch = 100): Promise<number> {
  const schema = `bench_raw_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.t (id text PRIMARY KEY, text text NOT NULL, status text NOT NULL, result jsonb, created_at timestamptz NOT NULL)`);
  const pool = new pg.Pool({ connectionString: PG, max: clients });
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next < n) {
      const start = next;
      next += batch;
      const ids = Array.from({ length: batch }, (_, i) => `r${start + i}`);
      await pool.query(`INSERT INTO ${schema}.t (id, text, status, created_at) SELECT unnest($1::text[]), 'All human beings are born free and equal.', 'queued', now()`, [ids]);
    }
  }));
  const rate = n / ((performance.now() - t0) / 1000);
  await pool.end();
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
  return rate;
}

// ---------------------------------------------------------------- measurements

interface Counted { rows: number; distinct: number; done: number; firstCreated: number; lastCompleted: number; serverLatency: LatencySummary }

async function countPg(client: pg.Client, schema: string, sinceMs: number): Promise<Counted> {
  const r = (await client.query(`SELECT count(*) AS rows, count(DISTINCT id) AS distinct, count(*) FILTER (WHERE status = 'done') AS done,
      extract(epoch FROM min(created_at)) * 1000 AS first, extract(epoch FROM max(completed_at)) * 1000 AS last
      FROM ${schema}.predictions WHERE created_at >= to_timestamp($1 / 1000.0)`, [sinceMs])).rows[0] as Record<string, string>;
  const lat = (await client.query(`SELECT extract(epoch FROM completed_at - created_at) * 1000 AS ms FROM ${schema}.predictions
      WHERE created_at >= to_timestamp($1 / 1000.0) AND status = 'done'`, [sinceMs])).rows as { ms: string }[];
  return { rows: Number(r.rows), distinct: Number(r.distinct), done: Number(r.done), firstCreated: Number(r.first), lastCompleted: Number(r.last), serverLatency: summarize(lat.map((x) => Number(x.ms))) };
}

function countSqlite(file: string, sinceMs: number): Counted {
  const db = new Database(file, { readonly: true });
  try {
    const r = db.prepare(`SELECT count(*) AS rows, count(DISTINCT id) AS "distinct", sum(status = 'done') AS done, min(created_at) AS first, max(completed_at) AS last
      FROM predictions WHERE created_at >= ?`).get(sinceMs) as Record<string, number>;
    const lat = db.prepare(`SELECT completed_at - created_at AS ms FROM predictions WHERE created_at >= ? AND status = 'done'`).all(sinceMs) as { ms: number }[];
    return { rows: r.rows ?? 0, distinct: r.distinct ?? 0, done: r.done ?? 0, firstCreated: r.first ?? 0, lastCompleted: r.last ?? 0, serverLatency: summarize(lat.map((x) => x.ms)) };
  } finally {
    db.close();
  }
}

async function settle(count: () => Promise<Counted>, accepted: number): Promise<Counted> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const c = await count();
    if (c.done >= accepted || Date.now() > deadline) return c;
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface ThroughputRow { label: string; offered: number; accepted: number; done: number; rate: number; lost: number; duplicated: number }
interface LatencyRow { label: string; client: LatencySummary; server: LatencySummary; accepted: number; lost: number; duplicated: number }

async function throughput(label: string, base: string, count: (since: number) => Promise<Counted>, offered: number): Promise<ThroughputRow> {
  const since = Date.now() - 1;
  const report = await runLoadTest({ url: base, rate: offered, durationSec: seconds, mode: 'batch', batchSize: 100, drainTimeoutSec: 180 });
  const c = await settle(() => count(since), report.accepted);
  const rate = c.done / ((c.lastCompleted - c.firstCreated) / 1000);
  const row = { label, offered, accepted: report.accepted, done: c.done, rate, lost: report.accepted - c.done, duplicated: c.rows - c.distinct };
  console.error(`  ${label}: ${rate.toFixed(0)}/s (accepted ${row.accepted}, done ${row.done}, refused ${report.refused}, errors ${report.errors})`);
  return row;
}

async function latency(label: string, base: string, count: (since: number) => Promise<Counted>, rate = 500): Promise<LatencyRow> {
  // Warm-up at the same rate, not counted: JIT, connection pools, the first batches' allocations.
  await runLoadTest({ url: base, rate, durationSec: 3, mode: 'wait', waitMs: 10_000, drainTimeoutSec: 60 });
  await new Promise((r) => setTimeout(r, 1000));
  const since = Date.now() - 1;
  const report = await runLoadTest({ url: base, rate, durationSec: seconds, mode: 'wait', waitMs: 10_000, drainTimeoutSec: 60 });
  const c = await settle(() => count(since), report.accepted);
  const row = { label, client: report.latency as LatencySummary, server: c.serverLatency, accepted: report.accepted, lost: report.accepted - c.done, duplicated: c.rows - c.distinct };
  console.error(`  ${label}: p50 ${ms(row.client.p50)} p99 ${ms(row.client.p99)} ms (server p50 ${ms(row.server.p50)} p99 ${ms(row.server.p99)})`);
  return row;
}

// ---------------------------------------------------------------- deployments

async function distributed<T>(workerArgs: readonly string[], body: (base: string, count: (since: number) => Promise<Counted>) => Promise<T>): Promise<T> {
  const schema = `bench_${process.pid}_${Date.now() % 100000}`;
  const queue = `glossa.bench.${schema}`;
  const client = new pg.Client({ connectionString: PG });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  const env = { GLOSSA_BROKER_URL: AMQP, GLOSSA_DATABASE_URL: PG, GLOSSA_QUEUE_NAME: queue, GLOSSA_DB_SCHEMA: schema, GLOSSA_SWEEP_GRACE_MS: '600000' };
  const serve = launch(['serve', '--port', '0', '--host', '127.0.0.1'], env);
  const worker = launch(['worker', ...workerArgs], env);
  try {
    const base = await serve.waitFor(/listening on (http:\/\/\S+)/);
    await worker.waitFor(/(workers? ready)/);
    return await body(base, (since) => countPg(client, schema, since));
  } finally {
    await Promise.all([serve.stop(), worker.stop()]);
    await deleteTopology(queue);
    await client.query(`DROP SCHEMA ${schema} CASCADE`);
    await client.end();
  }
}

async function embedded<T>(body: (base: string, count: (since: number) => Promise<Counted>) => Promise<T>): Promise<T> {
  const data = mkdtempSync(join(tmpdir(), 'glossa-bench-'));
  const start = launch(['start', '--port', '0', '--data', data], {});
  try {
    const base = (await start.waitFor(/running at (http:\/\/[^/\s]+)/));
    return await body(base, (since) => Promise.resolve(countSqlite(join(data, 'glossa.db'), since)));
  } finally {
    await start.stop();
    rmSync(data, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- report

const tRows: ThroughputRow[] = [];
const lRows: LatencyRow[] = [];
let raw: { rabbit: number; pg: number } | undefined;

say('# Pipeline: end-to-end throughput and latency');
say();
say('```');
say(`Machine: ${formatMachine(machineInfo())}`);
say(`Load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (the machine is shared; other jobs may run)`);
say(`CLI from: ${existsSync(join(root, 'dist', 'src', 'cli', 'main.js')) ? 'dist (compiled)' : 'source via tsx'}`);
try { say(`RabbitMQ ${execFileSync('rabbitmqctl', ['version']).toString().trim()}, ${(await (async () => { const c = new pg.Client({ connectionString: PG }); await c.connect(); const v = (await c.query('SHOW server_version')).rows[0].server_version as string; const s = (await c.query('SHOW synchronous_commit')).rows[0].synchronous_commit as string; await c.end(); return `PostgreSQL ${v} (synchronous_commit=${s})`; })())}`); } catch { /* versions are informative only */ }
say(`Command: node --import tsx bench/pipeline.ts ${args.join(' ')}; ${seconds} s of load per phase`);
say('```');

if (only.has('raw')) {
  console.error('raw limits…');
  raw = { rabbit: await rawRabbit(), pg: await rawPostgres() };
}
if (only.has('dist') || only.has('latency')) {
  console.error('distributed: serve + worker --concurrency 2…');
  await distributed(['--concurrency', '2'], async (base, count) => {
    if (only.has('dist')) tRows.push(await throughput('serve + worker ×2 (RabbitMQ, PostgreSQL)', base, count, offer));
    if (only.has('latency')) lRows.push(await latency('serve + worker ×2 (RabbitMQ, PostgreSQL)', base, count));
  });
}
if (only.has('scaling')) {
  console.error('scaling: --concurrency 1…');
  await distributed(['--concurrency', '1'], async (base, count) => { tRows.push(await throughput('worker --concurrency 1', base, count, offer)); });
}
if (only.has('batch')) {
  for (const b of [8, 256]) {
    console.error(`batch size ${b}…`);
    await distributed(['--concurrency', '2', '--batch-size', String(b), '--prefetch', String(Math.max(256, 4 * b))], async (base, count) => {
      tRows.push(await throughput(`worker ×2 --batch-size ${b}`, base, count, offer));
    });
  }
}
if (only.has('embedded')) {
  console.error('embedded: glossa start…');
  await embedded(async (base, count) => {
    tRows.push(await throughput('glossa start (embedded broker, SQLite, threads)', base, count, offer));
    lRows.push(await latency('glossa start (embedded broker, SQLite, threads)', base, count));
  });
}

say();
if (raw !== undefined) {
  say('## Physical limits, same run');
  say();
  say(`- RabbitMQ quorum queue, persistent, confirms, consumer prefetch 1000 acking each: **${raw.rabbit.toFixed(0)} msg/s** (publish → ack)`);
  say(`- PostgreSQL 100-row INSERT statements, 4 connections, synchronous_commit on: **${raw.pg.toFixed(0)} rows/s**`);
  say('- The pipeline needs per prediction: one message through RabbitMQ, one row inserted and one row updated in PostgreSQL, plus HTTP and inference.');
  say();
}
if (tRows.length > 0) {
  say(`## Throughput (submit → result written), batch submits of 100 texts offered at ${offer}/s`);
  say();
  say('| deployment | accepted | done | predictions/s | lost | duplicated |');
  say('|---|---:|---:|---:|---:|---:|');
  for (const r of tRows) say(`| ${r.label} | ${r.accepted} | ${r.done} | **${r.rate.toFixed(0)}** | ${r.lost} | ${r.duplicated} |`);
  say();
}
if (lRows.length > 0) {
  say('## Latency at 500 predictions/s offered (one text per request, `?wait=10000`)');
  say();
  say('| deployment | requests | client p50 ms | client p99 ms | server p50 ms | server p99 ms | lost | duplicated |');
  say('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of lRows) say(`| ${r.label} | ${r.accepted} | ${ms(r.client.p50)} | ${ms(r.client.p99)} | ${ms(r.server.p50)} | ${ms(r.server.p99)} | ${r.lost} | ${r.duplicated} |`);
  say();
  say('client = submit → answer with the result received by the load generator; server = row created_at → completed_at.');
}
