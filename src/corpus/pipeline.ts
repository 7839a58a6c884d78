/**
 * Raw documents → clean samples. Cleaning per piece (markup already gone), segmentation, the
 * quality rules of filters.ts, then de-duplication over the whole corpus:
 * - the same text (by {@link dedupeKey}) twice under one label is kept once: the first
 *   occurrence in source order, then document order;
 * - the same text under two or more labels is ambiguous (e.g. "Internet", "OK", or a phrase
 *   Malay and Indonesian share) and is dropped from every label, so the model is never taught
 *   that one string is two languages.
 */
import { cleanProse, cleanUiString } from './clean.js';
import { dedupeKey, rejectReason } from './filters.js';
import { segmentParagraph } from './segment.js';
import type { RawDocument, Sample } from './types.js';

export class SampleCollector {
  private readonly samples: Sample[] = [];
  readonly dropped: Record<string, number> = {};

  private drop(reason: string): void {
    this.dropped[reason] = (this.dropped[reason] ?? 0) + 1;
  }

  /** Cleans, segments and filters a document's pieces and keeps the good samples. */
  add(source: string, doc: RawDocument): void {
    for (const piece of doc.pieces) {
      const cleaned = doc.kind === 'ui' ? cleanUiString(piece) : cleanProse(piece);
      if (cleaned === '') continue;
      for (const text of segmentParagraph(cleaned)) {
        const reason = rejectReason(text, doc.label);
        if (reason !== null) this.drop(reason);
        else this.samples.push({ text, label: doc.label, source, doc: doc.doc });
      }
    }
  }

  /** The de-duplicated samples in insertion order. */
  finish(): Sample[] {
    const keys = this.samples.map((s) => dedupeKey(s.text));
    const labelsByKey = new Map<string, string | null>();
    this.samples.forEach((s, k) => {
      const key = keys[k] ?? '';
      const seen = labelsByKey.get(key);
      if (seen === undefined) labelsByKey.set(key, s.label);
      else if (seen !== null && seen !== s.label) labelsByKey.set(key, null);
    });
    const emitted = new Set<string>();
    const out: Sample[] = [];
    this.samples.forEach((s, k) => {
      const key = keys[k] ?? '';
      if (labelsByKey.get(key) === null) { this.drop('ambiguous-label'); return; }
      if (emitted.has(key)) { this.drop('duplicate'); return; }
      emitted.add(key);
      out.push(s);
    });
    return out;
  }
}
