import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildSets, roundRobin, SET_NAMES } from '../../../bench/lib/dataset.js';
import type { LabelledText } from '../../../bench/lib/dataset.js';
import { pairSamples, sentenceSamples, splitSentences, wordSamples } from '../../../bench/lib/segment.js';

const EN = [
  'The quick brown fox jumps over the lazy dog near the river bank today. It was a sunny morning in the old town.',
  'Everyone has the right to education, which shall be free in the elementary stages. Technical education shall be available.',
  'A small village stood at the foot of the mountain, and its people were farmers. They grew wheat and barley every year.',
  'Children played in the square while their parents talked about the weather. Nobody expected the storm that followed.',
];
const FR = [
  "Tous les êtres humains naissent libres et égaux en dignité et en droits. Ils sont doués de raison et de conscience.",
  "L'homme marchait lentement le long de la rivière, en pensant à son enfance. Le soleil se couchait derrière les collines.",
  "Chacun a droit à l'éducation, qui doit être gratuite au moins en ce qui concerne l'enseignement élémentaire et fondamental.",
];
const JA = ['すべての人間は、生まれながらにして自由であり、かつ、尊厳と権利とについて平等である。人間は、理性と良心とを授けられており、互いに同胞の精神をもって行動しなければならない。'];

function records(): LabelledText[] {
  return [
    ...EN.map((text) => ({ text, label: 'en' })),
    ...FR.map((text) => ({ text, label: 'fr' })),
    ...JA.map((text) => ({ text, label: 'ja' })),
    { text: 'Ceci ne compte pas, la langue est hors de la liste.', label: 'xx' },
  ];
}

describe('segmentation', () => {
  test('sentences are split at sentence ends and grouped into 60–160 characters', () => {
    assert.deepEqual(splitSentences('One. Two? Three!', 'en'), ['One.', 'Two?', 'Three!']);
    const { whole } = sentenceSamples(EN.join(' '), 'en');
    assert.ok(whole.length >= 4);
    for (const s of whole) {
      assert.ok(s.length >= 60 && s.length <= 160, `${s.length}: ${s}`);
      assert.match(s, /[.!?]$/, 'ends at a sentence boundary');
    }
  });

  test('a sentence longer than the maximum is cut at a space and only offered as a fallback', () => {
    const long = `${'word '.repeat(60).trim()}.`;
    const { whole, long: cut } = sentenceSamples(long, 'en');
    assert.deepEqual(whole, []);
    assert.equal(cut.length, 1);
    assert.ok((cut[0] ?? '').length <= 160 && !(cut[0] ?? '').endsWith(' '));
  });

  test('single words: letters only, at least 3 (2 in Japanese); no digits', () => {
    assert.deepEqual(wordSamples("Il a 42 ans, l'homme d'État — oui.", 'fr'), ['ans', "l'homme", "d'État", 'oui']);
    assert.deepEqual(wordSamples('Öffne GIMP und XBM-Dateien mit Qt', 'de'), ['Öffne', 'und', 'Dateien', 'mit']);
    const ja = wordSamples(JA[0] ?? '', 'ja');
    assert.ok(ja.length > 5);
    for (const w of ja) assert.ok([...w].length >= 2);
  });

  test('two-word inputs are adjacent words with only a space between them', () => {
    assert.deepEqual(pairSamples('Hello, big world. New day', 'en'), ['big world', 'New day']);
    assert.deepEqual(pairSamples('I am here', 'en'), ['am here']);
    assert.deepEqual(pairSamples('Start GNOME Shell now', 'en'), ['Shell now']);
  });
});

describe('roundRobin', () => {
  test('takes one item per list per round; a list whose next item was taken offers its following one', () => {
    assert.deepEqual(roundRobin([['a', 'b', 'c'], ['a', 'd'], ['e']], 10), ['a', 'd', 'e', 'b', 'c']);
    assert.deepEqual(roundRobin([['a', 'b'], ['c', 'd']], 3), ['a', 'c', 'b']);
    assert.deepEqual(roundRobin([], 3), []);
  });
});

describe('buildSets', () => {
  const languages = ['en', 'fr', 'ja', 'de'];

  test('is deterministic for a seed and changes with the seed', () => {
    const a = buildSets(records(), { languages, perLanguage: 5, seed: 7 });
    const b = buildSets(records(), { languages, perLanguage: 5, seed: 7 });
    assert.deepEqual(a, b);
    const c = buildSets(records(), { languages, perLanguage: 5, seed: 8 });
    assert.notDeepEqual(a.sets.words, c.sets.words);
  });

  test('balances languages, reports missing ones and ignores labels outside the list', () => {
    const built = buildSets(records(), { languages, perLanguage: 5, seed: 1 });
    assert.deepEqual(built.missing, ['de']);
    assert.deepEqual(built.records, { en: 4, fr: 3, ja: 1, de: 0 });
    for (const name of SET_NAMES) {
      const labels = new Set(built.sets[name].map((s) => s.label));
      assert.ok(!labels.has('xx') && !labels.has('de'));
      for (const lang of ['en', 'fr', 'ja']) {
        const mine = built.sets[name].filter((s) => s.label === lang).map((s) => s.text);
        assert.ok(mine.length <= 5, `${name} ${lang}`);
        assert.equal(new Set(mine).size, mine.length, `${name} ${lang}: no duplicates`);
        assert.equal(built.counts[name][lang], mine.length);
      }
    }
    assert.equal(built.counts.words['en'], 5);
    assert.equal(built.counts.pairs['fr'], 5);
  });

  test('an empty input gives empty sets with every language missing', () => {
    const built = buildSets([], { languages: ['en'], perLanguage: 5, seed: 1 });
    assert.deepEqual(built.missing, ['en']);
    for (const name of SET_NAMES) assert.equal(built.sets[name].length, 0);
  });
});
