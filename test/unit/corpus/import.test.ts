import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsvRecords } from '../../../src/corpus/csv.js';
import { importFile } from '../../../src/corpus/import.js';
import { readCorpus } from '../../../src/corpus/read.js';
import { GlossaError } from '../../../src/errors.js';

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'glossa-import-'));
  try { await fn(dir); } finally { await rm(dir, { recursive: true, force: true }); }
}

test('CSV: quoted fields with commas, doubled quotes and newlines; line numbers of each record', () => {
  const records = [...parseCsvRecords('text,label\r\n"Satu, dua",ms\n"Dia kata ""ya""\nlagi",id\nbiasa,nb\n')];
  assert.deepEqual(records.map((r) => [r.line, r.fields]), [
    [1, ['text', 'label']], [2, ['Satu, dua', 'ms']], [3, ['Dia kata "ya"\nlagi', 'id']], [5, ['biasa', 'nb']],
  ]);
});

test('CSV: malformed records carry an error instead of a guess', () => {
  const [, bad1] = [...parseCsvRecords('text,label\nkata "x" sini,ms\n')];
  assert.equal(bad1?.error, 'quote inside an unquoted field');
  const [, bad2] = [...parseCsvRecords('text,label\n"tidak ditutup,ms\n')];
  assert.equal(bad2?.error, 'unterminated quoted field');
});

test('import CSV writes a source file and a manifest; duplicates and blanks are counted', () => withDir(async (dir) => {
  const file = join(dir, 'data.csv');
  await writeFile(file, 'label,text\npos,"Bagus, sangat bagus"\nneg,Teruk\npos,"Bagus, sangat bagus"\npos,"   "\n');
  const r = await importFile({ file, format: 'csv', source: 'reviews', corpusDir: join(dir, 'corpus'), skipBad: false });
  assert.equal(r.samples, 2);
  assert.equal(r.duplicates, 1);
  assert.equal(r.skipped, 1);
  const samples = [];
  for await (const s of readCorpus(join(dir, 'corpus'))) samples.push(s);
  assert.deepEqual(samples.map((s) => [s.text, s.label, s.source]), [['Bagus, sangat bagus', 'pos', 'reviews'], ['Teruk', 'neg', 'reviews']]);
  const manifest = JSON.parse(await readFile(join(dir, 'corpus', 'manifest.json'), 'utf8'));
  assert.equal(manifest.fingerprint, r.fingerprint);
  assert.deepEqual(manifest.counts.pos.reviews, { samples: 1, chars: 19 });
}));

test('a bad line fails the import with its line number (CORPUS_INVALID), or is skipped and counted with skipBad', () => withDir(async (dir) => {
  const file = join(dir, 'data.jsonl');
  await writeFile(file, '{"text":"Selamat pagi","label":"ms"}\n{"text":"Halo",\n{"text":"Hei","label":""}\n{"text":"God morgen","label":"nb"}\n');
  const corpusDir = join(dir, 'corpus');
  await assert.rejects(importFile({ file, format: 'jsonl', source: 'u', corpusDir, skipBad: false }),
    (e: unknown) => e instanceof GlossaError && e.code === 'CORPUS_INVALID' && /data\.jsonl:2: not valid JSON/.test(e.message));
  const r = await importFile({ file, format: 'jsonl', source: 'u', corpusDir, skipBad: true });
  assert.equal(r.samples, 2);
  assert.equal(r.skipped, 2);
}));

test('a CSV without text/label columns, a missing file and a bad source name are clear errors', () => withDir(async (dir) => {
  const file = join(dir, 'x.csv');
  await writeFile(file, 'kalimat,bahasa\nhalo,id\n');
  await assert.rejects(importFile({ file, format: 'csv', source: 'u', corpusDir: dir, skipBad: false }), /header must name the columns "text" and "label"/);
  await assert.rejects(importFile({ file: join(dir, 'nope.csv'), format: 'csv', source: 'u', corpusDir: dir, skipBad: false }), /no such file/);
  await assert.rejects(importFile({ file, format: 'csv', source: '../evil', corpusDir: dir, skipBad: false }), /simple name/);
}));

test('readCorpus names the file and line of a malformed corpus line and rejects an unknown source', () => withDir(async (dir) => {
  await writeFile(join(dir, 'a.jsonl'), '{"text":"x","label":"ms"}\n{"text":1}\n');
  const read = async (sources?: string[]): Promise<number> => { let n = 0; for await (const _ of readCorpus(dir, sources ? { sources } : {})) n++; return n; };
  await assert.rejects(read(), /a\.jsonl:2: a sample needs string fields/);
  await assert.rejects(read(['b']), /has no source "b"/);
}));
