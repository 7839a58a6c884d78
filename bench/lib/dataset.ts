/**
 * Builds the three benchmark sets (sentences, two-word inputs, single words) from held-out
 * labelled text, balanced per language and deterministic for a given seed and input order.
 *
 * Per language: the records are shuffled (seeded), each record is cut into candidates of each
 * shape, and candidates are taken round-robin across records (one per record per round) so that
 * no single long document dominates a language's set. Duplicates within a language's set are
 * skipped. Whole sentences come first; sentences cut to length only fill a shortfall.
 */
import { hash32, rng, shuffled } from './random.js';
import { DEFAULT_SHAPE, pairSamples, sentenceSamples, tidy, wordSamples } from './segment.js';
import type { ShapeOptions } from './segment.js';

export interface LabelledText {
  readonly text: string;
  readonly label: string;
}

export const SET_NAMES = ['sentences', 'pairs', 'words'] as const;
export type SetName = (typeof SET_NAMES)[number];

export const SET_TITLES: Readonly<Record<SetName, string>> = {
  sentences: 'sentences (60–160 chars)',
  pairs: 'two-word inputs',
  words: 'single words',
};

export interface Sample {
  readonly text: string;
  readonly label: string;
}

export interface DatasetOptions {
  /** The languages to build sets for, in table order. */
  readonly languages: readonly string[];
  /** Most samples per language per set (default 200). */
  readonly perLanguage: number;
  readonly seed: number;
  readonly shape: ShapeOptions;
  /**
   * Stop cutting a language's records once every set has this many times `perLanguage`
   * candidates (default 8): bounds work on large sources without changing small ones.
   */
  readonly oversample: number;
}

export const DEFAULT_DATASET: Omit<DatasetOptions, 'languages'> = Object.freeze({
  perLanguage: 200, seed: 20261127, shape: DEFAULT_SHAPE, oversample: 8,
});

export interface BenchSets {
  readonly sets: Readonly<Record<SetName, readonly Sample[]>>;
  /** Languages with no held-out text at all (left out of every set and of the macro average). */
  readonly missing: readonly string[];
  /** Samples per language per set, to show thin languages. */
  readonly counts: Readonly<Record<SetName, Readonly<Record<string, number>>>>;
  /** Held-out records per language that were read. */
  readonly records: Readonly<Record<string, number>>;
}

/** Takes up to `limit` distinct items, one per list per round, lists in the given order. */
export function roundRobin(lists: readonly (readonly string[])[], limit: number): string[] {
  const taken: string[] = [];
  const seen = new Set<string>();
  const cursors = lists.map(() => 0);
  let progressed = true;
  while (taken.length < limit && progressed) {
    progressed = false;
    for (let i = 0; i < lists.length && taken.length < limit; i++) {
      const list = lists[i] as readonly string[];
      let c = cursors[i] as number;
      while (c < list.length && seen.has(list[c] as string)) c++;
      if (c < list.length) {
        const item = list[c] as string;
        seen.add(item);
        taken.push(item);
        progressed = true;
        c++;
      }
      cursors[i] = c;
    }
  }
  return taken;
}

function candidatesFor(label: string, texts: readonly string[], options: DatasetOptions): Record<SetName, string[]> {
  const random = rng(hash32(`${options.seed}:${label}`));
  const want = options.perLanguage * options.oversample;
  const lists = { whole: [] as string[][], long: [] as string[][], pairs: [] as string[][], words: [] as string[][] };
  const totals = { whole: 0, pairs: 0, words: 0 };
  for (const text of shuffled(texts, random)) {
    const { whole, long } = sentenceSamples(text, label, options.shape);
    const pairs = pairSamples(text, label, options.shape);
    const words = wordSamples(text, label, options.shape);
    lists.whole.push(shuffled(whole, random));
    lists.long.push(shuffled(long, random));
    lists.pairs.push(shuffled(pairs, random));
    lists.words.push(shuffled(words, random));
    totals.whole += whole.length;
    totals.pairs += pairs.length;
    totals.words += words.length;
    if (totals.whole >= want && totals.pairs >= want && totals.words >= want) break;
  }
  const sentences = roundRobin(lists.whole, options.perLanguage);
  if (sentences.length < options.perLanguage) {
    const seen = new Set(sentences);
    for (const piece of roundRobin(lists.long, options.perLanguage * 2)) {
      if (sentences.length >= options.perLanguage) break;
      if (!seen.has(piece)) sentences.push(piece);
    }
  }
  return {
    sentences,
    pairs: roundRobin(lists.pairs, options.perLanguage),
    words: roundRobin(lists.words, options.perLanguage),
  };
}

/**
 * The benchmark sets. Records whose label is not among `options.languages` are ignored; the
 * order of records within a language matters only through the seeded shuffle.
 */
export function buildSets(input: Iterable<LabelledText>, partial: Partial<DatasetOptions> & Pick<DatasetOptions, 'languages'>): BenchSets {
  const options: DatasetOptions = { ...DEFAULT_DATASET, ...partial };
  const byLanguage = new Map<string, string[]>(options.languages.map((l) => [l, []]));
  for (const record of input) {
    const texts = byLanguage.get(record.label);
    if (texts === undefined) continue;
    const text = tidy(record.text);
    if (text !== '') texts.push(text);
  }
  const sets: Record<SetName, Sample[]> = { sentences: [], pairs: [], words: [] };
  const counts: Record<SetName, Record<string, number>> = { sentences: {}, pairs: {}, words: {} };
  const records: Record<string, number> = {};
  const missing: string[] = [];
  for (const label of options.languages) {
    const texts = byLanguage.get(label) ?? [];
    records[label] = texts.length;
    if (texts.length === 0) {
      missing.push(label);
      continue;
    }
    const candidates = candidatesFor(label, texts, options);
    for (const name of SET_NAMES) {
      for (const text of candidates[name]) sets[name].push({ text, label });
      counts[name][label] = candidates[name].length;
    }
  }
  return { sets, missing, counts, records };
}
