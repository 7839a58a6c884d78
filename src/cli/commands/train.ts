/**
 * `glossa train [--corpus DIR] [--out DIR] [--ngrams 1-4] [--buckets N] [--svd K] [--max-classes K]
 *   [--prune-below Q] [--epochs N] [--marker-pairs ms:id,…|none]
 *   [--seed N] [--holdout-source NAME] [--sources a,b] [--no-promote]`
 *
 * Trains on the corpus (JSONL {text,label,source,doc}, see `glossa corpus build`), evaluates on
 * held-out text — the records of --holdout-source if given (a source the model never sees), else
 * a seeded 10 % of documents — as sentences, word pairs and single words, stores the model as a
 * new version in the registry --out (default: the shipped models/) and makes it current.
 * Progress on stderr; summary (time, per-language held-out metrics) on stdout.
 * Same corpus + same flags ⇒ same weights and metrics.
 */
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GlossaError } from '../../errors.js';
import { evaluate, formatEvaluation, type Evaluation } from '../../model/evaluate.js';
import { hashString } from '../../model/hashing.js';
import { heldOutSets } from '../../model/holdout.js';
import { buildManifest } from '../../model/manifest.js';
import { LinearModel } from '../../model/predictor.js';
import { DEFAULT_TRAIN_OPTIONS, train, type TrainOptions } from '../../model/train.js';
import { addVersion } from '../../registry/index.js';
import { defaultModelDir, defaultThreads } from '../../registry/load.js';
import { phaseProgress } from '../phase-progress.js';
import { parseThreadsFlag } from '../runtime/flags.js';
import { codeVersion } from '../version.js';
import { readLabelled, type LabelledRecord } from './eval.js';

export const DEFAULT_CORPUS_DIR = 'data/corpus';

interface TrainFlags {
  corpus?: string;
  out?: string;
  ngrams: string;
  buckets?: string;
  maxWordLength?: string;
  svd?: string;
  maxClasses?: string;
  pruneBelow?: string;
  epochs?: string;
  seed?: string;
  lr?: string;
  lrDecay?: string;
  averageEpochs?: string;
  l2?: string;
  threshold?: string;
  holdoutSource?: string;
  sources?: string;
  perLabel?: string;
  shortPerLabel?: string;
  passages?: string;
  stripDiacritics?: string;
  serbianLatin?: string;
  markerPairs?: string;
  threads?: string;
  promote: boolean;
}

function int(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min || Number(raw) > max) {
    throw new GlossaError('USAGE', `--${name} must be a whole number in ${min}..${max}, got ${JSON.stringify(raw)}`);
  }
  return Number(raw);
}

function num(name: string, raw: string | undefined, ok: (x: number) => boolean): number | undefined {
  if (raw === undefined) return undefined;
  const x = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(x) || !ok(x)) throw new GlossaError('USAGE', `--${name}: bad value ${JSON.stringify(raw)}`);
  return x;
}

/** `ms:id,hr:sr` → pairs; `none` → no pairs. */
function parseMarkerPairs(raw: string): [string, string][] {
  if (raw.trim() === 'none') return [];
  return raw.split(',').map((item) => {
    const m = /^\s*([^:\s,]+):([^:\s,]+)\s*$/.exec(item);
    if (!m || m[1] === m[2]) throw new GlossaError('USAGE', `--marker-pairs must look like ms:id,hr:sr (two different labels per pair) or none, got ${JSON.stringify(raw)}`);
    return [m[1]!, m[2]!];
  });
}

/** Flags → training options (throws USAGE on any bad value). */
export function parseTrainFlags(f: TrainFlags): Partial<TrainOptions> {
  const m = /^(\d+)-(\d+)$/.exec(f.ngrams.trim()) ?? /^(\d+)$/.exec(f.ngrams.trim());
  const minN = m ? Number(m[1]) : NaN;
  const maxN = m ? Number(m[2] ?? m[1]) : NaN;
  if (!(minN >= 1 && maxN >= minN && maxN <= 8)) throw new GlossaError('USAGE', `--ngrams must look like 1-4 (1 ≤ min ≤ max ≤ 8), got ${JSON.stringify(f.ngrams)}`);
  const o: Record<string, number> = { minN, maxN };
  const set = (k: keyof TrainOptions, v: number | undefined): void => {
    if (v !== undefined) o[k] = v;
  };
  set('buckets', int('buckets', f.buckets, 16, 1 << 22));
  set('maxWordLength', int('max-word-length', f.maxWordLength, 0, 1000));
  set('svd', int('svd', f.svd, 0, 1000));
  set('maxClassesPerFeature', int('max-classes', f.maxClasses, 0, 1 << 16));
  set('pruneBelow', int('prune-below', f.pruneBelow, 1, 127));
  set('epochs', int('epochs', f.epochs, 1, 100));
  set('seed', int('seed', f.seed, 0, 2 ** 31));
  set('learningRate', num('lr', f.lr, (x) => x > 0));
  if (f.lrDecay !== undefined) {
    if (f.lrDecay !== 'inverse' && f.lrDecay !== 'linear') throw new GlossaError('USAGE', `--lr-decay must be inverse or linear, got ${JSON.stringify(f.lrDecay)}`);
    (o as Record<string, unknown>).lrDecay = f.lrDecay;
  }
  set('averageEpochs', int('average-epochs', f.averageEpochs, 0, 100));
  if (o.averageEpochs !== undefined && o.averageEpochs > (o.epochs ?? DEFAULT_TRAIN_OPTIONS.epochs)) {
    throw new GlossaError('USAGE', `--average-epochs (${o.averageEpochs}) cannot exceed --epochs (${o.epochs ?? DEFAULT_TRAIN_OPTIONS.epochs})`);
  }
  set('l2', num('l2', f.l2, (x) => x >= 0));
  set('threshold', num('threshold', f.threshold, (x) => x >= 0 && x < 1));
  set('textsPerLabel', int('per-label', f.perLabel, 10, 1_000_000));
  set('passagesPerLabel', int('passages', f.passages, 0, 1_000_000));
  set('strippedShare', num('strip-diacritics', f.stripDiacritics, (x) => x >= 0 && x <= 1));
  const share = num('serbian-latin', f.serbianLatin, (x) => x >= 0 && x <= 1);
  if (share !== undefined) {
    (o as Record<string, unknown>).latinVariants = share > 0 ? ['sr'] : [];
    o.latinVariantShare = share;
  }
  if (f.markerPairs !== undefined) (o as Record<string, unknown>).markerPairs = parseMarkerPairs(f.markerPairs);
  if (o.textsPerLabel !== undefined) {
    o.wordsPerLabel = o.textsPerLabel;
    o.pairsPerLabel = o.textsPerLabel;
  }
  const short = int('short-per-label', f.shortPerLabel, 10, 1_000_000);
  if (short !== undefined) {
    o.wordsPerLabel = short;
    o.pairsPerLabel = short;
  }
  return o as Partial<TrainOptions>;
}

/** The corpus fingerprint from the corpus's manifest.json, else a hash of the records. */
function fingerprint(dir: string, records: readonly LabelledRecord[]): string {
  const p = join(dir, 'manifest.json');
  if (existsSync(p)) {
    try {
      const m = JSON.parse(readFileSync(p, 'utf8')) as { fingerprint?: unknown };
      if (typeof m.fingerprint === 'string') return m.fingerprint;
    } catch {
      // fall through to hashing the records
    }
  }
  let h = 0;
  for (const r of records) h = hashString(`${h}\u0000${r.label}\u0000${r.text}`);
  return `records-${h.toString(16)}`;
}

function docSplit(r: LabelledRecord, seed: number): boolean {
  return hashString(`holdout:${seed}:${r.source ?? ''}:${r.doc ?? r.text}`) % 10 === 0;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function compact(e: Evaluation): Record<string, unknown> {
  return {
    texts: e.overall.total,
    accuracy: e.overall.accuracy,
    macroRecall: e.overall.macroRecall,
    macroF1: e.overall.macroF1,
    perLabel: Object.fromEntries(e.overall.perClass.map((c) => [c.label, Math.round(c.recall * 10000) / 10000])),
    confusions: e.overall.confusions.slice(0, 10).map((c) => `${c.gold}>${c.predicted}:${c.count}`),
  };
}

export function register(program: Command): void {
  program
    .command('train')
    .description('train a language model on a corpus and store it as a new model version')
    .option('--corpus <dir>', `corpus folder of JSONL files (default ${DEFAULT_CORPUS_DIR}, built by \`glossa corpus build\` if missing)`)
    .option('--out <dir>', 'model registry to add the version to (default: the shipped models/)')
    .option('--ngrams <range>', 'character n-gram lengths, e.g. 1-4', `${DEFAULT_TRAIN_OPTIONS.minN}-${DEFAULT_TRAIN_OPTIONS.maxN}`)
    .option('--buckets <n>', `hash buckets (default ${DEFAULT_TRAIN_OPTIONS.buckets})`)
    .option('--max-word-length <n>', `a whole-word feature for each word of at most this many code units (0 = none; default ${DEFAULT_TRAIN_OPTIONS.maxWordLength})`)
    .option('--svd <k>', 'reduce to K dimensions by truncated SVD before the classifier (default 0 = off)')
    .option('--max-classes <k>', `keep at most K weights (largest |q|) per hashed feature; 0 = no cap (default ${DEFAULT_TRAIN_OPTIONS.maxClassesPerFeature})`)
    .option('--prune-below <q>', `drop quantised weights with |q| below this, of 127 per row (default ${DEFAULT_TRAIN_OPTIONS.pruneBelow})`)
    .option('--epochs <n>', `passes over the data (default ${DEFAULT_TRAIN_OPTIONS.epochs})`)
    .option('--seed <n>', `random seed (default ${DEFAULT_TRAIN_OPTIONS.seed})`)
    .option('--lr <x>', `initial learning rate (default ${DEFAULT_TRAIN_OPTIONS.learningRate})`)
    .option('--lr-decay <schedule>', `step size over training: inverse (η₀/(1+η₀λt)) or linear (down to 0 at the end) (default ${DEFAULT_TRAIN_OPTIONS.lrDecay})`)
    .option('--average-epochs <n>', `return the weights averaged over the steps of the last N epochs (averaged SGD; 0 = the last step's) (default ${DEFAULT_TRAIN_OPTIONS.averageEpochs})`)
    .option('--l2 <x>', `L2 regularisation (default ${DEFAULT_TRAIN_OPTIONS.l2})`)
    .option('--threshold <p>', `answer und below this confidence (default ${DEFAULT_TRAIN_OPTIONS.threshold})`)
    .option('--per-label <n>', `texts, words and pairs sampled per label (default ${DEFAULT_TRAIN_OPTIONS.textsPerLabel})`)
    .option('--short-per-label <n>', `single words and word pairs sampled per label, overriding --per-label for those two kinds (default ${DEFAULT_TRAIN_OPTIONS.wordsPerLabel})`)
    .option('--passages <n>', `passages of running text (60–200 characters, across text ends) sampled per label (0 = none; default ${DEFAULT_TRAIN_OPTIONS.passagesPerLabel})`)
    .option('--strip-diacritics <share>', `also train on a copy without diacritics (Latin letters) of this share of samples (default ${DEFAULT_TRAIN_OPTIONS.strippedShare})`)
    .option('--serbian-latin <share>', `also train on a Latin transliteration of this share of Serbian Cyrillic texts (0 = off; default ${DEFAULT_TRAIN_OPTIONS.latinVariantShare})`)
    .option('--marker-pairs <list>', `close pairs of labels to learn marker words for, e.g. ms:id,hr:sr, or none (default ${DEFAULT_TRAIN_OPTIONS.markerPairs.map((p) => p.join(':')).join(',')})`)
    .option('--holdout-source <name>', 'never train on this source; evaluate on it')
    .option('--sources <list>', 'train only on these sources (comma-separated)')
    .option('--no-promote', 'store the version without making it current')
    .option('--threads <n>', 'threads that count the corpus\'s features (default: the cores, at most 4); the model is the same whatever the number')
    .action(async (f: TrainFlags) => {
      const started = Date.now();
      const options = parseTrainFlags(f);
      const threads = parseThreadsFlag(f.threads) ?? defaultThreads();
      const seed = options.seed ?? DEFAULT_TRAIN_OPTIONS.seed;
      const corpus = f.corpus ?? DEFAULT_CORPUS_DIR;
      if (!existsSync(corpus)) {
        // `npm run train` on a fresh checkout: build the default corpus first, through the corpus
        // command itself (its flags, defaults and error messages). A --corpus that is named but
        // missing is a mistake, not a request to build.
        if (f.corpus !== undefined || !program.commands.some((c) => c.name() === 'corpus')) {
          throw new GlossaError('USAGE', `no corpus at ${corpus}; build one with \`glossa corpus build\` (or pass --corpus DIR)`);
        }
        process.stderr.write(`no corpus at ${corpus}: running \`glossa corpus build --out ${corpus}\` first\n`);
        await program.parseAsync(['corpus', 'build', '--out', corpus], { from: 'user' });
      }
      const only = f.sources ? new Set(f.sources.split(',').map((s) => s.trim()).filter(Boolean)) : undefined;
      const all = await readLabelled(corpus);
      const holdout = f.holdoutSource;
      if (holdout !== undefined && !all.some((r) => r.source === holdout)) {
        throw new GlossaError('USAGE', `--holdout-source ${holdout}: no records with this source in ${corpus}`);
      }
      const isHeld = (r: LabelledRecord): boolean => (holdout !== undefined ? r.source === holdout : docSplit(r, seed));
      const trainSet = all.filter((r) => !isHeld(r) && (only === undefined || only.has(r.source ?? '')));
      const heldSet = all.filter(isHeld);
      if (trainSet.length === 0) throw new GlossaError('USAGE', 'no training records left after --sources / --holdout-source');
      const sources = [...new Set(trainSet.map((r) => r.source ?? 'unknown'))].sort();
      process.stderr.write(`corpus ${corpus}: ${all.length} records; training on ${trainSet.length} from ${sources.join(', ')}; held out ${heldSet.length} (${holdout ?? '10% of documents'})\n`);

      const progress = phaseProgress();
      const result = train(trainSet, options, (p, done, total) => progress.update(p, done, total), { threads });
      progress.stop();

      const counts: Record<string, number> = {};
      for (const r of trainSet) counts[r.label] = (counts[r.label] ?? 0) + 1;
      const placeholder = buildManifest({ parts: result.parts, params: {}, corpus: { fingerprint: '', counts }, metrics: {}, codeVersion: codeVersion(), createdAt: new Date(started) });
      const model = new LinearModel(result.parts, placeholder);
      const sets = heldOutSets(heldSet, 300, seed);
      const evals = {
        sentences: evaluate(model, sets.sentences),
        pairs: evaluate(model, sets.pairs),
        words: evaluate(model, sets.words),
      };
      const params = {
        ...DEFAULT_TRAIN_OPTIONS, ...options, sources, holdoutSource: holdout ?? 'documents-10pct',
        markerPairs: (options.markerPairs ?? DEFAULT_TRAIN_OPTIONS.markerPairs).map((p) => p.join(':')),
        temperature: result.temperature, samples: result.samples,
      };
      const metrics = {
        heldOut: {
          source: holdout ?? 'a seeded 10% of documents (same sources as training)',
          crossSource: holdout !== undefined,
          macroRecall: evals.sentences.overall.macroRecall,
          sentences: compact(evals.sentences),
          pairs: compact(evals.pairs),
          words: compact(evals.words),
        },
        ...(result.svd ? { svd: result.svd } : {}),
        trainingSeconds: Math.round((Date.now() - started) / 100) / 10,
      };
      const manifest = buildManifest({
        parts: result.parts, params, corpus: { fingerprint: fingerprint(corpus, all), counts }, metrics,
        codeVersion: codeVersion(), createdAt: new Date(started),
      });
      const root = f.out ?? defaultModelDir();
      const notes = [
        `Trained on ${trainSet.length} records (${sources.join(', ')}), ${result.samples} samples with short-input augmentation;`,
        `n-grams ${params.minN}-${params.maxN}, ${params.buckets} buckets, ${params.epochs} epochs, seed ${params.seed}${params.svd ? `, SVD ${params.svd}` : ''}.`,
        `Held-out (${metrics.heldOut.source}) macro accuracy: sentences ${pct(evals.sentences.overall.macroRecall)},`,
        `word pairs ${pct(evals.pairs.overall.macroRecall)}, single words ${pct(evals.words.overall.macroRecall)}.`,
      ].join('\n');
      const dir = await addVersion(root, result.parts, manifest, notes, f.promote);
      const out = (s: string): void => {
        process.stdout.write(`${s}\n`);
      };
      out(`model ${manifest.modelVersion} → ${dir}${f.promote ? ' (current)' : ''}`);
      out(`time ${metrics.trainingSeconds}s, ${result.samples} training samples, temperature ${result.temperature.toFixed(3)}`);
      if (result.svd) out(`SVD: ${result.svd.components} components explain ${pct(result.svd.totalExplainedVarianceRatio)} of the variance`);
      for (const m of result.markerWords) {
        out(`marker words ${m.pair.join('/')}: ${m.words[0].length} / ${m.words[1].length} (e.g. ${m.words[0].slice(0, 4).join(', ')} / ${m.words[1].slice(0, 4).join(', ')})`);
      }
      for (const [k, e] of Object.entries(evals)) out(`\n== held-out ${k} (${metrics.heldOut.source}) ==\n${formatEvaluation(e, 8)}`);
    });
}
