/**
 * In-process registry of requests waiting for a prediction to finish (`?wait=MS` and SSE).
 *
 * One `broker.onCompleted` subscription feeds `notify(ids)`; for each notification the finished
 * rows of all ids somebody waits for are fetched with ONE `store.getMany`. A safety poll catches
 * waiters whose notification was missed (notifications are best effort, and a waiter registered
 * just after its notification passed would otherwise wait forever).
 *
 * Callers register first and read the row second: then a completion can never slip between the
 * two unseen.
 */
import type { PredictionRecord, PredictionStore } from '../store/types.js';

export type WaiterCallback = (record: PredictionRecord) => void;

export interface WaitersOptions {
  readonly store: Pick<PredictionStore, 'getMany'>;
  /** Interval (ms) of the safety poll; it only queries while somebody waits. */
  readonly pollMs: number;
  readonly logger?: { warn(obj: object, msg?: string): void };
}

/** getMany is given at most this many ids at once (keeps statements within parameter limits). */
const FETCH_CHUNK = 500;

export class CompletionWaiters {
  private readonly opts: WaitersOptions;
  private readonly byId = new Map<string, Set<WaiterCallback>>();
  private readonly pollTimer: NodeJS.Timeout;
  private polling = false;
  private resolveClosed: () => void = () => undefined;
  /** Resolves when `close()` is called: pending waits give up (answering 202) instead of holding shutdown. */
  readonly closed: Promise<undefined>;

  constructor(opts: WaitersOptions) {
    this.opts = opts;
    this.closed = new Promise((resolve) => {
      this.resolveClosed = () => resolve(undefined);
    });
    this.pollTimer = setInterval(() => void this.poll(), opts.pollMs);
    this.pollTimer.unref();
  }

  /** Calls `callback` once when `id` is done or failed. Returns the function that cancels it. */
  watch(id: string, callback: WaiterCallback): () => void {
    let set = this.byId.get(id);
    if (set === undefined) {
      set = new Set();
      this.byId.set(id, set);
    }
    set.add(callback);
    return () => this.remove(id, callback);
  }

  /**
   * Starts watching `id` now, before the caller does anything that could let it finish (publish,
   * read): `wait(ms)` then resolves with the finished row or `undefined` after `ms`.
   */
  expect(id: string): Expectation {
    return new Expectation(this, id);
  }

  /**
   * Resolves with the finished row, or `undefined` after `timeoutMs`. `check` runs after the
   * watch is registered (pass the initial read, or nothing when the row cannot be finished yet).
   */
  async waitFor(id: string, timeoutMs: number, check?: () => Promise<PredictionRecord | undefined>): Promise<PredictionRecord | undefined> {
    const expectation = this.expect(id);
    try {
      if (check !== undefined) {
        const now = await check();
        if (now !== undefined && isFinished(now)) return now;
      }
      return await expectation.wait(timeoutMs);
    } finally {
      expectation.cancel();
    }
  }

  /** Number of ids somebody waits for (a gauge, and a leak check in tests). */
  get size(): number {
    return this.byId.size;
  }

  /** Feeds a completion notification: fetches the rows waited for and wakes their waiters. */
  async notify(ids: readonly string[]): Promise<void> {
    const wanted = ids.filter((id) => this.byId.has(id));
    if (wanted.length > 0) await this.fetchAndSettle(wanted);
  }

  /** Stops the safety poll and ends every pending `wait()` with `undefined`. */
  close(): void {
    clearInterval(this.pollTimer);
    this.resolveClosed();
  }

  /** One safety-poll round (exported for tests; runs on its own every `pollMs`). */
  async poll(): Promise<void> {
    if (this.polling || this.byId.size === 0) return;
    this.polling = true;
    try {
      await this.fetchAndSettle([...this.byId.keys()]);
    } finally {
      this.polling = false;
    }
  }

  private async fetchAndSettle(ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += FETCH_CHUNK) {
      let records: PredictionRecord[];
      try {
        records = await this.opts.store.getMany(ids.slice(i, i + FETCH_CHUNK));
      } catch (e) {
        // Waiters keep waiting; the next notification or poll retries.
        this.opts.logger?.warn({ err: e }, 'waiters: could not read finished predictions');
        return;
      }
      for (const record of records) {
        if (isFinished(record)) this.settle(record);
      }
    }
  }

  private settle(record: PredictionRecord): void {
    const set = this.byId.get(record.id);
    if (set === undefined) return;
    this.byId.delete(record.id);
    for (const callback of set) callback(record);
  }

  private remove(id: string, callback: WaiterCallback): void {
    const set = this.byId.get(id);
    if (set === undefined) return;
    set.delete(callback);
    if (set.size === 0) this.byId.delete(id);
  }
}

export function isFinished(record: PredictionRecord): boolean {
  return record.status === 'done' || record.status === 'failed';
}

/** A registered watch on one id (see `CompletionWaiters.expect`). */
export class Expectation {
  /** Resolves with the finished row; never rejects, and never resolves after `cancel()`. */
  readonly finished: Promise<PredictionRecord>;
  private cancelWatch: () => void = () => undefined;

  private readonly waiters: CompletionWaiters;

  constructor(waiters: CompletionWaiters, id: string) {
    this.waiters = waiters;
    this.finished = new Promise((resolve) => {
      this.cancelWatch = waiters.watch(id, resolve);
    });
  }

  /** The finished row, or `undefined` when `timeoutMs` passes first. Cancels the watch either way. */
  async wait(timeoutMs: number): Promise<PredictionRecord | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs);
    });
    try {
      return await Promise.race([this.finished, timeout, this.waiters.closed]);
    } finally {
      clearTimeout(timer);
      this.cancelWatch();
    }
  }

  /** Stops watching (idempotent). */
  cancel(): void {
    this.cancelWatch();
  }
}
