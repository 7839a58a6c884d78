import assert from 'node:assert/strict';
import { test } from 'node:test';
import { learnPairMarkers, MarkerIndex, markerTable, markerWords, type MarkerItem, type PairMarkers } from '../../../src/model/markers.js';
import { createNormalizedText, normalizeInto } from '../../../src/model/normalize.js';
import { LinearModel } from '../../../src/model/predictor.js';
import { train } from '../../../src/model/train.js';
import { buildManifest } from '../../../src/model/manifest.js';
import { TINY, toyCorpus } from './fixtures.js';

const OPTIONS = { pairs: [['ms', 'id']] as [string, string][], minCount: 3, expected: 5, latinVariants: ['sr'] };

function repeat(text: string, n: number, label: string, source: string): MarkerItem[] {
  return Array.from({ length: n }, () => ({ text, label, source }));
}

test('a marker is a word the other label never has though the sources both share predict it', () => {
  const items: MarkerItem[] = [
    // UI strings, in both languages: `bahawa` only in Malay, `bahwa` only in Indonesian.
    ...repeat('fail ini bahawa dan yang', 10, 'ms', 'ui'),
    ...repeat('berkas ini bahwa dan yang', 10, 'id', 'ui'),
    // `jarang` is Malay-only too but too rare in its own text (2 < minCount 3).
    ...repeat('jarang', 2, 'ms', 'ui'),
    // Prose only Indonesian has: nothing in the shared sources predicts `terhadap` in Malay.
    ...repeat('terhadap kepercayaan mereka', 50, 'id', 'prose'),
  ];
  const [m] = learnPairMarkers(items, OPTIONS);
  assert.deepEqual(m?.pair, ['ms', 'id']);
  assert.deepEqual(m?.words[0], ['bahawa', 'fail']);
  assert.deepEqual(m?.words[1], ['bahwa', 'berkas']);
  // most frequent first
  const [n] = learnPairMarkers([...items, ...repeat('fail', 5, 'ms', 'ui')], OPTIONS);
  assert.deepEqual(n?.words[0], ['fail', 'bahawa']);
  assert.equal(m?.evidence, 5);
});

test('the prediction threshold scales with the other label’s share of the shared source', () => {
  // 40 Malay tokens carry `sebarang` 4 times; Indonesian has 30 tokens in the same source:
  // 4/40·30 = 3 predicted < 5, so `sebarang` is not a marker. With 60 Indonesian tokens, 6 ≥ 5.
  const malay = [...repeat('sebarang kata kata kata kata kata kata kata kata kata', 4, 'ms', 'ui')];
  const few = learnPairMarkers([...malay, ...repeat('kata kata kata', 10, 'id', 'ui')], OPTIONS)[0]!;
  assert.deepEqual(few.words[0], []);
  const many = learnPairMarkers([...malay, ...repeat('kata kata kata', 20, 'id', 'ui')], OPTIONS)[0]!;
  assert.deepEqual(many.words[0], ['sebarang']);
});

test('Serbian Cyrillic is compared with Croatian in Latin transliteration', () => {
  const items: MarkerItem[] = [
    ...repeat('vrijeme tko kruh', 10, 'hr', 'ui'),
    ...repeat('вријеме ко хлеб', 10, 'sr', 'ui'),
  ];
  const [m] = learnPairMarkers(items, { ...OPTIONS, pairs: [['hr', 'sr']] });
  assert.deepEqual(m?.words[0], ['kruh', 'tko']);
  assert.deepEqual(m?.words[1], ['hleb', 'ko']);
});

test('pairs with a label the items lack are skipped; words are the model’s normalised words', () => {
  assert.deepEqual(learnPairMarkers(repeat('kata', 5, 'ms', 'ui'), OPTIONS), []);
  assert.deepEqual(markerWords('Bahawa, SEBARANG 42 https://x.io a'), ['bahawa', 'sebarang']);
});

test('MarkerIndex: log-odds = evidence × (markers of x − markers of y), each occurrence counted', () => {
  const markers: PairMarkers[] = [{ pair: ['ms', 'id'], words: [['bahawa', 'kerana'], ['bahwa']], evidence: 5 }];
  const labels = ['id', 'en', 'ms'];
  const index = new MarkerIndex(markers.map(markerTable), labels);
  assert.equal(index.size, 3);
  const norm = createNormalizedText();
  const t = normalizeInto('Bahawa dia datang, kerana hujan; bahawa! Bahwa?', norm);
  // ms = class 2, id = class 0: 3 Malay markers, 1 Indonesian.
  assert.equal(index.logOdds(t, 2, 0, labels.length), 10);
  assert.equal(index.logOdds(t, 0, 2, labels.length), -10);
  assert.equal(index.logOdds(t, 2, 1, labels.length), 0);
  assert.equal(index.logOdds(normalizeInto('bahawasanya kerajaan', norm), 2, 0, labels.length), 0);
  assert.deepEqual(index.found(normalizeInto('Bahawa dia datang, kerana hujan; bahawa! Bahwa?', norm), 0, 2, labels.length), [
    { word: 'bahawa', forX: false }, { word: 'kerana', forX: false }, { word: 'bahawa', forX: false }, { word: 'bahwa', forX: true },
  ]);
});

test('markerTable: per side, keys sorted with their checks; many words, each found, none other', () => {
  // letters only (digits are word separators to the model)
  const letters = (i: number): string => (i < 26 ? '' : letters(Math.floor(i / 26) - 1)) + String.fromCharCode(97 + (i % 26));
  const words = Array.from({ length: 3000 }, (_, i) => `kata${letters(i)}`);
  const table = markerTable({ pair: ['ms', 'id'], words: [words.slice(0, 2000), words.slice(2000)], evidence: 5 });
  assert.equal(table.sides[0].keys.length, 2000);
  assert.ok(table.sides[0].keys.every((k, i, a) => i === 0 || a[i - 1]! <= k));
  const index = new MarkerIndex([table], ['id', 'ms']);
  const norm = createNormalizedText();
  // every word of a side counts once for it; words that are no marker count for nothing
  assert.equal(index.logOdds(normalizeInto(words.slice(0, 2000).join(' '), norm), 1, 0, 2), 2000 * 5);
  assert.equal(index.logOdds(normalizeInto(words.slice(2000).join(' '), norm), 1, 0, 2), -1000 * 5);
  assert.equal(index.logOdds(normalizeInto(Array.from({ length: 3000 }, (_, i) => `lain${letters(i)}`).join(' '), norm), 1, 0, 2), 0);
});

test('the predictor: marker words move the odds within the pair; the pair keeps its mass, other classes theirs', () => {
  const { parts } = train(toyCorpus(40), TINY);
  const manifest = buildManifest({ parts, params: {}, corpus: { fingerprint: 'f', counts: {} }, metrics: {}, codeVersion: '0', createdAt: new Date(0) });
  const plain = new LinearModel(parts, manifest);
  // A text of aa's syllables with one word of bb's mixed in: aa first, bb second.
  const text = 'katimo belfen';
  const before = plain.predict(text, { top: 3 });
  assert.equal(before.top.length, 3);
  const [first, second, third] = before.top;
  assert.equal(first!.language, 'aa');
  const marked = new LinearModel({ ...parts, markers: [markerTable({ pair: [first!.language, second!.language], words: [[], ['belfen']], evidence: 50 })] }, manifest);
  const after = marked.predict(text, { top: 3 });
  assert.equal(after.language, second!.language);
  const p = (pred: typeof before, l: string): number => pred.top.find((c) => c.language === l)!.confidence;
  assert.ok(Math.abs(p(after, first!.language) + p(after, second!.language) - (first!.confidence + second!.confidence)) < 1e-9);
  assert.ok(Math.abs(p(after, third!.language) - third!.confidence) < 1e-12);
  assert.deepEqual(marked.explain(text).markers, [{ word: 'belfen', language: second!.language }]);
  assert.deepEqual(plain.explain(text).markers, []);
  // No marker word in the text: the same answer as without markers.
  assert.deepEqual(marked.predict('katimo ruti neka', { top: 3 }), plain.predict('katimo ruti neka', { top: 3 }));
});
