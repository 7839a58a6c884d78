import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createNormalizedText, dominantScript, normalize, normalizeInto } from '../../../src/model/normalize.js';
import { SCRIPT_CYRILLIC, SCRIPT_LATIN, SCRIPT_NONE } from '../../../src/model/scripts.js';

test('case-folds, strips digits and punctuation, collapses spaces, pads words', () => {
  assert.equal(normalize('Hello,   WORLD!! 42'), ' hello world ');
  assert.equal(normalize("l'homme—est là."), ' l homme est là ');
});

test('removes URLs, e-mail addresses, @mentions and #hashtags', () => {
  assert.equal(normalize('see https://example.com/x?y=1 or www.foo.org, mail bob@example.com @alice #tag ok'), ' see or mail ok ');
});

test('applies NFC so composed and decomposed input are the same features', () => {
  assert.equal(normalize('Cafe\u0301'), normalize('Café'));
  assert.equal(normalize('Cafe\u0301'), ' café ');
});

test('empty, whitespace, digits, emoji and punctuation only have no letters', () => {
  const t = createNormalizedText();
  for (const s of ['', '   \t\n', '12 345', '🙂🎉👍', '?!… ---', '\u0000\u0000']) {
    normalizeInto(s, t);
    assert.equal(t.letters, 0, JSON.stringify(s));
    assert.equal(dominantScript(t), SCRIPT_NONE);
  }
});

test('counts letters per script and finds the dominant one', () => {
  const t = normalizeInto('Привет, мир! ok', createNormalizedText());
  assert.equal(t.scriptCounts[SCRIPT_CYRILLIC], 9);
  assert.equal(t.scriptCounts[SCRIPT_LATIN], 2);
  assert.equal(dominantScript(t), SCRIPT_CYRILLIC);
});

test('keeps combining marks inside words (Devanagari vowel signs)', () => {
  assert.equal(normalize('नमस्ते'), ' नमस्ते ');
});

test('grows its buffer for long input and cuts at 20 000 code units', () => {
  const t = normalizeInto('ab '.repeat(20_000), createNormalizedText(4));
  assert.ok(t.length <= 20_002);
  assert.ok(t.letters > 10_000);
});
