/**
 * Checks a submitted text: trimmed, 1…maxChars Unicode code points. Returns the trimmed text or
 * the error to answer with — bad input is an expected outcome, not an exception.
 */
import { GlossaError } from '../errors.js';

export type TextCheck = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: GlossaError };

/** Counts code points (what a user calls characters for every script we serve), not UTF-16 units. */
export function codePointLength(s: string, stopAfter = Infinity): number {
  let n = 0;
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i += 1;
    }
    n += 1;
    if (n > stopAfter) return n;
  }
  return n;
}

export function checkText(raw: string | undefined, maxChars: number, label = 'text'): TextCheck {
  const text = raw?.trim() ?? '';
  if (text.length === 0) {
    return { ok: false, error: new GlossaError('TEXT_EMPTY', raw === undefined ? `${label} is missing` : `${label} is empty after trimming`) };
  }
  // Fast path: UTF-16 length is an upper bound of the code point count.
  if (text.length > maxChars) {
    const n = codePointLength(text, maxChars);
    if (n > maxChars) {
      return { ok: false, error: new GlossaError('TEXT_TOO_LONG', `${label} has more than ${maxChars} characters after trimming; the limit is ${maxChars}`) };
    }
  }
  return { ok: true, text };
}
