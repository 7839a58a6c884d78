/**
 * LibreOffice help (libreoffice-help-<lang>, HTML): the largest body of translated prose in
 * Debian, for ~25 of our languages. Only the page's `DisplayArea` is read; elements hidden for
 * other platforms (the macOS variants of menu paths) are skipped. One document per help page.
 */
import { join } from 'node:path';
import { labelForLocale } from '../locales.js';
import { markupToParagraphs } from '../markup.js';
import type { CorpusSource, RawDocument, SourceContext } from '../types.js';
import { type LabelledFile, listDir, readLabelledFiles, utf8, walkFiles } from './util.js';

export const libreofficeSource: CorpusSource = {
  name: 'debian-libreoffice-help',
  description: 'LibreOffice help pages (HTML)',
  async *read(ctx: SourceContext): AsyncIterable<RawDocument> {
    const root = join(ctx.debianRoot, 'usr/share/libreoffice/help');
    const files: LabelledFile[] = [];
    for (const locale of await listDir(root)) {
      const label = labelForLocale(locale);
      if (label === undefined) continue;
      for (const rel of await walkFiles(join(root, locale), (n) => n.endsWith('.html'))) {
        files.push({ label, doc: `lohelp:${rel}`, path: join(root, locale, rel) });
      }
    }
    yield* readLabelledFiles(ctx, 'debian-libreoffice-help', files, 'prose', (bytes) =>
      markupToParagraphs(utf8(bytes), { rootId: 'DisplayArea' }));
  },
};
