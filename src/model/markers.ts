/**
 * Marker words of close pairs (Malay/Indonesian, Croatian/Serbian, …): words of one class that
 * the other class's training text never contains, although the sources both classes share say
 * it would show them if the word were common to both.
 *
 * Why: the linear model adds up hundreds of small n-gram weights, and for a close pair many of
 * them stand for the *kind* of text rather than the language — Indonesian has books and help
 * pages in the packages, Malay only UI strings, so formal prose as such leans Indonesian, and a
 * Malay sentence with `bahawa`, `sebarang` and `kerajaan` in it can still score Indonesian. A
 * word the other language never uses is evidence the sum does not weigh enough.
 *
 * Which words: w is a marker of A against B when B's text (all sources) never has it, A's has it
 * at least `minCount` times, and the sources that both A and B have text in predict at least
 * `expected` occurrences of w in B's text if w were as frequent there as in A's:
 *     Σ over shared sources s of  count_A,s(w) / tokens_A,s · tokens_B,s  ≥ expected.
 * Comparing like with like (UI strings with UI strings) is the point: a word of Indonesian prose
 * is not a marker just because the Malay corpus has no prose, but a word Malay UI strings use
 * often while Indonesian UI strings never do is.
 *
 * How they count (predictor.ts): when a text's two best classes are a marked pair, each marker
 * word of one side found in it moves `evidence` nats of log-odds to that side; the pair keeps
 * its total probability, the other classes keep theirs. Under the Poisson reading above, never
 * seeing a word that `expected` occurrences were predicted for has probability e^−expected, so
 * `evidence` = `expected` by default.
 */
import { fmix32, fmix32Signed, fnvStep, FNV_OFFSET } from './hashing.js';
import { normalize, SPACE, type NormalizedText } from './normalize.js';
import { mostlyCyrillic, serbianToLatin } from './transliterate.js';

/**
 * Marker words of one pair: `words[0]` mark `pair[0]` against `pair[1]`, `words[1]` the reverse;
 * each found in a text moves `evidence` nats of log-odds to its side.
 */
export interface PairMarkers {
  readonly pair: readonly [string, string];
  readonly words: readonly [readonly string[], readonly string[]];
  readonly evidence: number;
}

export interface MarkerOptions {
  /** Pairs of labels to learn markers for (pairs with a label the items do not have are skipped). */
  readonly pairs: readonly (readonly [string, string])[];
  readonly minCount: number;
  /** Occurrences the shared sources must predict in the other class (see above). */
  readonly expected: number;
  /** Labels whose Cyrillic texts are counted in Latin transliteration (see transliterate.ts). */
  readonly latinVariants: readonly string[];
}

export interface MarkerItem {
  readonly text: string;
  readonly label: string;
  readonly source?: string;
}

/** Shortest word looked at: one-letter words are in every language. */
const MIN_WORD_LENGTH = 2;

/** The words of a text as the model sees them (normalised, lower case, letters only). */
export function markerWords(text: string): string[] {
  return normalize(text).split(' ').filter((w) => w.length >= MIN_WORD_LENGTH);
}

interface Vocabulary {
  /** word → source → count */
  readonly counts: Map<string, Map<string, number>>;
  readonly tokens: Map<string, number>;
}

/** The vocabularies of `labels`, in one pass over the items. */
function vocabularies(items: readonly MarkerItem[], labels: ReadonlySet<string>, latinVariants: readonly string[]): Map<string, Vocabulary> {
  const out = new Map<string, Vocabulary>();
  for (const label of labels) out.set(label, { counts: new Map(), tokens: new Map() });
  for (const it of items) {
    const v = out.get(it.label);
    if (v === undefined) continue;
    const source = it.source ?? '';
    const text = latinVariants.includes(it.label) && mostlyCyrillic(it.text) ? serbianToLatin(it.text) : it.text;
    for (const w of markerWords(text)) {
      let bySource = v.counts.get(w);
      if (!bySource) v.counts.set(w, (bySource = new Map()));
      bySource.set(source, (bySource.get(source) ?? 0) + 1);
      v.tokens.set(source, (v.tokens.get(source) ?? 0) + 1);
    }
  }
  return out;
}

/** A's markers against B, most frequent first (ties in code-unit order). */
function markersOf(a: Vocabulary, b: Vocabulary, o: MarkerOptions): string[] {
  const shared = [...a.tokens.keys()].some((s) => b.tokens.has(s));
  const out: [string, number][] = [];
  if (!shared) return [];
  for (const [w, bySource] of a.counts) {
    if (b.counts.has(w)) continue;
    let total = 0;
    let predicted = 0;
    for (const [s, n] of bySource) {
      total += n;
      const other = b.tokens.get(s);
      if (other !== undefined) predicted += (n / a.tokens.get(s)!) * other;
    }
    if (total >= o.minCount && predicted >= o.expected) out.push([w, total]);
  }
  return out.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)).map(([w]) => w);
}

export function learnPairMarkers(items: readonly MarkerItem[], o: MarkerOptions): PairMarkers[] {
  const present = new Set(items.map((i) => i.label));
  const pairs = o.pairs.filter(([a, b]) => a !== b && present.has(a) && present.has(b));
  const vocab = vocabularies(items, new Set(pairs.flat()), o.latinVariants);
  return pairs.map(([a, b]) => ({
    pair: [a, b] as const,
    words: [markersOf(vocab.get(a)!, vocab.get(b)!, o), markersOf(vocab.get(b)!, vocab.get(a)!, o)] as const,
    evidence: o.expected,
  }));
}

/**
 * A pair's markers as the artifact stores them and the predictor reads them: per side, each
 * word's 32-bit key and 16-bit check (two independent hashes, so a word of a text that is not a
 * marker passes for one with probability ~n·2⁻⁴⁸), sorted by key. The words themselves are not
 * needed to find them in a text, and would cost 2 MB of the model's 10 MB budget.
 */
export interface MarkerSide {
  readonly keys: Uint32Array;
  readonly checks: Uint16Array;
}

export interface PairMarkerTable {
  readonly pair: readonly [string, string];
  readonly evidence: number;
  readonly sides: readonly [MarkerSide, MarkerSide];
}

const CHECK_OFFSET = 0x9747b28c;

/** A word's key and check: two FNV-1a hashes of its code units, finished (MarkerIndex.scan repeats them). */
function wordHashes(w: string): readonly [number, number] {
  let key = FNV_OFFSET;
  let check = CHECK_OFFSET;
  for (let i = 0; i < w.length; i++) {
    key = fnvStep(key, w.charCodeAt(i));
    check = fnvStep(check, w.charCodeAt(i));
  }
  return [fmix32(key), fmix32(check) >>> 16];
}

function sideOf(words: readonly string[]): MarkerSide {
  const entries = words.map(wordHashes);
  entries.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  return { keys: Uint32Array.from(entries, (e) => e[0]), checks: Uint16Array.from(entries, (e) => e[1]) };
}

/** The stored form of learned markers. */
export function markerTable(m: PairMarkers): PairMarkerTable {
  return { pair: m.pair, evidence: m.evidence, sides: [sideOf(m.words[0]), sideOf(m.words[1])] };
}

/**
 * One pair's markers in an open-addressing table (load ≤ 1/2): a lookup is one or two probes
 * into typed arrays, with no allocation — a text of a close pair looks up every word it has.
 */
class PairTable {
  private readonly mask: number;
  /**
   * Two i32 per slot, so that a probe reads one cache line: the key, then check << 2 | side
   * (side 1: marks the pair's first class, 2: the second, 0: empty slot).
   */
  private readonly slots: Int32Array;

  constructor(m: PairMarkerTable) {
    const n = m.sides[0].keys.length + m.sides[1].keys.length;
    let size = 16;
    while (size < 2 * n) size *= 2;
    this.mask = size - 1;
    this.slots = new Int32Array(2 * size);
    m.sides.forEach((s, k) => {
      for (let j = 0; j < s.keys.length; j++) {
        const key = s.keys[j]! | 0;
        let i = key & this.mask;
        while (this.slots[2 * i + 1] !== 0) i = (i + 1) & this.mask;
        this.slots[2 * i] = key;
        this.slots[2 * i + 1] = (s.checks[j]! << 2) | (k + 1);
      }
    });
  }

  /** +1 (the pair's first class), −1 (the second), or 0 for a word that is no marker of this pair. */
  lookup(key: number, check: number): number {
    const slots = this.slots;
    for (let i = key & this.mask; ; i = (i + 1) & this.mask) {
      const tag = slots[2 * i + 1]!;
      if (tag === 0) return 0;
      if (slots[2 * i] === key && tag >>> 2 === check) return tag & 1 ? 1 : -1;
    }
  }
}

/** The markers of a model, indexed for the hot path. */
export class MarkerIndex {
  /** pairAt[first * C + second] = index into `tables`, or −1. */
  private readonly pairAt: Int16Array;
  private readonly tables: PairTable[] = [];
  private readonly firstClass: number[] = [];
  private readonly evidenceOf: number[] = [];
  readonly size: number;

  constructor(markers: readonly PairMarkerTable[], labels: readonly string[]) {
    const C = labels.length;
    this.pairAt = new Int16Array(C * C).fill(-1);
    let size = 0;
    for (const m of markers) {
      const a = labels.indexOf(m.pair[0]);
      const b = labels.indexOf(m.pair[1]);
      if (a < 0 || b < 0) continue;
      const index = this.tables.length;
      this.tables.push(new PairTable(m));
      size += m.sides[0].keys.length + m.sides[1].keys.length;
      this.firstClass.push(a);
      this.evidenceOf.push(m.evidence);
      this.pairAt[a * C + b] = index;
      this.pairAt[b * C + a] = index;
    }
    this.size = size;
  }

  /**
   * Log-odds of class x against class y (indices) that the text's marker words add: `evidence`
   * times (markers of x found − markers of y found, each occurrence counted); 0 for a pair
   * without markers.
   */
  logOdds(t: NormalizedText, x: number, y: number, classes: number): number {
    const index = this.pairAt[x * classes + y]!;
    if (index < 0) return 0;
    const net = this.scan(t, index);
    return (this.firstClass[index] === x ? net : -net) * this.evidenceOf[index]!;
  }

  /** The marker words of classes x and y found in the text, in text order, with their class. */
  found(t: NormalizedText, x: number, y: number, classes: number): { word: string; forX: boolean }[] {
    const index = this.pairAt[x * classes + y]!;
    const out: { word: string; forX: boolean }[] = [];
    if (index >= 0) {
      this.scan(t, index, (from, to, side) => out.push({
        word: String.fromCharCode(...t.units.subarray(from, to)),
        forX: (side > 0) === (this.firstClass[index] === x),
      }));
    }
    return out;
  }

  /** Σ side (+1 / −1) over the marker words of pair `index` in the text. */
  private scan(t: NormalizedText, index: number, visit?: (from: number, to: number, side: number) => void): number {
    const table = this.tables[index]!;
    const units = t.units;
    const end = t.length;
    let net = 0;
    let start = 1;
    let key = FNV_OFFSET;
    let check = CHECK_OFFSET;
    // One pass: both hashes grow with each letter and are looked up at the word's closing space
    // (the normalised text is ` word word `), as `wordKey` computes them.
    for (let i = 1; i < end; i++) {
      const c = units[i]!;
      if (c !== SPACE) {
        key = fnvStep(key, c);
        check = fnvStep(check, c);
        continue;
      }
      if (i - start >= MIN_WORD_LENGTH) {
        const side = table.lookup(fmix32Signed(key), fmix32Signed(check) >>> 16);
        if (side !== 0) {
          net += side;
          visit?.(start, i, side);
        }
      }
      start = i + 1;
      key = FNV_OFFSET;
      check = CHECK_OFFSET;
    }
    return net;
  }
}
