/**
 * The language model at prediction time: normalise → hashed features → tf-idf → linear scores
 * → script mask → calibrated softmax → pair markers (markers.ts) → top-k. Implements the `LanguageModel` contract.
 *
 * Hot-path notes: one reusable normalisation buffer and one WebAssembly kernel (kernel.wat:
 * hashing, counting, tf-idf and SIMD scoring) per model — a model instance is not re-entrant;
 * Node runs one call at a time. The L2 norm is applied once to the scores instead of to every
 * feature (the scores are linear in x).
 */
import { UNDETERMINED } from '../languages/index.js';
import { listFeatures } from './features.js';
import { Kernel, packPositive, type KernelTable } from './kernel.js';
import { MarkerIndex } from './markers.js';
import { createNormalizedText, dominantScript, normalizeInto, type NormalizedText } from './normalize.js';
import type { ModelParts } from './parts.js';
import { SCRIPT_COUNT, SCRIPT_NONE, scriptTable } from './scripts.js';
import { sublinearTf } from './tfidf.js';
import type { Candidate, Explanation, LanguageModel, Manifest, PredictOptions, Prediction } from './types.js';

const NO_LANGUAGE: Prediction = Object.freeze({ language: UNDETERMINED, confidence: 0, top: Object.freeze([]) });
const DEFAULT_TOP = 3;

export class LinearModel implements LanguageModel {
  readonly labels: readonly string[];
  readonly manifest: Manifest;
  // Only what the hot path does not copy below: the weights, idf and scales live in the views
  // and `idfScale`, so the artifact's own arrays can be garbage-collected.
  private readonly parts: Pick<ModelParts, 'features' | 'bias' | 'temperature' | 'threshold' | 'labelScripts'>;
  private readonly classes: number;
  /** Normalised into kernel memory (unless a pathological text outgrows it: then copied). */
  private readonly norm: NormalizedText;
  /** Hashing, counting and scoring; its memory holds the weight tables of the views. */
  private readonly kernel: Kernel;
  /** idf and scale of bucket b at 2b and 2b + 1 (the hot path reads the copies in the views). */
  private readonly idfScale: Float32Array;
  /**
   * The weights as seen from each script (index: script id): a dense bucket × class table that
   * holds at least the classes written in that script, the only ones that can win for a text of
   * that dominant script (the others are masked to −∞). Two tables in all (see the constructor).
   */
  private readonly views: readonly (DenseView | undefined)[];
  private readonly scores: Float64Array;
  private readonly probs: Float64Array;
  /**
   * Per script written by exactly one class (Hangul, Hebrew, Devanagari, Kana and Han for the
   * 38-language model): the answer for any text of that dominant script. The softmax over one
   * allowed class gives it probability 1 whatever the scores, so such texts skip hashing and
   * scoring and still get exactly what scoring them would give.
   */
  private readonly soleAnswer: readonly (Prediction | undefined)[];
  /** Marker words of close pairs; empty for a model without them (format 2). */
  private readonly markers: MarkerIndex;

  constructor(parts: ModelParts, manifest: Manifest) {
    this.parts = { features: parts.features, bias: parts.bias, temperature: parts.temperature, threshold: parts.threshold, labelScripts: parts.labelScripts };
    this.manifest = manifest;
    this.labels = parts.labels;
    this.classes = parts.labels.length;
    // One slot more: the padding columns of a dense view write there.
    this.scores = new Float64Array(this.classes + 1);
    this.probs = new Float64Array(this.classes);
    const buckets = parts.features.buckets;
    this.idfScale = new Float32Array(2 * buckets);
    for (let b = 0; b < buckets; b++) {
      this.idfScale[2 * b] = parts.idf[b]!;
      this.idfScale[2 * b + 1] = parts.scale[b]!;
    }
    // Two views at most: the classes of the script most classes use (Latin), and the union of
    // all the others' classes. A text scores the columns of its script's view; a class outside
    // its script costs a column but is masked in `decide`, and every score is the same sum in
    // the same order whichever view computes it. One view per script would cost a full table
    // per script for few columns saved (the non-Latin scripts hold 1–5 classes each).
    const allowed: number[][] = [];
    for (let script = 0; script < SCRIPT_COUNT; script++) {
      const bit = 1 << script;
      if (script === SCRIPT_NONE) continue;
      const classes = parts.labels.flatMap((_, c) => ((parts.labelScripts[c]! & bit) !== 0 ? [c] : []));
      if (classes.length > 0) allowed[script] = classes;
    }
    const widest = allowed.reduce<number[]>((w, classes) => (classes.length > w.length ? classes : w), []);
    const rest = [...new Set(allowed.flatMap((classes) => (sameClasses(classes, widest) ? [] : classes)))].sort((x, y) => x - y);
    const shapes = (rest.length > 0 ? [widest, rest] : [widest]).map((classes) => viewShape(classes.length, buckets));
    this.kernel = new Kernel(parts.features, shapes);
    this.norm = { ...createNormalizedText(0), units: this.kernel.units };
    const primary = denseView(parts, widest, this.kernel.tables[0]!);
    const secondary = rest.length > 0 ? denseView(parts, rest, this.kernel.tables[1]!) : undefined;
    const views: (DenseView | undefined)[] = [];
    allowed.forEach((classes, script) => (views[script] = sameClasses(classes, widest) ? primary : secondary));
    this.views = views;
    // Scoring can only come out empty when no feature has any weight in the norm (idf 0), which a
    // trained model never has; a hand-made one might, and then keeps the scored path.
    const idfPositive = parts.idf.every((x) => x > 0);
    const sole: (Prediction | undefined)[] = [];
    allowed.forEach((classes, script) => {
      if (classes.length !== 1 || !idfPositive) return;
      const top = Object.freeze([Object.freeze({ language: this.labels[classes[0]!]!, confidence: 1 })]);
      sole[script] = Object.freeze({ language: 1 < parts.threshold ? UNDETERMINED : top[0]!.language, confidence: 1, top });
    });
    this.soleAnswer = sole;
    this.markers = new MarkerIndex(parts.markers ?? [], parts.labels);
    scriptTable(); // build the lookup table now rather than in the first prediction
  }

  predict(text: string, options?: PredictOptions): Prediction {
    if (typeof text !== 'string') return NO_LANGUAGE;
    return this.decide(normalizeInto(text, this.norm), topOf(options));
  }

  predictBatch(texts: readonly string[], options?: PredictOptions): Prediction[] {
    const top = topOf(options);
    const out = new Array<Prediction>(texts.length);
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i];
      out[i] = typeof t === 'string' ? this.decide(normalizeInto(t, this.norm), top) : NO_LANGUAGE;
    }
    return out;
  }

  explain(text: string, maxFeatures = 20): Explanation {
    const prediction = this.predict(text, { top: DEFAULT_TOP });
    const c = this.labels.indexOf(prediction.top[0]?.language ?? '');
    if (c < 0) return { prediction, features: [], markers: [] };
    const t = normalizeInto(text, createNormalizedText(text.length + 2));
    const runnerUp = this.labels.indexOf(prediction.top[1]?.language ?? '');
    const markers = runnerUp < 0 ? [] : this.markers.found(t, c, runnerUp, this.classes)
      .map((m) => ({ word: m.word, language: this.labels[m.forX ? c : runnerUp]! }));
    const idf = (b: number): number => this.idfScale[2 * b]!;
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
    return { prediction, features: features.slice(0, Math.max(0, maxFeatures)), markers };
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
    const z = this.scores.slice(0, this.classes);
    const bit = 1 << script;
    for (let c = 0; c < this.classes; c++) if ((this.parts.labelScripts[c]! & bit) === 0) z[c] = -Infinity;
    return z;
  }

  /** The weight W[b, c] (dequantised), 0 when pruned. */
  private weightAt(b: number, c: number): number {
    const bit = this.parts.labelScripts[c]!;
    const view = this.views.find((v, script) => v !== undefined && (bit & (1 << script)) !== 0);
    const column = view === undefined ? -1 : view.columns.indexOf(c);
    if (view === undefined || column < 0) return 0;
    return view.table.bytes[b * view.stride + column]! * this.idfScale[2 * b + 1]!;
  }

  /**
   * Raw linear scores z = W·x + b for one normalised text (false when it has no features).
   * The kernel finds the same features in the same order as `extractBuckets` and sums each
   * class in f32 (four classes per SIMD instruction) over idf and scale kept to 2⁻¹¹
   * (packPositive), so a logit can differ from the artifact's exact f64 sum by ~1e-4.
   */
  private score(t: NormalizedText, script: number): boolean {
    const view = this.views[script];
    const kernel = this.kernel;
    const len = Math.min(t.length, kernel.units.length);
    if (t.units !== kernel.units) {
      // normalizeInto outgrew kernel memory (a text that NFC or lower-casing lengthened past
      // KERNEL_UNITS): copy what the kernel reads, and normalise into kernel memory again next.
      kernel.units.set(t.units.subarray(0, len));
      if (t === this.norm) this.norm.units = kernel.units;
    }
    const distinct = kernel.count(len);
    if (distinct === 0) return false;
    if (view === undefined) {
      // No class is written in this script: nothing to add up (decide answers `und`).
      kernel.reset(distinct);
      return false;
    }
    const m = kernel.weigh(distinct, view.table, view.stride, view.width);
    const sq = kernel.sumOfSquaresOfWeighed();
    const columnScores = kernel.scoreColumns(m, view.width);
    if (sq === 0) return false;
    const z = this.scores;
    z.fill(0);
    const { width, columns } = view;
    for (let k = 0; k < width; k++) z[columns[k]!] = columnScores[k]!;
    const inv = 1 / Math.sqrt(sq);
    const bias = this.parts.bias;
    const C = this.classes;
    for (let c = 0; c < C; c++) z[c] = z[c]! * inv + bias[c]!;
    return true;
  }

  /**
   * When the two most probable classes are a pair with marker words (markers.ts), moves the
   * log-odds between them by the evidence of the marker words in the text. The pair keeps its
   * total probability and every other class its own, so the probabilities still sum to 1.
   */
  private weighMarkers(t: NormalizedText, p: Float64Array): void {
    const C = this.classes;
    // The two most probable (ties: the lower index, as the top-k below).
    let best = 0;
    let second = -1;
    for (let c = 1; c < C; c++) {
      const pc = p[c]!;
      if (pc > p[best]!) {
        second = best;
        best = c;
      } else if (pc > 0 && (second < 0 || pc > p[second]!)) {
        second = c;
      }
    }
    if (second < 0 || !(p[second]! > 0)) return;
    const odds = this.markers.logOdds(t, best, second, C);
    if (odds === 0) return;
    const mass = p[best]! + p[second]!;
    const shift = Math.log(p[best]!) - Math.log(p[second]!) + odds;
    p[best] = mass / (1 + Math.exp(-shift));
    p[second] = mass - p[best]!;
  }

  private decide(t: NormalizedText, topK: number): Prediction {
    if (t.letters === 0) return NO_LANGUAGE;
    const script = dominantScript(t);
    const sole = this.soleAnswer[script];
    if (sole !== undefined) return sole;
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
    if (this.markers.size > 0) this.weighMarkers(t, p);
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
 * The weights of the classes one script allows, dense, one record of `stride` bytes per bucket:
 * one int8 weight per class, column k for class columns[k], then the bucket's idf and scale
 * packed in 16 bits each (packPositive). The width is padded to a multiple of four with zero
 * columns whose class is the scores' spare slot. Dense int8 rows are smaller than the sparse
 * entries they replace (most rows hold most classes) and need no per-entry class decoding; with
 * idf and scale in the record, weighting a feature reads one place in memory; and 28 Latin
 * columns make a 32-byte record, two to a cache line, never one across two (+18 % over f32 idf
 * and scale in front: 36-byte records). The table lives in kernel memory.
 */
interface DenseView {
  readonly width: number;
  readonly stride: number;
  readonly columns: Int32Array;
  readonly table: KernelTable;
}

function sameClasses(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

/** Bytes of idf and scale after a record's weights (two packed u16, see packPositive). */
const ROW_TRAILER = 4;

function viewWidth(classes: number): number {
  return Math.ceil(classes / 4) * 4;
}

function viewShape(classes: number, buckets: number): { size: number; width: number } {
  const width = viewWidth(classes);
  return { size: buckets * (width + ROW_TRAILER), width };
}

function denseView(parts: ModelParts, classes: readonly number[], table: KernelTable): DenseView {
  const C = parts.labels.length;
  const width = viewWidth(classes.length);
  const stride = width + ROW_TRAILER;
  const columns = new Int32Array(width).fill(C);
  classes.forEach((c, k) => (columns[k] = c));
  const columnOf = new Int32Array(C).fill(-1);
  classes.forEach((c, k) => (columnOf[c] = k));
  const rows = parts.rowPtr.length - 1;
  const { bytes, halves } = table;
  for (let b = 0; b < rows; b++) {
    halves[(b * stride + width) >> 1] = packPositive(parts.idf[b]!);
    halves[((b * stride + width) >> 1) + 1] = packPositive(parts.scale[b]!);
    for (let j = parts.rowPtr[b]!; j < parts.rowPtr[b + 1]!; j++) {
      const k = columnOf[parts.cls[j]!]!;
      if (k >= 0) bytes[b * stride + k] = parts.val[j]!;
    }
  }
  return { width, stride, columns, table };
}

/** The number of candidates asked for (default 3; anything but a number ≥ 1 means the default). */
export function topOf(options: PredictOptions | undefined): number {
  const k = options?.top ?? DEFAULT_TOP;
  return Number.isFinite(k) && k >= 1 ? Math.floor(k) : DEFAULT_TOP;
}
