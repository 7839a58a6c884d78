/**
 * Train/held-out splits that keep related text together. `splitByDocument` puts every sample of
 * a document (and so every translation of it, see {@link Sample.doc}) on one side, chosen by a
 * seeded hash of the document id: deterministic, independent of sample order, and stable when
 * other documents are added. `splitBySource` holds out whole sources — text from a domain the
 * model never saw.
 */
import { createHash } from 'node:crypto';
import type { Sample } from './types.js';

export interface Split<T> {
  readonly train: T[];
  readonly heldOut: T[];
}

/** A number in [0, 1) determined by seed and key. */
export function unitHash(seed: number, key: string): number {
  const d = createHash('sha256').update(`${seed}\u0000${key}`).digest();
  return d.readUInt32BE(0) / 2 ** 32;
}

/**
 * Holds out about `fraction` of the documents (0 < fraction < 1). A document id is
 * `${source}\u0000${doc}`, so equal doc names in different sources are different documents.
 */
export function splitByDocument<T extends Pick<Sample, 'source' | 'doc'>>(samples: Iterable<T>, fraction: number, seed = 1): Split<T> {
  if (!(fraction > 0 && fraction < 1)) throw new RangeError(`fraction must be in (0, 1), got ${fraction}`);
  const train: T[] = [];
  const heldOut: T[] = [];
  const memo = new Map<string, boolean>();
  for (const s of samples) {
    const id = `${s.source}\u0000${s.doc}`;
    let out = memo.get(id);
    if (out === undefined) {
      out = unitHash(seed, id) < fraction;
      memo.set(id, out);
    }
    (out ? heldOut : train).push(s);
  }
  return { train, heldOut };
}

/** Holds out every sample of the named sources. */
export function splitBySource<T extends Pick<Sample, 'source'>>(samples: Iterable<T>, heldOutSources: readonly string[]): Split<T> {
  const held = new Set(heldOutSources);
  const train: T[] = [];
  const heldOut: T[] = [];
  for (const s of samples) (held.has(s.source) ? heldOut : train).push(s);
  return { train, heldOut };
}
