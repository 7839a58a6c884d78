/**
 * `glossa start` as a user runs it (a real process, embedded broker, SQLite file, inference
 * threads): 1 000 texts in, 1 000 right answers out, none lost or duplicated; SIGTERM exits 0;
 * SIGKILL mid-run and a restart on the same data folder → the recovery sweep completes every row.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { checkAnswers, countRows, getJson, startGlossa, submitAll, udhrSamples, until } from './e2e-helpers.js';

const URL_LINE = /running at (http:\/\/[^/\s]+)\//;

function rows(dbFile: string, ids: readonly string[]): { id: string; status: string; language: string | null }[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    const all = db.prepare(`SELECT id, status, json_extract(result, '$.language') AS language FROM predictions`).all() as { id: string; status: string; language: string | null }[];
    const wanted = new Set(ids);
    return all.filter((r) => wanted.has(r.id));
  } finally {
    db.close();
  }
}

test('glossa start: 1 000 texts submitted through the API all come back done with the right language', { timeout: 180_000 }, async () => {
  const data = mkdtempSync(join(tmpdir(), 'glossa-e2e-'));
  const glossa = startGlossa(['start', '--port', '0', '--data', data, '--threads', '2'], {});
  try {
    const base = (await glossa.waitForLine(URL_LINE)).match(URL_LINE)?.[1] as string;
    const samples = udhrSamples(1_000);
    const ids = await submitAll(base, samples.map((s) => s.text));
    assert.equal(new Set(ids).size, 1_000, 'distinct ids');
    const dbFile = join(data, 'glossa.db');
    await until(async () => countRows(rows(dbFile, ids)).done === 1_000, 120_000, '1 000 done rows');

    const byId = new Map(rows(dbFile, ids).map((r) => [r.id, r]));
    assert.equal(byId.size, 1_000, 'one row per id, none lost, none duplicated');
    assert.deepEqual(await checkAnswers(samples, ids.map((id) => byId.get(id)?.language)), [], 'every text gets its own answer');
    // And through the API, as a client reads it.
    const one = await getJson(`${base}/api/v1/predictions/${ids[3] as string}`);
    assert.equal(one.status, 200);
    assert.equal(one.body.status, 'done');
    assert.equal((one.body.result as { language: string }).language, byId.get(ids[3] as string)?.language);

    assert.equal(await glossa.stop('SIGTERM'), 0, `graceful exit; output:\n${glossa.output().slice(-2000)}`);
  } finally {
    await glossa.stop('SIGKILL');
    rmSync(data, { recursive: true, force: true });
  }
});

test('glossa start: killed mid-run, restarted on the same data folder → every accepted request completes', { timeout: 180_000 }, async () => {
  const data = mkdtempSync(join(tmpdir(), 'glossa-e2e-'));
  const dbFile = join(data, 'glossa.db');
  // Batches that close only after a minute: every accepted request is certain to be still in the
  // in-memory queue (or held by the consumer) when we kill, whatever the machine's speed.
  const first = startGlossa(['start', '--port', '0', '--data', data, '--threads', '1', '--batch-size', '1000', '--batch-wait-ms', '60000', '--prefetch', '1000'], {});
  let second: ReturnType<typeof startGlossa> | undefined;
  try {
    const base = (await first.waitForLine(URL_LINE)).match(URL_LINE)?.[1] as string;
    const samples = udhrSamples(600);
    const ids = await submitAll(base, samples.map((s) => s.text));
    assert.equal(await first.stop('SIGKILL'), 'SIGKILL');
    const before = countRows(rows(dbFile, ids));
    assert.equal(before.total, 600, 'every 202 had its row written before the answer');
    assert.equal(before.queued, 600, `the kill must leave every row queued (done ${before.done})`);

    second = startGlossa(['start', '--port', '0', '--data', data, '--threads', '2'], {});
    await second.waitForLine(URL_LINE);
    await until(async () => countRows(rows(dbFile, ids)).done === 600, 120_000, 'all 600 done after the restart');
    const after = rows(dbFile, ids);
    assert.equal(after.length, 600);
    const byId = new Map(after.map((r) => [r.id, r.language]));
    assert.deepEqual(await checkAnswers(samples, ids.map((id) => byId.get(id))), []);
    assert.equal(await second.stop('SIGTERM'), 0);
  } finally {
    await first.stop('SIGKILL');
    await second?.stop('SIGKILL');
    rmSync(data, { recursive: true, force: true });
  }
});
