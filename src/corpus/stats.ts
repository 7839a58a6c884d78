/**
 * `corpus stats`: samples and characters per label × source, totals and fingerprint, computed
 * from the files themselves (not trusted from the manifest). Labels under a threshold of
 * characters are flagged "THIN".
 */
import { fingerprintLines, sampleLine } from './manifest.js';
import { readCorpus } from './read.js';
import type { LabelCounts } from './types.js';

/** Default threshold under which a label is reported as thin: 50 000 characters. */
export const THIN_CHARS = 50_000;

export interface CorpusStats {
  readonly sources: string[];
  readonly counts: Map<string, Map<string, LabelCounts>>;
  readonly totals: Map<string, LabelCounts>;
  readonly total: LabelCounts;
  readonly fingerprint: string;
}

export async function corpusStats(dir: string): Promise<CorpusStats> {
  const counts = new Map<string, Map<string, LabelCounts>>();
  const totals = new Map<string, LabelCounts>();
  const sources: string[] = [];
  const lines: string[] = [];
  const total = { samples: 0, chars: 0 };
  for await (const s of readCorpus(dir)) {
    if (!sources.includes(s.source)) sources.push(s.source);
    const bySource = counts.get(s.label) ?? new Map<string, LabelCounts>();
    counts.set(s.label, bySource);
    const c = bySource.get(s.source) ?? { samples: 0, chars: 0 };
    bySource.set(s.source, c);
    const t = totals.get(s.label) ?? { samples: 0, chars: 0 };
    totals.set(s.label, t);
    for (const x of [c, t, total]) { x.samples++; x.chars += s.text.length; }
    lines.push(sampleLine(s));
  }
  return { sources, counts, totals, total, fingerprint: fingerprintLines(lines) };
}

const kb = (chars: number): string => (chars >= 1e6 ? `${(chars / 1e6).toFixed(1)}M` : `${Math.round(chars / 1000)}k`);

/** A plain-text table: one row per label, one column per source (samples/chars), then totals. */
export function formatStats(stats: CorpusStats, thinChars = THIN_CHARS): string {
  const header = ['label', ...stats.sources, 'total samples', 'total chars', ''];
  const rows: string[][] = [];
  for (const label of [...stats.counts.keys()].sort()) {
    const bySource = stats.counts.get(label);
    const t = stats.totals.get(label) ?? { samples: 0, chars: 0 };
    rows.push([
      label,
      ...stats.sources.map((src) => { const c = bySource?.get(src); return c ? `${c.samples}/${kb(c.chars)}` : '-'; }),
      String(t.samples), String(t.chars), t.chars < thinChars ? `THIN (< ${kb(thinChars)} chars)` : '',
    ]);
  }
  rows.push(['TOTAL', ...stats.sources.map(() => ''), String(stats.total.samples), String(stats.total.chars), '']);
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] ?? '').length)));
  const fmt = (r: string[]): string => r.map((c, k) => c.padEnd(widths[k] ?? 0)).join('  ').trimEnd();
  const thin = [...stats.totals.entries()].filter(([, t]) => t.chars < thinChars).map(([l]) => l).sort();
  return [
    'cells: samples/characters',
    fmt(header), ...rows.map(fmt), '',
    `fingerprint: ${stats.fingerprint}`,
    `thin labels (< ${thinChars} chars): ${thin.length === 0 ? 'none' : thin.join(', ')}`,
  ].join('\n');
}
