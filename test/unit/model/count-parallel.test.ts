import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countFeaturesShared } from '../../../src/model/count-parallel.js';
import { countFeatures } from '../../../src/model/dataset.js';

const CFG = { minN: 1, maxN: 4, buckets: 1 << 12, maxWordLength: 20 };
const WORDS = ['kati', 'beldor', 'Xizo', 'moru', 'fengus', 'žluť', 'ягода', 'مرحبا', '123', 'ünïcödé'];
/** 5 001 texts of 0–9 words (the first empty), so the parts differ in length and content. */
const TEXTS = Array.from({ length: 5001 }, (_, i) => Array.from({ length: i % 10 }, (_, j) => WORDS[(i * 7 + j * 3) % WORDS.length]).join(' '));

test('counting shared out across threads gives exactly the rows and document frequencies of one thread', () => {
  const one = countFeatures(TEXTS, CFG);
  assert.ok(one.counts.idx.length > 10_000);
  for (const threads of [2, 3]) {
    const seen: number[] = [];
    const shared = countFeaturesShared(TEXTS, CFG, { threads, minTexts: 0 }, (d) => seen.push(d));
    assert.deepEqual(shared.counts.rowPtr, one.counts.rowPtr, `threads ${threads}`);
    assert.deepEqual(shared.counts.idx, one.counts.idx);
    assert.deepEqual(shared.counts.val, one.counts.val);
    assert.deepEqual(shared.df, one.df);
    assert.equal(shared.counts.rows, TEXTS.length);
    assert.equal(shared.recounted, 0, 'every helper answered');
    assert.ok(seen.length > 0 && seen.every((d, i) => d <= TEXTS.length && (i === 0 || d >= seen[i - 1]!)), 'progress rises, within the total');
  }
});

// The helper's deadline is 10 minutes: the test's 60 s limit fails it if the caller waits for it.
test('a helper that dies without answering: the caller counts its part at once, and the result is still exact', { timeout: 60_000 }, () => {
  const one = countFeatures(TEXTS, CFG);
  const entry = new URL('./helpers/crashing-thread.ts', import.meta.url);
  const shared = countFeaturesShared(TEXTS, CFG, { threads: 2, minTexts: 0, entry, graceMs: 600_000 });
  assert.deepEqual(shared.counts.rowPtr, one.counts.rowPtr);
  assert.deepEqual(shared.counts.idx, one.counts.idx);
  assert.deepEqual(shared.df, one.df);
  assert.equal(shared.recounted, 1);
});

test('small corpora and one thread stay on the caller', () => {
  const one = countFeatures(TEXTS.slice(0, 100), CFG);
  // No thread is started (a crashing one would show as recounted).
  const entry = new URL('./helpers/crashing-thread.ts', import.meta.url);
  const small = countFeaturesShared(TEXTS.slice(0, 100), CFG, { threads: 4, entry, graceMs: 0 });
  assert.deepEqual([small.counts.idx, small.recounted], [one.counts.idx, 0]);
  const single = countFeaturesShared(TEXTS, CFG, { threads: 1, minTexts: 0, entry, graceMs: 0 });
  assert.deepEqual([single.df, single.recounted], [countFeatures(TEXTS, CFG).df, 0]);
});
