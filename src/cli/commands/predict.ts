/**
 * `glossa predict [--model DIR] [--top K] [--json] [--threads N] [TEXT…]`
 *
 * With TEXT, the words are joined by spaces into one text and answered on one line. Without
 * TEXT, stdin is read as a stream: exactly one answer line per input line, in order, written
 * as soon as each input chunk is processed (outside evaluations pipe large files through this).
 * Lines are split on "\n" only (a trailing "\r" is dropped; a lone "\r" is text), decoded as
 * UTF-8 with replacement characters for invalid bytes, and only the first MAX_LINE_BYTES of a
 * line are kept — the model reads at most 20 000 code units anyway — so a 10 MB line costs no
 * more memory than a short one. Empty and letter-less lines answer `und`.
 *
 * Output: the language code; with --top K also `code:confidence` candidates after a tab; with
 * --json one object per line: {"language","confidence","top":[{"language","confidence"}…]}.
 */
import type { Command } from 'commander';
import { GlossaError } from '../../errors.js';
import { loadModel } from '../../index.js';
import type { LanguageModel, Prediction } from '../../model/types.js';
import { addThreadsFlag, parseThreadsFlag } from '../runtime/flags.js';

/** Bytes of one input line that are kept (the rest of a longer line is skipped). */
export const MAX_LINE_BYTES = 256 * 1024;
/** Lines handed to predictBatch at once. */
export const BATCH = 256;

export interface FormatOptions {
  readonly json: boolean;
  /** Candidates to print; undefined = the language code only (plain) / 3 (json). */
  readonly top?: number | undefined;
}

const round = (x: number): number => Math.round(x * 10000) / 10000;

export function formatPrediction(p: Prediction, f: FormatOptions): string {
  if (f.json) {
    return JSON.stringify({
      language: p.language,
      confidence: round(p.confidence),
      top: p.top.map((c) => ({ language: c.language, confidence: round(c.confidence) })),
    });
  }
  if (f.top === undefined) return p.language;
  return `${p.language}\t${p.top.map((c) => `${c.language}:${round(c.confidence).toFixed(4)}`).join(' ')}`;
}

/**
 * Answers every line of `input` through `write`, in order; resolves with the number of lines.
 * `write` may return a promise (backpressure); it is awaited before more input is read.
 */
export async function predictLines(
  model: LanguageModel,
  input: AsyncIterable<Buffer | string>,
  write: (text: string) => void | Promise<void>,
  f: FormatOptions,
): Promise<number> {
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  const top = f.top ?? 3;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let partial = false;
  let count = 0;

  const keep = (part: Buffer): void => {
    partial = true;
    const room = MAX_LINE_BYTES - pendingBytes;
    if (room <= 0 || part.length === 0) return;
    const piece = part.length > room ? part.subarray(0, room) : part;
    pending.push(piece);
    pendingBytes += piece.length;
  };
  const finish = (): string => {
    let bytes = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
    if (bytes.length > 0 && bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, bytes.length - 1);
    pending = [];
    pendingBytes = 0;
    partial = false;
    return decoder.decode(bytes);
  };
  const emit = async (lines: string[]): Promise<void> => {
    let out = '';
    for (let i = 0; i < lines.length; i += BATCH) {
      const preds = model.predictBatch(lines.slice(i, i + BATCH), { top });
      for (const p of preds) out += `${formatPrediction(p, f)}\n`;
    }
    count += lines.length;
    await write(out);
  };

  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    const lines: string[] = [];
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(10, start);
      if (nl < 0) break;
      keep(buf.subarray(start, nl));
      lines.push(finish());
      start = nl + 1;
    }
    if (start < buf.length) keep(buf.subarray(start));
    if (lines.length > 0) await emit(lines);
  }
  if (partial) await emit([finish()]);
  return count;
}

function parseTop(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(n) || n < 1 || n > 1000) {
    throw new GlossaError('USAGE', `--top must be a whole number from 1, got ${JSON.stringify(raw)}`);
  }
  return n;
}

/** A writer for process.stdout that waits for 'drain' and stops quietly on EPIPE. */
function stdoutWriter(): { write: (s: string) => Promise<void>; closed: () => boolean } {
  let closed = false;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') closed = true;
    else throw e;
  });
  return {
    closed: () => closed,
    write: (s) => {
      if (closed || s.length === 0) return Promise.resolve();
      if (process.stdout.write(s)) return Promise.resolve();
      return new Promise((resolve) => {
        const done = (): void => {
          process.stdout.off('drain', done);
          process.stdout.off('close', done);
          resolve();
        };
        process.stdout.once('drain', done);
        process.stdout.once('close', done);
      });
    },
  };
}

export function register(program: Command): void {
  const cmd = program
    .command('predict')
    .description('identify the language of TEXT, or of every line of stdin (one answer per line, in order)')
    .argument('[text...]', 'text to identify (words are joined by spaces); omit to read stdin')
    .option('--model <dir>', 'model or model registry folder (default: the shipped model)')
    .option('--top <k>', 'also print the K most probable languages with their confidence')
    .option('--json', 'print one JSON object per line instead of the code', false);
  addThreadsFlag(cmd)
    .action(async (text: string[], flags: { model?: string; top?: string; json: boolean; threads?: string }) => {
      const f: FormatOptions = { json: flags.json, top: parseTop(flags.top) };
      const threads = parseThreadsFlag(flags.threads);
      const model = await loadModel(flags.model, threads === undefined ? {} : { threads });
      const out = stdoutWriter();
      if (text.length > 0) {
        const p = model.predict(text.join(' '), { top: f.top ?? 3 });
        await out.write(`${formatPrediction(p, f)}\n`);
        return;
      }
      const input = process.stdin;
      try {
        await predictLines(model, input, (s) => {
          if (out.closed()) input.destroy();
          return out.write(s);
        }, f);
      } catch (e) {
        // The reader went away (`glossa predict < big | head`): stop quietly, as Unix tools do.
        if (!out.closed()) throw e;
      }
    });
}
