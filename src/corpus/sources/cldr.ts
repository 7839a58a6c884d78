/**
 * Unicode CLDR locale data (Debian package `unicode-cldr-core`: `usr/share/unicode/cldr/common/
 * main/<locale>.xml` and `annotations/<locale>.xml`): the everyday words every locale translates —
 * names of languages and countries, months and weekdays, units, time zones, and the keywords and
 * names of emoji (animals, food, weather, feelings, jobs…). Short, common, and written by native
 * speakers for Malay and Indonesian, Croatian and Serbian alike: where these pairs differ in
 * everyday words (Isnin/Senin, Julai/Juli, siječanj/januar) this is where the packages say so.
 *
 * Only the base file of a language (`ms.xml`) or of a script variant (`sr_Latn.xml`) is read;
 * regional files hold a handful of overrides. Patterns, symbols, codes and one-letter ("narrow")
 * forms are not language text and are skipped, and of the calendars only the Gregorian one is
 * read. Names that are the same in several languages (most city names) are dropped later by the
 * corpus-wide de-duplication. Each file is split into a few documents by section, shared across
 * locales, so a document split holds out a section in every language at once.
 */
import { join } from 'node:path';
import { labelForLocale } from '../locales.js';
import { decodeEntities } from '../markup.js';
import type { CorpusSource, RawDocument, SourceContext } from '../types.js';
import { type LabelledFile, listDir, readLabelledFiles, utf8 } from './util.js';

const CLDR_DIR = 'usr/share/unicode/cldr/common';

/** The documents a CLDR file is split into: its top-level sections, and the emoji annotations. */
export const CLDR_SECTIONS = ['localeDisplayNames', 'dates', 'units', 'other', 'annotations'] as const;
export type CldrSection = (typeof CLDR_SECTIONS)[number];

/** Elements whose content is never words in the locale's language (or is only its formatting). */
const SKIPPED = new Set([
  'identity', 'layout', 'contextTransforms', 'characters', 'delimiters', 'posix', 'gender',
  // of `numbers`, only the currency names are words
  'symbols', 'decimalFormats', 'scientificFormats', 'percentFormats', 'currencyFormats',
  'miscPatterns', 'minimalPairs', 'defaultNumberingSystem', 'otherNumberingSystems',
  'minimumGroupingDigits', 'symbol', 'pattern',
  'listPatterns', 'dateFormats', 'timeFormats', 'dateTimeFormats', 'intervalFormats',
  'availableFormats', 'appendItems', 'metadata', 'regionFormat', 'hourFormat', 'gmtFormat',
  'gmtZeroFormat', 'fallbackFormat', 'personNames', 'typographicNames', 'coordinateUnit',
  'durationUnit', 'compoundUnit', 'unitPattern',
]);

/** Glossa label of a CLDR file name (`ms.xml`, `sr_Latn.xml`, `en.xml`), or undefined. */
export function cldrLabel(fileName: string): string | undefined {
  const m = /^([a-z]{2,3})(?:_([A-Z][a-z]{3}))?\.xml$/.exec(fileName);
  if (!m) return undefined;
  const [, lang = '', script] = m;
  if (lang === 'en') return script === undefined ? 'en' : undefined;
  // A script other than the one(s) we model for the language (kk_Arab, ms_Arab, uz_Cyrl…).
  if (script !== undefined && !(lang === 'sr' && script === 'Latn')) return undefined;
  return labelForLocale(lang);
}

/** The section a top-level element of `ldml` belongs to. */
function sectionOf(element: string): CldrSection {
  if (element === 'annotations') return 'annotations';
  if (element === 'localeDisplayNames' || element === 'dates' || element === 'units') return element;
  return 'other';
}

/** The words of one CLDR XML file, by section (sections without words are absent). */
export function cldrPieces(xml: string): Map<CldrSection, string[]> {
  const out = new Map<CldrSection, string[]>();
  // Open elements: name, and whether their content is skipped.
  const stack: Array<{ name: string; skip: boolean }> = [];
  let text = '';
  const tag = /<(\/?)([A-Za-z][\w:-]*)([^>]*?)(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|([^<]+)/g;
  for (let m = tag.exec(xml); m !== null; m = tag.exec(xml)) {
    const [, closing, name, attrs = '', selfClosing, chars] = m;
    if (chars !== undefined) {
      text += chars;
      continue;
    }
    if (name === undefined) continue;
    if (closing === '/') {
      const open = stack.pop();
      if (open !== undefined && !open.skip && stack.length >= 2) emit(out, sectionOf(stack[1]!.name), open.name, attrs, text);
      text = '';
      continue;
    }
    text = '';
    if (selfClosing === '/') continue;
    const parentSkipped = stack.length > 0 && stack[stack.length - 1]!.skip;
    stack.push({ name, skip: parentSkipped || isSkipped(name, attrs) });
  }
  return out;
}

function isSkipped(name: string, attrs: string): boolean {
  if (SKIPPED.has(name)) return true;
  const type = /\btype="([^"]*)"/.exec(attrs)?.[1];
  if (name === 'calendar' && type !== 'gregorian') return true;
  // One-letter forms of months and days ("J", "M"); and `alt="variant"` duplicates.
  if (type === 'narrow' || /\balt="/.test(attrs)) return true;
  return /\bdraft="unconfirmed"/.test(attrs);
}

function emit(out: Map<CldrSection, string[]>, section: CldrSection, element: string, attrs: string, raw: string): void {
  const pieces = element === 'annotation' && !/\btype="tts"/.test(attrs) ? raw.split('|') : [raw];
  for (const piece of pieces) {
    const t = decodeEntities(piece).replace(/\{\d+\}/g, ' ').replace(/\s+/g, ' ').trim();
    if (!/\p{L}/u.test(t)) continue;
    const list = out.get(section);
    if (list) list.push(t);
    else out.set(section, [t]);
  }
}

export const cldrSource: CorpusSource = {
  name: 'debian-cldr',
  description: 'Unicode CLDR locale data (unicode-cldr-core): names of languages, countries, months, days, units; emoji keywords',
  async *read(ctx: SourceContext): AsyncIterable<RawDocument> {
    const files: LabelledFile[] = [];
    for (const dir of ['main', 'annotations']) {
      const base = join(ctx.debianRoot, CLDR_DIR, dir);
      for (const name of await listDir(base)) {
        const label = cldrLabel(name);
        if (label === undefined) continue;
        const sections = dir === 'annotations' ? (['annotations'] as const) : CLDR_SECTIONS.filter((s) => s !== 'annotations');
        for (const section of sections) files.push({ label, doc: `cldr:${section}`, path: join(base, name) });
      }
    }
    // A main file is listed once per section: parse it once (the files are a few hundred KB).
    const parsed = new Map<string, Map<CldrSection, string[]>>();
    const piecesOf = (bytes: Buffer, file: LabelledFile): string[] => {
      let sections = parsed.get(file.path);
      if (sections === undefined) parsed.set(file.path, (sections = cldrPieces(utf8(bytes))));
      return sections.get(file.doc.slice('cldr:'.length) as CldrSection) ?? [];
    };
    yield* readLabelledFiles(ctx, 'debian-cldr', files, 'ui', piecesOf);
  },
};
