/**
 * Firefox ESR language packs (firefox-esr-l10n-<lang>): the browser's UI and messages translated
 * by each Mozilla community — Malay, Kazakh, Basque, Hebrew and Estonian included. The install
 * script unzips each `langpack-<locale>@….xpi`. One document per file path, shared across locales.
 */
import { join } from 'node:path';
import { labelForLocale } from '../locales.js';
import { fluentStrings, propertiesStrings } from '../mozilla.js';
import type { CorpusSource, RawDocument, SourceContext } from '../types.js';
import { type LabelledFile, isDirectory, listDir, readLabelledFiles, utf8, walkFiles } from './util.js';

export const firefoxSource: CorpusSource = {
  name: 'debian-firefox',
  description: 'Firefox ESR language packs (Fluent and .properties UI strings)',
  async *read(ctx: SourceContext): AsyncIterable<RawDocument> {
    const root = join(ctx.debianRoot, 'usr/lib/firefox-esr/browser/extensions');
    const files: LabelledFile[] = [];
    for (const name of await listDir(root)) {
      const m = /^langpack-([\w-]+)@/.exec(name);
      if (!m?.[1] || !(await isDirectory(join(root, name)))) continue;
      const locale = m[1];
      const label = labelForLocale(locale);
      if (label === undefined) continue;
      for (const rel of await walkFiles(join(root, name), (n) => n.endsWith('.ftl') || n.endsWith('.properties'))) {
        // Paths contain the locale (…/localization/ms/browser/x.ftl); take it out so translations share a doc.
        const doc = rel.split('/').filter((p) => p !== locale).join('/');
        files.push({ label, doc: `firefox:${doc}`, path: join(root, name, rel) });
      }
    }
    yield* readLabelledFiles(ctx, 'debian-firefox', files, 'ui', (bytes, f) =>
      f.path.endsWith('.ftl') ? fluentStrings(utf8(bytes)) : propertiesStrings(utf8(bytes)));
  },
};
