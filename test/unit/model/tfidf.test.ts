import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeIdf, sublinearTf, tfidfInto } from '../../../src/model/tfidf.js';

test('sublinear tf is 1 + ln(count), 0 for 0', () => {
  assert.equal(sublinearTf(0), 0);
  assert.equal(sublinearTf(1), 1);
  assert.ok(Math.abs(sublinearTf(2) - (1 + Math.log(2))) < 1e-6);
  assert.ok(Math.abs(sublinearTf(1000) - (1 + Math.log(1000))) < 1e-9);
});

test('a tiny corpus by hand: 3 documents, smoothed idf, L2 norm', () => {
  // Documents: d1 = {f0 ×2, f1}, d2 = {f1}, d3 = {f1, f2}.
  const df = [1, 3, 1];
  const idf = computeIdf(df, 3);
  const idf0 = Math.log(4 / 2) + 1; // 1.6931…
  const idf1 = Math.log(4 / 4) + 1; // 1
  assert.ok(Math.abs(idf[0]! - idf0) < 1e-6);
  assert.ok(Math.abs(idf[1]! - idf1) < 1e-6);
  // d1: f0 tf = 1 + ln 2, f1 tf = 1.
  const out = new Float32Array(2);
  const norm = tfidfInto([0, 1], [2, 1], 2, idf, out);
  const a = (1 + Math.log(2)) * idf0; // 2.8667…
  const b = 1 * idf1;
  const n = Math.sqrt(a * a + b * b);
  assert.ok(Math.abs(norm - n) < 1e-5);
  assert.ok(Math.abs(out[0]! - a / n) < 1e-6);
  assert.ok(Math.abs(out[1]! - b / n) < 1e-6);
  assert.ok(Math.abs(out[0]! ** 2 + out[1]! ** 2 - 1) < 1e-6);
});

test('an all-zero or empty vector stays zero instead of NaN', () => {
  const out = new Float32Array(1);
  assert.equal(tfidfInto([0], [0], 1, new Float32Array([1]), out), 0);
  assert.equal(out[0], 0);
  assert.equal(tfidfInto([], [], 0, new Float32Array(0), new Float32Array(0)), 0);
});
