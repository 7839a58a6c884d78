/**
 * Story and encyclopaedic text from the gettext catalogues of three strategy games in Debian main:
 *
 * - `debian-wesnoth`: Battle for Wesnoth (wesnoth-1.16-data and the official campaign packages,
 *   GPL): campaign dialogue and narration, unit descriptions, help — everyday narrative language,
 *   ~30 of our languages, Serbian in both scripts (`sr` and `sr@latin` are separate translations).
 *   Catalogues are in `usr/share/games/wesnoth/<version>/locale`.
 * - `debian-freeciv`: Freeciv (freeciv-data, GPL): nation legends (a paragraph of history per
 *   nation, encyclopaedic) and the civilopedia/help of the core catalogue.
 * - `debian-widelands`: Widelands (widelands-data, GPL-2+): campaign and tutorial scenarios (a
 *   story told in messages), the tribes' encyclopaedia, tips and help. The one packaged game with
 *   Malay story text (a campaign scenario), and prose for both sides of da/nb, cs/sk and ca/es.
 *   Catalogues are in `usr/share/games/widelands/data/locale`, one per scenario or topic.
 *
 * Only messages of at least {@link MIN_WORDS} words (counted in the English msgid, so every
 * language keeps the same messages) are read: the catalogues' short strings (unit names, menu
 * labels, name lists) are UI text that the gettext source already covers. A translation equal to
 * its msgid is an untranslated leftover and is dropped. The games' own markup is removed before
 * the shared prose cleaning: Wesnoth help tags (`<ref>dst=… text='Elvish Fighter'</ref>` → its
 * text, `<img>`/`<jump>` dropped), Pango tags (`<span color=…>`, `<b>`), Wesnoth variables
 * (`$unit.name|`), message contexts (`female^Princess`, `?plural:Romans`). Messages are split at
 * line breaks into paragraphs (lists, dialogue turns); one document per catalogue (domain), shared
 * by all its translations.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeEntities } from '../markup.js';
import { parseMo } from '../mo.js';
import type { CorpusSource, RawDocument, SourceContext } from '../types.js';
import { Budget, type CatalogueFile, findCatalogues, listDir, stableShuffle } from './util.js';

/** Messages with fewer words than this in the msgid are labels, not prose, and are skipped. */
export const MIN_WORDS = 4;

/** Catalogue domains the freeciv source reads (and the gettext source therefore leaves out). */
export const FREECIV_DOMAINS: ReadonlySet<string> = new Set(['freeciv-nations', 'freeciv-core']);

/** A message context prefix: Wesnoth `female^`, `race^`; Freeciv `?plural:`, `?nationality:`. */
const CONTEXT_PREFIX = /^(?:[\w ]{1,40}\^|\?[\w-]{1,40}:)/u;

/** Wesnoth variables: `$name`, `$unit.name|`, `$units[0].name`, terminated by an optional `|`. */
const WESNOTH_VARIABLE = /\$[A-Za-z_][\w]*(?:\[\d+\])?(?:\.[A-Za-z_][\w]*(?:\[\d+\])?)*\|?/g;

/**
 * Removes the games' markup from one message and returns its paragraphs (split at line breaks),
 * ready for the shared prose cleaning (placeholders, URLs, spacing).
 */
export function gameMessageParagraphs(message: string): string[] {
  let t = message.replace(CONTEXT_PREFIX, '');
  t = t.replace(/<(img|jump)>[\s\S]*?<\/\1>/g, ' ');
  t = t.replace(/<(ref|bold|italic|header|format)>([\s\S]*?)<\/\1>/g, (_m, _tag: string, body: string) => {
    const m = /\btext=(?:'([^']*)'|"([^"]*)"|(\S+))/.exec(body);
    return m === null ? ' ' : ` ${m[1] ?? m[2] ?? m[3] ?? ''} `;
  });
  t = t.replace(/<\/?[a-zA-Z][^<>]*>/g, ' ');
  t = t.replace(WESNOTH_VARIABLE, ' ');
  t = decodeEntities(t);
  return t
    .split(/\s*\n\s*/)
    // List bullets, and punctuation a removed leading variable leaves ("$name|! How…" → "How…").
    .map((p) => p.replace(/^\s*(?:[*•\-–]\s+)+/, '').replace(/^[\s,;:!?]+/, '').replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '');
}

/** True when a msgid is prose: enough words once context and placeholders are gone, not a name list. */
export function isProseMessage(msgid: string): boolean {
  const t = msgid.replace(CONTEXT_PREFIX, '').replace(WESNOTH_VARIABLE, ' ');
  const words = t.match(/\p{L}+/gu)?.length ?? 0;
  if (words < MIN_WORDS) return false;
  const commas = (t.match(/,/g) ?? []).length;
  return commas < words / 2;
}

/** The prose messages of one catalogue: English msgids and the translations that differ from them. */
export function proseMessages(buf: Uint8Array): { english: string[]; translated: string[] } {
  const english: string[] = [];
  const translated: string[] = [];
  for (const e of parseMo(buf)) {
    if (!isProseMessage(e.msgid)) continue;
    english.push(...gameMessageParagraphs(e.msgid));
    const s = e.msgstr[0] ?? '';
    if (s.trim() === '' || s === e.msgid || s.replace(CONTEXT_PREFIX, '') === e.msgid.replace(CONTEXT_PREFIX, '')) continue;
    translated.push(...gameMessageParagraphs(s));
  }
  return { english, translated };
}

async function* readCatalogueFiles(ctx: SourceContext, sourceName: string, files: readonly CatalogueFile[]): AsyncGenerator<RawDocument> {
  const ordered = stableShuffle(files, (f) => `${f.domain}/${f.locale}`);
  const budget = new Budget(ctx.maxCharsPerLabel);
  const englishSeen = new Set<string>();
  for (const f of ordered) {
    if (budget.full(f.label) && (budget.full('en') || englishSeen.has(f.domain))) continue;
    let parsed: { english: string[]; translated: string[] };
    try {
      parsed = proseMessages(await readFile(f.path));
    } catch (e) {
      ctx.progress(`${sourceName}: skipping ${f.path}: ${(e as Error).message}`);
      continue;
    }
    const doc = `${sourceName.replace(/^debian-/, '')}:${f.domain}`;
    if (!budget.full(f.label) && parsed.translated.length > 0) {
      budget.add(f.label, parsed.translated);
      yield { label: f.label, doc, kind: 'prose', pieces: parsed.translated };
    }
    if (!budget.full('en') && !englishSeen.has(f.domain)) {
      englishSeen.add(f.domain);
      budget.add('en', parsed.english);
      yield { label: 'en', doc, kind: 'prose', pieces: parsed.english };
    }
  }
}

export const wesnothSource: CorpusSource = {
  name: 'debian-wesnoth',
  description: 'Battle for Wesnoth catalogues (campaign story, unit descriptions, help): messages of 4+ words',
  async *read(ctx: SourceContext): AsyncIterable<RawDocument> {
    const base = join(ctx.debianRoot, 'usr/share/games/wesnoth');
    const files: CatalogueFile[] = [];
    for (const version of await listDir(base)) {
      files.push(...(await findCatalogues(join(base, version, 'locale'), (d) => d.startsWith('wesnoth'))));
    }
    yield* readCatalogueFiles(ctx, 'debian-wesnoth', files);
  },
};

export const freecivSource: CorpusSource = {
  name: 'debian-freeciv',
  description: 'Freeciv catalogues (nation legends, civilopedia and help): messages of 4+ words',
  async *read(ctx: SourceContext): AsyncIterable<RawDocument> {
    const files = await findCatalogues(join(ctx.debianRoot, 'usr/share/locale'), (d) => FREECIV_DOMAINS.has(d));
    yield* readCatalogueFiles(ctx, 'debian-freeciv', files);
  },
};

/** Where widelands-data installs its catalogues. */
export const WIDELANDS_LOCALE_DIR = 'usr/share/games/widelands/data/locale';

export const widelandsSource: CorpusSource = {
  name: 'debian-widelands',
  description: 'Widelands catalogues (campaign scenarios, tutorials, encyclopaedia, tips): messages of 4+ words',
  async *read(ctx: SourceContext): AsyncIterable<RawDocument> {
    const files = await findCatalogues(join(ctx.debianRoot, WIDELANDS_LOCALE_DIR), () => true);
    yield* readCatalogueFiles(ctx, 'debian-widelands', files);
  },
};
