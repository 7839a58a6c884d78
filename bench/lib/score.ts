/**
 * Accuracy bookkeeping: per-language accuracy, the macro average over languages (each language
 * weighs the same however many samples it has), and the most frequent confusions.
 */
import type { Sample } from './dataset.js';

export interface Score {
  /** Correct answers / samples, per language that had samples. */
  readonly perLanguage: Readonly<Record<string, number>>;
  /** Mean of `perLanguage` over the languages that had samples; NaN when there were none. */
  readonly macro: number;
  /** Correct / all samples (dominated by languages with more samples). */
  readonly micro: number;
  /** `expected→answered` with counts, most frequent first. */
  readonly confusions: readonly (readonly [string, number])[];
}

export function score(samples: readonly Sample[], answers: readonly string[]): Score {
  if (answers.length !== samples.length) throw new Error(`score: ${answers.length} answers for ${samples.length} samples`);
  const totals = new Map<string, { right: number; all: number }>();
  const confusions = new Map<string, number>();
  let right = 0;
  samples.forEach((sample, i) => {
    const answer = answers[i] as string;
    const t = totals.get(sample.label) ?? { right: 0, all: 0 };
    t.all++;
    if (answer === sample.label) {
      t.right++;
      right++;
    } else {
      const key = `${sample.label}→${answer}`;
      confusions.set(key, (confusions.get(key) ?? 0) + 1);
    }
    totals.set(sample.label, t);
  });
  const perLanguage: Record<string, number> = {};
  for (const [label, t] of totals) perLanguage[label] = t.right / t.all;
  const values = Object.values(perLanguage);
  return {
    perLanguage,
    macro: values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length,
    micro: samples.length === 0 ? Number.NaN : right / samples.length,
    confusions: [...confusions].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)),
  };
}

/** Mean accuracy over just these languages (those without samples are ignored); NaN if none. */
export function macroOver(s: Score, languages: readonly string[]): number {
  const values = languages.map((l) => s.perLanguage[l]).filter((v): v is number => v !== undefined);
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}
