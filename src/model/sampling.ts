/**
 * Drawing words and word pairs from tokenised texts so that every token occurrence is equally
 * likely — as if cutting at random from the running text. (Picking a text first and then a word
 * in it would over-draw the words of short texts, such as headings.)
 */
import type { Prng } from './prng.js';

export class TokenSampler {
  private readonly cumulative: Float64Array;
  private readonly total: number;

  /** `texts` are token lists; `span` tokens are drawn together (1 = words, 2 = pairs). */
  constructor(private readonly texts: readonly (readonly string[])[], private readonly span: number) {
    this.cumulative = new Float64Array(texts.length);
    let sum = 0;
    texts.forEach((t, i) => {
      sum += Math.max(0, t.length - span + 1);
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  get empty(): boolean {
    return this.total === 0;
  }

  /** `span` adjacent tokens joined by a space; undefined when there are none. */
  draw(rng: Prng): string | undefined {
    if (this.total === 0) return undefined;
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    const t = this.texts[lo]!;
    const before = lo === 0 ? 0 : this.cumulative[lo - 1]!;
    const start = Math.min(Math.floor(x - before), t.length - this.span);
    return t.slice(start, start + this.span).join(' ');
  }
}
