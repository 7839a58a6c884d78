/**
 * Training, end to end and pure: labelled texts in, `ModelParts` out.
 *   augment (texts + words + pairs, balanced) → hashed n-grams → tf-idf → [SVD] → softmax
 *   regression → int8 weights → temperature fitted on a held-out slice of the training data.
 * Same data + same options ⇒ same numbers (every random choice comes from `seed`).
 */
import { CLOSE_PAIRS } from '../languages/index.js';
import { augment, type LabelledText } from './augment.js';
import { fitTemperature } from './calibrate.js';
import { countFeaturesShared } from './count-parallel.js';
import { vectorizeCorpus } from './dataset.js';
import type { FeatureConfig } from './features.js';
import { hashString } from './hashing.js';
import { LabelEncoder } from './labels.js';
import { markerTable, type PairMarkers } from './markers.js';
import { learnPairMarkersAside } from './markers-aside.js';
import { createNormalizedText, normalizeInto } from './normalize.js';
import { quantizeRows, type ModelParts } from './parts.js';
import { LinearModel } from './predictor.js';
import { SCRIPT_COUNT, SCRIPT_MARK, SCRIPT_NONE } from './scripts.js';
import { trainSoftmax, type LearningRateDecay } from './softmax.js';
import { reduceAndTrain, type SvdReport } from './svd.js';
import { mostlyCyrillic, serbianToLatin } from './transliterate.js';
import type { Manifest } from './types.js';

export interface TrainOptions {
  readonly minN: number;
  readonly maxN: number;
  readonly buckets: number;
  readonly maxWordLength: number;
  readonly epochs: number;
  readonly learningRate: number;
  readonly l2: number;
  /** Step-size schedule of the SGD (see softmax.ts). */
  readonly lrDecay: LearningRateDecay;
  /** Epochs at the end whose steps' weights are averaged into the model (0 = the last step's). */
  readonly averageEpochs: number;
  readonly seed: number;
  readonly textsPerLabel: number;
  readonly wordsPerLabel: number;
  readonly pairsPerLabel: number;
  /** Passages of running text per label, across text ends (see augment.ts; 0 = none). */
  readonly passagesPerLabel: number;
  /** Share of samples that also train without diacritics on Latin letters (see augment.ts). */
  readonly strippedShare: number;
  readonly maxTextLength: number;
  /** Cap on the up-weighting of a class with few samples (see augment.ts). */
  readonly maxWeight: number;
  /** Quantised weights with |q| below this (of 127 per row) are dropped (see parts.ts). */
  readonly pruneBelow: number;
  /**
   * At most this many weights per bucket are kept, those of largest |q| (0 = no cap; see
   * `capRows` in parts.ts). Fewer entries per feature is proportionally less scoring work.
   */
  readonly maxClassesPerFeature: number;
  /** Top probability below which the answer is `und`. */
  readonly threshold: number;
  /** Truncated-SVD components (0 = train on the hashed features directly). */
  readonly svd: number;
  /** Share of training documents kept aside to fit the temperature (by document). */
  readonly calibrationShare: number;
  /**
   * Labels written in Cyrillic and Latin alike whose Cyrillic texts also train as a Latin
   * transliteration (see transliterate.ts); only `sr` is supported.
   */
  readonly latinVariants: readonly string[];
  /** Share of those texts that get a transliterated copy (chosen by a hash of the text). */
  readonly latinVariantShare: number;
  /** Close pairs of labels to learn marker words for (markers.ts; pairs of absent labels are skipped). */
  readonly markerPairs: readonly (readonly [string, string])[];
  /** A marker word occurs at least this often in its own label's text. */
  readonly markerMinCount: number;
  /**
   * Occurrences the shared sources must predict in the other label's text, which has none; also
   * the log-odds (nats) each marker word found in a text moves (markers.ts).
   */
  readonly markerExpected: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = Object.freeze({
  minN: 1,
  maxN: 5,
  buckets: 1 << 17,
  maxWordLength: 24,
  epochs: 4,
  learningRate: 0.5,
  l2: 1e-7,
  lrDecay: 'inverse',
  averageEpochs: 1,
  seed: 42,
  textsPerLabel: 30000,
  wordsPerLabel: 30000,
  pairsPerLabel: 30000,
  passagesPerLabel: 0,
  strippedShare: 0.03,
  maxTextLength: 300,
  maxWeight: 5,
  pruneBelow: 12,
  maxClassesPerFeature: 0,
  threshold: 0.1,
  svd: 0,
  calibrationShare: 0.05,
  latinVariants: ['sr'],
  // 0 since the corpus has real Latin-script Serbian (Wesnoth's sr@latin): with it, synthetic
  // copies only pushed Croatian towards Serbian (docs/model.md, Serbian in Latin script).
  latinVariantShare: 0,
  markerPairs: CLOSE_PAIRS,
  markerMinCount: 3,
  markerExpected: 5,
});

export interface TrainingItem extends LabelledText {
  /** Document id: items of one document go to the same side of the calibration split. */
  readonly doc?: string;
  /** Corpus source: marker words compare the labels' text within the sources they share. */
  readonly source?: string;
}

export type TrainPhase = 'features' | 'svd' | 'train' | 'calibrate';

export interface TrainResult {
  readonly parts: ModelParts;
  readonly samples: number;
  readonly temperature: number;
  readonly svd?: SvdReport;
  readonly epochLosses: number[];
  /** The marker words learned (the model stores their hashes: parts.markers). */
  readonly markerWords: readonly PairMarkers[];
}

/** A bit set per class of the scripts its training text uses (≥ 5 % of its letters). */
export function learnLabelScripts(items: readonly LabelledText[], enc: LabelEncoder): Uint32Array {
  const counts = new Float64Array(enc.size * SCRIPT_COUNT);
  const norm = createNormalizedText();
  for (const it of items) {
    const c = enc.encode(it.label);
    if (c < 0) continue;
    const t = normalizeInto(it.text, norm);
    for (let s = 1; s < SCRIPT_COUNT; s++) counts[c * SCRIPT_COUNT + s]! += t.scriptCounts[s]!;
  }
  const masks = new Uint32Array(enc.size);
  for (let c = 0; c < enc.size; c++) {
    let total = 0;
    for (let s = 1; s < SCRIPT_COUNT; s++) total += counts[c * SCRIPT_COUNT + s]!;
    for (let s = 1; s < SCRIPT_COUNT; s++) {
      if (s === SCRIPT_NONE || s === SCRIPT_MARK) continue;
      if (total > 0 && counts[c * SCRIPT_COUNT + s]! >= 0.05 * total) masks[c]! |= 1 << s;
    }
  }
  return masks;
}

const PLACEHOLDER_MANIFEST: Manifest = Object.freeze({
  formatVersion: 0, modelVersion: 'training', createdAt: '', labels: [], params: {},
  corpus: { fingerprint: '', counts: {} }, metrics: {}, codeVersion: '',
});

/** How training runs, as opposed to what it builds: nothing here changes the model. */
export interface TrainRun {
  /** Threads that count the corpus's features (count-parallel.ts); default 1. */
  readonly threads?: number;
}

export function train(
  items: readonly TrainingItem[],
  options: Partial<TrainOptions> = {},
  onProgress?: (phase: TrainPhase, done: number, total: number) => void,
  run: TrainRun = {},
): TrainResult {
  const o: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  validate(o);
  const enc = new LabelEncoder(items.map((i) => i.label));
  if (enc.size < 2) throw new RangeError(`training needs at least 2 labels, got ${enc.size}`);
  const cut = Math.round(o.calibrationShare * 1000);
  const isCalibration = (it: TrainingItem, i: number): boolean =>
    cut > 0 && hashString(`${o.seed}:${it.label}:${it.doc ?? String(i)}`) % 1000 < cut;
  const fit: TrainingItem[] = [];
  const held: TrainingItem[] = [];
  items.forEach((it, i) => (isCalibration(it, i) ? held : fit).push(it));
  addLatinVariants(fit, o.latinVariants, o.latinVariantShare);
  addLatinVariants(held, o.latinVariants, o.latinVariantShare);

  const samples = augment(fit, o);
  const features: FeatureConfig = { minN: o.minN, maxN: o.maxN, buckets: o.buckets, maxWordLength: o.maxWordLength };
  const threads = run.threads ?? 1;
  const { rows, idf } = vectorizeCorpus(samples.texts, features, (d) => onProgress?.('features', d, samples.texts.length),
    (texts, cfg, progress) => countFeaturesShared(texts, cfg, { threads }, progress));
  // Learned beside the SGD, which runs on one thread. Only Serbian has a transliteration; its
  // Cyrillic text is compared with Croatian in Latin.
  const markersAside = learnPairMarkersAside(items, { pairs: o.markerPairs, minCount: o.markerMinCount, expected: o.markerExpected, latinVariants: ['sr'] }, { threads });
  const y = Int32Array.from(samples.labels, (l) => enc.encode(l));
  const sw = Float32Array.from(samples.weights);
  const epochLosses: number[] = [];
  const sgd = {
    epochs: o.epochs, learningRate: o.learningRate, l2: o.l2, decay: o.lrDecay, averageEpochs: o.averageEpochs, seed: o.seed,
    onEpoch: (_e: number, loss: number) => epochLosses.push(loss),
    onProgress: (d: number, t: number) => onProgress?.('train', d, t),
  };
  let weights: Float32Array;
  let bias: Float32Array;
  let svd: SvdReport | undefined;
  if (o.svd > 0) {
    const r = reduceAndTrain(rows, y, sw, o.buckets, enc.size, o.svd, sgd, (d, t) => onProgress?.('svd', d, t));
    weights = r.weights;
    bias = r.bias;
    svd = r.report;
  } else {
    const r = trainSoftmax(rows, y, sw, o.buckets, enc.size, sgd);
    weights = r.weights;
    bias = r.bias;
  }
  const quantized = quantizeRows(weights, o.buckets, enc.size, o.pruneBelow, o.maxClassesPerFeature);
  const base: ModelParts = {
    features, labels: enc.labels, idf, ...quantized, bias, temperature: 1, threshold: Math.fround(o.threshold),
    labelScripts: learnLabelScripts(fit, enc),
  };
  onProgress?.('calibrate', 0, 1);
  // float32, as stored in the artifact, so a loaded model answers exactly like the trained one
  const temperature = Math.fround(calibrate(base, held.length > 0 ? held : fit.slice(0, 2000), o.seed));
  const markerWords = markersAside.result();
  onProgress?.('calibrate', 1, 1);
  return { parts: { ...base, temperature, markers: markerWords.map(markerTable) }, markerWords, samples: samples.texts.length, temperature, svd, epochLosses };
}

/** Appends a Latin transliteration of every mostly-Cyrillic text of the given labels. */
function addLatinVariants(items: TrainingItem[], labels: readonly string[], share: number): void {
  if (!labels.includes('sr')) return;
  const n = items.length;
  const cut = Math.round(share * 1000);
  for (let i = 0; i < n; i++) {
    const it = items[i]!;
    if (it.label === 'sr' && hashString(it.text) % 1000 < cut && mostlyCyrillic(it.text)) {
      items.push({ ...it, text: serbianToLatin(it.text) });
    }
  }
}

/** Fits the temperature on held-out texts and the short inputs cut from them. */
function calibrate(parts: ModelParts, held: readonly TrainingItem[], seed: number): number {
  const enc = new LabelEncoder(parts.labels);
  const model = new LinearModel(parts, PLACEHOLDER_MANIFEST);
  const s = augment(held, {
    textsPerLabel: 300, wordsPerLabel: 300, pairsPerLabel: 300, maxTextLength: 300, maxWeight: 1, seed: seed + 1,
  });
  const C = parts.labels.length;
  const rows: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < s.texts.length; i++) {
    const z = model.logits(s.texts[i]!);
    const y = enc.encode(s.labels[i]!);
    if (!z || y < 0 || z[y] === -Infinity) continue;
    for (let c = 0; c < C; c++) rows.push(z[c]!);
    labels.push(y);
  }
  return fitTemperature(Float64Array.from(rows), Int32Array.from(labels), C);
}

function validate(o: TrainOptions): void {
  const int = (name: keyof TrainOptions, min: number, max: number): void => {
    const v = o[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      throw new RangeError(`${name} must be an integer in ${min}..${max}, got ${String(v)}`);
    }
  };
  int('minN', 1, 8);
  int('maxN', o.minN, 8);
  int('buckets', 16, 1 << 24);
  int('epochs', 1, 100);
  int('svd', 0, 1000);
  int('maxClassesPerFeature', 0, 1 << 16);
  if (!(o.learningRate > 0) || !(o.l2 >= 0) || !(o.threshold >= 0 && o.threshold < 1)) {
    throw new RangeError('learningRate must be > 0, l2 ≥ 0 and threshold in [0, 1)');
  }
}
