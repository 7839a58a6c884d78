/**
 * Training samples from labelled texts, including the short inputs people actually type.
 * Besides the texts themselves, each class gets single words and adjacent word pairs cut at
 * random from its running text (so frequent words are drawn often, as in real short queries). Every
 * (class, kind) group gets the same total weight, so a class with little text is not drowned
 * out and macro accuracy is what the loss optimises. Deterministic for a given seed.
 */
import { Prng } from './prng.js';
import { TokenSampler } from './sampling.js';

export interface LabelledText {
  readonly text: string;
  readonly label: string;
}

export interface AugmentOptions {
  /** At most this many whole texts per class (a seeded random subset beyond that). */
  readonly textsPerLabel: number;
  /** Single-word samples per class. */
  readonly wordsPerLabel: number;
  /** Two-word samples per class. */
  readonly pairsPerLabel: number;
  /** Texts longer than this (code units) are cut into pieces at word boundaries. */
  readonly maxTextLength: number;
  /** Upper bound on a group's per-sample weight when the class has few samples. */
  readonly maxWeight: number;
  readonly seed: number;
}

export interface Samples {
  readonly texts: string[];
  readonly labels: string[];
  readonly weights: number[];
}

const HAS_LETTER = /\p{L}/u;

/** Cuts a long text into pieces of at most `max` code units at spaces. */
export function chunk(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + max);
    if (end < text.length) {
      const sp = text.lastIndexOf(' ', end);
      if (sp > start + max / 2) end = sp;
    }
    const piece = text.slice(start, end).trim();
    if (piece) out.push(piece);
    start = end;
  }
  return out;
}

function tokens(text: string): string[] {
  return text.split(/\s+/).filter((w) => HAS_LETTER.test(w));
}

export function augment(data: readonly LabelledText[], opts: AugmentOptions): Samples {
  const rng = new Prng(opts.seed);
  const byLabel = new Map<string, string[]>();
  for (const d of data) {
    let list = byLabel.get(d.label);
    if (!list) byLabel.set(d.label, (list = []));
    for (const piece of chunk(d.text, opts.maxTextLength)) list.push(piece);
  }
  const out: Samples = { texts: [], labels: [], weights: [] };
  const push = (texts: string[], label: string, target: number): void => {
    if (texts.length === 0) return;
    const w = Math.min(opts.maxWeight, target / texts.length);
    for (const t of texts) {
      out.texts.push(t);
      out.labels.push(label);
      out.weights.push(w);
    }
  };
  for (const label of [...byLabel.keys()].sort()) {
    const texts = byLabel.get(label)!;
    const chosen = texts.slice();
    rng.shuffle(chosen);
    push(chosen.slice(0, opts.textsPerLabel), label, opts.textsPerLabel);
    const toks = texts.map(tokens);
    const wordSampler = new TokenSampler(toks, 1);
    const pairSampler = new TokenSampler(toks, 2);
    const words: string[] = [];
    for (let i = 0; i < opts.wordsPerLabel && !wordSampler.empty; i++) words.push(wordSampler.draw(rng)!);
    push(words, label, opts.wordsPerLabel);
    const pairs: string[] = [];
    for (let i = 0; i < opts.pairsPerLabel && !pairSampler.empty; i++) pairs.push(pairSampler.draw(rng)!);
    push(pairs, label, opts.pairsPerLabel);
  }
  return out;
}
