/**
 * `corpus build`: runs the chosen sources, cleans and de-duplicates their samples, and writes
 * `<out>/<source>.jsonl` plus `<out>/manifest.json`. Same inputs ⇒ byte-identical output.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GlossaError } from '../errors.js';
import { buildManifest, sampleLine } from './manifest.js';
import { SampleCollector } from './pipeline.js';
import type { CorpusManifest, CorpusSource, Sample, SourceContext } from './types.js';

export interface BuildOptions {
  readonly out: string;
  readonly sources: readonly CorpusSource[];
  readonly context: SourceContext;
}

export async function buildCorpus(options: BuildOptions): Promise<CorpusManifest> {
  const { out, sources, context } = options;
  if (sources.length === 0) throw new GlossaError('USAGE', 'no corpus sources selected');
  const collector = new SampleCollector();
  for (const source of sources) {
    context.progress(`${source.name}: reading`);
    const started = Date.now();
    let docs = 0;
    for await (const doc of source.read(context)) {
      collector.add(source.name, doc);
      if (++docs % 2000 === 0) context.progress(`${source.name}: ${docs} documents`);
    }
    context.progress(`${source.name}: ${docs} documents read in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // A package source with nothing to read is almost always a cache unpacked before the source
    // existed (or never unpacked): say so, since the corpus then differs from the shipped one.
    if (docs === 0 && source.name.startsWith('debian-')) {
      context.progress(`${source.name}: warning: nothing found under ${context.debianRoot}; run scripts/install-corpus-deps.sh (it fetches only what is missing)`);
    }
  }
  context.progress('de-duplicating');
  const samples = collector.finish();
  const names = sources.map((s) => s.name);
  const manifest = buildManifest(samples, names, collector.dropped);
  await mkdir(out, { recursive: true });
  await removePreviousCorpus(out);
  const bySource = new Map<string, Sample[]>(names.map((n) => [n, []]));
  for (const s of samples) bySource.get(s.source)?.push(s);
  for (const [name, list] of bySource) {
    await writeFile(join(out, `${name}.jsonl`), list.map((s) => `${sampleLine(s)}\n`).join(''));
  }
  await writeFile(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Removes the files a previous build listed in its manifest, so no stale source lingers. */
async function removePreviousCorpus(dir: string): Promise<void> {
  let previous: CorpusManifest;
  try {
    previous = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as CorpusManifest;
  } catch {
    return;
  }
  for (const s of previous.sources ?? []) {
    if (/^[\w.-]+\.jsonl$/.test(s.file)) await rm(join(dir, s.file), { force: true });
  }
}
