/**
 * Collects items into micro-batches: a batch is handed over as soon as it holds `size` items, or
 * `waitMs` after its first item arrived, whichever comes first. `waitMs` 0 adds no wait: the batch
 * closes at the end of the current I/O turn, so it holds what arrived together (one socket read of
 * deliveries) — batches of one at light load, larger ones under load. No I/O; the clock is injectable.
 *
 * Example (size 3, waitMs 5): items at t=0,1,2 → one batch of 3 at t=2; an item alone at t=10 →
 * a batch of 1 at t=15.
 */

export interface Timers {
  /** `ms` 0 means: after the current I/O turn (setImmediate). */
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => (ms === 0 ? { immediate: setImmediate(fn) } : setTimeout(fn, ms)),
  clearTimeout: (handle) => {
    if (typeof handle === 'object' && handle !== null && 'immediate' in handle) clearImmediate((handle as { immediate: NodeJS.Immediate }).immediate);
    else clearTimeout(handle as NodeJS.Timeout);
  },
};

export class MicroBatcher<T> {
  readonly #size: number;
  readonly #waitMs: number;
  readonly #onBatch: (items: T[]) => void;
  readonly #timers: Timers;
  #items: T[] = [];
  #timer: unknown = undefined;

  constructor(size: number, waitMs: number, onBatch: (items: T[]) => void, timers: Timers = realTimers) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be an integer ≥ 1 (got ${size})`);
    if (!Number.isFinite(waitMs) || waitMs < 0) throw new RangeError(`batch wait must be ≥ 0 ms (got ${waitMs})`);
    this.#size = size;
    this.#waitMs = waitMs;
    this.#onBatch = onBatch;
    this.#timers = timers;
  }

  /** Items waiting for their batch to close. */
  get pending(): number {
    return this.#items.length;
  }

  add(item: T): void {
    this.#items.push(item);
    if (this.#items.length >= this.#size) {
      this.flush();
    } else if (this.#items.length === 1) {
      this.#timer = this.#timers.setTimeout(() => this.flush(), this.#waitMs);
    }
  }

  /** Hands over what is pending now (nothing when empty). */
  flush(): void {
    if (this.#timer !== undefined) {
      this.#timers.clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    if (this.#items.length === 0) return;
    const batch = this.#items;
    this.#items = [];
    this.#onBatch(batch);
  }
}
