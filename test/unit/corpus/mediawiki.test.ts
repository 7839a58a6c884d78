import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mediawikiLabel, mediawikiMessageText, mediawikiMessages, mediawikiSource } from '../../../src/corpus/sources/mediawiki.js';
import { readSourceDocuments } from './fixtures.js';

test('wikitext of real Waray messages is reduced to what a reader sees', () => {
  assert.equal(
    mediawikiMessageText('An imo mga pagliwat in waray katipig tungod han edit conflict. Karuyag {{GENDER:|mo}} ba aydon ini nga conflict hin mano-mano?'),
    'An imo mga pagliwat in waray katipig tungod han edit conflict. Karuyag mo ba aydon ini nga conflict hin mano-mano?',
  );
  assert.equal(
    mediawikiMessageText('Naglalakip hin {{PLURAL:$1|1 ka subcategory|$1 ka mga subcategory}}, ngan {{PLURAL:$3|1 file|$3 mga file}}'),
    'Naglalakip hin 1 ka subcategory, ngan 1 file',
  );
  assert.equal(
    mediawikiMessageText("nga nagawas ha ubos han kahon ([[Special:Captcha/help|dugang nga impormasyon]]):"),
    'nga nagawas ha ubos han kahon (dugang nga impormasyon):',
  );
  assert.equal(mediawikiMessageText("'''Pahimangno:''' <b>$1</b> [https://example.org an pakli]&nbsp;{{SITENAME}}"), 'Pahimangno: an pakli');
  assert.equal(mediawikiMessageText('{{GRAMMAR:genitive|{{SITENAME}}}}'), '');
});

test('messages of a file: @metadata and non-strings skipped, empty results dropped; bad JSON throws', () => {
  const json = JSON.stringify({ '@metadata': { authors: ['x'] }, a: 'Balay', b: '$1', c: 42, d: 'Igliwat [[Special:Edit|ini]]' });
  assert.deepEqual(mediawikiMessages(json), ['Balay', 'Igliwat ini']);
  assert.throws(() => mediawikiMessages('[1, 2]'), /not a JSON object/);
  assert.throws(() => mediawikiMessages('{'), SyntaxError);
});

test('language codes: variants of our languages kept, other scripts and English left out', () => {
  assert.equal(mediawikiLabel('war.json'), 'war');
  assert.equal(mediawikiLabel('ms.json'), 'ms');
  assert.equal(mediawikiLabel('sr-el.json'), 'sr');
  assert.equal(mediawikiLabel('sr-ec.json'), 'sr');
  assert.equal(mediawikiLabel('pt-br.json'), 'pt');
  assert.equal(mediawikiLabel('de-formal.json'), 'de');
  assert.equal(mediawikiLabel('kk-cyrl.json'), 'kk');
  for (const other of ['ms-arab.json', 'kk-latn.json', 'kk-arab.json', 'sh.json', 'en.json', 'en-gb.json', 'qqq.json', 'tl.json', 'notes.txt']) {
    assert.equal(mediawikiLabel(other), undefined, other);
  }
});

test('the source reads i18n files only, one document per file, labelled by file name', async () => {
  const root = await mkdtemp(join(tmpdir(), 'glossa-mediawiki-'));
  try {
    const base = join(root, 'usr/share/mediawiki');
    await mkdir(join(base, 'languages/i18n'), { recursive: true });
    await mkdir(join(base, 'skins/Vector/i18n'), { recursive: true });
    await mkdir(join(base, 'includes'), { recursive: true });
    await writeFile(join(base, 'languages/i18n/war.json'), JSON.stringify({ a: 'Kitaa an kaagi han pagliwat hinin nga pakli.' }));
    await writeFile(join(base, 'skins/Vector/i18n/ms.json'), JSON.stringify({ a: 'Sila log masuk untuk menyunting laman ini.' }));
    await writeFile(join(base, 'skins/Vector/i18n/ms-arab.json'), JSON.stringify({ a: 'x' }));
    await writeFile(join(base, 'skins/Vector/i18n/broken.json'), '{');
    await writeFile(join(base, 'includes/war.json'), JSON.stringify({ a: 'not a message file' }));
    const docs = await readSourceDocuments(mediawikiSource, root);
    docs.sort((a, b) => (a.doc < b.doc ? -1 : 1));
    assert.deepEqual(docs.map((d) => [d.label, d.doc, d.kind, d.pieces]), [
      ['war', 'mediawiki:languages/i18n/war.json', 'ui', ['Kitaa an kaagi han pagliwat hinin nga pakli.']],
      ['ms', 'mediawiki:skins/Vector/i18n/ms.json', 'ui', ['Sila log masuk untuk menyunting laman ini.']],
    ]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
