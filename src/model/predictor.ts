/**
 * The language model at prediction time: normalise → hashed features → tf-idf → linear scores
 * → script mask → calibrated softmax → top-k. Implements the `LanguageModel` contract.
 *
 * Hot-path notes: one reusable normalisation buffer, feature buffer, bucket counter and score
 * array per model (a model instance is not re-entrant; Node runs one call at a time); the L2
 * norm is applied once to the scores instead of to every feature (the scores are linear in x).
 */
import { UNDETERMINED } from '../languages/index.js';
import { listFeatures, maxFeatures } from './features.js';
import { FNV_OFFSET, WORD_SEED, fmix32, fnvStep } from './hashing.js';
import { MAX_TEXT_UNITS, SPACE, createNormalizedText, dominantScript, normalizeInto, normalizePrepared, prepare, type NormalizedText } from './normalize.js';
import type { ModelParts } from './parts.js';
import { SCRIPT_COUNT, SCRIPT_NONE, scriptTable } from './scripts.js';
import { sublinearTf } from './tfidf.js';
import type { Candidate, Explanation, LanguageModel, Manifest, PredictOptions, Prediction } from './types.js';

const NO_LANGUAGE: Prediction = Object.freeze({ language: UNDETERMINED, confidence: 0, top: Object.freeze([]) });
const DEFAULT_TOP = 3;

export class LinearModel implements LanguageModel {
  readonly labels: readonly string[];
  readonly manifest: Manifest;
  // Only what the hot path does not copy below: the weights, idf and scales live in `head` and
  // `entries`, so the artifact's own arrays can be garbage-collected (~6 MB for 38 classes).
  private readonly parts: Pick<ModelParts, 'features' | 'bias' | 'temperature' | 'threshold' | 'labelScripts'>;
  private readonly classes: number;
  private readonly norm: NormalizedText = createNormalizedText(1024);
  // The hot path's copy of the weights, laid out so that one feature touches two cache lines
  // rather than seven (measured: scoring is bound by memory latency as much as arithmetic). Per
  // bucket b, four 32-bit words at 4b: idf (f32), scale (f32), first entry of the row in the
  // primary view (below), this text's count (reset to 0 after each text); the sentinel record
  // at 4·buckets holds the end of the last row.
  private readonly head: Int32Array;
  private readonly headF: Float32Array;
  /**
   * The weights as seen from each script (index: script id): only the entries of the classes
   * written in that script, the only ones that can win for a text of that dominant script (the
   * others are masked to −∞). Every allowed class gets the same additions in the same order as
   * from the full rows, so the answers are identical; a Latin text walks ~16 % fewer entries, a
   * text in any other script 70–97 % fewer. Scripts with the same classes share one view. The
   * view of the script most classes use (Latin) is the primary one: its row starts live in
   * `head`, so its texts touch no other array; the others keep theirs in `starts`.
   */
  private readonly views: readonly (RowView | undefined)[];
  private readonly primary: RowView | undefined;
  private readonly entryShift: number;
  /** buckets − 1 when buckets is a power of two (then & replaces %), else 0. */
  private readonly bucketMask: number;
  /** Distinct buckets of the current text in first-seen order. */
  private used = new Int32Array(1024);
  private readonly scores: Float64Array;
  private readonly probs: Float64Array;

  constructor(parts: ModelParts, manifest: Manifest) {
    this.parts = { features: parts.features, bias: parts.bias, temperature: parts.temperature, threshold: parts.threshold, labelScripts: parts.labelScripts };
    this.manifest = manifest;
    this.labels = parts.labels;
    this.classes = parts.labels.length;
    this.scores = new Float64Array(this.classes);
    this.probs = new Float64Array(this.classes);
    const buckets = parts.features.buckets;
    this.bucketMask = buckets > 0 && (buckets & (buckets - 1)) === 0 ? buckets - 1 : 0;
    this.head = new Int32Array(4 * (buckets + 1) + 4);
    this.headF = new Float32Array(this.head.buffer);
    for (let b = 0; b < buckets; b++) {
      this.headF[4 * b] = parts.idf[b]!;
      this.headF[4 * b + 1] = parts.scale[b]!;
    }
    // 7 bits of class and the int8 weight fit an Int16 (half the memory) for up to 128 classes.
    this.entryShift = this.classes <= 128 ? 7 : 16;
    // One view per distinct set of classes a script allows (Kana and Han both allow only ja).
    const views: (RowView | undefined)[] = [];
    const sets: Uint8Array[] = [];
    const setOf = new Map<string, number>();
    const viewOfScript: number[] = [];
    for (let script = 0; script < SCRIPT_COUNT; script++) {
      const bit = 1 << script;
      const allowed = Uint8Array.from(parts.labelScripts, (m) => ((m & bit) !== 0 ? 1 : 0));
      if (script === SCRIPT_NONE || !allowed.includes(1)) continue;
      const key = allowed.join('');
      if (!setOf.has(key)) {
        setOf.set(key, sets.length);
        sets.push(allowed);
      }
      viewOfScript[script] = setOf.get(key)!;
    }
    const built = rowViews(parts, sets, this.entryShift);
    viewOfScript.forEach((v, script) => (views[script] = built[v]));
    let primary: RowView | undefined;
    for (const v of views) if (v !== undefined && (primary === undefined || v.classes > primary.classes)) primary = v;
    if (primary !== undefined) {
      for (let b = 0; b <= buckets; b++) this.head[4 * b + 2] = primary.starts[b]!;
      // Its row starts now live in `head` only (0.5 MB less).
      const slim: RowView = { classes: primary.classes, starts: NO_STARTS, entries: primary.entries };
      for (let script = 0; script < views.length; script++) if (views[script] === primary) views[script] = slim;
      primary = slim;
    }
    this.views = views;
    this.primary = primary;
    scriptTable(); // build the lookup table now rather than in the first prediction
  }

  predict(text: string, options?: PredictOptions): Prediction {
    if (typeof text !== 'string') return NO_LANGUAGE;
    return this.decide(normalizeInto(text, this.norm), topOf(options));
  }

  predictBatch(texts: readonly string[], options?: PredictOptions): Prediction[] {
    const top = topOf(options);
    const out = new Array<Prediction>(texts.length);
    // One native NFC + lower-case pass over the whole batch instead of one per text; texts are
    // joined with '\n', which normalisation treats as a separator anyway. A text that itself
    // contains '\n' would shift the boundaries, so such a batch goes text by text.
    const parts = new Array<string>(texts.length);
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i];
      if (typeof t !== 'string' || t.includes('\n')) return texts.map((x) => this.predict(x, options));
      parts[i] = t.length > MAX_TEXT_UNITS ? t.slice(0, MAX_TEXT_UNITS) : t;
    }
    const joined = prepare(parts.join('\n'), true);
    let start = 0;
    for (let i = 0; i < texts.length; i++) {
      let end = joined.indexOf('\n', start);
      if (end < 0) end = joined.length;
      out[i] = this.decide(normalizePrepared(joined, start, end, this.norm), top);
      start = end + 1;
    }
    return out;
  }

  explain(text: string, maxFeatures = 20): Explanation {
    const prediction = this.predict(text, { top: DEFAULT_TOP });
    const c = this.labels.indexOf(prediction.top[0]?.language ?? '');
    if (c < 0) return { prediction, features: [] };
    const t = normalizeInto(text, createNormalizedText(text.length + 2));
    const idf = (b: number): number => this.headF[4 * b]!;
    const listed = listFeatures(t, this.parts.features);
    const counts = new Map<number, { ngram: string; count: number }>();
    for (const f of listed) {
      const e = counts.get(f.bucket);
      if (e) e.count++;
      else counts.set(f.bucket, { ngram: f.ngram, count: 1 });
    }
    let sq = 0;
    for (const [b, e] of counts) sq += (sublinearTf(e.count) * idf(b)) ** 2;
    const norm = Math.sqrt(sq) || 1;
    const features = [...counts].map(([b, e]) => ({
      ngram: e.ngram,
      weight: ((sublinearTf(e.count) * idf(b)) / norm) * this.weightAt(b, c),
    }));
    features.sort((x, y) => y.weight - x.weight);
    return { prediction, features: features.slice(0, Math.max(0, maxFeatures)) };
  }

  /**
   * The masked logits z (−Infinity for classes never written in the text's script), before
   * temperature; `null` when the text has no letters. For calibration and diagnostics.
   */
  logits(text: string): Float64Array | null {
    const t = normalizeInto(text, this.norm);
    if (t.letters === 0) return null;
    const script = dominantScript(t);
    if (script === SCRIPT_NONE || !this.score(t, script)) return null;
    const z = this.scores.slice();
    const bit = 1 << script;
    for (let c = 0; c < this.classes; c++) if ((this.parts.labelScripts[c]! & bit) === 0) z[c] = -Infinity;
    return z;
  }

  /** The weight W[b, c] (dequantised), 0 when pruned. */
  private weightAt(b: number, c: number): number {
    const clsMask = (1 << this.entryShift) - 1;
    const bit = this.parts.labelScripts[c]!;
    const view = this.views.find((v, script) => v !== undefined && (bit & (1 << script)) !== 0);
    if (view === undefined) return 0;
    const start = view === this.primary ? this.head[4 * b + 2]! : view.starts[b]!;
    const end = view === this.primary ? this.head[4 * b + 6]! : view.starts[b + 1]!;
    for (let j = start; j < end; j++) {
      const e = view.entries[j]!;
      if ((e & clsMask) === c) return (e >> this.entryShift) * this.headF[4 * b + 1]!;
    }
    return 0;
  }

  /**
   * Raw linear scores z = W·x + b for one normalised text (false when it has no features).
   * Feature extraction is fused with counting (the same features in the same order as
   * `extractBuckets`, so distinct buckets are summed in the same first-seen order and the
   * floating-point results are identical); counts live in the bucket's record of `head`.
   */
  private score(t: NormalizedText, script: number): boolean {
    const view = this.views[script];
    const { minN, maxN, maxWordLength } = this.parts.features;
    const mask = this.bucketMask;
    const mod = this.parts.features.buckets;
    const need = maxFeatures(t.length, this.parts.features);
    if (this.used.length < need) this.used = new Int32Array(need * 2);
    const used = this.used;
    const head = this.head;
    const u = t.units;
    const len = t.length;
    let distinct = 0;
    let wordStart = -1;
    for (let i = 0; i < len; i++) {
      const first = u[i]!;
      if (first === SPACE) {
        if (wordStart >= 0 && i - wordStart <= maxWordLength) {
          let h = WORD_SEED;
          for (let j = wordStart; j < i; j++) h = fnvStep(h, u[j]!);
          distinct = count(head, used, distinct, mask !== 0 ? fmix32(h) & mask : fmix32(h) % mod);
        }
        wordStart = i + 1;
      }
      let h = fnvStep(FNV_OFFSET, first);
      if (minN <= 1 && first !== SPACE) distinct = count(head, used, distinct, mask !== 0 ? fmix32(h) & mask : fmix32(h) % mod);
      for (let n = 2; n <= maxN; n++) {
        const j = i + n - 1;
        if (j >= len) break;
        const c = u[j]!;
        h = fnvStep(h, c);
        if (n >= minN) distinct = count(head, used, distinct, mask !== 0 ? fmix32(h) & mask : fmix32(h) % mod);
        if (c === SPACE) break;
      }
    }
    if (distinct === 0) return false;
    const headF = this.headF;
    const shift = this.entryShift;
    const bias = this.parts.bias;
    const C = this.classes;
    const z = this.scores;
    z.fill(0);
    let sq = 0;
    // One loop per case rather than a branch inside the loop: measured, V8 compiles the hot loop
    // much worse once both kinds of row index have been seen in it.
    if (view === undefined) {
      // No class is written in this script: nothing to add up (decide answers `und`), but the
      // counts must still be reset.
      for (let i = 0; i < distinct; i++) {
        const o = used[i]! << 2;
        const v = sublinearTf(head[o + 3]!) * headF[o]!;
        head[o + 3] = 0;
        sq += v * v;
      }
    } else if (view === this.primary) {
      const entries = view.entries;
      for (let i = 0; i < distinct; i++) {
        const o = used[i]! << 2;
        const v = sublinearTf(head[o + 3]!) * headF[o]!;
        head[o + 3] = 0;
        sq += v * v;
        const s = v * headF[o + 1]!;
        if (s !== 0) addRow(z, entries, head[o + 2]!, head[o + 6]!, s, shift);
      }
    } else {
      const { starts, entries } = view;
      for (let i = 0; i < distinct; i++) {
        const b = used[i]!;
        const o = b << 2;
        const v = sublinearTf(head[o + 3]!) * headF[o]!;
        head[o + 3] = 0;
        sq += v * v;
        const s = v * headF[o + 1]!;
        if (s !== 0) addRow(z, entries, starts[b]!, starts[b + 1]!, s, shift);
      }
    }
    if (sq === 0) return false;
    const inv = 1 / Math.sqrt(sq);
    for (let c = 0; c < C; c++) z[c] = z[c]! * inv + bias[c]!;
    return true;
  }

  private decide(t: NormalizedText, topK: number): Prediction {
    if (t.letters === 0) return NO_LANGUAGE;
    const script = dominantScript(t);
    if (script === SCRIPT_NONE || !this.score(t, script)) return NO_LANGUAGE;
    const C = this.classes;
    const z = this.scores;
    const p = this.probs;
    const bit = 1 << script;
    const invT = 1 / this.parts.temperature;
    let max = -Infinity;
    for (let c = 0; c < C; c++) {
      if ((this.parts.labelScripts[c]! & bit) === 0) {
        z[c] = -Infinity;
      } else if (z[c]! > max) {
        max = z[c]!;
      }
    }
    // No class is ever written in this script (e.g. Greek, Thai for the 38-language model).
    if (max === -Infinity || !Number.isFinite(max)) return NO_LANGUAGE;
    let sum = 0;
    for (let c = 0; c < C; c++) {
      const e = z[c] === -Infinity ? 0 : Math.exp((z[c]! - max) * invT);
      p[c] = e;
      sum += e;
    }
    const top: Candidate[] = [];
    const k = Math.min(topK, C);
    // Selection of the k best (k is small); ties keep the lower index, so answers are stable.
    for (let j = 0; j < k; j++) {
      let best = -1;
      let bestP = -1;
      for (let c = 0; c < C; c++) {
        if (p[c]! > bestP) {
          bestP = p[c]!;
          best = c;
        }
      }
      if (best < 0 || bestP <= 0) break;
      top.push({ language: this.labels[best]!, confidence: bestP / sum });
      p[best] = -1;
    }
    const first = top[0];
    if (!first) return NO_LANGUAGE;
    const language = first.confidence < this.parts.threshold ? UNDETERMINED : first.language;
    return { language, confidence: first.confidence, top };
  }
}

/**
 * The sparse rows restricted to some classes: row b is entries[starts[b], starts[b + 1]) (for
 * the primary view, `starts` is empty and the row starts are in the model's `head`).
 */
interface RowView {
  /** How many classes the view keeps. */
  readonly classes: number;
  readonly starts: Uint32Array;
  /** Packed as q << entryShift | class (q is the int8 weight, sign kept by >>). */
  readonly entries: Int16Array | Int32Array;
}

/**
 * z[class] += q · s for the entries [j, end) of one row, unrolled by four (~20 % faster in V8
 * than one entry per iteration); the classes of one row are distinct, so each class still gets
 * its additions in the same order.
 */
function addRow(z: Float64Array, entries: Int16Array | Int32Array, j: number, end: number, s: number, shift: number): void {
  const clsMask = (1 << shift) - 1;
  for (; j + 3 < end; j += 4) {
    const e0 = entries[j]!;
    const e1 = entries[j + 1]!;
    const e2 = entries[j + 2]!;
    const e3 = entries[j + 3]!;
    z[e0 & clsMask]! += (e0 >> shift) * s;
    z[e1 & clsMask]! += (e1 >> shift) * s;
    z[e2 & clsMask]! += (e2 >> shift) * s;
    z[e3 & clsMask]! += (e3 >> shift) * s;
  }
  for (; j < end; j++) {
    const e = entries[j]!;
    z[e & clsMask]! += (e >> shift) * s;
  }
}

const NO_STARTS = new Uint32Array(0);

/** The views of the rows for each set of allowed classes (1 = kept), in one pass over the rows. */
function rowViews(parts: ModelParts, sets: readonly Uint8Array[], shift: number): RowView[] {
  const rows = parts.rowPtr.length - 1;
  const V = sets.length;
  if (V > 31) throw new RangeError(`${V} different script views; at most 31 supported`);
  // Per class, a bit set of the views that keep it.
  const viewsOf = new Uint32Array(parts.labels.length);
  sets.forEach((allowed, v) => allowed.forEach((a, c) => (viewsOf[c]! |= a << v)));
  const sizes = new Uint32Array(V);
  for (let j = 0; j < parts.cls.length; j++) {
    for (let m = viewsOf[parts.cls[j]!]!; m !== 0; m &= m - 1) sizes[31 - Math.clz32(m & -m)]!++;
  }
  const views = sets.map((allowed, v) => ({
    classes: allowed.reduce((a, x) => a + x, 0),
    starts: new Uint32Array(rows + 1),
    entries: shift === 7 ? new Int16Array(sizes[v]!) : new Int32Array(sizes[v]!),
  }));
  const fill = new Uint32Array(V);
  for (let b = 0; b < rows; b++) {
    for (let j = parts.rowPtr[b]!; j < parts.rowPtr[b + 1]!; j++) {
      const c = parts.cls[j]!;
      const e = parts.val[j]! * (1 << shift) + c;
      for (let m = viewsOf[c]!; m !== 0; m &= m - 1) {
        const v = 31 - Math.clz32(m & -m);
        views[v]!.entries[fill[v]!++] = e;
      }
    }
    for (let v = 0; v < V; v++) views[v]!.starts[b + 1] = fill[v]!;
  }
  return views;
}

/** Counts one occurrence of bucket `b`; returns the new number of distinct buckets. */
function count(head: Int32Array, used: Int32Array, distinct: number, b: number): number {
  const o = (b << 2) + 3;
  const n = head[o]!;
  head[o] = n + 1;
  if (n === 0) used[distinct++] = b;
  return distinct;
}

function topOf(options: PredictOptions | undefined): number {
  const k = options?.top ?? DEFAULT_TOP;
  return Number.isFinite(k) && k >= 1 ? Math.floor(k) : DEFAULT_TOP;
}
