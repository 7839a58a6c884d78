import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveSources } from '../../../src/corpus/sources/index.js';
import { STAMPS_DIR, stampDescriptions, tuxpaintSource } from '../../../src/corpus/sources/tuxpaint.js';
import { fixturePath, fixtureText, readSourceDocuments } from './fixtures.js';

test('a stamp description file gives English and the translations into our languages', () => {
  const got = stampDescriptions(fixtureText('tuxpaint-stamps/symbols/money/us/coins/025quarter.txt'));
  assert.deepEqual(got.map((d) => d.label), ['en', 'ca', 'de', 'hr', 'id', 'ja', 'ms', 'sr', 'sr']);
  assert.equal(got[0]?.text, 'A US 25 cent piece ($.25) called a quarter.');
  assert.equal(got.find((d) => d.label === 'ms')?.text, 'Sekeping duit 25 sen US($.25) dipanggil quarter.');
  // Serbian in both scripts; Nynorsk (nn) and Chinese are not among our languages; en_GB is a
  // copy of the English line.
  assert.deepEqual(got.filter((d) => d.label === 'sr').map((d) => d.text), ['25 стотих делова америчког долара ($.25.', '25 stotih delova američkog dolara ($.25.']);
});

test('untranslated lines, blank lines, CRLF and a file without an English line', () => {
  assert.deepEqual(stampDescriptions('A red apple.\r\nms.utf8=A red apple.\r\nid.utf8=Apel merah.\r\n\r\nxx.utf8=?\r\n'), [
    { label: 'en', text: 'A red apple.' },
    { label: 'id', text: 'Apel merah.' },
  ]);
  assert.deepEqual(stampDescriptions('ms.utf8=Epal merah.\n'), []);
  assert.deepEqual(stampDescriptions(''), []);
});

test('debian-tuxpaint reads the stamp tree: one document per folder and language, a bad file skipped', async () => {
  const root = await mkdtemp(join(tmpdir(), 'glossa-tuxpaint-'));
  try {
    const stamps = join(root, STAMPS_DIR);
    await mkdir(stamps, { recursive: true });
    await cp(fixturePath('tuxpaint-stamps'), stamps, { recursive: true });
    await writeFile(join(stamps, 'clothes', 'broken.txt'), Buffer.from([0x41, 0xff, 0xfe, 0x0a]));
    const messages: string[] = [];
    const docs = await readSourceDocuments(tuxpaintSource, root, (m) => messages.push(m));
    const coins = docs.filter((d) => d.doc === 'tuxpaint:symbols/money/us/coins');
    assert.deepEqual(coins.map((d) => d.label), ['ca', 'de', 'en', 'hr', 'id', 'ja', 'ms', 'sr']);
    assert.equal(coins.find((d) => d.label === 'sr')?.pieces.length, 2);
    const clothes = docs.filter((d) => d.doc === 'tuxpaint:clothes');
    assert.deepEqual(clothes.map((d) => d.label), ['cs', 'da', 'en', 'id', 'nb', 'sk']);
    assert.ok(docs.every((d) => d.kind === 'prose'));
    assert.ok(messages.some((m) => m.includes('broken.txt')), messages.join('\n'));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('debian-tuxpaint is a known source that the default corpus leaves out', () => {
  const online = { fetch: globalThis.fetch, articlesPerLanguage: 1 };
  assert.deepEqual(resolveSources(['debian-tuxpaint'], online).map((s) => s.name), ['debian-tuxpaint']);
  assert.ok(!resolveSources(undefined, online).some((s) => s.name === 'debian-tuxpaint'));
});
