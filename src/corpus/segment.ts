/**
 * Segmentation of prose into training-sized samples. Paragraphs up to {@link MAX_PARAGRAPH}
 * characters stay whole; longer ones are split into sentences at terminal punctuation (Latin,
 * CJK, Arabic, Devanagari) followed by a space or, for CJK, directly; sentences shorter than
 * {@link MIN_SENTENCE} characters are joined to the previous one so abbreviations ("z. B.",
 * "Art. 3") do not produce fragments. Sentences longer than {@link MAX_SENTENCE} are cut at a
 * word boundary.
 */

export const MAX_PARAGRAPH = 300;
export const MIN_SENTENCE = 25;
export const MAX_SENTENCE = 500;

// A sentence ends after . ! ? … (optionally closed by quotes/brackets) and whitespace, or after a
// full-width/Arabic/Devanagari terminator, which need no following space.
const BOUNDARY = /(?<=[.!?…][)"'»”’\]]*)\s+(?=\S)|(?<=[。！？؟।])\s*(?=\S)/u;

export function splitSentences(paragraph: string): string[] {
  const parts = paragraph.split(BOUNDARY).map((s) => s.trim()).filter((s) => s !== '');
  const merged: string[] = [];
  for (const part of parts) {
    const last = merged.length - 1;
    if (last >= 0 && (part.length < MIN_SENTENCE || (merged[last] ?? '').length < MIN_SENTENCE)) {
      merged[last] = `${merged[last] ?? ''} ${part}`;
    } else {
      merged.push(part);
    }
  }
  return merged.flatMap(cutLong);
}

function cutLong(s: string): string[] {
  if (s.length <= MAX_SENTENCE) return [s];
  const out: string[] = [];
  let rest = s;
  while (rest.length > MAX_SENTENCE) {
    let cut = rest.lastIndexOf(' ', MAX_SENTENCE);
    if (cut < MAX_SENTENCE / 2) cut = MAX_SENTENCE;
    out.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest !== '') out.push(rest);
  return out;
}

/** A prose paragraph as samples: whole when short, else its sentences. */
export function segmentParagraph(paragraph: string): string[] {
  return paragraph.length <= MAX_PARAGRAPH ? [paragraph] : splitSentences(paragraph);
}
