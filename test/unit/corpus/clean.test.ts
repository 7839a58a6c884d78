import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanProse, cleanUiString, stripAccelerators, stripPlaceholders } from '../../../src/corpus/clean.js';
import { parseMo } from '../../../src/corpus/mo.js';
import { fixtureBytes } from './fixtures.js';

test('printf, python, shell, ICU and Fluent placeholders are removed, words kept', () => {
  assert.equal(cleanUiString('%s dan %s adalah fail yang sama'), 'dan adalah fail yang sama');
  assert.equal(cleanUiString('Menukar katalaluan untuk %s.'), 'Menukar katalaluan untuk.');
  assert.equal(cleanUiString('%1$s mengandungi %2$d fail'), 'mengandungi fail');
  assert.equal(cleanUiString('Perihal { -brand-full-name }'), 'Perihal');
  assert.equal(cleanUiString('Memuat turun kemaskini — { $transfer }'), 'Memuat turun kemaskini —');
  assert.equal(cleanUiString('Fail %(name)s tiada di ${HOME} atau {0}'), 'Fail tiada di atau');
  // A literal percent sign in prose is not a placeholder.
  assert.equal(stripPlaceholders('50% de descuento').replace(/\s+/g, ' '), '50% de descuento');
});

test('keyboard accelerators in GTK, Qt and CJK style are removed', () => {
  assert.equal(cleanUiString('B_atal'), 'Batal');
  assert.equal(cleanUiString('Auto _tatal'), 'Auto tatal');
  assert.equal(stripAccelerators('&Fail'), 'Fail');
  assert.equal(stripAccelerators('Tom && Jerry'), 'Tom & Jerry');
  assert.equal(stripAccelerators('ファイル(_F)'), 'ファイル');
  assert.equal(stripAccelerators('保存(&S)'), '保存');
});

test('tags, entities and escaped newlines in UI strings become plain text; empty quotes left by a placeholder go', () => {
  assert.equal(cleanUiString('Kemaskini gagal. <a data-l10n-name="failed-link-main">Muat turun versi terkini</a>'), 'Kemaskini gagal. Muat turun versi terkini');
  assert.equal(cleanUiString('Tom &amp; Jerry&#33;'), 'Tom & Jerry!');
  assert.equal(cleanUiString("pilihan '%s' tidak dikenali\\n"), 'pilihan tidak dikenali');
});

test('every msgstr of the real Malay excerpt cleans to placeholder- and accelerator-free text', () => {
  for (const e of parseMo(fixtureBytes('ms-sample.mo'))) {
    const t = cleanUiString(e.msgstr[0] ?? '');
    assert.doesNotMatch(t, /%[sd]|_\p{L}|\s{2}/u, t);
    assert.equal(t, t.trim());
  }
});

test('prose cleaning drops URLs and e-mail addresses and normalises space and NFC', () => {
  assert.equal(cleanProse('Lihat https://example.org/x  atau  tulis ke andika@gmail.com .'), 'Lihat atau tulis ke.');
  assert.equal(cleanProse('Cafe\u0301  bagus'), 'Café bagus');
});
