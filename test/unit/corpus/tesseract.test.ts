import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveSources } from '../../../src/corpus/sources/index.js';
import {
  dawgWords, parseUnicharset, TESSDATA_LSTM_UNICHARSET, TESSDATA_LSTM_WORD_DAWG, tessdataEntry, traineddataWords,
} from '../../../src/corpus/sources/tessdata.js';
import { tesseractSource } from '../../../src/corpus/sources/tesseract.js';
import { fixtureBytes, fixturePath, readSourceDocuments } from './fixtures.js';

// What Tesseract's dawg2wordlist prints for the fixture, in its order.
const FIXTURE_WORDS = ['karanya', 'kerana', 'kereta', 'boleh', 'bisa', 'sahaja', 'saja', 'čaša', 'über'];

test('a traineddata made by Tesseract decodes to the words dawg2wordlist prints, in its order', () => {
  assert.deepEqual(traineddataWords(fixtureBytes('tesseract-sample.traineddata')), FIXTURE_WORDS);
});

test('the unicharset gives characters by id, id 0 being the space', () => {
  const unicharset = tessdataEntry(fixtureBytes('tesseract-sample.traineddata'), TESSDATA_LSTM_UNICHARSET);
  assert.ok(unicharset);
  const chars = parseUnicharset(new TextDecoder().decode(unicharset));
  assert.equal(chars[0], ' ');
  assert.ok(chars.includes('č') && chars.includes('ü') && chars.includes('k'));
  assert.throws(() => parseUnicharset('many\nNULL 0\n'), /valid size line/);
});

test('absent entries and malformed data are told apart: none is undefined, broken is a clear error', () => {
  const file = fixtureBytes('tesseract-sample.traineddata');
  assert.equal(tessdataEntry(file, 3), undefined, 'no inttemp in this file');
  assert.deepEqual(traineddataWords(file.subarray(0, 4)), [], 'a header naming no entries has no words');
  const dawg = tessdataEntry(file, TESSDATA_LSTM_WORD_DAWG)!;
  const bad = Uint8Array.from(dawg);
  bad[0] = 7;
  assert.throws(() => dawgWords(bad, []), /bad magic number/);
  assert.throws(() => dawgWords(dawg.subarray(0, 20), []), /does not match its length/);
  assert.throws(() => tessdataEntry(new Uint8Array(2), 0), /too short/);
});

test('the source reads every version folder, maps Tesseract codes to labels and skips the rest', async () => {
  const root = await mkdtemp(join(tmpdir(), 'glossa-tesseract-'));
  try {
    const dir = join(root, 'usr/share/tesseract-ocr/5/tessdata');
    await mkdir(dir, { recursive: true });
    await copyFile(fixturePath('tesseract-sample.traineddata'), join(dir, 'msa.traineddata'));
    await copyFile(fixturePath('tesseract-sample.traineddata'), join(dir, 'srp_latn.traineddata'));
    await copyFile(fixturePath('tesseract-sample.traineddata'), join(dir, 'ell.traineddata'));
    await copyFile(fixturePath('tesseract-sample.traineddata'), join(dir, 'osd.traineddata'));
    await writeFile(join(dir, 'ind.traineddata'), Buffer.from([1, 0]));
    const messages: string[] = [];
    const docs = await readSourceDocuments(tesseractSource, root, (m) => messages.push(m));
    assert.ok(messages.some((m) => /ind\.traineddata skipped: tessdata: file too short/.test(m)), 'a damaged file is reported and skipped');
    assert.deepEqual([...new Set(docs.map((d) => d.label))], ['ms', 'sr'], 'Greek and the script detector are not ours');
    assert.ok(docs.every((d) => d.kind === 'ui' && /^tesseract:\d+$/.test(d.doc)));
    const ms = docs.filter((d) => d.label === 'ms').flatMap((d) => d.pieces);
    assert.deepEqual([...ms].sort(), [...FIXTURE_WORDS].sort());
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('the Tesseract source is opt-in: not in `all`, built when named', () => {
  const online = { fetch: globalThis.fetch, articlesPerLanguage: 1 };
  assert.ok(!resolveSources(['all'], online).some((s) => s.name === 'debian-tesseract'));
  assert.deepEqual(resolveSources(['debian-tesseract'], online).map((s) => s.name), ['debian-tesseract']);
});
