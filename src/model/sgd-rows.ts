/**
 * The two inner loops of softmax SGD (softmax.ts) over one sample's sparse row: its scores, and
 * the step on the weights of its features. In WebAssembly (sgd.wat, 2.3–2.6× faster) whenever
 * the weights fit in WebAssembly memory (4 GiB), in JavaScript otherwise. The two give the same
 * weights to the bit: both compute in f64 in the same order and round a weight to f32 once per
 * step; the JavaScript loops are the reference the tests hold the kernel to.
 */
import type { SparseRows } from './dataset.js';
import { SGD_WASM } from './sgd-wasm.js';

export type SgdEngine = 'wasm' | 'javascript';

export interface SgdRows {
  readonly engine: SgdEngine;
  /** V: [features × classes], bucket-major. */
  readonly weights: Float32Array;
  /** U, the averaged-SGD correction sums (softmax.ts), when asked for. */
  readonly sums: Float64Array | undefined;
  /** The scores z; fill with the bias before `scoreRow`. */
  readonly z: Float64Array;
  /** The gradient factors p (softmax minus the one-hot label) that `stepRow` applies. */
  readonly p: Float64Array;
  /** z[c] += Σ over the row's entries of (val · scale) · V[bucket, c]. */
  scoreRow(r: number, scale: number): void;
  /** V[bucket, c] −= (val · step) · p[c] over the row's entries, and U −= S · that when `averaging`. */
  stepRow(r: number, step: number, S: number, averaging: boolean): void;
  /** The weights as an array of their own (the kernel's memory is let go). */
  release(): Float32Array;
}

/** The loops for `data` with a [features × classes] weight table, in WebAssembly when it fits. */
export function createSgdRows(data: SparseRows, features: number, classes: number, withSums: boolean, engine: SgdEngine = 'wasm'): SgdRows {
  if (engine === 'wasm') {
    const rows = wasmRows(data, features, classes, withSums);
    if (rows !== undefined) return rows;
  }
  return javascriptRows(data, features, classes, withSums);
}

function javascriptRows(data: SparseRows, features: number, classes: number, withSums: boolean): SgdRows {
  const C = classes;
  const V = new Float32Array(features * C);
  const U = withSums ? new Float64Array(V.length) : undefined;
  const z = new Float64Array(C);
  const p = new Float64Array(C);
  const { rowPtr, idx, val } = data;
  return {
    engine: 'javascript',
    weights: V,
    sums: U,
    z,
    p,
    scoreRow(r, scale) {
      for (let i = rowPtr[r]!; i < rowPtr[r + 1]!; i++) {
        const v = val[i]! * scale;
        const row = idx[i]! * C;
        for (let c = 0; c < C; c++) z[c]! += v * V[row + c]!;
      }
    },
    stepRow(r, step, S, averaging) {
      for (let i = rowPtr[r]!; i < rowPtr[r + 1]!; i++) {
        const g = val[i]! * step;
        const row = idx[i]! * C;
        if (averaging && U !== undefined) {
          for (let c = 0; c < C; c++) {
            const d = g * p[c]!;
            V[row + c]! -= d;
            U[row + c]! -= S * d;
          }
        } else {
          for (let c = 0; c < C; c++) V[row + c]! -= g * p[c]!;
        }
      }
    },
    release: () => V,
  };
}

/** WebAssembly memory is at most 65 536 pages of 64 KiB. */
const MAX_PAGES = 65_536;
const PAGE = 65_536;

let compiled: WebAssembly.Module | undefined;

interface SgdExports {
  forward(idx: number, val: number, n: number, V: number, C: number, z: number, scale: number): void;
  backward(idx: number, val: number, n: number, V: number, U: number, C: number, p: number, step: number, S: number): void;
}

/** Undefined when the weights do not fit in WebAssembly memory (or it cannot be had). */
function wasmRows(data: SparseRows, features: number, classes: number, withSums: boolean): SgdRows | undefined {
  const C = classes;
  const { rowPtr, idx, val } = data;
  let longest = 0;
  for (let r = 0; r < data.rows; r++) longest = Math.max(longest, rowPtr[r + 1]! - rowPtr[r]!);
  let end = 0;
  const take = (bytes: number): number => {
    const at = end;
    end = Math.ceil((end + bytes) / 64) * 64;
    return at;
  };
  // One spare f64 after z and p, and after the tables: the pair loops never read past a
  // table, but the odd-class tail and alignment stay simple with the slack.
  const zAt = take(8 * (C + 1));
  const pAt = take(8 * (C + 1));
  const idxAt = take(4 * Math.max(1, longest));
  const valAt = take(4 * Math.max(1, longest));
  const vAt = take(4 * features * C + 8);
  const uAt = withSums ? take(8 * features * C + 8) : 0;
  const pages = Math.ceil(end / PAGE);
  if (pages > MAX_PAGES) return undefined;
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: pages });
  } catch {
    return undefined; // the engine's own limit is lower, or the memory cannot be reserved
  }
  compiled ??= new WebAssembly.Module(Buffer.from(SGD_WASM, 'base64'));
  const kernel = new WebAssembly.Instance(compiled, { env: { memory } }).exports as unknown as SgdExports;
  const buffer = memory.buffer;
  const V = new Float32Array(buffer, vAt, features * C);
  const U = withSums ? new Float64Array(buffer, uAt, features * C) : undefined;
  const rowIdx = new Int32Array(buffer, idxAt, Math.max(1, longest));
  const rowVal = new Float32Array(buffer, valAt, Math.max(1, longest));
  // The row scored last: `stepRow` of the same row finds it already in kernel memory.
  let loaded = -1;
  const load = (r: number): number => {
    const a = rowPtr[r]!;
    const n = rowPtr[r + 1]! - a;
    if (loaded !== r) {
      rowIdx.set(idx.subarray(a, a + n));
      rowVal.set(val.subarray(a, a + n));
      loaded = r;
    }
    return n;
  };
  return {
    engine: 'wasm',
    weights: V,
    sums: U,
    z: new Float64Array(buffer, zAt, C),
    p: new Float64Array(buffer, pAt, C),
    scoreRow(r, scale) {
      kernel.forward(idxAt, valAt, load(r), vAt, C, zAt, scale);
    },
    stepRow(r, step, S, averaging) {
      kernel.backward(idxAt, valAt, load(r), vAt, averaging && withSums ? uAt : 0, C, pAt, step, S);
    },
    release: () => V.slice(),
  };
}
