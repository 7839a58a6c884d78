import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LANGUAGE_CODES } from '../../../src/languages/index.js';
import { ALIASES, bestInSet, coverage, isOurs, restrictTo, toOurCode } from '../../../bench/peers/codes.js';

describe('toOurCode', () => {
  test('each of our 38 codes maps to itself, whatever the case', () => {
    for (const code of LANGUAGE_CODES) {
      assert.equal(toOurCode(code), code);
      assert.equal(toOurCode(code.toUpperCase()), code);
    }
  });

  test('every alias lands on one of our languages', () => {
    for (const [from, to] of Object.entries(ALIASES)) assert.ok(isOurs(to), `${from} → ${to}`);
  });

  test('Malay spellings of franc, ISO 639-2 and the macrolanguage map to ms', () => {
    for (const code of ['zlm', 'zsm', 'msa', 'may', 'ms']) assert.equal(toOurCode(code), 'ms');
    assert.equal(toOurCode('ind'), 'id');
    assert.equal(toOurCode('in'), 'id');
  });

  test('Norwegian (macro and Bokmål) maps to nb; Nynorsk does not', () => {
    for (const code of ['no', 'nor', 'nob', 'NO', '__label__no']) assert.equal(toOurCode(code), 'nb');
    assert.equal(toOurCode('nn'), 'nn');
    assert.equal(toOurCode('nno'), 'nno');
    assert.equal(toOurCode('__label__nn'), 'nn');
  });

  test('Serbo-Croatian and Bosnian stay wrong: they do not map unambiguously', () => {
    for (const code of ['sh', 'hbs', 'bs', 'bos', '__label__sh']) assert.ok(!isOurs(toOurCode(code)), code);
    assert.equal(toOurCode('srp'), 'sr');
    assert.equal(toOurCode('hrv'), 'hr');
  });

  test("CLD2/CLD3's withdrawn Hebrew code and fastText labels", () => {
    assert.equal(toOurCode('iw'), 'he');
    assert.equal(toOurCode('__label__he'), 'he');
    assert.equal(toOurCode('__label__war'), 'war');
    assert.equal(toOurCode('__label__arz'), 'arz');
  });

  test('no answer is und; codes with a subtag are kept (and count wrong)', () => {
    for (const code of ['', '  ', 'un', 'und', 'UND', 'zxx']) assert.equal(toOurCode(code), 'und');
    assert.equal(toOurCode('sr-ME'), 'sr-me');
    assert.equal(toOurCode('hi-Latn'), 'hi-latn');
    assert.equal(toOurCode('fil'), 'fil');
  });
});

describe('bestInSet', () => {
  test('skips candidates outside our set', () => {
    assert.equal(bestInSet(['__label__sh', '__label__hr', '__label__bs']), 'hr');
    assert.equal(bestInSet(['nn', 'no']), 'nb');
    assert.equal(bestInSet(['ceb', 'tl', 'war']), 'war');
  });

  test('with none of ours, the top answer is returned so it counts wrong', () => {
    assert.equal(bestInSet(['bs', 'sh']), 'bs');
    assert.equal(bestInSet([]), 'und');
  });
});

describe('restrictTo and coverage', () => {
  test("keep a peer's spellings of our languages, drop the rest", () => {
    assert.deepEqual(restrictTo(['nob', 'nno', 'hbs', 'zlm', 'eng', 'sco']), ['nob', 'zlm', 'eng']);
    assert.deepEqual(coverage(['nob', 'no', 'nno', 'iw', 'xx-Qaai']), ['he', 'nb']);
  });
});
