/** The registry of corpus sources, in build order (earlier sources win duplicates). */
import { GlossaError } from '../../errors.js';
import type { CorpusSource } from '../types.js';
import { cldrSource } from './cldr.js';
import { docsSource } from './docs.js';
import { firefoxSource, thunderbirdSource } from './firefox.js';
import { fortunesSource } from './fortunes.js';
import { freecivSource, wesnothSource, widelandsSource } from './games.js';
import { gettextSource } from './gettext.js';
import { helpSource } from './help.js';
import { libreofficeSource } from './libreoffice.js';
import { manpagesSource } from './manpages.js';
import { mediawikiSource } from './mediawiki.js';
import { tesseractSource } from './tesseract.js';
import { tuxpaintSource } from './tuxpaint.js';
import { udhrSource } from './udhr.js';
import { wikipediaSource } from './wikipedia.js';
import { wordsSource } from './words.js';

/** Characters each source reads per label by default (≈ 1 MB of text). */
export const DEFAULT_MAX_CHARS_PER_LABEL = 1_000_000;

/** Sources built from installed packages only, in build order. */
export const OFFLINE_SOURCES: readonly CorpusSource[] = [
  udhrSource, helpSource, docsSource, libreofficeSource, manpagesSource, fortunesSource, gettextSource, firefoxSource, thunderbirdSource,
  wordsSource, wesnothSource, freecivSource, mediawikiSource, widelandsSource,
];

/**
 * Offline sources that are built only when named (`--sources all,debian-cldr`): measured and not
 * part of the default corpus (docs/corpus.md says why), kept for other classifiers and uses.
 */
export const OPTIONAL_SOURCES: readonly CorpusSource[] = [cldrSource, tesseractSource, tuxpaintSource];

/** Names that stand for several sources. */
export const SOURCE_GROUPS: Readonly<Record<string, readonly string[]>> = {
  all: OFFLINE_SOURCES.map((s) => s.name),
  debian: OFFLINE_SOURCES.filter((s) => s.name.startsWith('debian-')).map((s) => s.name),
};

export interface OnlineOptions {
  readonly fetch: typeof globalThis.fetch;
  readonly articlesPerLanguage: number;
}

/** Sources that need the internet; never part of a group, only used when named. */
export const ONLINE_SOURCES: readonly string[] = ['wikipedia'];

/**
 * The sources for a list of names and groups (default: every offline source), in build order
 * (online sources last). An unknown name is a usage error listing the known ones.
 */
export function resolveSources(names: readonly string[] | undefined, online: OnlineOptions): CorpusSource[] {
  const known = new Map([...OFFLINE_SOURCES, ...OPTIONAL_SOURCES].map((s) => [s.name, s]));
  const wanted = new Set<string>();
  for (const n of names ?? ['all']) {
    const group = SOURCE_GROUPS[n];
    if (group) group.forEach((g) => wanted.add(g));
    else if (known.has(n) || ONLINE_SOURCES.includes(n)) wanted.add(n);
    else throw new GlossaError('USAGE', `unknown corpus source "${n}"; known: ${[...Object.keys(SOURCE_GROUPS), ...known.keys(), ...ONLINE_SOURCES].join(', ')}`);
  }
  const out = [...known.values()].filter((s) => wanted.has(s.name));
  if (wanted.has('wikipedia')) out.push(wikipediaSource({ fetch: online.fetch, articlesPerLanguage: online.articlesPerLanguage }));
  return out;
}
