/**
 * Classification metrics: accuracy, per-class precision/recall/F1, macro averages and the most
 * frequent confusions. Pure: gold and predicted labels in, numbers out. A prediction of `und`
 * (or of any label that is not a gold class) counts as wrong for recall and against no class's
 * precision.
 */

export interface ClassMetrics {
  readonly label: string;
  /** Gold examples of this class. */
  readonly support: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface Confusion {
  readonly gold: string;
  readonly predicted: string;
  readonly count: number;
}

export interface Metrics {
  readonly total: number;
  readonly accuracy: number;
  /** Mean of per-class recall (macro accuracy): every class counts the same. */
  readonly macroRecall: number;
  readonly macroPrecision: number;
  readonly macroF1: number;
  readonly perClass: readonly ClassMetrics[];
  /** The most frequent (gold → predicted) errors, largest first. */
  readonly confusions: readonly Confusion[];
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

export function computeMetrics(gold: readonly string[], predicted: readonly string[], maxConfusions = 10): Metrics {
  if (gold.length !== predicted.length) throw new RangeError(`gold has ${gold.length} labels, predicted ${predicted.length}`);
  const classes = [...new Set(gold)].sort();
  const tp = new Map<string, number>();
  const goldCount = new Map<string, number>();
  const predCount = new Map<string, number>();
  const conf = new Map<string, number>();
  let correct = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i]!;
    const p = predicted[i]!;
    goldCount.set(g, (goldCount.get(g) ?? 0) + 1);
    predCount.set(p, (predCount.get(p) ?? 0) + 1);
    if (g === p) {
      correct++;
      tp.set(g, (tp.get(g) ?? 0) + 1);
    } else {
      const k = `${g}\u0000${p}`;
      conf.set(k, (conf.get(k) ?? 0) + 1);
    }
  }
  const perClass = classes.map((label): ClassMetrics => {
    const t = tp.get(label) ?? 0;
    const precision = ratio(t, predCount.get(label) ?? 0);
    const recall = ratio(t, goldCount.get(label) ?? 0);
    return { label, support: goldCount.get(label) ?? 0, precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
  });
  const mean = (f: (c: ClassMetrics) => number): number => ratio(perClass.reduce((s, c) => s + f(c), 0), perClass.length);
  const confusions = [...conf]
    .map(([k, count]) => {
      const [g, p] = k.split('\u0000') as [string, string];
      return { gold: g, predicted: p, count };
    })
    .sort((a, b) => b.count - a.count || a.gold.localeCompare(b.gold) || a.predicted.localeCompare(b.predicted))
    .slice(0, maxConfusions);
  return {
    total: gold.length,
    accuracy: ratio(correct, gold.length),
    macroRecall: mean((c) => c.recall),
    macroPrecision: mean((c) => c.precision),
    macroF1: mean((c) => c.f1),
    perClass,
    confusions,
  };
}

/** The length bands `glossa eval` reports: ≤ 20 code units, ≤ 50, longer. */
export function lengthBand(text: string): 'short' | 'medium' | 'long' {
  const n = text.trim().length;
  return n <= 20 ? 'short' : n <= 50 ? 'medium' : 'long';
}
