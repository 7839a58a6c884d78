/**
 * Counts feature occurrences per bucket for one text: an open-addressing hash map on typed
 * arrays, reused between texts (clearing touches only the slots used). This replaces a
 * `Map<number, number>` on the hot path, where allocation would dominate.
 */
export class BucketCounter {
  private keys: Int32Array;
  private vals: Uint32Array;
  private mask: number;
  /** The distinct buckets seen, in first-seen order; `size` of them are valid. */
  used: Int32Array;
  private slots: Int32Array;
  size = 0;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap <<= 1;
    this.keys = new Int32Array(cap).fill(-1);
    this.vals = new Uint32Array(cap);
    this.mask = cap - 1;
    this.used = new Int32Array(cap >> 1);
    this.slots = new Int32Array(cap >> 1);
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) this.keys[this.slots[i]!] = -1;
    this.size = 0;
  }

  add(bucket: number, count = 1): void {
    let s = Math.imul(bucket, 0x9e3779b1) >>> 0 & this.mask;
    for (;;) {
      const k = this.keys[s]!;
      if (k === bucket) {
        this.vals[s]! += count;
        return;
      }
      if (k === -1) break;
      s = (s + 1) & this.mask;
    }
    this.keys[s] = bucket;
    this.vals[s] = count;
    this.used[this.size] = bucket;
    this.slots[this.size] = s;
    this.size++;
    if (this.size * 2 >= this.keys.length) this.grow();
  }

  /** The count of the i-th distinct bucket (i < size), aligned with `used[i]`. */
  countAt(i: number): number {
    return this.vals[this.slots[i]!]!;
  }

  private grow(): void {
    const oldUsed = this.used.slice(0, this.size);
    const oldCounts = new Uint32Array(this.size);
    for (let i = 0; i < this.size; i++) oldCounts[i] = this.countAt(i);
    const cap = this.keys.length * 2;
    this.keys = new Int32Array(cap).fill(-1);
    this.vals = new Uint32Array(cap);
    this.mask = cap - 1;
    this.used = new Int32Array(cap >> 1);
    this.slots = new Int32Array(cap >> 1);
    const n = this.size;
    this.size = 0;
    for (let i = 0; i < n; i++) {
      this.add(oldUsed[i]!, oldCounts[i]!);
    }
  }
}
