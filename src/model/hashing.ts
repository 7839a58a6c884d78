/**
 * Feature hashing: 32-bit FNV-1a over UTF-16 code units, extended one code unit at a time so
 * that all n-grams starting at one position are hashed in a single pass without building
 * substrings, then finished with murmur3's avalanche so that `hash % buckets` spreads well.
 *
 * The constants are part of the artifact format: changing them changes every bucket, so a
 * model trained with other constants must be rejected (format version). The prediction kernel
 * (kernel.wat) repeats them; test/unit/model/kernel.test.ts checks that both find the same
 * buckets.
 */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;
/** Seed for whole-word features, so a word never shares a hash with the same-letter n-gram. */
export const WORD_SEED = 0x9747b28c;

/** One FNV-1a step: the hash of the previous prefix extended by code unit `c`. */
export function fnvStep(h: number, c: number): number {
  return Math.imul(h ^ c, FNV_PRIME);
}

/** murmur3 fmix32: every input bit affects every output bit. Returns an unsigned 32-bit int. */
export function fmix32(h: number): number {
  return fmix32Signed(h) >>> 0;
}

/**
 * The same bits as a signed 32-bit int: small-integer arithmetic all the way, for hot paths where
 * an unsigned result past 2³¹ would become a heap number.
 */
export function fmix32Signed(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The hash of a whole string (used by tests and explain; the hot path hashes incrementally). */
export function hashString(s: string, seed = FNV_OFFSET): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i));
  return fmix32(h);
}
