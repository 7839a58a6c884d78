/**
 * Temperature scaling: the one-parameter calibration of softmax outputs (Guo et al., 2017).
 * Finds T minimising the negative log-likelihood of softmax(z / T) on held-out scores, by a
 * coarse-to-fine search over log T (the NLL is smooth and unimodal in practice).
 */
import { softmaxInto } from './softmax.js';

/** `scores` holds rows of `classes` logits (−Infinity for masked classes). */
export function fitTemperature(scores: Float64Array, labels: Int32Array, classes: number): number {
  const rows = labels.length;
  if (rows === 0) return 1;
  const z = new Float64Array(classes);
  const p = new Float64Array(classes);
  const nll = (T: number): number => {
    let sum = 0;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < classes; c++) z[c] = scores[r * classes + c]! / T;
      const lse = softmaxInto(z, p, classes);
      sum += lse - z[labels[r]!]!;
    }
    return sum / rows;
  };
  let lo = Math.log(0.05);
  let hi = Math.log(20);
  for (let iter = 0; iter < 40; iter++) {
    const m1 = lo + (hi - lo) / 3;
    const m2 = hi - (hi - lo) / 3;
    if (nll(Math.exp(m1)) <= nll(Math.exp(m2))) hi = m2;
    else lo = m1;
  }
  const T = Math.exp((lo + hi) / 2);
  return Number.isFinite(T) ? T : 1;
}
