/**
 * Finds where the model's n-grams occur in the user's original text, so "Why?" can highlight
 * them. The model sees normalised text (lower case, runs of non-letters folded to one space,
 * spaces marking word edges); we normalise the same way while remembering, for every normalised
 * character, which span of the original produced it.
 *
 * Example: text "Hej, du!" normalises to " hej du "; the n-gram "j d" covers "j" and "d" in the
 * original (the space between them is not highlighted); the whole-word feature "[du]" covers "du"
 * but not the "du" inside "dum".
 */

export interface Segment {
  readonly text: string;
  /** Index into the n-gram list (0 = the weightiest) of the n-gram highlighting this part. */
  readonly rank?: number;
}

interface Normalised {
  readonly chars: string;
  /** For each normalised UTF-16 unit: [start, end) in the original text, or null for edges. */
  readonly spans: ReadonlyArray<readonly [number, number] | null>;
}

const LETTER = /[\p{L}\p{M}]/u;

export function normalise(text: string): Normalised {
  let chars = ' ';
  const spans: Array<readonly [number, number] | null> = [null];
  let i = 0;
  for (const ch of text) {
    const span = [i, i + ch.length] as const;
    i += ch.length;
    if (LETTER.test(ch)) {
      const lower = ch.toLowerCase();
      chars += lower;
      for (let k = 0; k < lower.length; k++) spans.push(span);
    } else if (!chars.endsWith(' ')) {
      chars += ' ';
      spans.push(null);
    }
  }
  if (!chars.endsWith(' ')) {
    chars += ' ';
    spans.push(null);
  }
  return { chars, spans };
}

/**
 * Splits `text` into segments, marking every letter covered by one of `ngrams` with the rank of
 * the first (weightiest) n-gram covering it. Unmatched n-grams are simply not shown.
 */
export function highlight(text: string, ngrams: readonly string[]): Segment[] {
  const { chars, spans } = normalise(text);
  const owner = new Int32Array(text.length).fill(-1);
  ngrams.forEach((raw, rank) => {
    // The model's whole-word features read `[word]`: the word between two word edges.
    const whole = /^\[(.+)\]$/u.exec(raw);
    const gram = (whole?.[1] !== undefined ? ` ${whole[1]} ` : raw).toLowerCase();
    if (gram.trim() === '') return;
    for (let at = chars.indexOf(gram); at !== -1; at = chars.indexOf(gram, at + 1)) {
      for (let k = at; k < at + gram.length; k++) {
        const span = spans[k];
        if (!span) continue;
        for (let j = span[0]; j < span[1]; j++) if (owner[j] === -1) owner[j] = rank;
      }
    }
  });
  const out: Segment[] = [];
  let start = 0;
  for (let j = 1; j <= text.length; j++) {
    if (j === text.length || owner[j] !== owner[start]) {
      const rank = owner[start] ?? -1;
      const piece = text.slice(start, j);
      out.push(rank === -1 ? { text: piece } : { text: piece, rank });
      start = j;
    }
  }
  return out;
}
