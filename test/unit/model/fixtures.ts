/** Tiny synthetic corpora for fast model tests: three "languages" with disjoint syllables. */
import { Prng } from '../../../src/model/prng.js';

const SYLLABLES: Record<string, string[]> = {
  aa: ['ka', 'ti', 'mo', 'ru', 'ne'],
  bb: ['bel', 'dor', 'fen', 'gus', 'hal'],
  cc: ['xi', 'zo', 'qua', 'vy', 'wex'],
};

export const TOY_LABELS = Object.keys(SYLLABLES).sort();

export function toyWord(label: string, rng: Prng): string {
  const s = SYLLABLES[label]!;
  let w = '';
  const n = 2 + rng.int(2);
  for (let i = 0; i < n; i++) w += s[rng.int(s.length)]!;
  return w;
}

export function toySentence(label: string, rng: Prng, words = 8): string {
  return Array.from({ length: words }, () => toyWord(label, rng)).join(' ');
}

/** `perLabel` sentences per label, with doc ids, deterministic for a seed. */
export function toyCorpus(perLabel = 60, seed = 7): Array<{ text: string; label: string; source: string; doc: string }> {
  const rng = new Prng(seed);
  const out: Array<{ text: string; label: string; source: string; doc: string }> = [];
  for (const label of TOY_LABELS) {
    for (let i = 0; i < perLabel; i++) out.push({ text: toySentence(label, rng), label, source: 'toy', doc: `d${i % 20}` });
  }
  return out;
}

/** Small, fast training options for tests. */
export const TINY = {
  buckets: 4096, epochs: 3, textsPerLabel: 60, wordsPerLabel: 60, pairsPerLabel: 60, seed: 3,
} as const;
