// The UI's pure parts, without a browser: n-gram highlighting, tolerant parsing of API answers,
// Retry-After, and the language picker's search.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { highlight, normalise } from '../../../web/src/highlight.js';
import { parseExplanation, parseMarkers, parsePrediction, parseStats } from '../../../web/src/types.js';
import { retryAfterSeconds } from '../../../web/src/api.js';
import { matches } from '../../../web/src/picker.js';
import { percent } from '../../../web/src/dom.js';
import { getLanguage } from '../../../src/languages/index.js';

const marked = (text: string, grams: string[]): string =>
  highlight(text, grams).map((s) => (s.rank === undefined ? s.text : `[${s.text}]`)).join('');

test('normalise folds case and non-letters, and maps back to the original', () => {
  const n = normalise('Hej, DU!');
  assert.equal(n.chars, ' hej du ');
  assert.deepEqual(n.spans[1], [0, 1]);
  assert.equal(n.spans[4], null);
  assert.deepEqual(n.spans[5], [5, 6]);
});

test('highlight marks the letters of matching n-grams, never the word-edge spaces', () => {
  assert.equal(marked('Hej, du!', ['j d']), 'He[j], [d]u!');
  assert.equal(marked('Hej, du!', [' he']), '[He]j, du!');
  assert.equal(marked('ABBA abba', ['bb']), 'A[BB]A a[bb]a');
  assert.equal(marked('nothing here', ['zz']), 'nothing here');
  assert.deepEqual(highlight('', ['a']), []);
});

test('highlight reads the model\'s whole-word features "[word]" as the word alone', () => {
  assert.equal(marked('Och dum, du och.', ['[du]', '[och]']), '[Och] dum, [du] [och].');
});

test('highlight gives overlapping letters to the weightiest n-gram and keeps the text intact', () => {
  const segs = highlight('sjön', ['ön', 'sjö']);
  assert.equal(segs.map((s) => s.text).join(''), 'sjön');
  assert.deepEqual(segs, [{ text: 'sj', rank: 1 }, { text: 'ön', rank: 0 }]);
});

test('highlight works for right-to-left and astral-plane text', () => {
  assert.equal(marked('مرحبا بك', ['بك']), 'مرحبا [بك]');
  assert.equal(marked('a 𝒜b', ['b']), 'a 𝒜[b]');
});

test('parsePrediction accepts the documented shape and refuses a done one without result', () => {
  const p = parsePrediction({ id: 'x1', status: 'done', modelVersion: 'v1', result: { language: 'sv', name: 'Swedish', nativeName: 'Svenska', confidence: 0.9, top: [{ language: 'sv', confidence: 0.9 }, { language: 'nb', confidence: 0.05 }, 'junk'] } });
  assert.equal(p.result?.language, 'sv');
  assert.equal(p.result?.top.length, 2);
  assert.equal(parsePrediction({ id: 'x2', status: 'queued', result: null }).result, null);
  assert.throws(() => parsePrediction({ id: 'x3', status: 'done', result: null }), /without result/);
  assert.throws(() => parsePrediction({ id: 'x4', status: 'weird' }), /without id or status/);
  assert.throws(() => parsePrediction('nope'), /not an object/);
});

test('parseStats reads the API shape and leaves missing figures undefined', () => {
  assert.deepEqual(parseStats({ queue: { depth: 3, consumers: 2, deadLettered: 0 }, store: { done: 10 }, predictionsPerSecond: 4.5 }),
    { queueDepth: 3, workers: 2, perSecond: 4.5, done: 10 });
  assert.deepEqual(parseStats({ queue: null, store: null }), { queueDepth: undefined, workers: undefined, perSecond: undefined, done: undefined });
});

test('parseMarkers reads marker words, skipping malformed entries; none when absent', () => {
  assert.deepEqual(parseMarkers({ features: [], markers: [{ word: 'bahawa', language: 'ms' }, { word: 3 }, 'x'] }), [{ word: 'bahawa', language: 'ms' }]);
  assert.deepEqual(parseMarkers({ features: [] }), []);
});

test('parseExplanation reads features, skipping malformed entries', () => {
  assert.deepEqual(parseExplanation({ features: [{ ngram: 'ön', weight: 0.3 }, { ngram: 1 }] }), [{ ngram: 'ön', weight: 0.3 }]);
  assert.throws(() => parseExplanation({}), /without n-grams/);
});

test('retryAfterSeconds reads seconds and HTTP dates, and ignores junk', () => {
  assert.equal(retryAfterSeconds('5'), 5);
  assert.equal(retryAfterSeconds('1.2'), 2);
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(retryAfterSeconds('Thu, 01 Jan 2026 00:00:07 GMT', now), 7);
  assert.equal(retryAfterSeconds('soon'), undefined);
  assert.equal(retryAfterSeconds(null), undefined);
});

test('the picker finds languages by English name, native name or code, ignoring accents', () => {
  const nb = getLanguage('nb');
  const es = getLanguage('es');
  assert.ok(nb && es);
  assert.ok(matches(nb, 'Norw'));
  assert.ok(matches(nb, 'norsk'));
  assert.ok(matches(nb, 'nb'));
  assert.ok(matches(es, 'espanol'));
  assert.ok(!matches(es, 'norsk'));
  assert.ok(matches(es, '  '));
});

test('percent shows one decimal under 10 % and never "0.0 %" for a tiny probability', () => {
  assert.equal(percent(0.973), '97 %');
  assert.equal(percent(0.042), '4.2 %');
  assert.equal(percent(0.0001), '< 0.1 %');
  assert.equal(percent(0), '0 %');
  assert.equal(percent(1.2), '100 %');
});
