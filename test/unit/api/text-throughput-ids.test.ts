import { test } from 'node:test';
import assert from 'node:assert/strict';
import { uuidv7 } from '../../../src/api/ids.js';
import { languageNames, presentPrediction } from '../../../src/api/present.js';
import { checkText, codePointLength } from '../../../src/api/text.js';
import { ThroughputMeter } from '../../../src/api/throughput.js';

test('codePointLength counts surrogate pairs once and lone surrogates as one', () => {
  assert.equal(codePointLength(''), 0);
  assert.equal(codePointLength('abc'), 3);
  assert.equal(codePointLength('😀😀'), 2);
  assert.equal(codePointLength('a\ud800b'), 3);
  assert.equal(codePointLength('😀'.repeat(10), 3), 4, 'stops early past the bound');
});

test('checkText trims, refuses empty and over-long texts with the right codes', () => {
  assert.deepEqual(checkText('  hej \n', 10), { ok: true, text: 'hej' });
  const missing = checkText(undefined, 10);
  assert.equal(!missing.ok && missing.error.code, 'TEXT_EMPTY');
  const blank = checkText(' \t\n', 10);
  assert.equal(!blank.ok && blank.error.code, 'TEXT_EMPTY');
  const long = checkText('a'.repeat(11), 10, 'texts[2]');
  assert.equal(!long.ok && long.error.code, 'TEXT_TOO_LONG');
  assert.match(!long.ok ? long.error.message : '', /^texts\[2\]/);
  assert.equal(checkText('😀'.repeat(10), 10).ok, true);
});

test('ThroughputMeter: completions per second over the window, with a fake clock', () => {
  let now = 1_000_000;
  const m = new ThroughputMeter(10, () => now);
  assert.equal(m.perSecond(), 0);
  m.record(50);
  assert.equal(m.perSecond(), 50, 'one second elapsed: 50/s');
  now += 4_000;
  m.record(50);
  assert.equal(m.perSecond(), 20, '100 over 5 s');
  now += 20_000;
  assert.equal(m.perSecond(), 0, 'old buckets leave the window');
  m.record(30);
  assert.equal(m.perSecond(), 3, '30 over the full 10 s window');
});

test('uuidv7: version 7, variant 10, time-ordered by millisecond, unique', () => {
  const a = uuidv7(1_700_000_000_000);
  const b = uuidv7(1_700_000_000_001);
  assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.ok(a < b);
  assert.equal(a.slice(0, 13).replace('-', ''), (1_700_000_000_000).toString(16).padStart(12, '0'));
  const many = new Set(Array.from({ length: 10_000 }, () => uuidv7(5)));
  assert.equal(many.size, 10_000);
});

test('language names: known codes, und, and labels of other models', () => {
  assert.deepEqual(languageNames('nb'), { name: 'Norwegian (Bokmål)', nativeName: 'Norsk (Bokmål)' });
  assert.deepEqual(languageNames('und'), { name: 'Undetermined', nativeName: 'Undetermined' });
  assert.deepEqual(languageNames('spam'), { name: 'spam', nativeName: 'spam' });
  const view = presentPrediction({
    id: 'x', text: 't', status: 'done', result: { language: 'ar', confidence: 0.8, top: [{ language: 'ar', confidence: 0.8 }, { language: 'fa', confidence: 0.1 }] },
    modelVersion: 'm1', error: null, createdAt: new Date(0), completedAt: new Date(1000),
  });
  assert.deepEqual(view.result?.top.map((c) => c.nativeName), ['العربية', 'فارسی']);
  assert.equal(view.completedAt, '1970-01-01T00:00:01.000Z');
});
