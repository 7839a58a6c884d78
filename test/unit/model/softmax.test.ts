import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SparseRows } from '../../../src/model/dataset.js';
import { Prng } from '../../../src/model/prng.js';
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

/** Plain dense SGD with explicit L2 shrink and explicit averaging: the reference for the lazy form. */
function referenceAveragedSgd(data: SparseRows, y: Int32Array, sw: Float32Array, F: number, C: number, epochs: number, eta0: number, lambda: number, decay: 'inverse' | 'linear', averageEpochs: number, seed: number) {
  const W = new Float64Array(F * C);
  const bias = new Float64Array(C);
  const sumW = new Float64Array(F * C);
  const sumB = new Float64Array(C);
  let n = 0;
  const order = Uint32Array.from({ length: data.rows }, (_, i) => i);
  const rng = new Prng(seed);
  let t = 0;
  for (let e = 0; e < epochs; e++) {
    rng.shuffle(order);
    for (const r of order) {
      const z = Array.from(bias);
      for (let i = data.rowPtr[r]!; i < data.rowPtr[r + 1]!; i++) for (let c = 0; c < C; c++) z[c]! += data.val[i]! * W[data.idx[i]! * C + c]!;
      const max = Math.max(...z);
      const ex = z.map((v) => Math.exp(v - max));
      const sum = ex.reduce((a, b) => a + b, 0);
      const g = ex.map((v, c) => v / sum - (c === y[r] ? 1 : 0));
      const eta = decay === 'linear' ? eta0 * (1 - t / (epochs * data.rows)) : eta0 / (1 + eta0 * lambda * t);
      t++;
      for (let j = 0; j < W.length; j++) W[j]! *= 1 - eta * lambda;
      for (let i = data.rowPtr[r]!; i < data.rowPtr[r + 1]!; i++) for (let c = 0; c < C; c++) W[data.idx[i]! * C + c]! -= eta * sw[r]! * data.val[i]! * g[c]!;
      for (let c = 0; c < C; c++) bias[c]! -= eta * sw[r]! * g[c]!;
      if (e >= epochs - averageEpochs) {
        for (let j = 0; j < W.length; j++) sumW[j]! += W[j]!;
        for (let c = 0; c < C; c++) sumB[c]! += bias[c]!;
        n++;
      }
    }
  }
  return { weights: sumW.map((v) => v / n), bias: sumB.map((v) => v / n) };
}

test('averaged SGD: the lazy sparse average equals the explicit average of every step, L2 rescaling included', () => {
  const rows = 30;
  const rng = new Prng(3);
  const rowPtr = new Uint32Array(rows + 1);
  const idx: number[] = [];
  const val: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let f = 0; f < 5; f++) if (rng.next() < 0.5) { idx.push(f); val.push(0.2 + rng.next()); }
    rowPtr[r + 1] = idx.length;
  }
  const data: SparseRows = { rows, rowPtr, idx: Int32Array.from(idx), val: Float32Array.from(val) };
  const y = Int32Array.from({ length: rows }, (_, r) => r % 3);
  const sw = Float32Array.from({ length: rows }, (_, r) => 1 + (r % 2));
  // λ = 1.6 with linear decay shrinks the scale below 1e-6 every few dozen steps: the rescaling
  // path runs, also in the middle of the averaged epochs.
  const cases = [[1.6, 'linear', 2], [1e-3, 'inverse', 1], [0, 'inverse', 4]] as const;
  for (const [lambda, decay, averageEpochs] of cases) {
    const got = trainSoftmax(data, y, sw, 5, 3, { epochs: 4, learningRate: 0.5, l2: lambda, decay, averageEpochs, seed: 9 });
    const want = referenceAveragedSgd(data, y, sw, 5, 3, 4, 0.5, lambda, decay, averageEpochs, 9);
    for (let j = 0; j < want.weights.length; j++) {
      assert.ok(Math.abs(got.weights[j]! - want.weights[j]!) < 1e-4 * (1 + Math.abs(want.weights[j]!)), `λ ${lambda}, weight ${j}: ${got.weights[j]} vs ${want.weights[j]}`);
    }
    for (let c = 0; c < 3; c++) assert.ok(Math.abs(got.bias[c]! - want.bias[c]!) < 1e-4, `λ ${lambda}, bias ${c}`);
  }
  // And the average differs from the last step's weights (it is not a no-op).
  const last = trainSoftmax(data, y, sw, 5, 3, { epochs: 4, learningRate: 0.5, l2: 1e-3, seed: 9 });
  const avg = trainSoftmax(data, y, sw, 5, 3, { epochs: 4, learningRate: 0.5, l2: 1e-3, averageEpochs: 1, seed: 9 });
  assert.ok(last.weights.some((w, j) => Math.abs(w - avg.weights[j]!) > 1e-3));
});

test('averaged SGD: the answer hardly depends on the shuffle', () => {
  // As for linear decay: one feature, labels half and half; the last step's weights follow the
  // last few samples, their average over an epoch does not.
  const rows = 2000;
  const data: SparseRows = { rows, rowPtr: Uint32Array.from({ length: rows + 1 }, (_, i) => i), idx: new Int32Array(rows), val: new Float32Array(rows).fill(1) };
  const y = Int32Array.from({ length: rows }, (_, i) => i % 2);
  const sw = new Float32Array(rows).fill(1);
  const spread = (averageEpochs: number): number => {
    const diffs = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => {
      const w = trainSoftmax(data, y, sw, 1, 2, { epochs: 2, learningRate: 0.5, l2: 0, averageEpochs, seed });
      return w.bias[0]! + w.weights[0]! - (w.bias[1]! + w.weights[1]!);
    });
    return Math.max(...diffs) - Math.min(...diffs);
  };
  const last = spread(0);
  const averaged = spread(1);
  assert.ok(last > 0.5, `the last step should leave a visible spread, got ${last}`);
  assert.ok(averaged < last / 4, `averaged spread ${averaged} vs ${last}`);
});
