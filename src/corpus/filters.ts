/**
 * Quality rules a cleaned sample must pass. Each rule has a stable name (counted in the manifest's
 * `dropped`) so a build shows what cleaning removed:
 * - `too-few-letters`: fewer than 3 letters (2 for CJK), or letters under 60 % of the non-space characters;
 * - `wrong-script`: under 80 % of the letters in the label's script(s) (Latin-only text in a
 *   Russian file, English in a Hindi one). Serbian may be all-Cyrillic or all-Latin;
 * - `untranslated`: a Latin-script, non-English sample that reads as English (English function words
 *   are ≥ 30 % of its ≥ 3 words and at least one is a word no other language here uses).
 */
import { getLanguage } from '../languages/index.js';

export type DropReason = 'too-few-letters' | 'wrong-script' | 'untranslated' | 'duplicate' | 'ambiguous-label';

const SCRIPT_RE: Record<string, RegExp> = {
  Latn: /\p{Script=Latin}/gu,
  Cyrl: /\p{Script=Cyrillic}/gu,
  Arab: /\p{Script=Arabic}/gu,
  Hebr: /\p{Script=Hebrew}/gu,
  Deva: /\p{Script=Devanagari}/gu,
  Jpan: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]/gu,
  Kore: /[\p{Script=Hangul}\p{Script=Han}]/gu,
};
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

// Frequent English words; "marker" ones are not (common) words of the other 37 languages, so one
// of them must be present before a text is called English.
const ENGLISH_MARKERS = new Set([
  'the', 'and', 'with', 'this', 'that', 'you', 'your', 'from', 'which', 'have', 'been', 'would',
  'should', 'could', 'their', 'they', 'these', 'those', 'what', 'when', 'where', 'how', 'than',
  'into', 'only', 'such', 'using', 'it', 'its', 'not', 'cannot', 'there', 'does', 'were',
  'has', 'must', 'each',
]);
const ENGLISH_COMMON = new Set([...ENGLISH_MARKERS, 'is', 'of', 'are', 'was', 'will', 'can', 'any', 'may', 'file', 'files', 'to', 'in', 'for', 'on', 'or', 'be', 'by', 'as', 'at', 'an', 'a', 'if', 'all', 'no', 'new', 'set', 'use', 'used', 'default', 'value', 'name', 'error', 'open', 'save', 'show', 'select']);

/** Share of the text's words that are common English words, and whether a marker word occurs. */
export function englishScore(text: string): { ratio: number; words: number; marker: boolean } {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  let common = 0;
  let marker = false;
  for (const w of words) {
    if (ENGLISH_COMMON.has(w)) common++;
    if (ENGLISH_MARKERS.has(w)) marker = true;
  }
  return { ratio: words.length === 0 ? 0 : common / words.length, words: words.length, marker };
}

/** Number of letters, and the largest share of them in one of `scripts`. */
function scriptShare(text: string, scripts: readonly string[]): { letters: number; best: number } {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return { letters, best: 0 };
  let best = 0;
  for (const s of scripts) {
    const re = SCRIPT_RE[s];
    if (re !== undefined) best = Math.max(best, (text.match(re)?.length ?? 0) / letters);
  }
  return { letters, best };
}

/** Why this cleaned text is not a good sample of `label`, or null when it is. */
export function rejectReason(text: string, label: string): DropReason | null {
  const nonSpace = text.replace(/\s/g, '').length;
  const lang = getLanguage(label);
  const scripts = lang?.scripts ?? [];
  const { letters, best } = scriptShare(text, scripts.length > 0 ? scripts : ['Latn']);
  const minLetters = CJK.test(text) ? 2 : 3;
  if (letters < minLetters || letters < 0.6 * nonSpace) return 'too-few-letters';
  // User-defined labels (not languages) have no expected script.
  if (lang !== undefined && best < 0.8) return 'wrong-script';
  if (lang !== undefined && label !== 'en' && scripts.includes('Latn')) {
    const e = englishScore(text);
    if (e.words >= 3 && e.marker && e.ratio >= 0.3) return 'untranslated';
  }
  return null;
}

/**
 * Key under which two samples count as the same text: case-folded letters and digits only
 * ("Open File…" ≡ "open file").
 */
export function dedupeKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
