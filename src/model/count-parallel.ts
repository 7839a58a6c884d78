/**
 * Feature counting, the first pass over a training corpus, shared out across threads. Each
 * text's counts are its own, so the texts are cut into contiguous parts: the caller counts the
 * first and a helper thread (count-thread.ts) each of the others; the parts' rows are then joined
 * in order and their document frequencies summed — exactly what one thread would have built.
 * The caller stays synchronous (training is), waiting on a shared flag with Atomics.wait. A
 * helper that fails or does not answer in time is stopped and its part counted by the caller.
 */
import type { CountInput } from './count-thread.js';
import { countFeatures, type SparseRows } from './dataset.js';
import type { FeatureConfig } from './features.js';
import { siblingEntry } from './spawn-thread.js';
import { callInThread } from './sync-thread.js';

/** Below this many texts a thread costs more to start than it saves. */
export const MIN_SHARED_TEXTS = 50_000;
/** A helper may take this much longer than the caller's own part before its part is recounted. */
const HELPER_GRACE_MS = 120_000;

interface Counted {
  readonly counts: SparseRows;
  readonly df: Uint32Array;
}

export interface SharedCountOptions {
  readonly threads: number;
  /** Smallest corpus that is shared out (tests lower it). */
  readonly minTexts?: number;
  /** The helper's entry module (tests pass a faulty one); default ./count-thread.(js|ts). */
  readonly entry?: URL;
  readonly graceMs?: number;
}

/** Also says how many helpers' parts the caller had to count itself (0 when all answered). */
export function countFeaturesShared(
  texts: readonly string[],
  cfg: FeatureConfig,
  options: SharedCountOptions,
  onProgress?: (done: number) => void,
): Counted & { readonly recounted: number } {
  const threads = Math.max(1, Math.floor(options.threads));
  if (threads < 2 || texts.length < (options.minTexts ?? MIN_SHARED_TEXTS)) return { ...countFeatures(texts, cfg, onProgress), recounted: 0 };
  const size = Math.ceil(texts.length / threads);
  const parts = Array.from({ length: threads }, (_, i) => texts.slice(i * size, (i + 1) * size));
  const entry = options.entry ?? siblingEntry(import.meta.url, 'count-thread');
  const helpers = parts.slice(1).map((texts) => ({ texts, call: callInThread<Counted>(entry, { texts, cfg } satisfies CountInput) }));
  const started = Date.now();
  // The caller's part stands for the whole in the progress: the parts are the same size.
  const results = [countFeatures(parts[0]!, cfg, (d) => onProgress?.(Math.min(texts.length, d * threads)))];
  const deadline = Date.now() + (Date.now() - started) + (options.graceMs ?? HELPER_GRACE_MS);
  let recounted = 0;
  for (const h of helpers) {
    const counted = h.call.result(deadline);
    if (counted === undefined) recounted++;
    results.push(counted ?? countFeatures(h.texts, cfg));
  }
  return { ...join(results, cfg.buckets), recounted };
}

function join(parts: readonly Counted[], buckets: number): Counted {
  const rows = parts.reduce((n, p) => n + p.counts.rows, 0);
  const entries = parts.reduce((n, p) => n + p.counts.idx.length, 0);
  const rowPtr = new Uint32Array(rows + 1);
  const idx = new Int32Array(entries);
  const val = new Float32Array(entries);
  const df = new Uint32Array(buckets);
  let row = 0;
  let at = 0;
  for (const { counts, df: partDf } of parts) {
    for (let r = 1; r <= counts.rows; r++) rowPtr[row + r] = at + counts.rowPtr[r]!;
    idx.set(counts.idx, at);
    val.set(counts.val, at);
    for (let b = 0; b < buckets; b++) df[b]! += partDf[b]!;
    row += counts.rows;
    at += counts.idx.length;
  }
  return { counts: { rows, rowPtr, idx, val }, df };
}
