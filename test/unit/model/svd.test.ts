import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SparseRows } from '../../../src/model/dataset.js';
import { randomizedSvd, reduceAndTrain, symmetricEigen } from '../../../src/model/svd.js';

function dense(rows: number[][]): SparseRows {
  const rowPtr = new Uint32Array(rows.length + 1);
  const idx: number[] = [];
  const val: number[] = [];
  rows.forEach((r, i) => {
    r.forEach((v, j) => {
      if (v !== 0) {
        idx.push(j);
        val.push(v);
      }
    });
    rowPtr[i + 1] = idx.length;
  });
  return { rows: rows.length, rowPtr, idx: Int32Array.from(idx), val: Float32Array.from(val) };
}

test('Jacobi finds the eigenvalues of a symmetric 2×2 matrix', () => {
  // [[2,1],[1,2]] has eigenvalues 3 and 1.
  const { values } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
  assert.deepEqual([...values].map((v) => Math.round(v * 1e9) / 1e9).sort(), [1, 3]);
});

test('randomized SVD recovers the singular values of a diagonal matrix', () => {
  const X = dense([[3, 0, 0, 0], [0, 2, 0, 0], [0, 0, 1, 0], [0, 0, 0, 0.5]]);
  const { sigma } = randomizedSvd(X, 4, 2, 1);
  assert.ok(Math.abs(sigma[0]! - 3) < 1e-6, String(sigma[0]));
  assert.ok(Math.abs(sigma[1]! - 2) < 1e-6, String(sigma[1]));
});

test('SVD + classifier: explained variance in (0, 1], folded weights separate the classes', () => {
  const rows = [[1, 0, 0.1], [0.9, 0.1, 0], [0, 1, 0.1], [0.1, 0.9, 0]];
  const X = dense(rows);
  const y = Int32Array.from([0, 0, 1, 1]);
  const r = reduceAndTrain(X, y, new Float32Array(4).fill(1), 3, 2, 2, { epochs: 50, learningRate: 0.5, l2: 0, seed: 2 });
  assert.equal(r.report.components, 2);
  assert.ok(r.report.totalExplainedVarianceRatio > 0.9 && r.report.totalExplainedVarianceRatio <= 1 + 1e-9);
  assert.ok(r.report.explainedVarianceRatio[0]! >= r.report.explainedVarianceRatio[1]!);
  rows.forEach((row, i) => {
    const z = [0, 1].map((c) => r.bias[c]! + row.reduce((s, v, f) => s + v * r.weights[f * 2 + c]!, 0));
    assert.equal(z[0]! > z[1]! ? 0 : 1, y[i]);
  });
});
