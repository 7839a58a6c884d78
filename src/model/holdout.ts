/**
 * Evaluation sets cut from held-out text, the three input kinds of the targets: sentences
 * (pieces of about 100 characters cut at word boundaries), two-word inputs and single words
 * (drawn uniformly over the running text, see sampling.ts).
 * Up to `perLabel` of each kind per label, chosen with a seeded PRNG, so every language weighs
 * the same and runs are comparable.
 */
import { Prng } from './prng.js';
import { TokenSampler } from './sampling.js';

export interface Labelled {
  readonly text: string;
  readonly label: string;
}

export interface HeldOutSets {
  readonly sentences: Labelled[];
  readonly pairs: Labelled[];
  readonly words: Labelled[];
}

const HAS_LETTER = /\p{L}/u;

/** A piece of about `target` code units from the start of `text`, cut at a space. */
export function sentencePiece(text: string, target = 100): string {
  const t = text.trim().replace(/\s+/g, ' ');
  if (t.length <= target * 1.3) return t;
  const sp = t.indexOf(' ', target);
  return sp < 0 || sp > target * 1.3 ? t.slice(0, target) : t.slice(0, sp);
}

export function heldOutSets(records: readonly Labelled[], perLabel: number, seed: number): HeldOutSets {
  const rng = new Prng(seed);
  const byLabel = new Map<string, Labelled[]>();
  for (const r of records) {
    let l = byLabel.get(r.label);
    if (!l) byLabel.set(r.label, (l = []));
    l.push(r);
  }
  const out: HeldOutSets = { sentences: [], pairs: [], words: [] };
  for (const label of [...byLabel.keys()].sort()) {
    const recs = byLabel.get(label)!;
    const longish = recs.filter((r) => r.text.length >= 40);
    const pool = (longish.length > 0 ? longish : recs).slice();
    rng.shuffle(pool);
    for (const r of pool.slice(0, perLabel)) out.sentences.push({ text: sentencePiece(r.text), label });
    const toks = recs.map((r) => r.text.split(/\s+/).filter((w) => HAS_LETTER.test(w)));
    const words = new TokenSampler(toks, 1);
    const pairs = new TokenSampler(toks, 2);
    for (let i = 0; i < perLabel && !words.empty; i++) out.words.push({ text: words.draw(rng)!, label });
    for (let i = 0; i < perLabel && !pairs.empty; i++) out.pairs.push({ text: pairs.draw(rng)!, label });
  }
  return out;
}
