import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractBuckets, listFeatures, maxFeatures } from '../../../src/model/features.js';
import { hashString, WORD_SEED } from '../../../src/model/hashing.js';
import { createNormalizedText, normalizeInto } from '../../../src/model/normalize.js';

const cfg = { minN: 1, maxN: 3, buckets: 1 << 20, maxWordLength: 0 };

test('n-grams stay within a word and its boundary spaces', () => {
  const t = normalizeInto('Cat', createNormalizedText());
  const grams = listFeatures(t, cfg).map((f) => f.ngram);
  assert.deepEqual(grams, [' c', ' ca', 'c', 'ca', 'cat', 'a', 'at', 'at ', 't', 't ']);
});

test('two words never share an n-gram across the space', () => {
  const t = normalizeInto('ab cd', createNormalizedText());
  const grams = listFeatures(t, cfg).map((f) => f.ngram);
  assert.ok(!grams.some((g) => g.includes('b c')));
  assert.ok(grams.includes('b ') && grams.includes(' c'));
});

test('whole-word features are added for words up to maxWordLength', () => {
  const t = normalizeInto('hi there', createNormalizedText());
  const withWords = listFeatures(t, { ...cfg, maxWordLength: 4 });
  const words = withWords.filter((f) => f.ngram.startsWith('['));
  assert.deepEqual(words.map((w) => w.ngram), ['[hi]']);
  assert.equal(words[0]!.bucket, hashString('hi', WORD_SEED) % cfg.buckets);
});

test('buckets are the hash of the n-gram string modulo the bucket count', () => {
  const t = normalizeInto('cat', createNormalizedText());
  for (const f of listFeatures(t, cfg)) assert.equal(f.bucket, hashString(f.ngram) % cfg.buckets);
});

test('extractBuckets stays within maxFeatures and the bucket range', () => {
  const t = normalizeInto('Ein ziemlich langer deutscher Satz mit Wörtern.', createNormalizedText());
  const small = { minN: 1, maxN: 5, buckets: 97, maxWordLength: 30 };
  const out = new Int32Array(maxFeatures(t.length, small));
  const k = extractBuckets(t, small, out);
  assert.ok(k > 0 && k <= out.length);
  for (let i = 0; i < k; i++) assert.ok(out[i]! >= 0 && out[i]! < 97);
});

test('a text with no letters has no features', () => {
  const t = normalizeInto('123 !!', createNormalizedText());
  assert.equal(extractBuckets(t, cfg, new Int32Array(maxFeatures(t.length, cfg))), 0);
});
