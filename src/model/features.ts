/**
 * Character n-gram and whole-word features over a normalised text (see normalize.ts).
 *
 * N-grams stay inside one word with its boundary spaces: for ` cat ` and range 1–3 the
 * features are c a t, ` c` ca at `t `, ` ca` cat `at ` — the spaces mark where words begin and
 * end, which is much of the signal for short inputs. Each word also yields one whole-word
 * feature (hashed with another seed), which helps single-word and two-word inputs most.
 * Features are bucket numbers in [0, buckets); nothing is allocated per n-gram.
 */
import { FNV_OFFSET, WORD_SEED, fmix32, fnvStep } from './hashing.js';
import { SPACE, type NormalizedText } from './normalize.js';

export interface FeatureConfig {
  /** Shortest and longest n-gram, in code units (boundary spaces count). */
  readonly minN: number;
  readonly maxN: number;
  /** Number of hash buckets (the weight matrix has this many rows). */
  readonly buckets: number;
  /** Emit a whole-word feature for each word of at most this many code units (0 = none). */
  readonly maxWordLength: number;
}

/** An upper bound on the features `extractBuckets` writes for a normalised text of `length` units. */
export function maxFeatures(length: number, cfg: FeatureConfig): number {
  return length * (cfg.maxN + 1) + 1;
}

/**
 * Writes the bucket of every feature occurrence of `t` into `out` (which must hold
 * `maxFeatures(t.length, cfg)`) and returns how many. The order is fixed — by start position,
 * then length; a word's own feature when its closing space is reached — which keeps training
 * deterministic and lets `listFeatures` pair buckets with strings.
 */
export function extractBuckets(t: NormalizedText, cfg: FeatureConfig, out: Int32Array): number {
  const { minN, maxN, buckets, maxWordLength } = cfg;
  const u = t.units;
  const len = t.length;
  let k = 0;
  let wordStart = -1;
  for (let i = 0; i < len; i++) {
    const first = u[i]!;
    if (first === SPACE) {
      if (wordStart >= 0 && i - wordStart <= maxWordLength) {
        let h = WORD_SEED;
        for (let j = wordStart; j < i; j++) h = fnvStep(h, u[j]!);
        out[k++] = fmix32(h) % buckets;
      }
      wordStart = i + 1;
    }
    let h = fnvStep(FNV_OFFSET, first);
    // A lone space is not a feature; n-grams from a space start at ` c`.
    if (minN <= 1 && first !== SPACE) out[k++] = fmix32(h) % buckets;
    for (let n = 2; n <= maxN; n++) {
      const j = i + n - 1;
      if (j >= len) break;
      const c = u[j]!;
      h = fnvStep(h, c);
      if (n >= minN) out[k++] = fmix32(h) % buckets;
      if (c === SPACE) break;
    }
  }
  return k;
}

/** The feature strings of a text with their buckets, in `extractBuckets` order (for explain). */
export function listFeatures(t: NormalizedText, cfg: FeatureConfig): Array<{ ngram: string; bucket: number }> {
  const u = t.units;
  const len = t.length;
  const buckets = new Int32Array(maxFeatures(len, cfg));
  extractBuckets(t, cfg, buckets);
  const text = String.fromCharCode(...u.subarray(0, len));
  const out: Array<{ ngram: string; bucket: number }> = [];
  let k = 0;
  let wordStart = -1;
  for (let i = 0; i < len; i++) {
    if (u[i] === SPACE) {
      if (wordStart >= 0 && i - wordStart <= cfg.maxWordLength) {
        out.push({ ngram: `[${text.slice(wordStart, i)}]`, bucket: buckets[k++]! });
      }
      wordStart = i + 1;
    }
    if (cfg.minN <= 1 && u[i] !== SPACE) out.push({ ngram: text[i]!, bucket: buckets[k++]! });
    for (let n = 2; n <= cfg.maxN; n++) {
      const j = i + n - 1;
      if (j >= len) break;
      if (n >= cfg.minN) out.push({ ngram: text.slice(i, j + 1), bucket: buckets[k++]! });
      if (u[j] === SPACE) break;
    }
  }
  return out;
}
