import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dictionaryWords, wordsSource } from '../../../src/corpus/sources/words.js';
import { fixtureBytes, fixturePath, fixtureText, readSourceDocuments } from './fixtures.js';

test('words of a real Indonesian hunspell dictionary: affix flags stripped, one-letter words skipped', () => {
  const words = dictionaryWords(fixtureBytes('hunspell-id.dic'), fixtureText('hunspell-id.aff'));
  assert.ok(words.includes('abadi'));
  assert.ok(words.includes('abang'));
  assert.ok(words.includes('aba-aba'));
  assert.ok(!words.includes('a'), 'one-letter word');
  assert.ok(!words.includes('31132'), 'the count line');
  assert.ok(words.every((w) => !w.includes('/')));
});

test('the .aff charset decodes legacy dictionaries; abbreviations and words with digits are skipped', () => {
  const dic = Buffer.from('4\nstraße/N\nUNO\nMP3\nÄrger/S\n', 'latin1');
  assert.deepEqual(dictionaryWords(dic, 'SET ISO8859-1\n'), ['straße', 'Ärger']);
});

test('the source spreads a language\'s words over 20 documents, each word once', async () => {
  const root = await mkdtemp(join(tmpdir(), 'glossa-words-'));
  try {
    const dir = join(root, 'usr/share/hunspell');
    await mkdir(dir, { recursive: true });
    await copyFile(fixturePath('hunspell-id.dic'), join(dir, 'id_ID.dic'));
    await copyFile(fixturePath('hunspell-id.dic'), join(dir, 'id_XX.dic'));
    await writeFile(join(dir, 'id_ID.aff'), fixtureText('hunspell-id.aff'));
    const docs = await readSourceDocuments(wordsSource, root);
    assert.ok(docs.every((d) => d.label === 'id' && d.kind === 'ui' && /^words:\d+$/.test(d.doc)));
    const all = docs.flatMap((d) => d.pieces);
    assert.equal(all.length, new Set(all).size, 'a word from two linked dictionaries counts once');
    assert.equal(all.length, dictionaryWords(fixtureBytes('hunspell-id.dic'), undefined).length);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
