/**
 * Streaming reader of a corpus directory: yields samples one by one without loading a file
 * whole, so training can consume a corpus larger than memory would like.
 */
import { createReadStream } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { GlossaError } from '../errors.js';
import type { CorpusManifest, Sample } from './types.js';

export interface ReadCorpusOptions {
  /** Only these sources (file names without `.jsonl`); default all of the corpus. */
  readonly sources?: readonly string[];
}

/** Source names of a corpus: those its manifest lists, or every `*.jsonl` file when it has none. */
export async function corpusSources(dir: string): Promise<string[]> {
  try {
    const m = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as CorpusManifest;
    return m.sources.map((s) => s.name);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new GlossaError('CORPUS_INVALID', `${join(dir, 'manifest.json')}: ${(e as Error).message}`);
  }
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw new GlossaError('CORPUS_INVALID', `no corpus at ${dir} (run \`glossa corpus build\`)`);
  }
  return names.filter((n) => n.endsWith('.jsonl')).map((n) => n.slice(0, -6)).sort();
}

/** Yields every sample of the corpus in `dir`, source by source, in file order. */
export async function* readCorpus(dir: string, options: ReadCorpusOptions = {}): AsyncGenerator<Sample> {
  const available = await corpusSources(dir);
  const wanted = options.sources ?? available;
  for (const name of wanted) {
    if (!available.includes(name)) {
      throw new GlossaError('CORPUS_INVALID', `corpus ${dir} has no source "${name}" (it has: ${available.join(', ')})`);
    }
  }
  for (const name of wanted) yield* readJsonlSamples(join(dir, `${name}.jsonl`), name);
}

/** Samples of one corpus JSONL file; a malformed line is an error naming file and line. */
export async function* readJsonlSamples(path: string, source: string): AsyncGenerator<Sample> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      throw new GlossaError('CORPUS_INVALID', `${path}:${n}: not valid JSON`);
    }
    const o = v as Partial<Record<keyof Sample, unknown>>;
    if (typeof o.text !== 'string' || typeof o.label !== 'string') {
      throw new GlossaError('CORPUS_INVALID', `${path}:${n}: a sample needs string fields "text" and "label"`);
    }
    yield { text: o.text, label: o.label, source: typeof o.source === 'string' ? o.source : source, doc: typeof o.doc === 'string' ? o.doc : `${source}:${n}` };
  }
}
