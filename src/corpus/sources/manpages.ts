/**
 * Translated manual pages (`usr/share/man/<locale>/man<N>/*.gz`, from manpages-<lang> and the
 * packages' own translations; English from `usr/share/man/man<N>/`). Technical prose written in
 * each language. One document per page name and section, shared across languages.
 */
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { manToParagraphs } from '../groff.js';
import { labelForLocale } from '../locales.js';
import type { CorpusSource, RawDocument, SourceContext } from '../types.js';
import { type LabelledFile, isDirectory, listDir, readLabelledFiles, utf8 } from './util.js';

async function pages(dir: string, label: string): Promise<LabelledFile[]> {
  const out: LabelledFile[] = [];
  for (const section of await listDir(dir)) {
    if (!/^man\d\w*$/.test(section)) continue;
    for (const name of await listDir(join(dir, section))) {
      if (!name.endsWith('.gz')) continue;
      out.push({ label, doc: `man:${name.slice(0, -3)}`, path: join(dir, section, name) });
    }
  }
  return out;
}

export const manpagesSource: CorpusSource = {
  name: 'debian-manpages',
  description: 'manual pages (manpages-<lang> and package translations), groff',
  async *read(ctx: SourceContext): AsyncIterable<RawDocument> {
    const root = join(ctx.debianRoot, 'usr/share/man');
    const files: LabelledFile[] = await pages(root, 'en');
    for (const entry of await listDir(root)) {
      if (/^man\d/.test(entry) || !(await isDirectory(join(root, entry)))) continue;
      const label = labelForLocale(entry);
      if (label !== undefined) files.push(...(await pages(join(root, entry), label)));
    }
    yield* readLabelledFiles(ctx, 'debian-manpages', files, 'prose', (bytes) => manToParagraphs(utf8(gunzipSync(bytes))));
  },
};
