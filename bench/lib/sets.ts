/** Loads the held-out text and builds the benchmark sets; shared by accuracy.ts and speed.ts. */
import { LANGUAGE_CODES } from '../../src/languages/index.js';
import { stripLatinDiacritics } from '../../src/model/diacritics.js';
import { buildSets, SET_NAMES } from './dataset.js';
import type { BenchSets, Sample, SetName } from './dataset.js';
import { loadHeldOut } from './heldout.js';
import type { BenchOptions } from './options.js';
import { plainTable } from './table.js';

export interface PreparedSets extends BenchSets {
  readonly description: string;
}

/** `modelDir`: the model whose training sources decide what is held out. */
export async function prepareSets(options: BenchOptions, modelDir: string): Promise<PreparedSets> {
  const heldOut = await loadHeldOut({
    corpusDir: options.corpusDir, modelDir,
    ...(options.data !== undefined ? { data: options.data } : {}),
    ...(options.source !== undefined ? { source: options.source } : {}),
  });
  const built = buildSets(heldOut.records, { languages: LANGUAGE_CODES, perLanguage: options.perLanguage, seed: options.seed });
  if (!options.stripDiacritics) return { ...built, description: heldOut.description };
  // The same samples, as typed without diacritics (a sample of another script stays as it is).
  const strip = (name: SetName): Sample[] => built.sets[name].map((s) => ({ ...s, text: stripLatinDiacritics(s.text) }));
  const sets = { sentences: strip('sentences'), pairs: strip('pairs'), words: strip('words') };
  return { ...built, sets, description: `${heldOut.description}, without diacritics on Latin letters` };
}

/** Samples per set, and the languages that are missing or short of the target. */
export function describeSets(sets: PreparedSets, perLanguage: number): string {
  const lines = [`held-out text: ${sets.description}`];
  lines.push(plainTable(['set', 'samples', 'languages'], SET_NAMES.map((name) => [
    name, sets.sets[name].length, Object.keys(sets.counts[name]).length,
  ])));
  if (sets.missing.length > 0) lines.push(`no held-out text (left out of every set and average): ${sets.missing.join(', ')}`);
  for (const name of SET_NAMES) {
    const thin = Object.entries(sets.counts[name]).filter(([, n]) => n < perLanguage).map(([l, n]) => `${l} ${n}`);
    if (thin.length > 0) lines.push(`${name}: fewer than ${perLanguage} samples: ${thin.join(', ')}`);
  }
  return lines.join('\n');
}
