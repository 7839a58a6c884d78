/**
 * Mozilla language packs (firefox-esr-l10n-<lang>, thunderbird-l10n-<lang>): the browser's and the
 * mail client's UI and messages translated by each Mozilla community — Malay, Kazakh, Basque,
 * Hebrew and Estonian included. The install script unzips each `langpack-<locale>@….xpi`. One
 * document per file path (locale folders taken out), shared across locales; the two products are
 * separate sources because Thunderbird repeats much of Firefox's toolkit text (de-duplicated).
 */
import { join } from 'node:path';
import { labelForLocale } from '../locales.js';
import { fluentStrings, propertiesStrings } from '../mozilla.js';
import type { CorpusSource, RawDocument, SourceContext } from '../types.js';
import { type LabelledFile, isDirectory, listDir, readLabelledFiles, utf8, walkFiles } from './util.js';

function mozillaSource(name: string, product: string, dirs: readonly string[]): CorpusSource {
  return {
    name,
    description: `${product} language packs (Fluent and .properties UI strings)`,
    async *read(ctx: SourceContext): AsyncIterable<RawDocument> {
      const files: LabelledFile[] = [];
      for (const dir of dirs) {
        const root = join(ctx.debianRoot, dir);
        for (const entry of await listDir(root)) {
          const m = /^langpack-([\w-]+)@/.exec(entry);
          if (!m?.[1] || !(await isDirectory(join(root, entry)))) continue;
          const locale = m[1];
          const label = labelForLocale(locale);
          if (label === undefined) continue;
          for (const rel of await walkFiles(join(root, entry), (n) => n.endsWith('.ftl') || n.endsWith('.properties'))) {
            const doc = rel.split('/').filter((p) => p !== locale).join('/');
            files.push({ label, doc: `${product.toLowerCase()}:${doc}`, path: join(root, entry, rel) });
          }
        }
      }
      yield* readLabelledFiles(ctx, name, files, 'ui', (bytes, f) =>
        f.path.endsWith('.ftl') ? fluentStrings(utf8(bytes)) : propertiesStrings(utf8(bytes)));
    },
  };
}

export const firefoxSource = mozillaSource('debian-firefox', 'Firefox', ['usr/lib/firefox-esr/browser/extensions']);
export const thunderbirdSource = mozillaSource('debian-thunderbird', 'Thunderbird', ['usr/lib/thunderbird/extensions', 'usr/share/thunderbird/extensions', 'usr/lib/thunderbird/distribution/extensions']);
