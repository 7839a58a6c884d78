/**
 * GNOME help (`usr/share/help/<locale>/<app>/*.page`, Mallard XML; `C` is English): task-oriented
 * prose from gnome-user-docs and the help of GNOME applications. Paragraphs a translator left in
 * English are removed later by the `untranslated` rule. One document per page, shared across locales.
 */
import { join } from 'node:path';
import { labelForLocale } from '../locales.js';
import { markupToParagraphs } from '../markup.js';
import type { CorpusSource, RawDocument, SourceContext } from '../types.js';
import { type LabelledFile, listDir, readLabelledFiles, utf8, walkFiles } from './util.js';

export const helpSource: CorpusSource = {
  name: 'debian-gnome-help',
  description: 'GNOME help pages (gnome-user-docs and application help), Mallard',
  async *read(ctx: SourceContext): AsyncIterable<RawDocument> {
    const root = join(ctx.debianRoot, 'usr/share/help');
    const files: LabelledFile[] = [];
    for (const locale of await listDir(root)) {
      const label = locale === 'C' ? 'en' : labelForLocale(locale);
      if (label === undefined) continue;
      for (const rel of await walkFiles(join(root, locale), (n) => n.endsWith('.page') || n.endsWith('.xml'))) {
        files.push({ label, doc: `help:${rel}`, path: join(root, locale, rel) });
      }
    }
    yield* readLabelledFiles(ctx, 'debian-gnome-help', files, 'prose', (bytes) => markupToParagraphs(utf8(bytes)));
  },
};
