/**
 * Predictions completed per second over a sliding window, from completion notifications.
 * Counts go into one-second buckets (a ring), so recording and reading are O(window).
 */
export class ThroughputMeter {
  private readonly windowSeconds: number;
  private readonly counts: number[];
  private readonly seconds: number[];
  private readonly startedAtSecond: number;

  /** `nowMs` is the clock (ms since epoch), injectable for tests. */
  constructor(windowSeconds = 10, private readonly nowMs: () => number = Date.now) {
    this.windowSeconds = windowSeconds;
    this.counts = new Array<number>(windowSeconds).fill(0);
    this.seconds = new Array<number>(windowSeconds).fill(-1);
    this.startedAtSecond = Math.floor(nowMs() / 1000);
  }

  record(count: number): void {
    const second = Math.floor(this.nowMs() / 1000);
    const slot = second % this.windowSeconds;
    if (this.seconds[slot] !== second) {
      this.seconds[slot] = second;
      this.counts[slot] = 0;
    }
    this.counts[slot] = (this.counts[slot] ?? 0) + count;
  }

  /**
   * Completions per second over the last `windowSeconds` full and current seconds. Right after
   * start the divisor is the time elapsed so far (at least 1 s), so early rates are not diluted.
   */
  perSecond(): number {
    const now = Math.floor(this.nowMs() / 1000);
    let total = 0;
    for (let i = 0; i < this.windowSeconds; i += 1) {
      const s = this.seconds[i] ?? -1;
      if (s > now - this.windowSeconds && s <= now) total += this.counts[i] ?? 0;
    }
    const span = Math.max(1, Math.min(this.windowSeconds, now - this.startedAtSecond + 1));
    return total / span;
  }
}
