/**
 * A pool of worker threads, each holding its own copy of the model, so inference never runs on
 * the event loop that serves HTTP (`glossa start`). A request goes to the thread with the fewest
 * requests pending. A thread that dies is replaced; its pending requests are rejected (the
 * consumer retries them).
 * Works from the compiled JS (dist) and from source through tsx (model/spawn-thread.ts).
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { ERROR_CODES, GlossaError } from '../../errors.js';
import type { ErrorCode } from '../../errors.js';
import { siblingEntry, spawnThread } from '../../model/spawn-thread.js';
import type { Explanation } from '../../model/types.js';
import type { PredictionResult } from '../../store/types.js';
import type { Predictor } from '../../worker/types.js';
import type { Logger } from './logger.js';
import type { ThreadData, ThreadReply, ThreadRequest } from './predictor-thread.js';

export interface PoolOptions {
  /** Threads, each with its own model copy. Default: the number of cores. */
  readonly size?: number;
  readonly modelDir?: string;
  readonly logger: Logger;
  /** The thread entry module (tests pass a fake); default ./predictor-thread.(js|ts). */
  readonly entry?: URL;
  /** Longest time (ms) a thread may take to load its model. Default 60 000. */
  readonly startTimeoutMs?: number;
}

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>;
}

function defaultEntry(): URL {
  return siblingEntry(import.meta.url, 'predictor-thread');
}

export async function createPredictorPool(options: PoolOptions): Promise<Predictor> {
  const size = options.size ?? availableParallelism();
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`pool size must be an integer ≥ 1 (got ${size})`);
  const entry = options.entry ?? defaultEntry();
  const data: ThreadData = { modelDir: options.modelDir };
  const { logger } = options;
  // A slot is empty while its thread is being (re)started: requests go to the others meanwhile.
  const slots: (Slot | undefined)[] = [];
  let nextId = 1;
  let closing = false;
  let info: { version: string; labels: readonly string[] } | undefined;

  const start = (index: number): Promise<void> => new Promise((resolve, reject) => {
    const worker = spawnThread(entry, data);
    const slot: Slot = { worker, pending: new Map() };
    let ready = false;
    const timer = setTimeout(() => {
      reject(new Error(`predictor thread did not load its model within ${options.startTimeoutMs ?? 60_000} ms`));
      void worker.terminate();
    }, options.startTimeoutMs ?? 60_000);
    worker.on('message', (msg: ThreadReply) => {
      if (msg.type === 'failed') {
        clearTimeout(timer);
        const code = msg.code !== undefined && msg.code in ERROR_CODES ? msg.code as ErrorCode : 'INTERNAL';
        reject(new GlossaError(code, msg.error));
        return;
      }
      if (msg.type === 'ready') {
        ready = true;
        clearTimeout(timer);
        info = { version: msg.version, labels: msg.labels };
        slots[index] = slot;
        resolve();
        return;
      }
      const waiter = slot.pending.get(msg.id);
      if (waiter === undefined) return;
      slot.pending.delete(msg.id);
      if (msg.ok) waiter.resolve(msg.value);
      else waiter.reject(new Error(msg.error));
    });
    worker.on('error', (e) => {
      logger.error({ err: e.message, thread: index }, 'predictor thread error');
      if (!ready) { clearTimeout(timer); reject(e); }
    });
    worker.on('exit', (code) => {
      if (slots[index] === slot) slots[index] = undefined;
      for (const w of slot.pending.values()) w.reject(new Error(`predictor thread exited (code ${code})`));
      slot.pending.clear();
      if (!ready) { clearTimeout(timer); reject(new Error(`predictor thread exited while loading (code ${code})`)); return; }
      if (closing) return;
      logger.error({ code, thread: index }, 'predictor thread died; starting a new one');
      start(index).catch((e: unknown) => logger.error({ err: e instanceof Error ? e.message : String(e) }, 'could not restart predictor thread'));
    });
  });

  try {
    await Promise.all(Array.from({ length: size }, (_, i) => start(i)));
  } catch (e) {
    closing = true;
    await Promise.all(slots.map((s) => s?.worker.terminate()));
    throw e;
  }

  type Request = { readonly kind: 'predict'; readonly texts: readonly string[] } | { readonly kind: 'explain'; readonly text: string };
  const call = <T>(req: Request): Promise<T> => {
    if (closing) return Promise.reject(new Error('predictor pool is closed'));
    let best: Slot | undefined;
    for (const s of slots) if (s !== undefined && (best === undefined || s.pending.size < best.pending.size)) best = s;
    if (best === undefined) return Promise.reject(new Error('no predictor thread is running'));
    const id = nextId++;
    const slot = best;
    return new Promise<T>((resolve, reject) => {
      slot.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      slot.worker.postMessage({ ...req, id } satisfies ThreadRequest);
    });
  };

  const loaded = info as unknown as { version: string; labels: readonly string[] };
  logger.info({ threads: size, model: loaded.version }, 'predictor pool ready');
  return {
    version: loaded.version,
    labels: loaded.labels,
    predictBatch: (texts) => call<PredictionResult[]>({ kind: 'predict', texts }),
    explain: (text) => call<Explanation>({ kind: 'explain', text }),
    close: async () => {
      closing = true;
      await Promise.all(slots.map((s) => s?.worker.terminate()));
    },
  };
}
