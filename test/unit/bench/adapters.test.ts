/**
 * The adapters against the real libraries, on text whose answer is not in doubt: what is tested
 * is the translation of each library's codes and its restriction, not its accuracy. eld and
 * tinyld take seconds to load their databases and are covered through the shared mapping only.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createCld2 } from '../../../bench/peers/cld2.js';
import { createCld3 } from '../../../bench/peers/cld3.js';
import { createFastText } from '../../../bench/peers/fasttext.js';
import { createFranc, francCodes } from '../../../bench/peers/franc.js';
import { createGlossa } from '../../../bench/peers/glossa.js';
import { restrictTo } from '../../../bench/peers/codes.js';
import type { LanguageModel, Prediction } from '../../../src/model/types.js';

const HEBREW = 'כל בני האדם נולדו בני חורין ושווים בערכם ובזכויותיהם.';
const NORWEGIAN = 'Norge er et kongerike i Nord-Europa, og hovedstaden er Oslo. Ikke noe er bedre enn hjemme.';

describe('franc adapter', () => {
  test('only: our languages in its ISO 639-3 spelling; Nynorsk and Serbo-Croatian excluded', async () => {
    const only = restrictTo(await francCodes());
    for (const code of ['nob', 'zlm', 'ind', 'arb', 'pes', 'ekk', 'war', 'jpn', 'kor']) assert.ok(only.includes(code), code);
    for (const code of ['nno', 'hbs', 'bos', 'eus']) assert.ok(!only.includes(code), code);
  });

  test('answers in our codes and reports what it covers', async () => {
    const franc = createFranc();
    await franc.init();
    assert.equal(franc.detect(NORWEGIAN), 'nb');
    assert.equal(franc.detect(HEBREW), 'he');
    assert.equal(franc.covered.length, 37);
    assert.ok(!franc.covered.includes('eu'));
  });
});

describe('CLD2 adapter', () => {
  test("maps 'iw' and 'no', and covers all 38", async () => {
    const cld2 = createCld2();
    await cld2.init();
    assert.equal(cld2.detect(HEBREW), 'he');
    assert.equal(cld2.detect(NORWEGIAN), 'nb');
    assert.equal(cld2.covered.length, 38);
    assert.equal(cld2.detect(''), 'und');
  });
});

describe('cld3-asm adapter', () => {
  test("maps 'iw' and 'no'; answers short input instead of und", async () => {
    const cld3 = createCld3();
    await cld3.init();
    assert.equal(cld3.detect(HEBREW), 'he');
    assert.equal(cld3.detect(NORWEGIAN), 'nb');
    assert.notEqual(cld3.detect('Guten Morgen'), 'und');
    assert.ok(!cld3.covered.includes('war'));
  });
});

describe('fastText adapter', () => {
  test('ships lid.176 (176 labels) and maps __label__no to nb', async () => {
    const ft = createFastText();
    await ft.init();
    assert.equal(ft.covered.length, 38);
    assert.equal(ft.detect(NORWEGIAN), 'nb');
    assert.equal(ft.detect(`${HEBREW}\n`), 'he');
  });
});

describe('Glossa adapter', () => {
  test('uses predict and predictBatch of the loaded model', async () => {
    const answer = (text: string): Prediction => ({ language: text.startsWith('x') ? 'und' : 'da', confidence: 0.9, top: [] });
    const fake: LanguageModel = {
      predict: answer,
      predictBatch: (texts) => texts.map(answer),
      explain: () => { throw new Error('unused'); },
      labels: ['da', 'nb'],
      manifest: { formatVersion: 1, modelVersion: 'test-1', createdAt: '', labels: ['da', 'nb'], params: {}, corpus: { fingerprint: '', counts: {} }, metrics: {}, codeVersion: '' },
    };
    let loadedFrom: string | undefined;
    const glossa = createGlossa((dir) => { loadedFrom = dir; return Promise.resolve(fake); }, 'some/dir');
    assert.throws(() => glossa.detect('hej'), /init/);
    await glossa.init();
    assert.equal(loadedFrom, 'some/dir');
    assert.equal(glossa.version, 'test-1');
    assert.deepEqual(glossa.covered, ['da', 'nb']);
    assert.equal(glossa.detect('hej'), 'da');
    assert.deepEqual(glossa.detectBatch?.(['hej', 'xyz']), ['da', 'und']);
  });
});
