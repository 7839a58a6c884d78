/**
 * Finding the held-out text: labelled text from a source the shipped model was NOT trained on,
 * so the benchmark measures generalisation rather than memory. Either a file named with
 * `--data`, or the corpus records (data/corpus/*.jsonl) whose source is absent from the
 * model's training parameters (models/manifest.json).
 */
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { hashString } from '../../src/model/hashing.js';
import { resolveModelDir } from '../../src/registry/index.js';
import type { LabelledText } from './dataset.js';

/**
 * Something the benchmark needs is not there on this machine (no corpus built yet): not a failure
 * of the code under test, so `npm run bench` reports the benchmark as skipped.
 */
export class MissingPrerequisite extends Error {
  /** Exit code for "skipped" (EX_TEMPFAIL), understood by bench/run.ts. */
  static readonly EXIT_CODE = 75;
}

export interface HeldOut {
  readonly records: LabelledText[];
  /** Where the text came from, for the report. */
  readonly description: string;
}

export interface HeldOutOptions {
  /** A JSONL file of {text, label[, source]} to use as is (overrides discovery). */
  readonly data?: string;
  /** Use only this source (a record's `source`, or its file name without .jsonl). */
  readonly source?: string;
  readonly corpusDir: string;
  readonly modelDir: string;
}

/** A JSONL line as read: `source` falls back to the file name; `rawSource`/`doc` are as written. */
export interface JsonlRecord extends LabelledText {
  readonly source: string;
  readonly rawSource?: string;
  readonly doc?: string;
}

/** Streams a JSONL file, keeping the records `keep` accepts; malformed lines are counted, not fatal. */
export async function readJsonl(path: string, keep: (record: JsonlRecord) => boolean): Promise<{ records: LabelledText[]; bad: number }> {
  const records: LabelledText[] = [];
  let bad = 0;
  const fallbackSource = basename(path, '.jsonl');
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      bad++;
      continue;
    }
    if (typeof value !== 'object' || value === null) {
      bad++;
      continue;
    }
    const { text, label, source, doc } = value as Record<string, unknown>;
    if (typeof text !== 'string' || typeof label !== 'string') {
      bad++;
      continue;
    }
    const record: JsonlRecord = {
      text, label, source: typeof source === 'string' ? source : fallbackSource,
      ...(typeof source === 'string' ? { rawSource: source } : {}),
      ...(typeof doc === 'string' ? { doc } : {}),
    };
    if (keep(record)) records.push({ text, label });
  }
  return { records, bad };
}

export interface TrainingInfo {
  /** Sources the model was trained on (`params.sources`, a list or a comma-separated string). */
  readonly sources?: string[];
  /** `params.holdoutSource`: a source name, or `documents-10pct` for glossa train's document split. */
  readonly holdout?: string;
  readonly seed?: number;
}

/** What the model's manifest says about its training data; empty when it says nothing. */
export function trainingInfo(modelDir: string): TrainingInfo {
  let path: string;
  try {
    // a registry directory (models/ with CURRENT) or one model version
    path = join(resolveModelDir(modelDir), 'manifest.json');
  } catch {
    return {};
  }
  const params = (JSON.parse(readFileSync(path, 'utf8')) as { params?: Record<string, unknown> }).params ?? {};
  const raw = params['sources'];
  const sources = Array.isArray(raw) ? raw.filter((s): s is string => typeof s === 'string')
    : typeof raw === 'string' ? raw.split(',').map((s) => s.trim()).filter((s) => s !== '') : undefined;
  const holdout = params['holdoutSource'];
  const seed = params['seed'];
  return {
    ...(sources !== undefined ? { sources } : {}),
    ...(typeof holdout === 'string' ? { holdout } : {}),
    ...(typeof seed === 'number' ? { seed } : {}),
  };
}

/** The sources that trained the model, or undefined when the manifest does not say. */
export function trainingSources(modelDir: string): string[] | undefined {
  return trainingInfo(modelDir).sources;
}

/**
 * glossa train's document split (src/cli/commands/train.ts `docSplit`): without a held-out source
 * it holds out the documents whose hash is 0 mod 10. Reproduced here so the benchmark can use the
 * same held-out documents when every source trained the model. Keep the two in step.
 */
export function inTrainDocumentSplit(record: JsonlRecord, seed: number): boolean {
  return hashString(`holdout:${seed}:${record.rawSource ?? ''}:${record.doc ?? record.text}`) % 10 === 0;
}

function corpusFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(dir, f));
}

export async function loadHeldOut(options: HeldOutOptions): Promise<HeldOut> {
  if (options.data !== undefined) {
    const wanted = options.source;
    if (!existsSync(options.data)) throw new Error(`--data ${options.data}: no such file`);
    const { records, bad } = await readJsonl(options.data, (r) => wanted === undefined || r.source === wanted);
    return { records, description: `${options.data}${wanted ? ` (source ${wanted})` : ''}, ${records.length} records${bad ? `, ${bad} malformed lines skipped` : ''}` };
  }
  const files = corpusFiles(options.corpusDir);
  if (files.length === 0) throw new MissingPrerequisite(`no corpus in ${options.corpusDir} (build one with \`glossa corpus build\`) and no --data FILE given`);
  const info = trainingInfo(options.modelDir);
  const trained = info.sources;
  // The source the model's trainer named as held out is the one its figures are meant for; other
  // sources it did not train on (added to the corpus later) are not mixed in.
  const named = info.holdout !== undefined && info.holdout !== 'documents-10pct' && !(trained ?? []).includes(info.holdout) ? info.holdout : undefined;
  const wanted = options.source ?? named;
  if (wanted === undefined && trained === undefined) {
    throw new Error(`the model in ${options.modelDir} does not list its training sources (manifest params.sources); name the held-out text with --source NAME or --data FILE`);
  }
  if (wanted !== undefined && trained?.includes(wanted)) {
    console.warn(`warning: source ${wanted} trained the model; its figures are not held-out`);
  }
  const excluded = new Set(trained ?? []);
  const keep = (r: { source: string }): boolean => (wanted !== undefined ? r.source === wanted : !excluded.has(r.source));
  const crossSource = await readAll(files, keep);
  if (crossSource.records.length > 0) {
    const what = wanted ?? [...crossSource.sources].sort().join(', ');
    return {
      records: crossSource.records,
      description: `${options.corpusDir}/*.jsonl, source ${what} (model trained on: ${trained?.join(', ') ?? 'not recorded'}), ${crossSource.records.length} records${crossSource.bad ? `, ${crossSource.bad} malformed lines skipped` : ''}`,
    };
  }
  if (info.holdout === 'documents-10pct' && info.seed !== undefined) {
    // Every source trained the model: fall back to the documents glossa train held out. Not
    // cross-source (same domains as training), and the report says so.
    const seed = info.seed;
    const split = await readAll(files, (r) => inTrainDocumentSplit(r, seed));
    if (split.records.length > 0) {
      return {
        records: split.records,
        description: `${options.corpusDir}/*.jsonl, the 10 % of documents glossa train held out (seed ${seed}) — NOT a separate source: every source (${trained?.join(', ') ?? '?'}) trained the model; ${split.records.length} records`,
      };
    }
  }
  throw new Error(`no held-out text in ${options.corpusDir}: every source there trained the model (${[...excluded].join(', ')}); name one with --data FILE`);
}

async function readAll(files: readonly string[], keep: (r: JsonlRecord) => boolean): Promise<{ records: LabelledText[]; sources: Set<string>; bad: number }> {
  const records: LabelledText[] = [];
  const sources = new Set<string>();
  let bad = 0;
  for (const file of files) {
    const read = await readJsonl(file, (r) => {
      const ok = keep(r);
      if (ok) sources.add(r.source);
      return ok;
    });
    for (const r of read.records) records.push(r);
    bad += read.bad;
  }
  return { records, sources, bad };
}
