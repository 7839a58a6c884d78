/**
 * Debian's translated books: the Debian Administrator's Handbook (debian-handbook, ~25
 * languages), the Installation Guide (installation-guide-amd64) and the Debian Reference
 * (debian-reference-<lang>). DocBook rendered as HTML; navigation and literal blocks are skipped.
 * Documents are chapters, shared across the languages of one book.
 */
import { join } from 'node:path';
import { labelForLocale } from '../locales.js';
import { markupToParagraphs } from '../markup.js';
import type { CorpusSource, RawDocument, SourceContext } from '../types.js';
import { type LabelledFile, isDirectory, listDir, readLabelledFiles, utf8 } from './util.js';

async function bookFiles(root: string, book: string, englishName: string): Promise<LabelledFile[]> {
  const out: LabelledFile[] = [];
  for (const locale of await listDir(root)) {
    const label = locale === englishName ? 'en' : labelForLocale(locale);
    if (label === undefined || !(await isDirectory(join(root, locale)))) continue;
    for (const name of await listDir(join(root, locale))) {
      if (name.endsWith('.html')) out.push({ label, doc: `${book}:${name}`, path: join(root, locale, name) });
    }
  }
  return out;
}

export const docsSource: CorpusSource = {
  name: 'debian-docs',
  description: "Debian Administrator's Handbook, Installation Guide, Debian Reference (HTML)",
  async *read(ctx: SourceContext): AsyncIterable<RawDocument> {
    const share = join(ctx.debianRoot, 'usr/share');
    const files: LabelledFile[] = [
      ...(await bookFiles(join(share, 'doc/debian-handbook/html'), 'handbook', 'en-US')),
      ...(await bookFiles(join(share, 'doc/installation-guide-amd64'), 'install', 'en')),
    ];
    for (const name of await listDir(join(share, 'debian-reference'))) {
      const m = /^(\w+)\.([\w-]+)\.html$/.exec(name);
      const label = m?.[2] ? labelForLocale(m[2]) : undefined;
      if (m?.[1] && label !== undefined) files.push({ label, doc: `reference:${m[1]}`, path: join(share, 'debian-reference', name) });
    }
    yield* readLabelledFiles(ctx, 'debian-docs', files, 'prose', (bytes) => markupToParagraphs(utf8(bytes)));
  },
};
