/**
 * `glossa eval --data FILE|DIR [--model DIR] [--json] [--threads N]` — accuracy, per-label precision / recall /
 * F1, macro averages, the top confusion pairs, and the same split by input length (≤ 20
 * characters, ≤ 50, longer). Data: JSONL lines {"text", "label"} (other fields ignored); a
 * directory means every *.jsonl file in it.
 */
import type { Command } from 'commander';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readJsonlSamples } from '../../corpus/index.js';
import { GlossaError } from '../../errors.js';
import { loadModel } from '../../index.js';
import { evaluate, formatEvaluation } from '../../model/evaluate.js';
import { addThreadsFlag, parseThreadsFlag } from '../runtime/flags.js';

export interface LabelledRecord {
  readonly text: string;
  readonly label: string;
  readonly source?: string;
  readonly doc?: string;
}

/** The JSONL files named by `path`: the file itself, or every *.jsonl in the folder (sorted). */
export function jsonlFiles(path: string): string[] {
  if (!existsSync(path)) throw new GlossaError('USAGE', `no such file or folder: ${path}`);
  if (!statSync(path).isDirectory()) return [path];
  const files = readdirSync(path).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(path, f));
  if (files.length === 0) throw new GlossaError('CORPUS_INVALID', `no *.jsonl files in ${path}`);
  return files;
}

/**
 * Labelled records from JSONL (the corpus reader does the parsing); a malformed line fails with its
 * file and line number. `source` defaults to the file name and `doc` to file:line, as in the corpus.
 */
export async function readLabelled(path: string, keep: (r: LabelledRecord) => boolean = () => true): Promise<LabelledRecord[]> {
  const out: LabelledRecord[] = [];
  for (const file of jsonlFiles(path)) {
    for await (const sample of readJsonlSamples(file, basename(file, '.jsonl'))) {
      if (keep(sample)) out.push(sample);
    }
  }
  return out;
}

export function register(program: Command): void {
  const cmd = program
    .command('eval')
    .description('measure a model on labelled JSONL data: accuracy, per-label P/R/F1, confusions, by length')
    .requiredOption('--data <path>', 'a JSONL file of {"text","label"} lines, or a folder of them')
    .option('--model <dir>', 'model or model registry folder (default: the shipped model)')
    .option('--json', 'print the metrics as JSON', false);
  addThreadsFlag(cmd)
    .action(async (f: { data: string; model?: string; json: boolean; threads?: string }) => {
      const threads = parseThreadsFlag(f.threads);
      const model = await loadModel(f.model, threads === undefined ? {} : { threads });
      const items = await readLabelled(f.data);
      if (items.length === 0) throw new GlossaError('CORPUS_INVALID', `no records in ${f.data}`);
      const e = evaluate(model, items);
      if (f.json) {
        process.stdout.write(`${JSON.stringify({ model: model.manifest.modelVersion, data: f.data, ...e })}\n`);
        return;
      }
      process.stdout.write(`model ${model.manifest.modelVersion}  data ${f.data}\n${formatEvaluation(e)}\n`);
    });
}
