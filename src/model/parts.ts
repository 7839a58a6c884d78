/**
 * The numbers a trained model consists of — what the artifact stores and the predictor uses.
 * Weights are kept int8-quantised with one scale per bucket (row): W[b,c] ≈ q[b·C+c] · scale[b].
 * That keeps the shipped model small (buckets × classes bytes) and costs < 0.5 % per weight.
 */
import type { FeatureConfig } from './features.js';

export interface ModelParts {
  readonly features: FeatureConfig;
  readonly labels: readonly string[];
  /** Smoothed idf per bucket. */
  readonly idf: Float32Array;
  /** Per-bucket dequantisation scale. */
  readonly scale: Float32Array;
  /** Quantised weights, bucket-major [bucket × classes]. */
  readonly q: Int8Array;
  readonly bias: Float32Array;
  /** Softmax temperature fitted on held-out data (probabilities = softmax(z / T)). */
  readonly temperature: number;
  /** Below this top probability the answer is `und`. */
  readonly threshold: number;
  /** Per class, a bit set of the script ids (scripts.ts) seen in its training text. */
  readonly labelScripts: Uint32Array;
}

/** Per-row symmetric int8 quantisation of bucket-major float weights. */
export function quantizeRows(weights: Float32Array, rows: number, cols: number): { q: Int8Array; scale: Float32Array } {
  const q = new Int8Array(rows * cols);
  const scale = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let max = 0;
    for (let c = 0; c < cols; c++) {
      const a = Math.abs(weights[o + c]!);
      if (a > max) max = a;
    }
    if (max === 0 || !Number.isFinite(max)) continue;
    const s = max / 127;
    scale[r] = s;
    for (let c = 0; c < cols; c++) q[o + c] = Math.round(weights[o + c]! / s);
  }
  return { q, scale };
}
