import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fingerprintLines, sampleLine } from '../../../src/corpus/manifest.js';
import { SampleCollector } from '../../../src/corpus/pipeline.js';
import { translatedStrings } from '../../../src/corpus/sources/gettext.js';
import { fixtureBytes } from './fixtures.js';

test('a real Malay catalogue excerpt goes through cleaning into samples without placeholders or accelerators', () => {
  const c = new SampleCollector();
  c.add('debian-gettext', { label: 'ms', doc: 'gettext:sample', kind: 'ui', pieces: translatedStrings(fixtureBytes('ms-sample.mo')).msgstrs });
  const texts = c.finish().map((s) => s.text).sort();
  assert.deepEqual(texts, [
    'Auto tatal', 'Batal', 'Menukar katalaluan untuk.', 'Profil pemecutan', 'dan adalah fail yang sama', 'satu fail', 'wujud tapi ianya bukan direktori',
  ]);
});

test('a text under two labels is dropped from both; a repeat under one label is kept once, first occurrence', () => {
  const c = new SampleCollector();
  c.add('a', { label: 'ms', doc: 'd1', kind: 'ui', pieces: ['Tetapan sistem', 'Kata laluan', 'Fail baharu'] });
  c.add('a', { label: 'id', doc: 'd2', kind: 'ui', pieces: ['Tetapan Sistem', 'Berkas baru'] });
  c.add('b', { label: 'ms', doc: 'd3', kind: 'ui', pieces: ['kata laluan!'] });
  const out = c.finish();
  assert.deepEqual(out.map((s) => `${s.label}:${s.text}:${s.source}`), ['ms:Kata laluan:a', 'ms:Fail baharu:a', 'id:Berkas baru:a']);
  assert.equal(c.dropped['ambiguous-label'], 2);
  assert.equal(c.dropped.duplicate, 1);
});

test('rejected pieces are counted by rule', () => {
  const c = new SampleCollector();
  c.add('a', { label: 'ru', doc: 'd', kind: 'ui', pieces: ['Raw Image Data', '42', 'Открыть файл'] });
  assert.equal(c.finish().length, 1);
  assert.equal(c.dropped['wrong-script'], 1);
  assert.equal(c.dropped['too-few-letters'], 1);
});

test('the fingerprint depends on content only, not on line order, and changes with any character', () => {
  const lines = [
    sampleLine({ text: 'Kata laluan', label: 'ms', source: 'a', doc: 'd' }),
    sampleLine({ text: 'Berkas baru', label: 'id', source: 'a', doc: 'd' }),
  ];
  assert.equal(fingerprintLines(lines), fingerprintLines([...lines].reverse()));
  assert.notEqual(fingerprintLines(lines), fingerprintLines([lines[0] ?? '', (lines[1] ?? '').replace('baru', 'bary')]));
  assert.match(fingerprintLines(lines), /^[0-9a-f]{64}$/);
  assert.equal(sampleLine({ doc: 'd', source: 's', label: 'l', text: 't' }), '{"text":"t","label":"l","source":"s","doc":"d"}');
});
