/**
 * Training samples from labelled texts, including the short inputs people actually type.
 * Besides the texts themselves, each class gets single words and adjacent word pairs cut at
 * random from its running text (so frequent words are drawn often, as in real short queries). Every
 * (class, kind) group gets the same total weight, so a class with little text is not drowned
 * out and macro accuracy is what the loss optimises. Deterministic for a given seed.
 */
import { stripLatinDiacritics } from './diacritics.js';
import { hashString } from './hashing.js';
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
  /**
   * Passages per class: runs of 60–200 characters of running text that continue across the
   * ends of texts (0 = none). A class whose text is mostly short strings (UI catalogues) then
   * also trains on sentence-length inputs, so that length does not stand in for language.
   */
  readonly passagesPerLabel?: number;
  /**
   * Share of each group's samples (texts, words, pairs, passages) that also train as a copy
   * without diacritics on Latin letters (see diacritics.ts; 0 = none). Chosen by a hash of the
   * sample, so the other random draws do not change. The copies share their group's weight.
   */
  readonly strippedShare?: number;
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
  const cut = Math.round((opts.strippedShare ?? 0) * 1000);
  const push = (drawn: string[], label: string, target: number): void => {
    if (drawn.length === 0) return;
    const texts = cut > 0 ? drawn.concat(strippedCopies(drawn, cut)) : drawn;
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
    const perLabel = opts.passagesPerLabel ?? 0;
    if (perLabel > 0) {
      // The running text in a seeded order of texts, so a passage joins unrelated strings
      // rather than always the same neighbours of a file.
      const order = toks.slice();
      rng.shuffle(order);
      const stream = order.flat();
      const passages: string[] = [];
      for (let i = 0; i < perLabel && stream.length > 0; i++) passages.push(drawPassage(stream, rng));
      push(passages, label, perLabel);
    }
  }
  return out;
}

/** Diacritic-free copies of the samples whose hash falls under `cut` of 1000 (those that change). */
function strippedCopies(samples: readonly string[], cut: number): string[] {
  const out: string[] = [];
  for (const s of samples) {
    if (hashString(`stripped:${s}`) % 1000 >= cut) continue;
    const t = stripLatinDiacritics(s);
    if (t !== s) out.push(t);
  }
  return out;
}

const PASSAGE_MIN = 60;
const PASSAGE_SPREAD = 140;
const PASSAGE_MAX_TOKENS = 60;

/** Tokens from a random start (wrapping around) until the passage reaches a random length in [60, 200). */
function drawPassage(stream: readonly string[], rng: Prng): string {
  const target = PASSAGE_MIN + Math.floor(rng.next() * PASSAGE_SPREAD);
  let k = Math.floor(rng.next() * stream.length);
  let text = stream[k]!;
  for (let n = 1; text.length < target && n < Math.min(PASSAGE_MAX_TOKENS, stream.length); n++) {
    k = (k + 1) % stream.length;
    text += ` ${stream[k]!}`;
  }
  return text;
}
