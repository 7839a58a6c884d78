import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeMetrics, lengthBand } from '../../../src/model/metrics.js';

test('accuracy, per-class P/R/F1, macro averages and confusions by hand', () => {
  const gold = ['a', 'a', 'a', 'b', 'b', 'c'];
  const pred = ['a', 'a', 'b', 'b', 'und', 'c'];
  const m = computeMetrics(gold, pred);
  assert.equal(m.accuracy, 4 / 6);
  const a = m.perClass.find((c) => c.label === 'a')!;
  const b = m.perClass.find((c) => c.label === 'b')!;
  assert.equal(a.precision, 1);
  assert.equal(a.recall, 2 / 3);
  assert.ok(Math.abs(a.f1 - 0.8) < 1e-12);
  assert.equal(b.precision, 1 / 2);
  assert.equal(b.recall, 1 / 2);
  assert.ok(Math.abs(m.macroRecall - (2 / 3 + 1 / 2 + 1) / 3) < 1e-12);
  assert.deepEqual(m.confusions.map((c) => `${c.gold}>${c.predicted}:${c.count}`), ['a>b:1', 'b>und:1']);
});

test('empty input gives zeros, not NaN; mismatched lengths throw', () => {
  const m = computeMetrics([], []);
  assert.equal(m.accuracy, 0);
  assert.equal(m.macroF1, 0);
  assert.throws(() => computeMetrics(['a'], []), RangeError);
});

test('length bands', () => {
  assert.equal(lengthBand('x'.repeat(20)), 'short');
  assert.equal(lengthBand('x'.repeat(21)), 'medium');
  assert.equal(lengthBand('x'.repeat(51)), 'long');
});
