/** Word lists as corpus documents: which entries count as words, and how a list is sampled. */
import { unitHash } from '../split.js';
import type { RawDocument } from '../types.js';
import { stableShuffle } from './util.js';

/** Documents a list is spread over: a document split then holds out a random twentieth of the words. */
const BUCKETS = 20;

/** Whether a word-list entry is a word to learn from: not one letter, no digits or dots, not an all-capitals abbreviation. */
export function isListWord(word: string): boolean {
  return [...word].length >= 2 && !/[\d.]/.test(word) && !(word === word.toUpperCase() && word !== word.toLowerCase());
}

/**
 * A word list as documents: a spread sample of the words, a fifth of the per-source budget
 * (≈ 25 000 words at the default) so that single words do not outweigh running text, shared out
 * over BUCKETS documents `<prefix>:<k>` by a hash of the word.
 */
export function* wordDocuments(label: string, words: readonly string[], maxCharsPerLabel: number, prefix: string): Iterable<RawDocument> {
  let budget = maxCharsPerLabel / 5;
  const buckets: string[][] = Array.from({ length: BUCKETS }, () => []);
  // Regional dictionaries are often links to one file: count each word once.
  for (const w of stableShuffle([...new Set(words)], (x) => x)) {
    if (budget <= 0) break;
    budget -= w.length;
    buckets[Math.floor(unitHash(0, w) * BUCKETS)]?.push(w);
  }
  for (const [k, pieces] of buckets.entries()) {
    if (pieces.length > 0) yield { label, doc: `${prefix}:${k}`, kind: 'ui', pieces };
  }
}
