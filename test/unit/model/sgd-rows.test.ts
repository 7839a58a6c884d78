import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { SparseRows } from '../../../src/model/dataset.js';
import { Prng } from '../../../src/model/prng.js';
import { createSgdRows } from '../../../src/model/sgd-rows.js';
import { SGD_WASM } from '../../../src/model/sgd-wasm.js';
import { trainSoftmax, type SoftmaxOptions } from '../../../src/model/softmax.js';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { compileKernel } from '../../../scripts/build-kernel.mjs';

test('sgd-wasm.ts holds sgd.wat compiled (run `npm run build:kernel` after editing the .wat)', async () => {
  const bytes = (await compileKernel(readFileSync(new URL('../../../src/model/sgd.wat', import.meta.url), 'utf8'))) as Buffer;
  assert.equal(SGD_WASM, bytes.toString('base64'));
});

/** Random sparse rows over `features` buckets, 0–`maxEntries` entries each (some rows empty). */
function randomRows(rows: number, features: number, maxEntries: number, seed: number): SparseRows {
  const rng = new Prng(seed);
  const rowPtr = new Uint32Array(rows + 1);
  const idx: number[] = [];
  const val: number[] = [];
  for (let r = 0; r < rows; r++) {
    const n = Math.floor(rng.next() * (maxEntries + 1));
    for (let k = 0; k < n; k++) {
      idx.push(Math.floor(rng.next() * features));
      val.push(rng.next() * 2 - 0.5);
    }
    rowPtr[r + 1] = idx.length;
  }
  return { rows, rowPtr, idx: Int32Array.from(idx), val: Float32Array.from(val) };
}

test('the WebAssembly loops give the same weights as the JavaScript ones, to the bit', () => {
  const rows = 400;
  const features = 64;
  const data = randomRows(rows, features, 40, 11);
  const sw = Float32Array.from({ length: rows }, (_, r) => 0.5 + (r % 3));
  // Odd and even class counts (the kernel does classes in pairs, the last alone); averaging on
  // and off; λ = 1.6 with linear decay runs the rescaling of the weights between steps.
  const cases: Array<{ classes: number; opts: SoftmaxOptions }> = [
    { classes: 5, opts: { epochs: 3, learningRate: 0.5, l2: 1e-4, averageEpochs: 1, seed: 3 } },
    { classes: 4, opts: { epochs: 2, learningRate: 0.5, l2: 0, seed: 4 } },
    { classes: 1 + 37, opts: { epochs: 2, learningRate: 0.3, l2: 1.6, decay: 'linear', averageEpochs: 2, seed: 5 } },
    { classes: 3, opts: { epochs: 2, learningRate: 0.5, l2: 1.6, decay: 'linear', seed: 6 } },
  ];
  for (const { classes, opts } of cases) {
    const y = Int32Array.from({ length: rows }, (_, r) => (r * 7) % classes);
    const wasm = trainSoftmax(data, y, sw, features, classes, opts);
    const js = trainSoftmax(data, y, sw, features, classes, { ...opts, engine: 'javascript' });
    assert.ok(wasm.weights.some((w) => w !== 0), 'the weights were trained');
    assert.deepEqual(wasm.weights, js.weights, `${classes} classes`);
    assert.deepEqual(wasm.bias, js.bias, `${classes} classes`);
  }
});

test('scoreRow and stepRow do what they say on one row', () => {
  const data: SparseRows = { rows: 2, rowPtr: Uint32Array.from([0, 2, 3]), idx: Int32Array.from([1, 0, 1]), val: Float32Array.from([2, 0.5, 1]) };
  for (const engine of ['wasm', 'javascript'] as const) {
    const rows = createSgdRows(data, 2, 3, true, engine);
    assert.equal(rows.engine, engine);
    rows.weights.set([1, 2, 3, 10, 20, 30]);
    rows.z.set([100, 0, 0]);
    rows.scoreRow(0, 0.5);
    // z = bias + 0.5·(2·row 1 + 0.5·row 0)
    assert.deepEqual([...rows.z], [100 + 10 + 0.25, 20 + 0.5, 30 + 0.75], engine);
    rows.p.set([1, -1, 0.5]);
    rows.stepRow(1, 2, 3, true);
    // V[1] −= 2·1·p; U[1] −= 3 · that
    assert.deepEqual([...rows.weights], [1, 2, 3, 8, 22, 29], engine);
    assert.deepEqual([...rows.sums!], [0, 0, 0, -6, 6, -3], engine);
    rows.stepRow(1, 2, 3, false);
    assert.deepEqual([...rows.sums!], [0, 0, 0, -6, 6, -3], `${engine}: no averaging, U unchanged`);
    const released = rows.release();
    assert.deepEqual([...released], [1, 2, 3, 6, 24, 28], engine);
  }
});

test('weights too large for WebAssembly memory (4 GiB) train in JavaScript', () => {
  const data: SparseRows = { rows: 1, rowPtr: Uint32Array.from([0, 1]), idx: Int32Array.from([0]), val: Float32Array.from([1]) };
  // 2²⁴ buckets × 65 classes of f32 is past 4 GiB. The JavaScript array is allocated but only
  // its first page is ever touched.
  const large = createSgdRows(data, 1 << 24, 65, false);
  assert.equal(large.engine, 'javascript');
  assert.equal(large.weights.length, (1 << 24) * 65);
  assert.equal(createSgdRows(data, 1 << 10, 65, false).engine, 'wasm');
});
