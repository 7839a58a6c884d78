/**
 * Store write rates: insertQueued and complete in batches of 1, 10 and 100 rows, PostgreSQL
 * (1 caller, and 8 concurrent callers on an 8-connection pool) and SQLite (one process;
 * synchronous NORMAL, the default, and FULL). Batch size 1 is the baseline of the same run: it is
 * the one-statement-per-row pattern of a naive pipeline.
 *
 *   node --import tsx bench/store.ts [--pg postgres://postgres@127.0.0.1:5432/test] [--out bench/results/store.md]
 *
 * Baselines of the same run, without the store: the raw driver writing one row per statement
 * (`pg` INSERT on one connection; better-sqlite3 prepared INSERT in autocommit).
 *
 * Each cell writes a fixed number of fresh rows (insertQueued), then completes the same rows
 * (complete, i.e. the queued → done update the worker does), and reports rows per second.
 * PostgreSQL runs in a throw-away schema, SQLite in a temp file; both are removed afterwards.
 */
import { cpus, availableParallelism, loadavg, totalmem, tmpdir, release } from 'node:os';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import Database from 'better-sqlite3';
import { PostgresStore } from '../src/store/postgres.js';
import { SqliteStore } from '../src/store/sqlite.js';
import type { Completion, NewPrediction, PredictionStore } from '../src/store/types.js';
import { median } from './lib/timing.js';

const args = process.argv.slice(2);
const flag = (name: string, def: string): string => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] as string : def;
};
const pgUrl = flag('--pg', process.env.GLOSSA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
const outFile = flag('--out', 'bench/results/store.md');

const BATCHES = [1, 10, 100] as const;
/** Rows per cell: enough for ~1-3 s per cell on a 2-core machine. */
const ROWS: Record<number, number> = { 1: 1_000, 10: 5_000, 100: 30_000 };
/** Each cell runs this many times; the table shows the median (other processes share the cores and the disk). */
const REPEAT = Number(flag('--repeat', '3'));
const TEXT = 'Hej, hvordan går det? Det er en dejlig dag i dag, og solen skinner over København.';
const RESULT = { language: 'da', confidence: 0.97, top: [{ language: 'da', confidence: 0.97 }, { language: 'nb', confidence: 0.02 }, { language: 'sv', confidence: 0.01 }] };

interface Cell { store: string; callers: number; batch: number; rows: number; insertPerS: number; completePerS: number }

function batchesOf<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs `work` over the batches with `callers` concurrent loops; returns rows/s. */
async function rate<T>(batches: T[][], callers: number, work: (b: T[]) => Promise<unknown>): Promise<number> {
  let next = 0;
  let rows = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: callers }, async () => {
    for (let i = next++; i < batches.length; i = next++) {
      const b = batches[i] as T[];
      await work(b);
      rows += b.length;
    }
  }));
  return rows / ((performance.now() - t0) / 1000);
}

async function cell(name: string, store: PredictionStore, callers: number, batch: number, rowCount: number): Promise<Cell> {
  const runs: Cell[] = [];
  for (let i = 0; i < REPEAT; i++) runs.push(await once(name, store, callers, batch, rowCount));
  return { ...runs[0] as Cell, insertPerS: median(runs.map((r) => r.insertPerS)), completePerS: median(runs.map((r) => r.completePerS)) };
}

async function once(name: string, store: PredictionStore, callers: number, batch: number, rowCount: number): Promise<Cell> {
  const prefix = randomUUID().slice(0, 8);
  const now = new Date();
  const rows: NewPrediction[] = Array.from({ length: rowCount }, (_, i) => ({ id: `${prefix}-${i}`, text: TEXT, createdAt: now }));
  const insertPerS = await rate(batchesOf(rows, batch), callers, (b) => store.insertQueued(b));
  const completions: Completion[] = rows.map((r) => ({ id: r.id, text: r.text, result: RESULT, modelVersion: 'bench', completedAt: new Date() }));
  const completePerS = await rate(batchesOf(completions, batch), callers, async (b) => {
    const written = await store.complete(b);
    if (written.length !== b.length) throw new Error(`complete wrote ${written.length} of ${b.length}`);
  });
  const c = { store: name, callers, batch, rows: rowCount, insertPerS, completePerS };
  console.log(`${name.padEnd(24)} callers ${String(callers).padStart(2)}  batch ${String(batch).padStart(3)}  insertQueued ${fmt(insertPerS).padStart(8)} rows/s  complete ${fmt(completePerS).padStart(8)} rows/s`);
  return c;
}

function sqliteVersion(): string {
  const db = new Database(':memory:');
  try {
    return (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  } finally {
    db.close();
  }
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** One row per statement straight through `pg`, one connection: the naive write path. */
async function rawPg(schema: string, rowCount: number): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < REPEAT; i++) runs.push(await rawPgOnce(schema, rowCount));
  return median(runs);
}

async function rawPgOnce(schema: string, rowCount: number): Promise<number> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    const prefix = randomUUID().slice(0, 8);
    const t0 = performance.now();
    for (let i = 0; i < rowCount; i++) {
      await client.query(`INSERT INTO "${schema}".predictions (id, text, status, created_at) VALUES ($1, $2, 'queued', now())`, [`${prefix}-${i}`, TEXT]);
    }
    return rowCount / ((performance.now() - t0) / 1000);
  } finally {
    await client.end();
  }
}

/** One row per statement straight through better-sqlite3 (autocommit), same pragmas as the store. */
function rawSqlite(path: string, rowCount: number): number {
  return median(Array.from({ length: REPEAT }, () => rawSqliteOnce(path, rowCount)));
}

function rawSqliteOnce(path: string, rowCount: number): number {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const stmt = db.prepare(`INSERT INTO predictions (id, text, status, created_at) VALUES (?, ?, 'queued', ?)`);
    const prefix = randomUUID().slice(0, 8);
    const t0 = performance.now();
    for (let i = 0; i < rowCount; i++) stmt.run(`${prefix}-${i}`, TEXT, Date.now());
    return rowCount / ((performance.now() - t0) / 1000);
  } finally {
    db.close();
  }
}

const baselines: string[] = [];
function baseline(label: string, perS: number): void {
  const line = `${label}: ${fmt(perS)} rows/s`;
  baselines.push(line);
  console.log(`baseline ${line}`);
}

async function pgSettings(): Promise<string> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    const v = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version;
    const sc = (await client.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0]?.synchronous_commit;
    const fs = (await client.query<{ fsync: string }>('SHOW fsync')).rows[0]?.fsync;
    return `PostgreSQL ${v} (synchronous_commit=${sc}, fsync=${fs}), loopback TCP`;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const machine = [
    `cpu: ${cpus()[0]?.model ?? 'unknown'} × ${availableParallelism()} cores`,
    `memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB, kernel ${release()}`,
    `node: ${process.version}, better-sqlite3 SQLite ${sqliteVersion()}`,
    `load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
  ];
  for (const line of machine) console.log(line);
  const pgLine = await pgSettings().catch((e: Error) => `PostgreSQL unreachable (${e.message}): skipped`);
  console.log(pgLine);
  console.log('');

  const cells: Cell[] = [];
  if (!pgLine.includes('unreachable')) {
    const schema = `glossa_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const store = new PostgresStore({ url: pgUrl, schema, poolSize: 8 });
    try {
      await store.migrate();
      await once('warm-up', store, 1, 10, 500);
      baseline('raw pg, one INSERT per statement, 1 connection', await rawPg(schema, ROWS[1] as number));
      for (const callers of [1, 8]) {
        for (const b of BATCHES) cells.push(await cell('PostgreSQL', store, callers, b, ROWS[b] as number));
      }
    } finally {
      await store.close();
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'glossa-bench-'));
  try {
    const rawPath = join(dir, 'raw.db');
    const prepare = new SqliteStore({ path: rawPath });
    await prepare.migrate();
    await prepare.close();
    baseline('raw better-sqlite3, one INSERT per statement (autocommit, WAL, NORMAL)', rawSqlite(rawPath, ROWS[1] as number));
    for (const synchronous of ['NORMAL', 'FULL'] as const) {
      const store = new SqliteStore({ path: join(dir, `${synchronous}.db`), synchronous });
      await store.migrate();
      for (const b of BATCHES) cells.push(await cell(`SQLite WAL sync=${synchronous}`, store, 1, b, ROWS[b] as number));
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const table = [
    '| store | callers | batch | rows | insertQueued rows/s | complete rows/s |',
    '|---|---:|---:|---:|---:|---:|',
    ...cells.map((c) => `| ${c.store} | ${c.callers} | ${c.batch} | ${fmt(c.rows)} | ${fmt(c.insertPerS)} | ${fmt(c.completePerS)} |`),
  ];
  const md = [
    '# Store write rates (bench/store.ts)',
    '',
    `Run ${new Date().toISOString()} with \`node --import tsx bench/store.ts\`. Each figure is the median of ${REPEAT} runs.`,
    '',
    ...machine.map((l) => `- ${l}`),
    `- ${pgLine}`,
    '',
    ...table,
    '',
    'Reading the table: "insertQueued" is the API writing new `queued` rows; "complete" is the worker',
    'turning the same rows `done` (an upsert with the JSON result). Batch 1 is the one-statement-per-row',
    'pattern; with synchronous commit (PostgreSQL) or `synchronous=FULL` (SQLite) every statement waits',
    'for an fsync of the log, so that row is bounded by the disk\'s flush latency, not the CPU. Batching',
    'amortises one commit over the batch. The machine is shared with other jobs (load average above),',
    'so compare rows of the same run rather than runs.',
    '',
    'Baselines in the same run (no store code):',
    '',
    ...baselines.map((l) => `- ${l}`),
    '',
  ].join('\n');
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, md);
  console.log(`\nwritten to ${outFile}`);
}

await main();
