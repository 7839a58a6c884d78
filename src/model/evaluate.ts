/**
 * Evaluating a model on labelled texts: metrics overall and per input-length band
 * (≤ 20 code units, ≤ 50, longer — see metrics.ts `lengthBand`).
 */
import { computeMetrics, lengthBand, type Metrics } from './metrics.js';
import type { LanguageModel } from './types.js';

export interface Evaluation {
  readonly overall: Metrics;
  readonly byLength: Readonly<Record<'short' | 'medium' | 'long', Metrics | undefined>>;
}

export function evaluate(model: LanguageModel, items: ReadonlyArray<{ readonly text: string; readonly label: string }>, batch = 512): Evaluation {
  const gold: string[] = [];
  const pred: string[] = [];
  for (let i = 0; i < items.length; i += batch) {
    const slice = items.slice(i, i + batch);
    const ps = model.predictBatch(slice.map((x) => x.text), { top: 1 });
    slice.forEach((x, j) => {
      gold.push(x.label);
      pred.push(ps[j]!.language);
    });
  }
  const bands = { short: [] as number[], medium: [] as number[], long: [] as number[] };
  items.forEach((x, i) => bands[lengthBand(x.text)].push(i));
  const sub = (idx: number[]): Metrics | undefined =>
    idx.length === 0 ? undefined : computeMetrics(idx.map((i) => gold[i]!), idx.map((i) => pred[i]!));
  return {
    overall: computeMetrics(gold, pred),
    byLength: { short: sub(bands.short), medium: sub(bands.medium), long: sub(bands.long) },
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** A plain-text report of an evaluation (what `glossa eval` and `glossa train` print). */
export function formatEvaluation(e: Evaluation, maxConfusions = 10): string {
  const o = e.overall;
  const lines: string[] = [];
  lines.push(`texts ${o.total}  accuracy ${pct(o.accuracy)}  macro precision ${pct(o.macroPrecision)}  macro recall ${pct(o.macroRecall)}  macro F1 ${pct(o.macroF1)}`);
  const names = { short: '≤ 20 chars', medium: '21–50 chars', long: '> 50 chars' } as const;
  for (const k of ['short', 'medium', 'long'] as const) {
    const m = e.byLength[k];
    if (m) lines.push(`  ${names[k].padEnd(12)} texts ${String(m.total).padStart(7)}  accuracy ${pct(m.accuracy).padStart(6)}  macro recall ${pct(m.macroRecall).padStart(6)}  macro F1 ${pct(m.macroF1).padStart(6)}`);
  }
  lines.push('', 'label  support  precision  recall     F1');
  for (const c of o.perClass) {
    lines.push(`${c.label.padEnd(6)} ${String(c.support).padStart(7)}  ${pct(c.precision).padStart(9)}  ${pct(c.recall).padStart(6)}  ${pct(c.f1).padStart(6)}`);
  }
  if (o.confusions.length > 0) {
    lines.push('', 'top confusions (gold → predicted: count)');
    for (const c of o.confusions.slice(0, maxConfusions)) lines.push(`  ${c.gold} → ${c.predicted}: ${c.count}`);
  }
  return lines.join('\n');
}
