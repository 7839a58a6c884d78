import assert from 'node:assert/strict';
import { test } from 'node:test';
import { augment, type AugmentOptions } from '../../../src/model/augment.js';
import { stripLatinDiacritics } from '../../../src/model/diacritics.js';

test('stripLatinDiacritics drops the marks of Latin letters and maps stroked letters', () => {
  assert.equal(stripLatinDiacritics('Chính phủ đã thông qua'), 'Chinh phu da thong qua');
  assert.equal(stripLatinDiacritics('Příliš žluťoučký kůň'), 'Prilis zlutoucky kun');
  assert.equal(stripLatinDiacritics('Łódź, ığdır, Straße, Ærø, cœur'), 'Lodz, igdir, Strasse, Aero, coeur');
  // Decomposed input (NFD) comes out composed like the rest.
  assert.equal(stripLatinDiacritics('e\u0301te\u0301'), 'ete');
});

test('stripLatinDiacritics leaves other scripts whole, marks included', () => {
  for (const text of ['Привет, йогурт', 'हिन्दी भाषा', 'עִבְרִית', 'العَرَبِيَّة', '日本語']) {
    assert.equal(stripLatinDiacritics(text), text.normalize('NFC'));
  }
});

const BASE: AugmentOptions = { textsPerLabel: 200, wordsPerLabel: 200, pairsPerLabel: 200, maxTextLength: 300, maxWeight: 5, seed: 3 };
const data = Array.from({ length: 200 }, (_, i) => ({ text: `příliš žluťoučký kůň číslo ${i} úpěl ďábelské ódy`, label: 'cs' }));

test('strippedShare adds diacritic-free copies of that share of samples, within their group weight', () => {
  const plain = augment(data, BASE);
  const withCopies = augment(data, { ...BASE, strippedShare: 0.25 });
  const copies = withCopies.texts.filter((t) => t === stripLatinDiacritics(t) && /[a-z]/.test(t) && !plain.texts.includes(t));
  const drawn = plain.texts.length;
  // About a quarter of the samples that have diacritics (most do) get a copy.
  assert.ok(copies.length > drawn * 0.15 && copies.length < drawn * 0.35, `${copies.length} copies of ${drawn} samples`);
  // The original draws are unchanged: the copies are chosen by hash, not by the random stream.
  assert.deepEqual(withCopies.texts.filter((t) => plain.texts.includes(t)), plain.texts);
  // Each group keeps its total weight: the sum of all weights is the same.
  const sum = (w: number[]): number => w.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum(withCopies.weights) - sum(plain.weights)) < 1e-6 * sum(plain.weights));
});
