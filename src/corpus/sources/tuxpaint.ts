/**
 * Tux Paint's stamp descriptions (tuxpaint-stamps-default, `usr/share/tuxpaint/stamps/**.txt`):
 * a sentence or two about each of ~950 pictures — animals, food, vehicles, coins, planets — in
 * English and ~80 translations, Malay and Indonesian, Croatian and Serbian (both scripts) among
 * them. Short descriptive prose, the same content in every language, so no language's text differs
 * from another's by style or topic; for Malay, rare packaged text written as sentences. An opt-in
 * source (`--sources all,debian-tuxpaint`): measured as training text and not in the default
 * corpus, it serves as a held-out source of everyday vocabulary (docs/corpus.md).
 *
 * A description file is its English text on the first line, then one `<locale>.utf8=<text>` line
 * per translation. Translations equal to the English are untranslated leftovers and are dropped.
 * One document per stamp folder (`tuxpaint:animals/birds`), shared by all its languages, so a
 * split by document holds out the same pictures in every language.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { labelForLocale } from '../locales.js';
import type { CorpusSource, RawDocument, SourceContext } from '../types.js';
import { Budget, utf8, walkFiles } from './util.js';

/** Where tuxpaint-stamps-default installs its stamps. */
export const STAMPS_DIR = 'usr/share/tuxpaint/stamps';

const TRANSLATION = /^([A-Za-z]{2,3}(?:_[A-Za-z]{2})?(?:@[A-Za-z]+)?)\.utf-?8=(.*)$/i;

/** A description file as (label, text) pairs: English first, then the translations into our languages. */
export function stampDescriptions(src: string): { label: string; text: string }[] {
  const lines = src.replace(/^\uFEFF/, '').split(/\r?\n/);
  const english = (lines[0] ?? '').trim();
  // A file that starts with a translation line has no English line: nothing to compare against.
  if (english === '' || TRANSLATION.test(english)) return [];
  const out = [{ label: 'en', text: english }];
  for (const line of lines.slice(1)) {
    const m = TRANSLATION.exec(line.trim());
    if (m === null) continue;
    const label = labelForLocale(m[1]!);
    const text = m[2]!.trim();
    if (label === undefined || text === '' || text === english) continue;
    out.push({ label, text });
  }
  return out;
}

export const tuxpaintSource: CorpusSource = {
  name: 'debian-tuxpaint',
  description: "Tux Paint's stamp descriptions (a sentence or two per picture, ~80 languages)",
  async *read(ctx: SourceContext): AsyncIterable<RawDocument> {
    const root = join(ctx.debianRoot, STAMPS_DIR);
    const files = await walkFiles(root, (name) => name.endsWith('.txt'));
    // folder → label → texts, in file order (walkFiles sorts), so the output is deterministic.
    const byFolder = new Map<string, Map<string, string[]>>();
    for (const rel of files) {
      let src: string;
      try {
        src = utf8(await readFile(join(root, rel)));
      } catch (e) {
        ctx.progress(`debian-tuxpaint: skipping ${rel}: ${(e as Error).message}`);
        continue;
      }
      const folder = dirname(rel);
      const labels = byFolder.get(folder) ?? new Map<string, string[]>();
      byFolder.set(folder, labels);
      for (const { label, text } of stampDescriptions(src)) {
        const texts = labels.get(label) ?? [];
        texts.push(text);
        labels.set(label, texts);
      }
    }
    const budget = new Budget(ctx.maxCharsPerLabel);
    for (const [folder, labels] of byFolder) {
      for (const [label, pieces] of [...labels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        if (budget.full(label)) continue;
        budget.add(label, pieces);
        yield { label, doc: `tuxpaint:${folder}`, kind: 'prose', pieces };
      }
    }
    ctx.progress(`debian-tuxpaint: ${files.length} description files in ${byFolder.size} folders`);
  },
};
