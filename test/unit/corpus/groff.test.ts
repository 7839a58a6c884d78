import { test } from 'node:test';
import assert from 'node:assert/strict';
import { manToParagraphs } from '../../../src/corpus/groff.js';
import { fixtureText } from './fixtures.js';

test('a real Portuguese man page (dpkg.1): accents from groff escapes, bold literals dropped, synopsis and .nf blocks skipped', () => {
  const ps = manToParagraphs(fixtureText('man-pt-dpkg.1'));
  assert.ok(ps.includes('O pacote está desempacotado mas não configurado.'), ps.join('\n'));
  const info = ps.find((p) => p.startsWith('O mantém alguma informação utilizável'));
  assert.ok(info, 'bold \\fBdpkg\\fR removed from the sentence');
  assert.match(info, /dividida em três classes/);
  const all = ps.join('\n');
  assert.doesNotMatch(all, /\\f|\\\(|\\-/, 'no escape survives');
  assert.doesNotMatch(all, /dpkg \[/, 'the synopsis is skipped');
  assert.doesNotMatch(all, /^\.\w/m, 'no macro line survives');
});

test('alternating-font macros keep the roman and italic parts only', () => {
  assert.deepEqual(manToParagraphs('.PP\nLihat\n.BR ls (1)\ndan\n.IR fail " yang lain"\n'), ['Lihat (1) dan fail yang lain']);
});

test('macro definitions, tables and comments carry no prose', () => {
  const src = '.\\" komentar\n.de XX\nbukan teks\n..\n.TS\nl l.\na\tb\n.TE\n.PP\nTeks biasa.\n';
  assert.deepEqual(manToParagraphs(src), ['Teks biasa.']);
});
