/**
 * `predictBatch` on more than one core. A text's cost is all its own (normalising, hashing,
 * weighing, scoring — BENCHMARKS.md lists the one-thread batch designs that lost), so what a
 * batch can do that single calls cannot is share out its texts: helper threads, each with its
 * own copy of the model, work on the batch beside the calling thread, which stays synchronous
 * (it waits on shared memory with Atomics.wait, as Node allows outside the browser).
 *
 * A batch is cut into chunks of CHUNK texts; every thread — the caller and each ready helper —
 * claims the next chunk from one shared counter until none is left, so a slow or busy helper
 * just takes fewer. Helpers write their answers into shared memory (batch-codec.ts) and mark
 * each chunk done; the caller decodes them. Answers are exactly those of `predict`.
 *
 * Nothing is lost and nothing hangs: helpers start on the first batch big enough and are used
 * once loaded (until then the caller works alone); a helper that fails to load, dies (it flags
 * that on exit, waking the caller) or does not finish a claimed chunk within HELPER_TIMEOUT_MS is
 * dropped and the caller predicts its unfinished chunks itself. Helpers are unref'd, so they never keep a process alive.
 */
import type { Worker } from 'node:worker_threads';
import { siblingEntry, spawnThread } from './spawn-thread.js';
import { decodePrediction, recordSize } from './batch-codec.js';
import { topOf } from './predictor.js';
import type { Explanation, LanguageModel, Manifest, PredictOptions, Prediction } from './types.js';

/** Texts per claimed chunk: ~0.2 ms of work for sentences, so claiming costs nothing. */
export const CHUNK = 16;
/** Smallest batch shared out: below it, waking a helper costs about what it would save. */
export const MIN_PARALLEL_BATCH = 4 * CHUNK;
const HELPER_TIMEOUT_MS = 5_000;
/** Helpers that keep failing are not restarted for ever: the caller then works alone. */
const MAX_HELPER_FAILURES = 3;

/** A helper's status word. */
export const HELPER_LOADING = 0;
export const HELPER_READY = 1;
export const HELPER_FAILED = 2;

/** Int32 slots of a batch's control array; `done + c` is 1 once a helper finished chunk c. */
export const CONTROL = { next: 0, finished: 1, done: 2 } as const;

export interface HelperData {
  readonly modelDir: string;
  /** One Int32: HELPER_LOADING → HELPER_READY, and HELPER_FAILED when it cannot load or exits. */
  readonly status: SharedArrayBuffer;
}

export interface BatchJob {
  readonly texts: readonly string[];
  readonly k: number;
  readonly chunk: number;
  readonly control: SharedArrayBuffer;
  readonly results: SharedArrayBuffer;
}

interface Helper {
  readonly worker: Worker;
  readonly status: Int32Array;
  dead: boolean;
}

export interface ParallelBatchOptions {
  /** The model's directory: each helper loads its own copy from it. */
  readonly modelDir: string;
  /** Threads a batch may use, the caller's own included: `threads − 1` helpers. */
  readonly threads: number;
  /**
   * Texts predicted in batches of at least MIN_PARALLEL_BATCH before helpers are started, so
   * that a short run (a CLI call on a small file) does not load model copies it would not use.
   */
  readonly warmupTexts?: number;
  /** Longest wait for a helper's claimed chunk before the caller predicts it itself. */
  readonly helperTimeoutMs?: number;
  /** The helper's entry module (tests pass a faulty one); default ./batch-thread.(js|ts). */
  readonly entry?: URL;
}

export interface ParallelBatchStats {
  readonly helpersReady: number;
  /** Chunks answered by helpers since the model was loaded. */
  readonly helperChunks: number;
  /** Chunks a helper claimed but the caller had to predict (the helper failed or stalled). */
  readonly recoveredChunks: number;
  /** Helpers that failed to load, died or stalled (after MAX_HELPER_FAILURES, no more are started). */
  readonly failures: number;
}

const DEFAULT_WARMUP_TEXTS = 4_096;

export class ParallelBatchModel implements LanguageModel {
  readonly labels: readonly string[];
  readonly manifest: Manifest;
  private readonly inner: LanguageModel;
  private readonly options: ParallelBatchOptions;
  private readonly helperCount: number;
  private helpers: Helper[] = [];
  private warmup: number;
  private helperChunks = 0;
  private recoveredChunks = 0;
  /** Helpers that failed to load, died or stalled; from MAX_HELPER_FAILURES on, none are started. */
  private failures = 0;

  constructor(inner: LanguageModel, options: ParallelBatchOptions) {
    this.inner = inner;
    this.labels = inner.labels;
    this.manifest = inner.manifest;
    this.options = options;
    this.helperCount = Math.max(0, Math.floor(options.threads) - 1);
    this.warmup = options.warmupTexts ?? DEFAULT_WARMUP_TEXTS;
  }

  predict(text: string, options?: PredictOptions): Prediction {
    return this.inner.predict(text, options);
  }

  explain(text: string, maxFeatures?: number): Explanation {
    return this.inner.explain(text, maxFeatures);
  }

  stats(): ParallelBatchStats {
    return { helpersReady: this.ready().length, helperChunks: this.helperChunks, recoveredChunks: this.recoveredChunks, failures: this.failures };
  }

  predictBatch(texts: readonly string[], options?: PredictOptions): Prediction[] {
    if (texts.length < MIN_PARALLEL_BATCH || this.helperCount === 0 || this.failures >= MAX_HELPER_FAILURES) {
      return this.inner.predictBatch(texts, options);
    }
    if (this.warmup > 0) {
      this.warmup -= texts.length;
      return this.inner.predictBatch(texts, options);
    }
    this.startHelpers();
    const helpers = this.ready();
    // Structured clone accepts only what it can copy; a batch with anything but strings stays here.
    if (helpers.length === 0 || !texts.every((t) => typeof t === 'string')) return this.inner.predictBatch(texts, options);
    return this.share(texts, options, helpers);
  }

  /** Starts the missing helpers (they load in the background; `ready` tells when). */
  startHelpers(): void {
    this.helpers = this.helpers.filter((h) => !h.dead);
    while (this.helpers.length < this.helperCount) {
      const status = new SharedArrayBuffer(4);
      const data: HelperData = { modelDir: this.options.modelDir, status };
      const worker = spawnThread(this.options.entry ?? siblingEntry(import.meta.url, 'batch-thread'), data);
      const helper: Helper = { worker, status: new Int32Array(status), dead: false };
      // An exit we did not ask for (close() marks its helpers dead first) is a failure.
      const lost = (): void => {
        if (helper.dead) return;
        helper.dead = true;
        this.failures++;
      };
      worker.on('error', lost);
      worker.on('exit', lost);
      worker.unref();
      this.helpers.push(helper);
    }
  }

  /** Stops the helpers (a later big batch starts new ones). */
  async close(): Promise<void> {
    const helpers = this.helpers;
    this.helpers = [];
    for (const h of helpers) h.dead = true;
    await Promise.all(helpers.map((h) => h.worker.terminate()));
  }

  private ready(): Helper[] {
    return this.helpers.filter((h) => {
      if (!h.dead && Atomics.load(h.status, 0) === HELPER_FAILED) {
        // It could not load the model (or exited between batches).
        h.dead = true;
        this.failures++;
      }
      return !h.dead && Atomics.load(h.status, 0) === HELPER_READY;
    });
  }

  private share(texts: readonly string[], options: PredictOptions | undefined, helpers: readonly Helper[]): Prediction[] {
    const n = texts.length;
    const k = Math.min(topOf(options), this.labels.length);
    const chunks = Math.ceil(n / CHUNK);
    const control = new Int32Array(new SharedArrayBuffer(4 * (CONTROL.done + chunks)));
    const results = new Float64Array(new SharedArrayBuffer(8 * n * recordSize(k)));
    const job: BatchJob = { texts, k, chunk: CHUNK, control: control.buffer as SharedArrayBuffer, results: results.buffer as SharedArrayBuffer };
    for (const h of helpers) h.worker.postMessage(job);
    const out = new Array<Prediction>(n);
    const mine = new Uint8Array(chunks);
    const own = { top: k };
    const work = (c: number): void => {
      const from = c * CHUNK;
      const preds = this.inner.predictBatch(texts.slice(from, from + CHUNK), own);
      for (let j = 0; j < preds.length; j++) out[from + j] = preds[j]!;
    };
    for (;;) {
      const c = Atomics.add(control, CONTROL.next, 1);
      if (c >= chunks) break;
      mine[c] = 1;
      work(c);
      Atomics.add(control, CONTROL.finished, 1);
    }
    const deadline = Date.now() + (this.options.helperTimeoutMs ?? HELPER_TIMEOUT_MS);
    for (;;) {
      const finished = Atomics.load(control, CONTROL.finished);
      if (finished >= chunks) break;
      const left = deadline - Date.now();
      if (left <= 0 || helpers.some((h) => Atomics.load(h.status, 0) === HELPER_FAILED)) {
        // A helper died or stalled on a chunk it claimed: drop the helpers, answer here.
        this.failures++;
        void this.close();
        break;
      }
      Atomics.wait(control, CONTROL.finished, finished, left);
    }
    for (let c = 0; c < chunks; c++) {
      if (mine[c] === 1) continue;
      if (Atomics.load(control, CONTROL.done + c) !== 1) {
        work(c);
        this.recoveredChunks++;
        continue;
      }
      this.helperChunks++;
      const end = Math.min(n, (c + 1) * CHUNK);
      for (let i = c * CHUNK; i < end; i++) out[i] = decodePrediction(this.labels, results, i, k);
    }
    return out;
  }
}
