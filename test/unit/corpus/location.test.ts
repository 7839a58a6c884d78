import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLabelledFiles } from '../../../src/corpus/sources/util.js';
import type { LabelledFile } from '../../../src/corpus/sources/util.js';

/** Which files a budget-limited read takes, from a cache at `root`. */
async function chosen(root: string): Promise<string[]> {
  const files: LabelledFile[] = [];
  for (let i = 0; i < 40; i++) {
    const path = join(root, 'usr/share/doc', `page-${i}.txt`);
    await mkdir(join(root, 'usr/share/doc'), { recursive: true });
    await writeFile(path, `Dies ist die Seite Nummer ${i} mit etwas deutschem Text darin.`);
    files.push({ label: 'de', doc: `doc:page-${i}`, path });
  }
  const docs: string[] = [];
  // A budget for about a quarter of the files: the order decides which ones are read.
  const ctx = { debianRoot: root, udhrDir: '', maxCharsPerLabel: 600, progress: () => undefined };
  for await (const d of readLabelledFiles(ctx, 'test', files, 'prose', (bytes) => [bytes.toString('utf8')])) docs.push(d.doc);
  return docs;
}

test('the files a source reads under its budget do not depend on where the package cache lives', async () => {
  const a = await mkdtemp(join(tmpdir(), 'glossa-cache-'));
  const b = await mkdtemp(join(tmpdir(), 'glossa-other-place-'));
  try {
    const inA = await chosen(a);
    const inB = await chosen(join(b, 'deeper', 'cache'));
    assert.ok(inA.length > 0 && inA.length < 40, `the budget must cut the list (${inA.length} of 40 read)`);
    assert.deepEqual(inB, inA);
  } finally {
    await rm(a, { recursive: true, force: true });
    await rm(b, { recursive: true, force: true });
  }
});
