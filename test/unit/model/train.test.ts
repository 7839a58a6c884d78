import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeWeights } from '../../../src/model/artifact.js';
import { LinearModel } from '../../../src/model/predictor.js';
import { Prng } from '../../../src/model/prng.js';
import { train } from '../../../src/model/train.js';
import type { Manifest } from '../../../src/model/types.js';
import { TINY, TOY_LABELS, toyCorpus, toySentence, toyWord } from './fixtures.js';

const manifest = (labels: readonly string[]): Manifest => ({
  formatVersion: 1, modelVersion: 'test', createdAt: '', labels, params: {}, corpus: { fingerprint: '', counts: {} }, metrics: {}, codeVersion: '',
});

const trained = train(toyCorpus(), TINY);
const model = new LinearModel(trained.parts, manifest(trained.parts.labels));

test('learns the toy languages: unseen sentences and single words', () => {
  const rng = new Prng(99);
  for (const label of TOY_LABELS) {
    for (let i = 0; i < 10; i++) {
      assert.equal(model.predict(toySentence(label, rng)).language, label);
      assert.equal(model.predict(toyWord(label, rng)).language, label);
    }
  }
});

test('probabilities are finite, sorted and sum to at most 1; top-k honoured', () => {
  const p = model.predict(toySentence('bb', new Prng(1)), { top: 3 });
  assert.equal(p.top.length, 3);
  const sum = p.top.reduce((s, c) => s + c.confidence, 0);
  assert.ok(sum <= 1 + 1e-9 && sum > 0.99);
  assert.ok(p.top[0]!.confidence >= p.top[1]!.confidence && p.top[1]!.confidence >= p.top[2]!.confidence);
  assert.equal(p.confidence, p.top[0]!.confidence);
  assert.equal(model.predict('kati', { top: 1 }).top.length, 1);
});

test('no letters → und with confidence 0 and no candidates', () => {
  for (const s of ['', '   ', '12345', '🙂🙂', '?!', '\u0000']) {
    assert.deepEqual(model.predict(s), { language: 'und', confidence: 0, top: [] }, JSON.stringify(s));
  }
});

test('unseen n-grams and a script no class uses do not produce NaN', () => {
  // Latin letters never seen in training: still a finite answer among the classes.
  const p = model.predict('jjj yyy ppp');
  assert.ok(Number.isFinite(p.confidence));
  assert.ok(p.top.every((c) => Number.isFinite(c.confidence)));
  // Cyrillic: no toy class is written in it.
  assert.equal(model.predict('привет').language, 'und');
  // Not a string at run time (JavaScript callers): und, no throw.
  assert.equal(model.predict(undefined as unknown as string).language, 'und');
});

test('predictBatch gives exactly the answers of predict, in order', () => {
  const rng = new Prng(5);
  const texts = ['', 'Bel DOR fen!', ...TOY_LABELS.map((l) => toySentence(l, rng)), '12', 'xi zo', 'with\nnewline kati'];
  assert.deepEqual(model.predictBatch(texts), texts.map((t) => model.predict(t)));
  assert.deepEqual(model.predictBatch(texts.slice(0, -1)), texts.slice(0, -1).map((t) => model.predict(t)));
  assert.deepEqual(model.predictBatch([]), []);
});

test('low confidence answers und (threshold)', () => {
  const strict = new LinearModel({ ...trained.parts, threshold: 0.999999 }, manifest(trained.parts.labels));
  const p = strict.predict('kati beldor xizo');
  assert.equal(p.language, 'und');
  assert.ok(p.top.length > 0 && p.confidence < 0.999999);
});

test('explain lists the n-grams that pushed towards the answer, largest first', () => {
  const e = model.explain('belgus dorfen', 5);
  assert.equal(e.prediction.language, 'bb');
  assert.ok(e.features.length > 0 && e.features.length <= 5);
  for (let i = 1; i < e.features.length; i++) assert.ok(e.features[i - 1]!.weight >= e.features[i]!.weight);
  assert.ok(e.features[0]!.weight > 0);
  assert.ok(e.features.every((f) => /^(\[.*\]|[ a-z]+)$/.test(f.ngram)));
  assert.deepEqual(model.explain('').features, []);
});

test('deterministic: same data and options ⇒ identical weights; another seed differs', () => {
  const again = train(toyCorpus(), TINY);
  assert.deepEqual(encodeWeights(again.parts), encodeWeights(trained.parts));
  const other = train(toyCorpus(), { ...TINY, seed: TINY.seed + 1 });
  assert.notDeepEqual(encodeWeights(other.parts), encodeWeights(trained.parts));
});

test('bad options and a single label are refused', () => {
  assert.throws(() => train(toyCorpus(), { ...TINY, maxN: 0 }), RangeError);
  assert.throws(() => train(toyCorpus().filter((r) => r.label === 'aa'), TINY), /at least 2 labels/);
});

test('SVD training still learns the toy languages and reports explained variance', () => {
  const r = train(toyCorpus(), { ...TINY, svd: 8, epochs: 10 });
  assert.ok(r.svd && r.svd.components === 8);
  assert.ok(r.svd.totalExplainedVarianceRatio > 0 && r.svd.totalExplainedVarianceRatio <= 1);
  const m = new LinearModel(r.parts, manifest(r.parts.labels));
  const rng = new Prng(3);
  let right = 0;
  for (const l of TOY_LABELS) for (let i = 0; i < 10; i++) if (m.predict(toySentence(l, rng)).language === l) right++;
  assert.ok(right >= 27, `${right}/30`);
});

test('by default the model is the average of the last epoch’s weights (averaged SGD), not the last step’s', () => {
  const corpus = toyCorpus();
  const bytes = (options: Partial<Parameters<typeof train>[1]>): Uint8Array => encodeWeights(train(corpus, { ...TINY, ...options }).parts);
  const byDefault = bytes({});
  assert.deepEqual(byDefault, bytes({ averageEpochs: 1 }));
  assert.notDeepEqual(byDefault, bytes({ averageEpochs: 0 }));
});
