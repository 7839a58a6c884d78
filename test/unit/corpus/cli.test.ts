import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/helpers.js';

test('glossa corpus: bad usage exits 2 with a one-line reason', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'glossa-cli-'));
  try {
    const unknown = await runCli(['corpus', 'build', '--out', dir, '--sources', 'udhr,nope']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown corpus source "nope"; known: .*udhr/);

    const noCache = await runCli(['corpus', 'build', '--out', dir, '--sources', 'debian', '--cache', join(dir, 'none')]);
    assert.equal(noCache.code, 2);
    assert.match(noCache.stderr, /install-corpus-deps\.sh/);

    const csv = join(dir, 'bad.csv');
    await writeFile(csv, 'text,label\n"ok",ms\n"unterminated,ms\n');
    const bad = await runCli(['corpus', 'import', csv, '--format', 'csv', '--corpus', join(dir, 'c')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /bad\.csv:3: unterminated quoted field \[CORPUS_INVALID\]/);

    const fmt = await runCli(['corpus', 'import', csv, '--format', 'xml']);
    assert.equal(fmt.code, 2);
    assert.match(fmt.stderr, /--format must be jsonl or csv/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('glossa corpus stats prints the table and fingerprint of an imported corpus', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'glossa-cli-'));
  try {
    const file = join(dir, 'd.jsonl');
    await writeFile(file, '{"text":"Selamat pagi semua","label":"ms"}\n{"text":"Selamat pagi semuanya","label":"id"}\n');
    const corpus = join(dir, 'corpus');
    const imp = await runCli(['corpus', 'import', file, '--format', 'jsonl', '--source', 'mine', '--corpus', corpus]);
    assert.equal(imp.code, 0, imp.stderr);
    const stats = await runCli(['corpus', 'stats', '--corpus', corpus]);
    assert.equal(stats.code, 0, stats.stderr);
    assert.match(stats.stdout, /^ms\s+1\/0k\s+1\s+18\s+THIN/m);
    assert.match(stats.stdout, /fingerprint: [0-9a-f]{64}/);
    const none = await runCli(['corpus', 'stats', '--corpus', join(dir, 'missing')]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no corpus at/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
