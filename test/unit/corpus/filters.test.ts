import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanUiString } from '../../../src/corpus/clean.js';
import { dedupeKey, englishScore, rejectReason } from '../../../src/corpus/filters.js';
import { markupToParagraphs } from '../../../src/corpus/markup.js';
import { parseMo } from '../../../src/corpus/mo.js';
import { fixtureBytes, fixtureText } from './fixtures.js';

test('untranslated English paragraphs of a real Indonesian GNOME help page are dropped, the Indonesian kept', () => {
  const paragraphs = markupToParagraphs(fixtureText('gnome-help-id-bluetooth-pairing.page'));
  const verdicts = paragraphs.map((p) => ({ p, r: rejectReason(p, 'id') }));
  const english = verdicts.filter((v) => v.p.startsWith('Holding the') || v.p.startsWith('Those devices'));
  assert.ok(english.length >= 2);
  for (const v of english) assert.equal(v.r, 'untranslated', v.p);
  const indonesian = verdicts.find((v) => v.p.startsWith('Bahkan jika Anda berhasil'));
  assert.equal(indonesian?.r, null);
  assert.equal(rejectReason('Bagaimana memasangkan perangkat tertentu dengan komputer Anda.', 'id'), null);
});

test('Latin-only text in a real Russian catalogue is the wrong script; the Cyrillic translation passes', () => {
  const byId = new Map(parseMo(fixtureBytes('ru-sample.mo')).map((e) => [e.msgid, cleanUiString(e.msgstr[0] ?? '')]));
  assert.equal(rejectReason(byId.get('Raw image data') ?? '', 'ru'), 'wrong-script');
  assert.equal(rejectReason(byId.get('_Border:') ?? '', 'ru'), 'wrong-script');
  assert.equal(rejectReason(byId.get('%s and %s are the same file') ?? '', 'ru'), null);
});

test('Serbian passes in either script; Japanese and Hindi need their scripts', () => {
  assert.equal(rejectReason('Сва људска бића рађају се слободна', 'sr'), null);
  assert.equal(rejectReason('Sva ljudska bića rađaju se slobodna', 'sr'), null);
  assert.equal(rejectReason('すべての人間は、生まれながらにして自由', 'ja'), null);
  assert.equal(rejectReason('Open the file manager', 'hi'), 'wrong-script');
});

test('too few letters: numbers, symbols, option syntax and one-letter strings', () => {
  assert.equal(rejectReason('12:30', 'de'), 'too-few-letters');
  assert.equal(rejectReason('OK', 'de'), 'too-few-letters');
  assert.equal(rejectReason('--x=1 -v -q [-n N] <a,b>', 'de'), 'too-few-letters');
  assert.equal(rejectReason('Fil', 'da'), null);
  assert.equal(rejectReason('保存', 'ja'), null);
});

test('the English test does not fire on Dutch or German sentences that share a few English words', () => {
  assert.equal(rejectReason('Dit is een test van het systeem of niet', 'nl'), null);
  assert.equal(rejectReason('Was ist in dem Ordner, den du willst?', 'de'), null);
  assert.equal(rejectReason('Es ist also nicht in der Datei', 'de'), null);
  assert.ok(englishScore('Press the button to make it visible').ratio >= 0.3);
});

test('dedupe keys ignore case, punctuation and spacing', () => {
  assert.equal(dedupeKey('Open File…'), dedupeKey('open  file'));
  assert.notEqual(dedupeKey('Buka fail'), dedupeKey('Buka file'));
});
