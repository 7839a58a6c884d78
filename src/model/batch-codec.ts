/**
 * Predictions as numbers, so a helper thread can hand its answers to the caller's thread through
 * shared memory (parallel-batch.ts) instead of structured-cloned objects. One record of
 * `recordSize(k)` f64 per text: the answer's label index (−1 = `und`), its confidence, the
 * number of candidates, then up to k (label index, confidence) pairs. f64 keeps every
 * confidence exactly, so a decoded prediction equals the one encoded.
 */
import { UNDETERMINED } from '../languages/index.js';
import type { Candidate, Prediction } from './types.js';

export function recordSize(k: number): number {
  return 3 + 2 * k;
}

/** Writes `p` at record `i` of `out`; `k` bounds the candidates kept (the batch's `top`). */
export function encodePrediction(p: Prediction, indexOf: ReadonlyMap<string, number>, out: Float64Array, i: number, k: number): void {
  let at = i * recordSize(k);
  out[at++] = indexOf.get(p.language) ?? -1;
  out[at++] = p.confidence;
  const n = Math.min(k, p.top.length);
  out[at++] = n;
  for (let j = 0; j < n; j++) {
    const c = p.top[j]!;
    out[at++] = indexOf.get(c.language) ?? -1;
    out[at++] = c.confidence;
  }
}

export function decodePrediction(labels: readonly string[], src: Float64Array, i: number, k: number): Prediction {
  let at = i * recordSize(k);
  const label = (x: number): string => (x < 0 ? UNDETERMINED : labels[x]!);
  const language = label(src[at++]!);
  const confidence = src[at++]!;
  const n = src[at++]!;
  const top: Candidate[] = [];
  for (let j = 0; j < n; j++) {
    const c = label(src[at++]!);
    top.push({ language: c, confidence: src[at++]! });
  }
  return { language, confidence, top };
}
