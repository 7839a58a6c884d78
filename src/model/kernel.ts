/**
 * The WebAssembly prediction kernel (kernel.wat): its memory layout and a typed face for the
 * predictor. One kernel per model instance; like the model, it is not re-entrant.
 *
 * Memory, in order: the scores out-area, the tf table, the text's code units, the per-bucket
 * counts, the four per-feature arrays, then the model's dense weight tables (each followed by
 * padding, because a SIMD pass reads up to 31 bytes past a record). It is sized once and never
 * grows, so the typed views below stay valid.
 */
import { KERNEL_WASM } from './kernel-wasm.js';
import { maxFeatures, type FeatureConfig } from './features.js';
import { MAX_TEXT_UNITS } from './normalize.js';
import { TF_TABLE_SIZE, sublinearTf } from './tfidf.js';

/**
 * Longest normalised text the kernel reads, in code units. Texts are cut at MAX_TEXT_UNITS
 * before normalising, which can lengthen them (NFC, lower-casing: 'İ' → 'i̇'); twice that covers
 * any real text, and the few units past it of a pathological one are not looked at.
 */
export const KERNEL_UNITS = 2 * MAX_TEXT_UNITS + 64;
const TABLE_PADDING = 64;
const PAGE = 65_536;

let compiled: WebAssembly.Module | undefined;

function kernelModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(Buffer.from(KERNEL_WASM, 'base64'));
  return compiled;
}

interface KernelExports {
  init(units: number, counts: number, hashes: number, used: number, featScale: number, featRow: number, tfTable: number, out: number): void;
  count(len: number, minN: number, maxN: number, maxWordLength: number, mask: number, mod: number): number;
  reset(distinct: number): void;
  weigh(distinct: number, table: number, stride: number, width: number): number;
  scoreColumns(m: number, width: number): void;
}

/** A weight table to lay out: its size in bytes (a multiple of 4) and its number of columns. */
export interface TableShape {
  readonly size: number;
  readonly width: number;
}

/** A weight table in kernel memory: `bytes` and `halves` view the same `size` bytes at `offset`. */
export interface KernelTable {
  readonly offset: number;
  readonly bytes: Int8Array;
  readonly halves: Uint16Array;
}

/** The f32 bits of 2⁻⁴⁴, the smallest packed value: q = (bits(x) − PACK_BIAS) / 2¹³, rounded. kernel.wat repeats it (0x29800000). */
const PACK_BIAS = (127 - 44) << 23;
const f32 = new Float32Array(1);
const bits = new Uint32Array(f32.buffer);

/**
 * A positive number in 16 bits, for a record's idf and scale: 6 exponent bits (2⁻⁴⁴ to 2²⁰)
 * and 10 mantissa bits, rounded to nearest (relative error ≤ 2⁻¹¹). 0 stays 0; values past
 * the range are clamped. The kernel unpacks with a shift and an add.
 */
export function packPositive(x: number): number {
  if (!(x > 0)) return 0;
  f32[0] = x;
  const q = Math.round((bits[0]! - PACK_BIAS) / 8192);
  return Math.min(65535, Math.max(1, q));
}

export function unpackPositive(q: number): number {
  if (q === 0) return 0;
  bits[0] = q * 8192 + PACK_BIAS;
  return f32[0]!;
}

export class Kernel {
  /** The text to score: write its code units here, then call `count`. */
  readonly units: Uint16Array;
  readonly tables: readonly KernelTable[];
  private readonly exports: KernelExports;
  private readonly sumOfSquares: Float64Array;
  private readonly scores: Float32Array;
  private readonly mask: number;
  private readonly cfg: FeatureConfig;

  constructor(cfg: FeatureConfig, shapes: readonly TableShape[]) {
    this.cfg = cfg;
    const { buckets } = cfg;
    this.mask = buckets > 0 && (buckets & (buckets - 1)) === 0 ? buckets - 1 : 0;
    const features = maxFeatures(KERNEL_UNITS, cfg);
    let end = 0;
    // Areas start on a cache line: a table whose stride divides 64 then has no record across two.
    const take = (bytes: number): number => {
      const at = end;
      end = Math.ceil((end + bytes) / 64) * 64;
      return at;
    };
    // A scoring pass writes 32 columns at a time: room for the widest table rounded up.
    const columns = Math.ceil(Math.max(1, ...shapes.map((t) => t.width)) / 32) * 32;
    const out = take(16 + 4 * columns);
    const tfTable = take(4 * TF_TABLE_SIZE);
    const units = take(2 * KERNEL_UNITS);
    const counts = take(2 * buckets);
    const hashes = take(4 * features);
    const used = take(4 * features);
    const featScale = take(4 * features);
    const featRow = take(4 * features);
    const tableAt = shapes.map((t) => take(t.size + TABLE_PADDING));
    const memory = new WebAssembly.Memory({ initial: Math.ceil(end / PAGE) });
    const tf = (count: number): number => sublinearTf(count);
    const instance = new WebAssembly.Instance(kernelModule(), { env: { memory, tf } });
    this.exports = instance.exports as unknown as KernelExports;
    this.exports.init(units, counts, hashes, used, featScale, featRow, tfTable, out);
    const buffer = memory.buffer;
    new Float32Array(buffer, tfTable, TF_TABLE_SIZE).set(Array.from({ length: TF_TABLE_SIZE }, (_, c) => sublinearTf(c)));
    this.units = new Uint16Array(buffer, units, KERNEL_UNITS);
    this.sumOfSquares = new Float64Array(buffer, out, 1);
    this.scores = new Float32Array(buffer, out + 16, columns);
    this.tables = shapes.map((t, i) => ({
      offset: tableAt[i]!,
      bytes: new Int8Array(buffer, tableAt[i]!, t.size),
      halves: new Uint16Array(buffer, tableAt[i]!, t.size >> 1),
    }));
  }

  /**
   * Hashes and counts the features of the first `len` units of `units`; returns the number of
   * distinct buckets. Every call must be followed by `weigh` or `reset` with that number.
   */
  count(len: number): number {
    const { minN, maxN, maxWordLength, buckets } = this.cfg;
    return this.exports.count(Math.min(len, KERNEL_UNITS), minN, maxN, maxWordLength, this.mask, buckets);
  }

  /** Forgets the counted features without weighing them. */
  reset(distinct: number): void {
    this.exports.reset(distinct);
  }

  /**
   * tf-idf of the counted features against `table` (records of `stride` bytes); keeps those
   * with a weight and returns how many. `sumOfSquares()` is then Σ (tf·idf)² over all of them.
   */
  weigh(distinct: number, table: KernelTable, stride: number, width: number): number {
    return this.exports.weigh(distinct, table.offset, stride, width);
  }

  sumOfSquaresOfWeighed(): number {
    return this.sumOfSquares[0]!;
  }

  /** The scores of the `width` columns of the last weighed table (more may follow: ignore them). */
  scoreColumns(m: number, width: number): Float32Array {
    this.exports.scoreColumns(m, width);
    return this.scores;
  }
}
