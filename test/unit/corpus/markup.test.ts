import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeEntities, markupToParagraphs } from '../../../src/corpus/markup.js';
import { fixtureText } from './fixtures.js';

test('Mallard: titles, descriptions and paragraphs are kept; credits, e-mails and media labels are not', () => {
  const ps = markupToParagraphs(fixtureText('gnome-help-id-bluetooth-pairing.page'));
  assert.ok(ps.includes('Bagaimana memasangkan perangkat tertentu dengan komputer Anda.'));
  assert.ok(ps.includes('Petunjuk memperpasangkan untuk perangkat tertentu'));
  const all = ps.join('\n');
  assert.doesNotMatch(all, /Andika Triwidada|gmail\.com|Bastien Nocera|2011-2014/);
  // <media>PS</media> inside a sentence is dropped, the sentence stays one paragraph.
  const holding = ps.find((p) => p.startsWith('Holding the'));
  assert.equal(holding, 'Holding the button, press the button until the light bar is blinking to make it visible and pair it like any other Bluetooth device.');
});

test('LibreOffice help: only the DisplayArea is read; of the two hidden menu-path variants the default (Linux) one is kept', () => {
  const ps = markupToParagraphs(fixtureText('lohelp-id-01060300.html'), { rootId: 'DisplayArea' });
  assert.ok(ps.includes('Menentukan pengaturan umum untuk dokumen lembar sebar.'));
  const all = ps.join('\n');
  assert.doesNotMatch(all, /LibreOffice 7\.4 Bantuan/, 'text outside the DisplayArea');
  assert.doesNotMatch(all, /LibreOffice - Preferensi/, 'hidden macOS alternative');
  assert.ok(ps.includes('Buka dokumen lembar sebar, pilih Perkakas - Pilihan - LibreOffice Calc - Umum.'), all);
});

test('block elements split paragraphs, inline ones do not; code and scripts vanish; entities decode', () => {
  const html = '<p>Satu <b>dua</b> tiga</p><pre>ls -l</pre><p>Empat&nbsp;&amp; lima&#x21;<br>enam</p><script>x()</script><!-- nota -->';
  assert.deepEqual(markupToParagraphs(html), ['Satu dua tiga', 'Empat & lima!', 'enam']);
});

test('malformed markup does not throw or loop: unclosed tags, stray brackets, an unterminated comment', () => {
  assert.deepEqual(markupToParagraphs('<p>a < b dan <i>c'), ['a < b dan c']);
  assert.deepEqual(markupToParagraphs('teks <!-- tanpa akhir'), ['teks']);
  assert.deepEqual(markupToParagraphs('<p attr="x>y">isi</p></div></p>'), ['isi']);
});

test('decodeEntities handles numeric, named and unknown entities and leaves a bare ampersand', () => {
  assert.equal(decodeEntities('&#8220;a&#x201D; &lt;b&gt; &bogus; R&D'), '“a” <b>  R&D');
  assert.equal(decodeEntities('&#xD800;&#0;'), '');
});
