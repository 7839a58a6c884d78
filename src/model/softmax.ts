/**
 * Multinomial logistic regression trained by stochastic gradient descent on sparse rows.
 *
 * Loss per sample: −w_s · log softmax(z)_y with z = W·x + b. L2 regularisation (λ/2)‖W‖² uses
 * the scaled-weights trick (W = s·V, decaying s instead of every weight), so a step costs
 * O(non-zeros × classes), not O(buckets × classes). Step size η_t = η₀ / (1 + η₀·λ·t).
 * Weights are bucket-major: W[b·C + c], so one feature touches one contiguous row.
 * Deterministic: the sample order comes from a seeded PRNG. The loops over a sample's features
 * run in WebAssembly (sgd-rows.ts, sgd.wat).
 */
import type { SparseRows } from './dataset.js';
import { Prng } from './prng.js';
import { createSgdRows, type SgdEngine } from './sgd-rows.js';

export interface SoftmaxOptions {
  readonly epochs: number;
  readonly learningRate: number;
  readonly l2: number;
  /**
   * How the step size falls: `inverse` η₀ / (1 + η₀·λ·t); `linear` η₀ · (1 − t/T) down to 0 at
   * the last sample (as fastText does), so the final weights are not those of a large last step.
   */
  readonly decay?: LearningRateDecay;
  readonly seed: number;
  /**
   * Return the average of the weights over the steps of the last this-many epochs (averaged
   * SGD, Polyak–Ruppert) instead of the last step's weights; 0 = off. The average smooths out
   * the noise of the last steps, which otherwise decides close calls between similar classes.
   */
  readonly averageEpochs?: number;
  /** Called after each epoch with the mean weighted training loss. */
  readonly onEpoch?: (epoch: number, loss: number) => void;
  /** Called every few thousand samples with samples done so far (over all epochs). */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Where the inner loops run (sgd-rows.ts): `wasm` (the default) falls back to `javascript` when
   * the weights do not fit in WebAssembly memory; the two give the same weights.
   */
  readonly engine?: SgdEngine;
}

export type LearningRateDecay = 'inverse' | 'linear';

export interface LinearWeights {
  /** [features × classes], bucket-major. */
  readonly weights: Float32Array;
  readonly bias: Float32Array;
  readonly features: number;
  readonly classes: number;
}

/** Stable softmax of `z[0..n)` into `p`; returns log-sum-exp. */
export function softmaxInto(z: Float32Array | Float64Array, p: Float32Array | Float64Array, n: number): number {
  let max = -Infinity;
  for (let c = 0; c < n; c++) if (z[c]! > max) max = z[c]!;
  let sum = 0;
  for (let c = 0; c < n; c++) {
    const e = Math.exp(z[c]! - max);
    p[c] = e;
    sum += e;
  }
  for (let c = 0; c < n; c++) p[c]! /= sum;
  return max + Math.log(sum);
}

export function trainSoftmax(
  data: SparseRows,
  labels: Int32Array,
  sampleWeights: Float32Array,
  features: number,
  classes: number,
  opts: SoftmaxOptions,
): LinearWeights {
  const C = classes;
  const averageFrom = opts.epochs - Math.min(opts.epochs, Math.max(0, opts.averageEpochs ?? 0));
  // Averaged SGD with sparse steps: with W_t = scale_t·V_t, Σ_t W_t = S·V − U, where S sums the
  // scales of the averaged steps so far and U collects S_before·δ for each step δ of V. So each
  // step costs one more write per touched weight, never a pass over all weights.
  const averagingAtAll = averageFrom < opts.epochs;
  const rows = createSgdRows(data, features, C, averagingAtAll, opts.engine);
  const { weights: V, sums: U, z, p } = rows;
  const bias = new Float32Array(C);
  const order = new Uint32Array(data.rows);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const rng = new Prng(opts.seed);
  const eta0 = opts.learningRate;
  const lambda = opts.l2;
  let scale = 1;
  let t = 0;
  const total = data.rows * opts.epochs;
  const linear = opts.decay === 'linear';
  const biasSum = new Float64Array(C);
  let S = 0;
  let averaged = 0;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    rng.shuffle(order);
    const averaging = U !== undefined && epoch >= averageFrom;
    let lossSum = 0;
    let weightSum = 0;
    for (let k = 0; k < order.length; k++) {
      const r = order[k]!;
      const y = labels[r]!;
      const sw = sampleWeights[r]!;
      for (let c = 0; c < C; c++) z[c] = bias[c]!;
      rows.scoreRow(r, scale);
      const lse = softmaxInto(z, p, C);
      lossSum += sw * (lse - z[y]!);
      weightSum += sw;
      const eta = linear ? eta0 * (1 - t / total) : eta0 / (1 + eta0 * lambda * t);
      t++;
      if (lambda > 0) {
        scale *= 1 - eta * lambda;
        if (scale < 1e-6) {
          if (U !== undefined) {
            // Fold the running sum into U before V changes units: afterwards S·V − U = the same sum.
            for (let j = 0; j < V.length; j++) U[j] = U[j]! - S * V[j]!;
            S = 0;
          }
          for (let j = 0; j < V.length; j++) V[j]! *= scale;
          scale = 1;
        }
      }
      p[y]! -= 1;
      rows.stepRow(r, (eta * sw) / scale, S, averaging);
      for (let c = 0; c < C; c++) bias[c]! -= eta * sw * p[c]!;
      if (averaging) {
        S += scale;
        averaged++;
        for (let c = 0; c < C; c++) biasSum[c]! += bias[c]!;
      }
      if (opts.onProgress && (k & 8191) === 0) opts.onProgress(epoch * data.rows + k, total);
    }
    opts.onEpoch?.(epoch, weightSum > 0 ? lossSum / weightSum : 0);
  }
  if (U !== undefined && averaged > 0) {
    for (let j = 0; j < V.length; j++) V[j] = (S * V[j]! - U[j]!) / averaged;
    for (let c = 0; c < C; c++) bias[c] = biasSum[c]! / averaged;
  } else if (scale !== 1) {
    for (let j = 0; j < V.length; j++) V[j]! *= scale;
  }
  return { weights: rows.release(), bias, features, classes };
}
