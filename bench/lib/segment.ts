/**
 * Cutting held-out text into the three benchmark shapes. Sentence and word boundaries come from
 * ICU (`Intl.Segmenter`), which also segments Japanese, which has no spaces, into words.
 */

/** Scripts written without spaces between words; their words are shorter in characters. */
const DENSE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/** A word: letters and marks, optionally joined by an apostrophe or hyphen (l'homme, Jean-Luc). */
const WORD = /^[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*$/u;
const LETTER = /\p{L}/gu;

export interface ShapeOptions {
  /** Sentence samples: fewest / most characters (defaults 60 / 160). */
  readonly minChars: number;
  readonly maxChars: number;
  /** Single words: fewest letters (default 3; 2 in Han, kana and Hangul). All-capital words (acronyms) never count. */
  readonly minWordLetters: number;
  /** Each word of a pair: fewest letters (default 2; 1 in Han, kana and Hangul). */
  readonly minPairWordLetters: number;
}

export const DEFAULT_SHAPE: ShapeOptions = Object.freeze({ minChars: 60, maxChars: 160, minWordLetters: 3, minPairWordLetters: 2 });

/** NFC, one space for any run of whitespace, trimmed. */
export function tidy(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

const segmenters = new Map<string, { sentence: Intl.Segmenter; word: Intl.Segmenter }>();
function segmenterFor(locale: string): { sentence: Intl.Segmenter; word: Intl.Segmenter } {
  let s = segmenters.get(locale);
  if (s === undefined) {
    let tag = 'en';
    try {
      tag = Intl.getCanonicalLocales(locale)[0] ?? 'en';
    } catch {
      // not a valid BCP 47 tag (a user label): ICU's root rules are fine
    }
    s = { sentence: new Intl.Segmenter(tag, { granularity: 'sentence' }), word: new Intl.Segmenter(tag, { granularity: 'word' }) };
    segmenters.set(locale, s);
  }
  return s;
}

export function splitSentences(text: string, locale: string): string[] {
  const out: string[] = [];
  for (const { segment } of segmenterFor(locale).sentence.segment(text)) {
    const s = tidy(segment);
    if (s !== '') out.push(s);
  }
  return out;
}

function letterCount(word: string): number {
  return word.match(LETTER)?.length ?? 0;
}

/** XBM, GIMP, GNOME: acronyms and product names say nothing about the language around them. */
function isAllCaps(word: string): boolean {
  return letterCount(word) >= 2 && word === word.toUpperCase() && word !== word.toLowerCase();
}

function isWord(word: string, minLetters: number): boolean {
  if (!WORD.test(word) || isAllCaps(word)) return false;
  const min = DENSE_SCRIPT.test(word) ? minLetters - 1 : minLetters;
  return letterCount(word) >= Math.max(1, min);
}

/**
 * Sentence samples: runs of consecutive whole sentences whose joined length is within
 * [minChars, maxChars]. `long` holds sentences too long to use whole, cut at the last space (or
 * character, in scripts without spaces) before maxChars; the builder uses them only to fill up.
 */
export function sentenceSamples(text: string, locale: string, options: ShapeOptions = DEFAULT_SHAPE): { whole: string[]; long: string[] } {
  const sentences = splitSentences(tidy(text), locale);
  const whole: string[] = [];
  const long: string[] = [];
  let run = '';
  for (const sentence of sentences) {
    if (sentence.length > options.maxChars) {
      run = '';
      const cut = sentence.slice(0, options.maxChars + 1);
      const space = cut.lastIndexOf(' ');
      const piece = (space >= options.minChars ? cut.slice(0, space) : cut.slice(0, options.maxChars)).trim();
      if (piece.length >= options.minChars) long.push(piece);
      continue;
    }
    const joined = run === '' ? sentence : `${run} ${sentence}`;
    if (joined.length > options.maxChars) {
      run = sentence;
    } else {
      run = joined;
    }
    if (run.length >= options.minChars) {
      whole.push(run);
      run = '';
    }
  }
  return { whole, long };
}

interface WordSpan { readonly text: string; readonly start: number; readonly end: number }

function wordSpans(sentence: string, locale: string): WordSpan[] {
  const spans: WordSpan[] = [];
  for (const s of segmenterFor(locale).word.segment(sentence)) {
    if (s.isWordLike === true) spans.push({ text: s.segment, start: s.index, end: s.index + s.segment.length });
  }
  return spans;
}

/** Single words of at least `minWordLetters` letters, no digits or symbols. */
export function wordSamples(text: string, locale: string, options: ShapeOptions = DEFAULT_SHAPE): string[] {
  const out: string[] = [];
  for (const w of wordSpans(tidy(text), locale)) if (isWord(w.text, options.minWordLetters)) out.push(w.text);
  return out;
}

/**
 * Two adjacent words, as written: only whitespace (or nothing, in scripts without spaces) may
 * separate them, so a pair never straddles punctuation or a sentence end.
 */
export function pairSamples(text: string, locale: string, options: ShapeOptions = DEFAULT_SHAPE): string[] {
  const out: string[] = [];
  for (const sentence of splitSentences(tidy(text), locale)) {
    const spans = wordSpans(sentence, locale);
    for (let i = 0; i + 1 < spans.length; i++) {
      const a = spans[i] as WordSpan;
      const b = spans[i + 1] as WordSpan;
      if (!isWord(a.text, options.minPairWordLetters) || !isWord(b.text, options.minPairWordLetters)) continue;
      const gap = sentence.slice(a.end, b.start);
      if (gap !== '' && gap !== ' ') continue;
      out.push(sentence.slice(a.start, b.end));
    }
  }
  return out;
}
