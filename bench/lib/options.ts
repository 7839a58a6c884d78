/**
 * Flags shared by bench/accuracy.ts and bench/speed.ts. Benchmarks are run as scripts, so this
 * is their one place that reads argv; everything below gets a typed object.
 */
import { parseArgs } from 'node:util';

export interface BenchOptions {
  readonly data?: string;
  readonly source?: string;
  readonly corpusDir: string;
  /** Directory of the model to benchmark and whose manifest names its training sources. */
  readonly modelDir: string;
  readonly perLanguage: number;
  readonly seed: number;
  /** Markdown file the results section is written to. */
  readonly out: string;
  readonly write: boolean;
  /** Peers to leave out, by adapter name (case-insensitive prefix). */
  readonly skip: readonly string[];
  /**
   * Evaluate the held-out text as typed without diacritics (marks dropped from Latin letters,
   * see src/model/diacritics.ts). Never writes the results file.
   */
  readonly stripDiacritics: boolean;
  /** speed.ts: timed seconds per tool per round, rounds, predictBatch size. */
  readonly seconds: number;
  readonly rounds: number;
  readonly batch: number;
}

export const USAGE = `options:
  --data FILE         held-out JSONL {text,label[,source]} (default: discover in --corpus)
  --source NAME       only this source of the corpus / file
  --corpus DIR        corpus directory (default data/corpus)
  --model DIR         model to benchmark (default models)
  --per-language N    samples per language per set (default 200)
  --seed N            dataset seed (default 20261127)
  --out FILE          results file (default bench/results/peers.md); --no-write to skip
  --skip NAME,...     leave out these tools (e.g. --skip franc,tinyld)
  --strip-diacritics  test on the held-out text without diacritics on Latin letters (implies --no-write)
  --seconds S --rounds R --batch B   speed: timed seconds per round (2), rounds (3), batch size (512)`;

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return n;
}

function positiveNumber(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got ${JSON.stringify(raw)}`);
  return n;
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      data: { type: 'string' }, source: { type: 'string' }, corpus: { type: 'string' }, model: { type: 'string' },
      'per-language': { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' },
      'no-write': { type: 'boolean' }, skip: { type: 'string' }, 'strip-diacritics': { type: 'boolean' },
      seconds: { type: 'string' }, rounds: { type: 'string' }, batch: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    console.log(USAGE);
    process.exit(0);
  }
  return {
    ...(values.data !== undefined ? { data: values.data } : {}),
    ...(values.source !== undefined ? { source: values.source } : {}),
    corpusDir: values.corpus ?? 'data/corpus',
    modelDir: values.model ?? 'models',
    perLanguage: positiveInt('per-language', values['per-language'], 200),
    seed: positiveInt('seed', values.seed, 20261127),
    out: values.out ?? 'bench/results/peers.md',
    write: values['no-write'] !== true && values['strip-diacritics'] !== true,
    stripDiacritics: values['strip-diacritics'] === true,
    skip: (values.skip ?? '').split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== ''),
    seconds: positiveNumber('seconds', values.seconds, 2),
    rounds: positiveInt('rounds', values.rounds, 3),
    batch: positiveInt('batch', values.batch, 512),
  };
}

/** How this script was started, for the results file. */
export function commandLine(script: string, argv: readonly string[]): string {
  const direct = ['node --import tsx', script, ...argv.map((a) => (/^[\w./,=-]+$/.test(a) ? a : JSON.stringify(a)))].join(' ');
  return process.env['npm_lifecycle_event'] === 'bench' ? `npm run bench (runs: ${direct})` : direct;
}
