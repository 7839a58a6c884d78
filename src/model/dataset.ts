/**
 * Texts → a sparse TF-IDF matrix in CSR form (row pointers, bucket indices, values), the input
 * of the classifier and of the optional SVD. Built in two passes: counts and document
 * frequencies first, then idf and the L2-normalised values in place.
 */
import { BucketCounter } from './counter.js';
import { extractBuckets, maxFeatures, type FeatureConfig } from './features.js';
import { createNormalizedText, normalizeInto } from './normalize.js';
import { computeIdf, tfidfInto } from './tfidf.js';

export interface SparseRows {
  /** Number of rows. */
  readonly rows: number;
  /** Row r's entries are [rowPtr[r], rowPtr[r+1]). */
  readonly rowPtr: Uint32Array;
  readonly idx: Int32Array;
  readonly val: Float32Array;
}

class Growable<T extends Int32Array | Float32Array> {
  length = 0;
  constructor(public data: T, private readonly make: (n: number) => T) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  done(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/** Bucket counts per text (values are raw counts) and the document frequency of each bucket. */
export function countFeatures(texts: readonly string[], cfg: FeatureConfig, onProgress?: (done: number) => void): { counts: SparseRows; df: Uint32Array } {
  const rowPtr = new Uint32Array(texts.length + 1);
  const idx = new Growable(new Int32Array(1 << 16), (n) => new Int32Array(n));
  const val = new Growable(new Float32Array(1 << 16), (n) => new Float32Array(n));
  const df = new Uint32Array(cfg.buckets);
  const norm = createNormalizedText();
  const counter = new BucketCounter();
  let scratch = new Int32Array(1024);
  for (let r = 0; r < texts.length; r++) {
    const t = normalizeInto(texts[r]!, norm);
    const need = maxFeatures(t.length, cfg);
    if (scratch.length < need) scratch = new Int32Array(need * 2);
    const k = extractBuckets(t, cfg, scratch);
    counter.clear();
    for (let i = 0; i < k; i++) counter.add(scratch[i]!);
    for (let i = 0; i < counter.size; i++) {
      const b = counter.used[i]!;
      idx.push(b);
      val.push(counter.countAt(i));
      df[b]!++;
    }
    rowPtr[r + 1] = idx.length;
    if (onProgress && (r & 4095) === 0) onProgress(r);
  }
  return { counts: { rows: texts.length, rowPtr, idx: idx.done(), val: val.done() }, df };
}

/** Turns the raw counts of `counts` into L2-normalised tf-idf values, in place. */
export function applyTfidf(counts: SparseRows, idf: Float32Array): SparseRows {
  const { rowPtr, idx, val } = counts;
  for (let r = 0; r < counts.rows; r++) {
    const a = rowPtr[r]!;
    const b = rowPtr[r + 1]!;
    tfidfInto(idx.subarray(a, b), val.subarray(a, b), b - a, idf, val.subarray(a, b));
  }
  return counts;
}

export type CountFeatures = typeof countFeatures;

/**
 * Counts, idf from these texts, tf-idf: the training matrix and its idf vector. `count` may share
 * the counting out (count-parallel.ts); it must give what countFeatures gives.
 */
export function vectorizeCorpus(
  texts: readonly string[],
  cfg: FeatureConfig,
  onProgress?: (done: number) => void,
  count: CountFeatures = countFeatures,
): { rows: SparseRows; idf: Float32Array } {
  const { counts, df } = count(texts, cfg, onProgress);
  const idf = computeIdf(df, texts.length);
  return { rows: applyTfidf(counts, idf), idf };
}
