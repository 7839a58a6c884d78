/** Corpus manifest: counts per label × source and the content fingerprint. */
import { createHash } from 'node:crypto';
import type { CorpusManifest, LabelCounts, Sample } from './types.js';

/** The JSONL line of a sample; fields in a fixed order so the bytes are reproducible. */
export function sampleLine(s: Sample): string {
  return JSON.stringify({ text: s.text, label: s.label, source: s.source, doc: s.doc });
}

/** sha256 over the sorted JSONL lines, each followed by a newline. Order of files and lines does not matter. */
export function fingerprintLines(lines: readonly string[]): string {
  const sorted = [...lines].sort();
  const h = createHash('sha256');
  for (const l of sorted) h.update(`${l}\n`);
  return h.digest('hex');
}

export function buildManifest(samples: readonly Sample[], sourceOrder: readonly string[], dropped: Record<string, number>): CorpusManifest {
  const counts: Record<string, Record<string, LabelCounts>> = {};
  const perSource = new Map<string, LabelCounts>(sourceOrder.map((s) => [s, { samples: 0, chars: 0 }]));
  let chars = 0;
  for (const s of samples) {
    const bySource = (counts[s.label] ??= {});
    const c = (bySource[s.source] ??= { samples: 0, chars: 0 });
    c.samples++;
    c.chars += s.text.length;
    const t = perSource.get(s.source) ?? { samples: 0, chars: 0 };
    t.samples++;
    t.chars += s.text.length;
    perSource.set(s.source, t);
    chars += s.text.length;
  }
  const sortedCounts: Record<string, Record<string, LabelCounts>> = {};
  for (const label of Object.keys(counts).sort()) sortedCounts[label] = counts[label] ?? {};
  return {
    formatVersion: 1,
    fingerprint: fingerprintLines(samples.map(sampleLine)),
    createdBy: 'glossa corpus build',
    sources: [...perSource.entries()].map(([name, c]) => ({ name, file: `${name}.jsonl`, samples: c.samples, chars: c.chars })),
    counts: sortedCounts,
    totals: { samples: samples.length, chars },
    dropped: Object.fromEntries(Object.entries(dropped).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}
