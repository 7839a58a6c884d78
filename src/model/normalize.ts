/**
 * Text normalisation for the character n-gram features.
 *
 * One pass over the (NFC, lower-cased) text writes code units into a reusable buffer: letters and
 * combining marks are kept, everything else (digits, punctuation, symbols, emoji, spaces) becomes
 * one word separator, so the buffer reads ` word word word ` — a space before and after every
 * word, never two in a row. URLs, e-mail addresses, @mentions and #hashtags are removed first:
 * they are not language. The pass also counts letters per writing system so that the predictor
 * can rule out classes that never use the script of the text.
 *
 * Example: `"Hello, WORLD! 42 https://x.io"` → ` hello world ` (Latin: 10 letters).
 */
import { SCRIPT_COUNT, SCRIPT_MARK, SCRIPT_NONE, scriptTable } from './scripts.js';

/** The code unit written between words. */
export const SPACE = 0x20;

/** Longest text (in UTF-16 code units) looked at; a language shows itself long before this. */
export const MAX_TEXT_UNITS = 20_000;

const NOISE = /(?:https?:\/\/|www\.)\S*|\S+@\S+\.\S+|[@#][\p{L}\p{N}_]+/gu;
const MAYBE_NOISE = /[@#]|:\/\/|www\./;

/** A normalised text: `length` code units of `units` are valid. Reused between calls. */
export interface NormalizedText {
  units: Uint16Array;
  length: number;
  /** Letters per script id (see scripts.ts); marks and separators are not counted. */
  readonly scriptCounts: Uint32Array;
  /** Letters in total. */
  letters: number;
}

export function createNormalizedText(capacity = 256): NormalizedText {
  return { units: new Uint16Array(capacity), length: 0, scriptCounts: new Uint32Array(SCRIPT_COUNT), letters: 0 };
}

/** The cleaned string before the per-character pass: noise removed, NFC, lower case, cut at MAX_TEXT_UNITS. */
function prepare(text: string): string {
  let t = text.length > MAX_TEXT_UNITS ? text.slice(0, MAX_TEXT_UNITS) : text;
  if (MAYBE_NOISE.test(t)) t = t.replace(NOISE, ' ');
  return t.normalize('NFC').toLowerCase();
}

/** Normalises `text` into `out` (grown if needed) and returns it. */
export function normalizeInto(text: string, out: NormalizedText): NormalizedText {
  const t = prepare(text);
  const table = scriptTable();
  const end = t.length;
  if (out.units.length < end + 2) out.units = new Uint16Array(end + 64);
  const units = out.units;
  const counts = out.scriptCounts;
  counts.fill(0);
  let n = 0;
  let letters = 0;
  units[n++] = SPACE;
  for (let i = 0; i < end; i++) {
    const c = t.charCodeAt(i);
    const s = table[c]!;
    if (s === SCRIPT_NONE) {
      if (units[n - 1] !== SPACE) units[n++] = SPACE;
      continue;
    }
    // A mark with no letter before it (e.g. after punctuation) carries no language.
    if (s === SCRIPT_MARK && units[n - 1] === SPACE) continue;
    units[n++] = c;
    if (s !== SCRIPT_MARK) {
      counts[s]!++;
      letters++;
    }
  }
  if (units[n - 1] !== SPACE) units[n++] = SPACE;
  out.length = n;
  out.letters = letters;
  return out;
}

/** Convenience for tests and explain: the normalised text as a string. */
export function normalize(text: string): string {
  const out = normalizeInto(text, createNormalizedText(text.length + 2));
  return String.fromCharCode(...out.units.subarray(0, out.length));
}

/** The script with most letters, or SCRIPT_NONE when the text has no letters. */
export function dominantScript(t: NormalizedText): number {
  let best = SCRIPT_NONE;
  let bestCount = 0;
  for (let s = 1; s < SCRIPT_COUNT; s++) {
    const c = t.scriptCounts[s]!;
    if (c > bestCount) {
      best = s;
      bestCount = c;
    }
  }
  return best;
}
