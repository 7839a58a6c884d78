import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SparseRows } from '../../../src/model/dataset.js';
import { softmaxInto, trainSoftmax } from '../../../src/model/softmax.js';

test('softmax is stable for large logits and sums to 1', () => {
  const p = new Float64Array(3);
  const lse = softmaxInto(new Float64Array([1000, 1000, 0]), p, 3);
  assert.ok(Math.abs(p[0]! - 0.5) < 1e-12 && Math.abs(p[1]! - 0.5) < 1e-12 && p[2]! < 1e-300);
  assert.ok(Math.abs(lse - (1000 + Math.log(2))) < 1e-9);
});

test('learns a linearly separable 3-class problem perfectly', () => {
  // Class c is marked by feature c (plus a shared noise feature 3).
  const rows = 90;
  const rowPtr = new Uint32Array(rows + 1);
  const idx: number[] = [];
  const val: number[] = [];
  const y = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    y[r] = r % 3;
    idx.push(r % 3, 3);
    val.push(0.8, 0.6);
    rowPtr[r + 1] = idx.length;
  }
  const data: SparseRows = { rows, rowPtr, idx: Int32Array.from(idx), val: Float32Array.from(val) };
  const losses: number[] = [];
  const w = trainSoftmax(data, y, new Float32Array(rows).fill(1), 4, 3, { epochs: 20, learningRate: 0.5, l2: 1e-6, seed: 1, onEpoch: (_e, l) => losses.push(l) });
  for (let r = 0; r < 3; r++) {
    const z = [0, 1, 2].map((c) => w.bias[c]! + 0.8 * w.weights[r * 3 + c]! + 0.6 * w.weights[3 * 3 + c]!);
    assert.equal(z.indexOf(Math.max(...z)), r, `row of class ${r}: ${z.join(', ')}`);
  }
  assert.ok(losses.at(-1)! < losses[0]! / 2, `loss should fall: ${losses.join(', ')}`);
  assert.ok(w.weights.every(Number.isFinite));
});

test('the same seed gives the same weights; another seed other weights', () => {
  const data: SparseRows = { rows: 4, rowPtr: Uint32Array.from([0, 1, 2, 3, 4]), idx: Int32Array.from([0, 1, 0, 1]), val: Float32Array.from([1, 1, 1, 1]) };
  const y = Int32Array.from([0, 1, 0, 1]);
  const sw = new Float32Array(4).fill(1);
  const a = trainSoftmax(data, y, sw, 2, 2, { epochs: 1, learningRate: 0.5, l2: 0, seed: 5 });
  const b = trainSoftmax(data, y, sw, 2, 2, { epochs: 1, learningRate: 0.5, l2: 0, seed: 5 });
  const c = trainSoftmax(data, y, sw, 2, 2, { epochs: 1, learningRate: 0.5, l2: 0, seed: 6 });
  assert.deepEqual(a.weights, b.weights);
  assert.notDeepEqual(a.weights, c.weights);
});

test('linear step decay: the final weights settle instead of following the last samples', () => {
  // One feature, labels split half and half: the best logit difference is 0. A constant-ish step
  // leaves the weights wherever the last few (shuffled) samples pushed them; decaying the step to
  // 0 averages them out, so the answer hardly depends on the shuffle.
  const rows = 2000;
  const data: SparseRows = {
    rows,
    rowPtr: Uint32Array.from({ length: rows + 1 }, (_, i) => i),
    idx: new Int32Array(rows),
    val: new Float32Array(rows).fill(1),
  };
  const y = Int32Array.from({ length: rows }, (_, i) => i % 2);
  const sw = new Float32Array(rows).fill(1);
  const spread = (decay: 'inverse' | 'linear'): number => {
    const diffs = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => {
      const w = trainSoftmax(data, y, sw, 1, 2, { epochs: 2, learningRate: 0.5, l2: 0, decay, seed });
      return w.bias[0]! + w.weights[0]! - (w.bias[1]! + w.weights[1]!);
    });
    return Math.max(...diffs) - Math.min(...diffs);
  };
  const inverse = spread('inverse');
  const linear = spread('linear');
  assert.ok(inverse > 0.5, `the undecayed step should leave a visible spread, got ${inverse}`);
  assert.ok(linear < inverse / 4, `linear decay spread ${linear} vs ${inverse}`);
});
