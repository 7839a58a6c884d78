import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractBuckets, maxFeatures } from '../../../src/model/features.js';
import { createNormalizedText, normalizeInto } from '../../../src/model/normalize.js';
import { capRows, quantizeRows, weightAt, type ModelParts, type SparseRows } from '../../../src/model/parts.js';
import { LinearModel } from '../../../src/model/predictor.js';
import { Prng } from '../../../src/model/prng.js';
import { sublinearTf } from '../../../src/model/tfidf.js';
import { train } from '../../../src/model/train.js';
import type { Manifest } from '../../../src/model/types.js';
import { TINY, TOY_LABELS, toyCorpus, toySentence, toyWord } from './fixtures.js';

const manifest = (labels: readonly string[]): Manifest => ({
  formatVersion: 2, modelVersion: 'test', createdAt: '', labels, params: {}, corpus: { fingerprint: '', counts: {} }, metrics: {}, codeVersion: '',
});

/** Rows as [class, q] pairs, for readable comparisons. */
function rowsOf(p: SparseRows): Array<Array<[number, number]>> {
  const out: Array<Array<[number, number]>> = [];
  for (let r = 0; r + 1 < p.rowPtr.length; r++) {
    const row: Array<[number, number]> = [];
    for (let j = p.rowPtr[r]!; j < p.rowPtr[r + 1]!; j++) row.push([p.cls[j]!, p.val[j]!]);
    out.push(row);
  }
  return out;
}

function sparse(rows: Array<Array<[number, number]>>): SparseRows {
  const rowPtr = new Uint32Array(rows.length + 1);
  const flat = rows.flat();
  rows.forEach((r, i) => (rowPtr[i + 1] = rowPtr[i]! + r.length));
  return {
    rowPtr, cls: Uint16Array.from(flat, ([c]) => c), val: Int8Array.from(flat, ([, q]) => q),
    scale: Float32Array.from(rows, (_, i) => i + 0.5),
  };
}

test('capRows keeps exactly the K entries of largest |q| per row, in class order', () => {
  const p = sparse([
    [[0, 20], [1, -90], [2, 15], [3, 127], [4, -40]], // 5 entries
    [[1, 50], [5, -50]], // 2 entries: fewer than K, unchanged
    [], // empty row
    [[0, 30], [2, -30], [3, 30], [6, 12]], // ties on |q|: the lower class wins
  ]);
  const c = capRows(p, 3);
  assert.deepEqual(rowsOf(c), [
    [[1, -90], [3, 127], [4, -40]],
    [[1, 50], [5, -50]],
    [],
    [[0, 30], [2, -30], [3, 30]],
  ]);
  assert.deepEqual(c.scale, p.scale, 'scales are kept');
  assert.deepEqual(rowsOf(capRows(p, 1)), [[[3, 127]], [[1, 50]], [], [[0, 30]]]);
  assert.deepEqual(rowsOf(capRows(p, 5)), rowsOf(p), 'K ≥ the longest row changes nothing');
  assert.equal(capRows(p, 0), p, 'K = 0 is no cap');
  // The input is not modified.
  assert.deepEqual(rowsOf(p)[0], [[0, 20], [1, -90], [2, 15], [3, 127], [4, -40]]);
});

test('quantizeRows with a cap equals capping its uncapped rows after the fact', () => {
  const rng = new Prng(4);
  const rows = 50;
  const cols = 9;
  const w = Float32Array.from({ length: rows * cols }, () => (rng.next() - 0.5) * 2);
  const full = quantizeRows(w, rows, cols, 12);
  for (const k of [1, 2, 4, 8, 9]) {
    const capped = quantizeRows(w, rows, cols, 12, k);
    assert.deepEqual(capped, capRows(full, k), `K=${k}`);
    for (let r = 0; r < rows; r++) assert.ok(capped.rowPtr[r + 1]! - capped.rowPtr[r]! <= k);
  }
});

test('a model trained with maxClassesPerFeature has the rows of the uncapped one capped post hoc, and predicts like it', () => {
  const corpus = toyCorpus(40);
  const full = train(corpus, TINY).parts;
  const trained = train(corpus, { ...TINY, maxClassesPerFeature: 2 }).parts;
  assert.ok(full.val.length > trained.val.length, 'the toy model has rows longer than 2');
  const posthoc = capRows(full, 2);
  assert.deepEqual(rowsOf(trained), rowsOf(posthoc));
  assert.deepEqual(trained.scale, posthoc.scale);
  // The temperature is refitted on the capped weights at training; with the same one, a model
  // capped after the fact answers exactly as the one trained capped.
  const a = new LinearModel(trained, manifest(trained.labels));
  const b = new LinearModel({ ...posthoc, temperature: trained.temperature }, manifest(full.labels));
  const rng = new Prng(8);
  const texts = TOY_LABELS.flatMap((l) => [toySentence(l, rng), toyWord(l, rng), `${toyWord(l, rng)} ${toyWord(l, rng)}`]);
  assert.deepEqual(b.predictBatch(texts, { top: 3 }), a.predictBatch(texts, { top: 3 }));
  assert.ok(texts.filter((t, i) => a.predict(t).language === TOY_LABELS[Math.floor(i / 3)]).length >= texts.length - 2);
});

/** z = W·x/‖x‖ + b from the artifact's own rows, every class, first-seen feature order. */
function referenceLogits(parts: ModelParts, text: string): Float64Array {
  const t = normalizeInto(text, createNormalizedText());
  const out = new Int32Array(maxFeatures(t.length, parts.features));
  const n = extractBuckets(t, parts.features, out);
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) counts.set(out[i]!, (counts.get(out[i]!) ?? 0) + 1);
  const C = parts.labels.length;
  const z = new Float64Array(C);
  let sq = 0;
  for (const [b, k] of counts) {
    const v = sublinearTf(k) * parts.idf[b]!;
    sq += v * v;
    const s = v * parts.scale[b]!;
    if (s === 0) continue;
    for (let c = 0; c < C; c++) {
      const w = weightAt(parts, b, c);
      if (w !== 0) z[c]! += (w / parts.scale[b]!) * s;
    }
  }
  const inv = 1 / Math.sqrt(sq);
  for (let c = 0; c < C; c++) z[c] = z[c]! * inv + parts.bias[c]!;
  return z;
}

/**
 * The kernel keeps idf and scale to 2⁻¹¹ of themselves (packPositive) and sums each class in
 * f32, where the reference uses the artifact's f32 values and sums in f64: the two agree to
 * ~1e-3 of the logit. A misplaced or missing weight moves a logit by ~0.1.
 */
function assertCloseLogits(actual: number, expected: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= 2e-3 * (1 + Math.abs(expected)), `${what}: ${actual} vs ${expected}`);
}

const SCORING_CASES = [
  { name: 'power-of-two buckets, 1–4-grams', classes: 12, features: { buckets: 512, minN: 1, maxN: 4, maxWordLength: 24 } },
  // A remainder instead of a mask, no unigrams, and words longer than maxWordLength.
  { name: 'other bucket count, 2–3-grams, short words', classes: 12, features: { buckets: 500, minN: 2, maxN: 3, maxWordLength: 5 } },
  // Wider than 16 columns (the kernel's 32-column pass) and than 32 (both passes).
  { name: '25 Latin classes', classes: 29, features: { buckets: 512, minN: 1, maxN: 4, maxWordLength: 24 } },
  { name: '41 Latin classes', classes: 45, features: { buckets: 256, minN: 1, maxN: 3, maxWordLength: 24 } },
];

for (const { name, classes: C, features } of SCORING_CASES) {
  test(`dense column scoring of the text's script view gives the logits of the full rows (${name})`, () => {
    // A synthetic model with long rows: the last four classes Cyrillic, except the very last
    // one, which is both (like Serbian); the others Latin.
    const B = features.buckets;
    const rng = new Prng(21);
    const w = Float32Array.from({ length: B * C }, () => rng.gaussian());
    const labels = Array.from({ length: C }, (_, c) => `l${c}`);
    const LATIN = 1 << 1;
    const CYRILLIC = 1 << 2;
    const parts: ModelParts = {
      features, labels,
      idf: Float32Array.from({ length: B }, () => 1 + rng.next() * 3), ...quantizeRows(w, B, C, 12),
      bias: Float32Array.from({ length: C }, () => rng.gaussian()), temperature: 1, threshold: 0.1,
      labelScripts: Uint32Array.from(labels, (_, c) => (c < C - 4 ? LATIN : c < C - 1 ? CYRILLIC : LATIN | CYRILLIC)),
    };
    const model = new LinearModel(parts, manifest(labels));
    const texts = [
      'kati morune', 'bel dor fen gus hal xi zo', 'каторумо тибел', 'фен', 'qq', 'привет, мир! hello',
      'supercalifragilistic words', `${'a'.repeat(100)} b`, // a count past the tf table (≥ 64)
    ];
    for (const t of texts) {
      const z = model.logits(t);
      assert.ok(z !== null, t);
      const ref = referenceLogits(parts, t);
      const mask = (t.match(/[а-я]/g) ?? []).length > (t.match(/[a-z]/g) ?? []).length ? CYRILLIC : LATIN;
      for (let c = 0; c < C; c++) {
        if ((parts.labelScripts[c]! & mask) === 0) assert.equal(z[c], -Infinity, `${t}: class ${c} is masked`);
        else assertCloseLogits(z[c]!, ref[c]!, `${t}: class ${c}`);
      }
      // predictBatch and explain read the same rows.
      assert.deepEqual(model.predictBatch([t, 'x'])[0], model.predict(t));
      const top = model.predict(t).top[0]!.language;
      const f = model.explain(t, 1).features[0];
      assert.ok(f !== undefined && Number.isFinite(f.weight), `${t}: explain for ${top}`);
    }
    // A text that NFC lengthens threefold outgrows the kernel's text buffer: it is still
    // answered, and the texts after it are answered as by a fresh model.
    assert.equal(model.predict(`kati ${'\uFB2C'.repeat(20_000)}`).language, 'und');
    assert.equal(model.predict('a'.repeat(30_000)).top.length > 0, true);
    const fresh = new LinearModel(parts, manifest(labels));
    for (const t of texts) assert.deepEqual(model.predict(t), fresh.predict(t), t);
  });
}

test('a text whose script only one class writes gets that class with confidence 1, as scoring it would give', () => {
  // Classes 0–2 Latin, class 3 the only Hebrew one. With an idf of 0 somewhere the model cannot
  // rule out an empty score and keeps the scored path: both models must answer alike.
  const C = 4;
  const B = 256;
  const rng = new Prng(5);
  const w = Float32Array.from({ length: B * C }, () => rng.gaussian());
  const labels = ['aa', 'bb', 'cc', 'he'];
  const base = {
    features: { buckets: B, minN: 1, maxN: 4, maxWordLength: 24 }, labels, ...quantizeRows(w, B, C, 12),
    bias: Float32Array.from({ length: C }, () => rng.gaussian()), temperature: 1, threshold: 0.1,
    labelScripts: Uint32Array.from(labels, (_, c) => (c < 3 ? 1 << 1 : 1 << 4)),
  };
  const idf = Float32Array.from({ length: B }, () => 1 + rng.next());
  const fast = new LinearModel({ ...base, idf }, manifest(labels));
  const withZero = Float32Array.from(idf);
  withZero[B - 1] = 0;
  const scored = new LinearModel({ ...base, idf: withZero }, manifest(labels));
  for (const text of ['שלום עולם', 'כל בני האדם נולדו בני חורין, and a little Latin']) {
    const want = { language: 'he', confidence: 1, top: [{ language: 'he', confidence: 1 }] };
    assert.deepEqual(fast.predict(text, { top: 3 }), want, text);
    assert.deepEqual(scored.predict(text, { top: 3 }), want, text);
    assert.deepEqual(fast.predictBatch([text, 'abc'])[0], want);
  }
  // Latin text still goes through scoring and can be any of the Latin classes.
  assert.ok(['aa', 'bb', 'cc'].includes(fast.predict('hello there').top[0]!.language));
});
