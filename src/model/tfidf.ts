/**
 * TF-IDF weighting of hashed features, as in scikit-learn's TfidfVectorizer with
 * `sublinear_tf=True, smooth_idf=True, norm='l2'`:
 *   tf(f)  = 1 + ln(count(f))                     (count ≥ 1)
 *   idf(f) = ln((1 + n) / (1 + df(f))) + 1        (n documents, df(f) of them contain f)
 *   x      = tf·idf / ‖tf·idf‖₂
 * Worked example: n = 3 documents, f in 1 of them, counted twice in this one:
 *   tf = 1 + ln 2 = 1.693, idf = ln(4/2) + 1 = 1.693, so before the norm x_f = 2.866.
 */

/** Counts below this take tf from a table (hot path; the prediction kernel keeps a copy). */
export const TF_TABLE_SIZE = 64;

/** 1 + ln(count); 0 for count 0. Small counts come from a table (hot path). */
const TF_TABLE = Float32Array.from({ length: TF_TABLE_SIZE }, (_, c) => (c === 0 ? 0 : 1 + Math.log(c)));

export function sublinearTf(count: number): number {
  return count < TF_TABLE_SIZE ? TF_TABLE[count]! : 1 + Math.log(count);
}

/** Smoothed idf for every bucket from document frequencies over `nDocs` documents. */
export function computeIdf(df: ArrayLike<number>, nDocs: number): Float32Array {
  const idf = new Float32Array(df.length);
  for (let b = 0; b < df.length; b++) idf[b] = Math.log((1 + nDocs) / (1 + df[b]!)) + 1;
  return idf;
}

/**
 * L2-normalised tf-idf values for parallel arrays of (bucket, count); writes into `out` and
 * returns the norm before normalising (0 when there is nothing to weigh).
 */
export function tfidfInto(buckets: ArrayLike<number>, counts: ArrayLike<number>, n: number, idf: Float32Array, out: Float32Array): number {
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const v = sublinearTf(counts[i]!) * idf[buckets[i]!]!;
    out[i] = v;
    sq += v * v;
  }
  if (sq === 0 || !Number.isFinite(sq)) return 0;
  const norm = Math.sqrt(sq);
  for (let i = 0; i < n; i++) out[i]! /= norm;
  return norm;
}
