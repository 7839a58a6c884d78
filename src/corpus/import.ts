/**
 * `corpus import`: a user's own labelled data (JSONL `{text,label}` lines, or CSV with a header
 * naming `text` and `label` columns, RFC 4180 quoting) becomes a source of the corpus, so the same
 * pipeline trains any text classifier. Text is whitespace-normalised; empty texts and exact
 * duplicates (same text and label) are skipped and counted. A malformed line fails the import with
 * its line number (CORPUS_INVALID, exit 2) unless `skipBad` is set, in which case it is counted.
 * The manifest is then recomputed over every source of the corpus folder.
 */
import { createReadStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { GlossaError } from '../errors.js';
import { normalizeSpace } from './clean.js';
import { parseCsvRecords } from './csv.js';
import { buildManifest, sampleLine } from './manifest.js';
import { corpusSources, readJsonlSamples } from './read.js';
import type { CorpusManifest, Sample } from './types.js';

export interface ImportOptions {
  readonly file: string;
  readonly format: 'jsonl' | 'csv';
  readonly source: string;
  readonly corpusDir: string;
  readonly skipBad: boolean;
}

export interface ImportResult {
  readonly path: string;
  readonly samples: number;
  readonly labels: number;
  readonly skipped: number;
  readonly duplicates: number;
  readonly fingerprint: string;
}

/** A parsed input record, or the reason it is bad. */
export type RecordResult = { ok: true; text: string; label: string } | { ok: false; reason: string };

export function validateRecord(v: unknown): RecordResult {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { ok: false, reason: 'expected an object {"text": …, "label": …}' };
  const o = v as Record<string, unknown>;
  if (typeof o.text !== 'string') return { ok: false, reason: 'field "text" must be a string' };
  if (typeof o.label !== 'string' || o.label.trim() === '') return { ok: false, reason: 'field "label" must be a non-empty string' };
  return { ok: true, text: o.text, label: o.label.trim() };
}

async function* jsonlRecords(file: string): AsyncGenerator<{ line: number; record: RecordResult }> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    let v: unknown;
    try { v = JSON.parse(line); } catch { yield { line: n, record: { ok: false, reason: 'not valid JSON' } }; continue; }
    yield { line: n, record: validateRecord(v) };
  }
}

async function* csvRecords(file: string): AsyncGenerator<{ line: number; record: RecordResult }> {
  let textCol = -1;
  let labelCol = -1;
  for (const r of parseCsvRecords(await readFile(file, 'utf8'))) {
    if (textCol === -1) {
      const header = r.fields.map((h) => h.trim().toLowerCase());
      textCol = header.indexOf('text');
      labelCol = header.indexOf('label');
      if (textCol === -1 || labelCol === -1) throw new GlossaError('CORPUS_INVALID', `${file}:${r.line}: the CSV header must name the columns "text" and "label" (got ${r.fields.join(',')})`);
      continue;
    }
    if (r.error !== undefined) { yield { line: r.line, record: { ok: false, reason: r.error } }; continue; }
    if (r.fields.length === 1 && r.fields[0] === '') continue;
    const text = r.fields[textCol];
    const label = r.fields[labelCol];
    if (text === undefined || label === undefined) {
      yield { line: r.line, record: { ok: false, reason: `expected at least ${Math.max(textCol, labelCol) + 1} fields, got ${r.fields.length}` } };
      continue;
    }
    yield { line: r.line, record: validateRecord({ text, label }) };
  }
}

export async function importFile(o: ImportOptions): Promise<ImportResult> {
  if (!/^[\w.-]+$/.test(o.source) || o.source === 'manifest') throw new GlossaError('USAGE', `--source must be a simple name (letters, digits, . _ -), got ${JSON.stringify(o.source)}`);
  const records = o.format === 'jsonl' ? jsonlRecords(o.file) : csvRecords(o.file);
  const samples: Sample[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  let duplicates = 0;
  try {
    for await (const { line, record } of records) {
      if (!record.ok) {
        if (!o.skipBad) throw new GlossaError('CORPUS_INVALID', `${o.file}:${line}: ${record.reason}`);
        skipped++;
        continue;
      }
      const text = normalizeSpace(record.text);
      if (text === '') { skipped++; continue; }
      const key = `${record.label}\u0000${text}`;
      if (seen.has(key)) { duplicates++; continue; }
      seen.add(key);
      samples.push({ text, label: record.label, source: o.source, doc: `${o.source}:${line}` });
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new GlossaError('USAGE', `no such file: ${o.file}`);
    throw e;
  }
  if (samples.length === 0) throw new GlossaError('CORPUS_INVALID', `${o.file}: no usable samples`);
  await mkdir(o.corpusDir, { recursive: true });
  const path = join(o.corpusDir, `${o.source}.jsonl`);
  await writeFile(path, samples.map((s) => `${sampleLine(s)}\n`).join(''));
  const manifest = await rebuildManifest(o.corpusDir, o.source);
  return { path, samples: samples.length, labels: new Set(samples.map((s) => s.label)).size, skipped, duplicates, fingerprint: manifest.fingerprint };
}

/** Recomputes manifest.json over every source of the folder (plus `added`), keeping the old drop counts. */
async function rebuildManifest(dir: string, added: string): Promise<CorpusManifest> {
  let dropped: Record<string, number> = {};
  try {
    dropped = (JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as CorpusManifest).dropped ?? {};
  } catch { /* a folder without a manifest */ }
  const names = await corpusSources(dir);
  if (!names.includes(added)) names.push(added);
  const all: Sample[] = [];
  for (const n of names) for await (const s of readJsonlSamples(join(dir, `${n}.jsonl`), n)) all.push(s);
  const manifest = buildManifest(all, names, dropped);
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
