/**
 * Finding the held-out text: labelled text from a source the shipped model was NOT trained on,
 * so the benchmark measures generalisation rather than memory. Either a file named with
 * `--data`, or the corpus records (data/corpus/*.jsonl) whose source is absent from the
 * model's training parameters (models/manifest.json).
 */
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { resolveModelDir } from '../../src/registry/index.js';
import type { LabelledText } from './dataset.js';

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

/** Streams a JSONL file, keeping the records `keep` accepts; malformed lines are counted, not fatal. */
export async function readJsonl(path: string, keep: (record: LabelledText & { source: string }) => boolean): Promise<{ records: LabelledText[]; bad: number }> {
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
    const { text, label, source } = value as Record<string, unknown>;
    if (typeof text !== 'string' || typeof label !== 'string') {
      bad++;
      continue;
    }
    const record = { text, label, source: typeof source === 'string' ? source : fallbackSource };
    if (keep(record)) records.push({ text, label });
  }
  return { records, bad };
}

/**
 * The sources that trained the model, from its manifest's parameters (`sources`, as a list or a
 * comma-separated string), or undefined when the manifest does not say.
 */
export function trainingSources(modelDir: string): string[] | undefined {
  let path: string;
  try {
    // a registry directory (models/ with CURRENT) or one model version
    path = join(resolveModelDir(modelDir), 'manifest.json');
  } catch {
    return undefined;
  }
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { params?: Record<string, unknown> };
  const raw = manifest.params?.['sources'];
  if (Array.isArray(raw)) return raw.filter((s): s is string => typeof s === 'string');
  if (typeof raw === 'string') return raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  return undefined;
}

function corpusFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(dir, f));
}

export async function loadHeldOut(options: HeldOutOptions): Promise<HeldOut> {
  const wanted = options.source;
  if (options.data !== undefined) {
    if (!existsSync(options.data)) throw new Error(`--data ${options.data}: no such file`);
    const { records, bad } = await readJsonl(options.data, (r) => wanted === undefined || r.source === wanted);
    return { records, description: `${options.data}${wanted ? ` (source ${wanted})` : ''}, ${records.length} records${bad ? `, ${bad} malformed lines skipped` : ''}` };
  }
  const files = corpusFiles(options.corpusDir);
  if (files.length === 0) throw new Error(`no corpus in ${options.corpusDir} (build one with \`glossa corpus build\`) and no --data FILE given`);
  const trained = trainingSources(options.modelDir);
  if (wanted === undefined && trained === undefined) {
    throw new Error(`the model in ${options.modelDir} does not list its training sources (manifest params.sources); name the held-out text with --source NAME or --data FILE`);
  }
  if (wanted !== undefined && trained?.includes(wanted)) {
    console.warn(`warning: source ${wanted} trained the model; its figures are not held-out`);
  }
  const excluded = new Set(trained ?? []);
  const keep = (r: { source: string }): boolean => (wanted !== undefined ? r.source === wanted : !excluded.has(r.source));
  const records: LabelledText[] = [];
  const sources = new Set<string>();
  let bad = 0;
  for (const file of files) {
    const read = await readJsonl(file, (r) => {
      const ok = keep(r);
      if (ok) sources.add(r.source);
      return ok;
    });
    records.push(...read.records);
    bad += read.bad;
  }
  if (records.length === 0) {
    throw new Error(`no held-out text in ${options.corpusDir}: every source there trained the model (${[...excluded].join(', ')}); name one with --data FILE`);
  }
  const what = wanted ?? [...sources].sort().join(', ');
  return {
    records,
    description: `${options.corpusDir}/*.jsonl, source ${what} (model trained on: ${trained?.join(', ') ?? 'not recorded'}), ${records.length} records${bad ? `, ${bad} malformed lines skipped` : ''}`,
  };
}
