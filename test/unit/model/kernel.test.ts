import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { extractBuckets, maxFeatures, type FeatureConfig } from '../../../src/model/features.js';
import { hashString } from '../../../src/model/hashing.js';
import { KERNEL_UNITS, Kernel, packPositive, unpackPositive } from '../../../src/model/kernel.js';
import { KERNEL_WASM } from '../../../src/model/kernel-wasm.js';
import { createNormalizedText, normalizeInto } from '../../../src/model/normalize.js';
import { sublinearTf } from '../../../src/model/tfidf.js';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { compileKernel } from '../../../scripts/build-kernel.mjs';

const kernelSource = new URL('../../../src/model/kernel.wat', import.meta.url);

test('kernel-wasm.ts holds kernel.wat compiled (run `npm run build:kernel` after editing the .wat)', async () => {
  const bytes = (await compileKernel(readFileSync(kernelSource, 'utf8'))) as Buffer;
  assert.equal(KERNEL_WASM, bytes.toString('base64'));
});

/** A kernel with one table of `width` columns whose every idf and scale is 1 and weights 0. */
function unitKernel(cfg: FeatureConfig, width = 4): { kernel: Kernel; stride: number; width: number } {
  const stride = width + 4;
  const kernel = new Kernel(cfg, [{ size: cfg.buckets * stride, width }]);
  const { halves } = kernel.tables[0]!;
  for (let b = 0; b < cfg.buckets; b++) halves.fill(packPositive(1), (b * stride + width) >> 1, ((b * stride + width) >> 1) + 2);
  return { kernel, stride, width };
}

function countOf(cfg: FeatureConfig, text: string): Map<number, number> {
  const t = normalizeInto(text, createNormalizedText());
  const out = new Int32Array(maxFeatures(t.length, cfg));
  const n = extractBuckets(t, cfg, out);
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) counts.set(out[i]!, (counts.get(out[i]!) ?? 0) + 1);
  return counts;
}

test('the kernel counts the features extractBuckets finds, and forgets them after weighing', () => {
  for (const cfg of [
    { buckets: 1 << 12, minN: 1, maxN: 5, maxWordLength: 24 },
    { buckets: 999, minN: 2, maxN: 4, maxWordLength: 3 },
  ]) {
    const { kernel, stride, width } = unitKernel(cfg);
    for (const text of ['the quick brown fox', 'Ёлка и ёж', `${'z'.repeat(70)} zz`, 'a']) {
      const want = countOf(cfg, text);
      for (let round = 0; round < 2; round++) {
        const t = normalizeInto(text, createNormalizedText());
        kernel.units.set(t.units.subarray(0, t.length));
        const distinct = kernel.count(t.length);
        assert.equal(distinct, want.size, `${text}: distinct buckets`);
        // With idf 1 and scale 1 every feature is kept, and the sum of squares is Σ tf².
        assert.equal(kernel.weigh(distinct, kernel.tables[0]!, stride, width), want.size);
        const sq = [...want.values()].reduce((s, k) => s + sublinearTf(k) ** 2, 0);
        assert.ok(Math.abs(kernel.sumOfSquaresOfWeighed() - sq) <= 1e-9 * sq, `${text}: Σ tf² (round ${round})`);
      }
    }
  }
});

test('reset forgets counted features without weighing them', () => {
  const cfg = { buckets: 256, minN: 1, maxN: 3, maxWordLength: 24 };
  const { kernel, stride, width } = unitKernel(cfg);
  const t = normalizeInto('abc abc', createNormalizedText());
  kernel.units.set(t.units.subarray(0, t.length));
  kernel.reset(kernel.count(t.length));
  const distinct = kernel.count(t.length);
  kernel.weigh(distinct, kernel.tables[0]!, stride, width);
  const sq = [...countOf(cfg, 'abc abc').values()].reduce((s, k) => s + sublinearTf(k) ** 2, 0);
  assert.ok(Math.abs(kernel.sumOfSquaresOfWeighed() - sq) <= 1e-9 * sq, 'counts start from 0 again');
});

test('a text longer than the kernel holds is read up to KERNEL_UNITS, without error', () => {
  const cfg = { buckets: 1024, minN: 1, maxN: 2, maxWordLength: 24 };
  const { kernel } = unitKernel(cfg);
  kernel.units.fill(0x61); // 'a' everywhere
  const distinct = kernel.count(KERNEL_UNITS + 1000);
  // A run of 'a' with no space has two features: the unigram and the bigram.
  const both = new Set(['a', 'aa'].map((g) => hashString(g) % cfg.buckets));
  assert.equal(distinct, both.size);
  kernel.reset(distinct);
});

test('packPositive keeps a positive number to 2⁻¹¹ of itself, 0 as 0, and clamps the rest', () => {
  for (const x of [1, 1.5, 2.718281828, 14.9, 0.000123, 3e-9, 1e-12, 7e5]) {
    const back = unpackPositive(packPositive(x));
    assert.ok(Math.abs(back - x) <= x * 2 ** -11, `${x} → ${back}`);
  }
  assert.equal(packPositive(1), packPositive(Math.fround(1)), 'exact for a power of two');
  assert.equal(unpackPositive(packPositive(1)), 1);
  assert.equal(unpackPositive(packPositive(0)), 0);
  assert.equal(packPositive(-3), 0, 'not positive → 0');
  assert.equal(packPositive(Number.NaN), 0);
  assert.ok(unpackPositive(packPositive(1e30)) > 1e6 && unpackPositive(packPositive(1e30)) < 2.1e6, 'clamped to the top of the range');
  assert.ok(unpackPositive(packPositive(1e-30)) > 0, 'a tiny positive stays positive');
});
