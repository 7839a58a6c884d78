/**
 * Gettext message catalogues of Debian packages (`usr/share/locale/<locale>/LC_MESSAGES/*.mo`):
 * short UI strings written by each language's own translators — the one source that reaches
 * nearly every language, Malay included. A translation identical to its msgid is an untranslated
 * leftover and is dropped. English comes from the msgids themselves. One document per catalogue
 * (domain), shared by all its translations.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseMo } from '../mo.js';
import { FREECIV_DOMAINS } from './games.js';
import type { CorpusSource, RawDocument, SourceContext } from '../types.js';
import { Budget, findCatalogues, stableShuffle } from './util.js';

/**
 * Catalogues of proper names (ISO 639-3 language names, ISO 3166-2 subdivisions): mostly transliterations.
 * Freeciv's prose catalogues are read by the debian-freeciv source instead.
 */
const EXCLUDED_DOMAINS = new Set(['iso_639-3', 'iso_639_3', 'iso_639-5', 'iso_3166-2', 'iso_15924', 'iso_4217']);

/** Translated strings of one catalogue: first plural form, untranslated (msgstr = msgid) left out. */
export function translatedStrings(buf: Uint8Array): { msgids: string[]; msgstrs: string[] } {
  const msgids: string[] = [];
  const msgstrs: string[] = [];
  for (const e of parseMo(buf)) {
    msgids.push(e.msgid);
    const s = e.msgstr[0] ?? '';
    if (s.trim() !== '' && s !== e.msgid) msgstrs.push(s);
  }
  return { msgids, msgstrs };
}

export const gettextSource: CorpusSource = {
  name: 'debian-gettext',
  description: 'gettext .mo catalogues of Debian packages (UI strings); English from the msgids',
  async *read(ctx: SourceContext): AsyncIterable<RawDocument> {
    const uiDomain = (domain: string): boolean => !EXCLUDED_DOMAINS.has(domain) && !FREECIV_DOMAINS.has(domain);
    const files = stableShuffle(await findCatalogues(join(ctx.debianRoot, 'usr/share/locale'), uiDomain), (f) => `${f.domain}/${f.locale}`);
    // Twice the usual budget: short UI strings lose a third to cleaning and de-duplication, and
    // catalogues are the one source that reaches every language (Malay's main one).
    const budget = new Budget(ctx.maxCharsPerLabel * 2);
    const englishSeen = new Set<string>();
    let done = 0;
    for (const f of files) {
      if (++done % 500 === 0) ctx.progress(`debian-gettext: ${done}/${files.length} catalogues`);
      if (budget.full(f.label) && budget.full('en')) continue;
      let parsed: { msgids: string[]; msgstrs: string[] };
      try {
        parsed = translatedStrings(await readFile(f.path));
      } catch (e) {
        ctx.progress(`debian-gettext: skipping ${f.path}: ${(e as Error).message}`);
        continue;
      }
      if (!budget.full(f.label) && parsed.msgstrs.length > 0) {
        budget.add(f.label, parsed.msgstrs);
        yield { label: f.label, doc: `gettext:${f.domain}`, kind: 'ui', pieces: parsed.msgstrs };
      }
      if (!budget.full('en') && !englishSeen.has(f.domain)) {
        englishSeen.add(f.domain);
        budget.add('en', parsed.msgids);
        yield { label: 'en', doc: `gettext:${f.domain}`, kind: 'ui', pieces: parsed.msgids };
      }
    }
  },
};
