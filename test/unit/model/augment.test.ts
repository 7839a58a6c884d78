import assert from 'node:assert/strict';
import { test } from 'node:test';
import { augment, type AugmentOptions } from '../../../src/model/augment.js';

const BASE: AugmentOptions = {
  textsPerLabel: 5,
  wordsPerLabel: 20,
  pairsPerLabel: 20,
  maxTextLength: 300,
  maxWeight: 5,
  seed: 7,
};

// Short UI-like strings: no text reaches sentence length on its own.
const strings = (prefix: string, n: number): Array<{ text: string; label: string }> =>
  Array.from({ length: n }, (_, i) => ({ text: `${prefix}${i} open file`, label: prefix }));

test('without passages, a label of short strings has no sentence-length sample', () => {
  const s = augment(strings('aa', 40), BASE);
  assert.ok(s.texts.length > 0);
  assert.ok(s.texts.every((t) => t.length < 30), 'every sample is a short string, a word or a pair');
});

test('passages join running text across the ends of texts into 60–200 character samples', () => {
  const data = [...strings('aa', 40), ...strings('bb', 40)];
  const s = augment(data, { ...BASE, passagesPerLabel: 30 });
  const long = s.texts.map((t, i) => ({ t, label: s.labels[i]!, w: s.weights[i]! })).filter((x) => x.t.length >= 60);
  assert.equal(long.length, 60, '30 passages for each of the two labels');
  for (const p of long) {
    assert.ok(p.t.length < 200 + 'bb39 open file'.length, `passage of ${p.t.length} characters`);
    // Every word of a passage comes from its own label's texts.
    assert.ok(p.t.split(' ').every((w) => w === 'open' || w === 'file' || w.startsWith(p.label)), p.t);
    assert.ok(p.t.split(' ').filter((w) => w.startsWith(p.label)).length >= 3, 'spans several texts');
    // Passages form their own group of the label, with the same total weight as the others.
    assert.equal(p.w, 1);
  }
});

test('passages are deterministic for a seed and differ across seeds', () => {
  const data = strings('aa', 40);
  const a = augment(data, { ...BASE, passagesPerLabel: 10 });
  const b = augment(data, { ...BASE, passagesPerLabel: 10 });
  const c = augment(data, { ...BASE, passagesPerLabel: 10, seed: 8 });
  assert.deepEqual(a.texts, b.texts);
  assert.notDeepEqual(a.texts, c.texts);
});

test('a label with a single one-word text still yields passages, without looping forever', () => {
  const s = augment([{ text: 'solo', label: 'xx' }], { ...BASE, passagesPerLabel: 3 });
  assert.equal(s.texts.filter((t) => t === 'solo').length >= 3, true);
});
