/**
 * Optional truncated SVD stage (randomized range finder, Halko–Martinsson–Tropp 2011), the
 * dimensionality reduction the original design used to speed up training.
 *
 * X (samples × buckets, sparse tf-idf) ≈ U Σ Vᵀ with k components. The classifier is trained on
 * the k-dimensional projections X·V_k and then folded back: W = V_k · W_k (buckets × classes),
 * so prediction costs exactly the same as without SVD. The report gives each component's
 * explained-variance ratio σᵢ² / ‖X‖²_F (uncentred, as the rows are L2-normalised) and the total.
 */
import type { SparseRows } from './dataset.js';
import { Prng } from './prng.js';
import { trainSoftmax, type LinearWeights, type SoftmaxOptions } from './softmax.js';

export interface SvdReport {
  readonly components: number;
  readonly explainedVarianceRatio: readonly number[];
  readonly totalExplainedVarianceRatio: number;
}

/** Y = X·M for dense M (cols × m, row-major); Y is rows × m. */
function timesDense(X: SparseRows, M: Float64Array, m: number): Float64Array {
  const Y = new Float64Array(X.rows * m);
  for (let r = 0; r < X.rows; r++) {
    const o = r * m;
    for (let i = X.rowPtr[r]!; i < X.rowPtr[r + 1]!; i++) {
      const v = X.val[i]!;
      const mo = X.idx[i]! * m;
      for (let j = 0; j < m; j++) Y[o + j]! += v * M[mo + j]!;
    }
  }
  return Y;
}

/** Z = Xᵀ·Y for dense Y (rows × m); Z is cols × m. */
function transposeTimesDense(X: SparseRows, cols: number, Y: Float64Array, m: number): Float64Array {
  const Z = new Float64Array(cols * m);
  for (let r = 0; r < X.rows; r++) {
    const o = r * m;
    for (let i = X.rowPtr[r]!; i < X.rowPtr[r + 1]!; i++) {
      const v = X.val[i]!;
      const zo = X.idx[i]! * m;
      for (let j = 0; j < m; j++) Z[zo + j]! += v * Y[o + j]!;
    }
  }
  return Z;
}

/** Orthonormalises the m columns of A (n × m, row-major) in place (modified Gram–Schmidt). */
export function orthonormalize(A: Float64Array, n: number, m: number): void {
  for (let j = 0; j < m; j++) {
    for (let k = 0; k < j; k++) {
      let dot = 0;
      for (let r = 0; r < n; r++) dot += A[r * m + j]! * A[r * m + k]!;
      for (let r = 0; r < n; r++) A[r * m + j]! -= dot * A[r * m + k]!;
    }
    let norm = 0;
    for (let r = 0; r < n; r++) norm += A[r * m + j]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let r = 0; r < n; r++) A[r * m + j]! /= norm;
  }
}

/** Eigen-decomposition of a symmetric m × m matrix by cyclic Jacobi: values and column vectors. */
export function symmetricEigen(S: Float64Array, m: number): { values: Float64Array; vectors: Float64Array } {
  const a = S.slice();
  const v = new Float64Array(m * m);
  for (let i = 0; i < m; i++) v[i * m + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < m; p++) for (let q = p + 1; q < m; q++) off += a[p * m + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < m; p++) {
      for (let q = p + 1; q < m; q++) {
        const apq = a[p * m + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * m + q]! - a[p * m + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < m; k++) {
          const akp = a[k * m + p]!;
          const akq = a[k * m + q]!;
          a[k * m + p] = c * akp - s * akq;
          a[k * m + q] = s * akp + c * akq;
        }
        for (let k = 0; k < m; k++) {
          const apk = a[p * m + k]!;
          const aqk = a[q * m + k]!;
          a[p * m + k] = c * apk - s * aqk;
          a[q * m + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < m; k++) {
          const vkp = v[k * m + p]!;
          const vkq = v[k * m + q]!;
          v[k * m + p] = c * vkp - s * vkq;
          v[k * m + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(m);
  for (let i = 0; i < m; i++) values[i] = a[i * m + i]!;
  return { values, vectors: v };
}

/** The top-k right singular vectors V (cols × k, row-major) and singular values of X. */
export function randomizedSvd(X: SparseRows, cols: number, k: number, seed: number): { V: Float64Array; sigma: Float64Array } {
  const m = Math.min(k + 10, cols, X.rows);
  const rng = new Prng(seed);
  const omega = new Float64Array(cols * m);
  for (let i = 0; i < omega.length; i++) omega[i] = rng.gaussian();
  let Q = timesDense(X, omega, m);
  orthonormalize(Q, X.rows, m);
  // One power iteration sharpens the spectrum a lot for text data.
  const Z = transposeTimesDense(X, cols, Q, m);
  orthonormalize(Z, cols, m);
  Q = timesDense(X, Z, m);
  orthonormalize(Q, X.rows, m);
  const Bt = transposeTimesDense(X, cols, Q, m); // Bᵀ = Xᵀ Q, cols × m
  const BBt = new Float64Array(m * m);
  for (let r = 0; r < cols; r++) {
    const o = r * m;
    for (let i = 0; i < m; i++) {
      const bi = Bt[o + i]!;
      if (bi === 0) continue;
      for (let j = 0; j < m; j++) BBt[i * m + j]! += bi * Bt[o + j]!;
    }
  }
  const { values, vectors } = symmetricEigen(BBt, m);
  const order = [...values.keys()].sort((x, y) => values[y]! - values[x]!).slice(0, Math.min(k, m));
  const kk = order.length;
  const sigma = new Float64Array(kk);
  const V = new Float64Array(cols * kk);
  order.forEach((e, j) => {
    const s = Math.sqrt(Math.max(0, values[e]!));
    sigma[j] = s;
    if (s === 0) return;
    for (let r = 0; r < cols; r++) {
      let dot = 0;
      for (let i = 0; i < m; i++) dot += Bt[r * m + i]! * vectors[i * m + e]!;
      V[r * kk + j] = dot / s;
    }
  });
  return { V, sigma };
}

/** SVD to k dimensions, softmax regression there, weights folded back to buckets. */
export function reduceAndTrain(
  X: SparseRows, y: Int32Array, sw: Float32Array, cols: number, classes: number, k: number,
  sgd: SoftmaxOptions, onProgress?: (done: number, total: number) => void,
): LinearWeights & { report: SvdReport } {
  onProgress?.(0, 3);
  const { V, sigma } = randomizedSvd(X, cols, k, sgd.seed);
  const kk = sigma.length;
  onProgress?.(1, 3);
  let total = 0;
  for (let i = 0; i < X.val.length; i++) total += X.val[i]! ** 2;
  const ratios = [...sigma].map((s) => (total > 0 ? (s * s) / total : 0));
  const P = timesDense(X, V, kk);
  const rowPtr = new Uint32Array(X.rows + 1);
  for (let r = 0; r <= X.rows; r++) rowPtr[r] = r * kk;
  const idx = new Int32Array(X.rows * kk);
  for (let i = 0; i < idx.length; i++) idx[i] = i % kk;
  const reduced: SparseRows = { rows: X.rows, rowPtr, idx, val: Float32Array.from(P) };
  onProgress?.(2, 3);
  const small = trainSoftmax(reduced, y, sw, kk, classes, sgd);
  const W = new Float32Array(cols * classes);
  for (let r = 0; r < cols; r++) {
    for (let j = 0; j < kk; j++) {
      const v = V[r * kk + j]!;
      if (v === 0) continue;
      for (let c = 0; c < classes; c++) W[r * classes + c]! += v * small.weights[j * classes + c]!;
    }
  }
  onProgress?.(3, 3);
  return {
    weights: W, bias: small.bias, features: cols, classes,
    report: { components: kk, explainedVarianceRatio: ratios, totalExplainedVarianceRatio: ratios.reduce((a, b) => a + b, 0) },
  };
}
