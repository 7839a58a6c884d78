/**
 * Writing systems, as small integer ids, and a lookup table from UTF-16 code unit to script.
 * The table is built once, lazily, from Unicode property regexes (~20 ms), so it follows the
 * Unicode version of the running engine. Surrogates (emoji, rare astral letters) map to
 * SCRIPT_NONE: they separate words and are not language evidence.
 */
export const SCRIPT_NONE = 0;
export const SCRIPT_LATIN = 1;
export const SCRIPT_CYRILLIC = 2;
export const SCRIPT_ARABIC = 3;
export const SCRIPT_HEBREW = 4;
export const SCRIPT_DEVANAGARI = 5;
export const SCRIPT_HANGUL = 6;
export const SCRIPT_KANA = 7;
export const SCRIPT_HAN = 8;
export const SCRIPT_GREEK = 9;
export const SCRIPT_OTHER = 10;
/** Combining marks: part of a word, but they say nothing about the script on their own. */
export const SCRIPT_MARK = 11;
export const SCRIPT_COUNT = 12;

export const SCRIPT_NAMES: readonly string[] = [
  'none', 'Latin', 'Cyrillic', 'Arabic', 'Hebrew', 'Devanagari', 'Hangul', 'Kana', 'Han', 'Greek', 'Other', 'Mark',
];

const SCRIPT_TESTS: ReadonlyArray<readonly [RegExp, number]> = [
  [/\p{Script=Latin}/u, SCRIPT_LATIN],
  [/\p{Script=Cyrillic}/u, SCRIPT_CYRILLIC],
  [/\p{Script=Arabic}/u, SCRIPT_ARABIC],
  [/\p{Script=Hebrew}/u, SCRIPT_HEBREW],
  [/\p{Script=Devanagari}/u, SCRIPT_DEVANAGARI],
  [/\p{Script=Hangul}/u, SCRIPT_HANGUL],
  [/[\p{Script=Hiragana}\p{Script=Katakana}\u30FC]/u, SCRIPT_KANA],
  [/\p{Script=Han}/u, SCRIPT_HAN],
  [/\p{Script=Greek}/u, SCRIPT_GREEK],
];

let table: Uint8Array | undefined;

export function scriptTable(): Uint8Array {
  if (table) return table;
  const t = new Uint8Array(65536);
  const letter = /\p{L}/u;
  const mark = /\p{M}/u;
  for (let c = 0; c < 65536; c++) {
    if (c < 128) {
      if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) t[c] = SCRIPT_LATIN;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) continue;
    // The two big blocks, without a regex each (keeps the table build cheap at load).
    if (c >= 0x4e00 && c <= 0x9fff) {
      t[c] = SCRIPT_HAN;
      continue;
    }
    if (c >= 0xac00 && c <= 0xd7a3) {
      t[c] = SCRIPT_HANGUL;
      continue;
    }
    const ch = String.fromCharCode(c);
    if (mark.test(ch)) {
      t[c] = SCRIPT_MARK;
      continue;
    }
    if (!letter.test(ch)) continue;
    let s = SCRIPT_OTHER;
    for (const [re, id] of SCRIPT_TESTS) {
      if (re.test(ch)) {
        s = id;
        break;
      }
    }
    t[c] = s;
  }
  table = t;
  return t;
}
