/**
 * Fortune cookies (fortunes-<lang>): jokes, quotations and sayings — informal, conversational
 * language that technical sources lack. The install script unpacks each package into
 * `fortunes/<lang>/`; a sub-folder named after a language (fortunes-cs ships `sk/`) overrides the
 * package's. Entries are separated by `%` lines; offensive collections (`off/`) are left out.
 * Files not in UTF-8 are skipped.
 */
import { join } from 'node:path';
import { labelForLocale } from '../locales.js';
import type { CorpusSource, RawDocument, SourceContext } from '../types.js';
import { type LabelledFile, listDir, readLabelledFiles, utf8, walkFiles } from './util.js';

/** Folder names in fortune packages that name a language other than by its code. */
const FOLDER_LABELS: Record<string, string> = { cz: 'cs' };

/** The entries of a fortune file, each as one paragraph. */
export function fortuneEntries(src: string): string[] {
  return src.split(/^%\s*$/m).map((e) => e.replace(/\s+/g, ' ').trim()).filter((e) => e !== '');
}

export const fortunesSource: CorpusSource = {
  name: 'debian-fortunes',
  description: 'fortune cookie collections (fortunes-<lang>)',
  async *read(ctx: SourceContext): AsyncIterable<RawDocument> {
    const root = join(ctx.debianRoot, 'fortunes');
    const files: LabelledFile[] = [];
    for (const pkgLang of await listDir(root)) {
      const base = join(root, pkgLang, 'usr/share/games/fortunes');
      for (const rel of await walkFiles(base, (n) => !n.endsWith('.dat') && !n.endsWith('.u8'))) {
        const parts = rel.split('/');
        if (parts.includes('off')) continue;
        const folder = parts.length > 1 ? parts[0] ?? '' : '';
        const label = FOLDER_LABELS[folder] ?? labelForLocale(folder) ?? labelForLocale(pkgLang);
        if (label !== undefined) files.push({ label, doc: `fortunes:${pkgLang}/${rel}`, path: join(base, rel) });
      }
    }
    yield* readLabelledFiles(ctx, 'debian-fortunes', files, 'prose', (bytes) => fortuneEntries(utf8(bytes)));
  },
};
