/**
 * Wikipedia (online only, opt-in with `--sources wikipedia`): the most-viewed articles of each
 * language's Wikipedia through the MediaWiki API (`generator=mostviewed` with the pages'
 * wikitext), turned into plain paragraphs by `wtf_wikipedia`. The fetch function is injected, so
 * tests use a saved response and never touch the network; without a network the source fails with
 * SOURCE_UNAVAILABLE naming the URL. Articles differ between languages, so each is its own document.
 */
import wtf from 'wtf_wikipedia';
import { GlossaError } from '../../errors.js';
import { LANGUAGE_CODES } from '../../languages/index.js';
import type { CorpusSource, RawDocument, SourceContext } from '../types.js';

/** Wikipedia subdomains whose code differs from our label. */
const WIKI_FOR_LABEL: Record<string, string> = { nb: 'no' };

export interface WikipediaOptions {
  readonly fetch: typeof globalThis.fetch;
  /** Most-viewed articles per language (1…50: one API request). */
  readonly articlesPerLanguage: number;
  /** Labels to fetch; default all 38. */
  readonly labels?: readonly string[];
}

export function wikipediaUrl(label: string, limit: number): string {
  const wiki = WIKI_FOR_LABEL[label] ?? label;
  const q = new URLSearchParams({
    action: 'query', format: 'json', formatversion: '2', generator: 'mostviewed',
    gpvimlimit: String(Math.min(50, Math.max(1, limit))), prop: 'revisions', rvprop: 'content', rvslots: 'main',
  });
  return `https://${wiki}.wikipedia.org/w/api.php?${q.toString()}`;
}

interface ApiPage {
  ns?: number;
  title?: string;
  missing?: boolean;
  revisions?: Array<{ slots?: { main?: { content?: string; contentmodel?: string } } }>;
}

/** The articles (namespace 0, wikitext) of a `generator=mostviewed` API response, in title order. */
export function articlesFromResponse(body: unknown): Array<{ title: string; wikitext: string }> {
  const pages = (body as { query?: { pages?: ApiPage[] } } | null)?.query?.pages;
  if (!Array.isArray(pages)) return [];
  const out: Array<{ title: string; wikitext: string }> = [];
  for (const p of pages) {
    const main = p.revisions?.[0]?.slots?.main;
    if (p.ns !== 0 || p.missing || typeof p.title !== 'string' || typeof main?.content !== 'string') continue;
    if (main.contentmodel !== undefined && main.contentmodel !== 'wikitext') continue;
    out.push({ title: p.title, wikitext: main.content });
  }
  return out.sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
}

/** Plain-text paragraphs of an article; a redirect or an empty page gives none. */
export function wikitextParagraphs(wikitext: string): string[] {
  const doc = wtf(wikitext);
  if (doc.isRedirect()) return [];
  return doc.paragraphs().map((p) => p.text().replace(/\s+/g, ' ').trim()).filter((t) => t !== '');
}

export function wikipediaSource(options: WikipediaOptions): CorpusSource {
  return {
    name: 'wikipedia',
    description: 'most-viewed Wikipedia articles per language (MediaWiki API; needs internet)',
    async *read(ctx: SourceContext): AsyncIterable<RawDocument> {
      for (const label of options.labels ?? LANGUAGE_CODES) {
        const url = wikipediaUrl(label, options.articlesPerLanguage);
        ctx.progress(`wikipedia: ${label}`);
        let body: unknown;
        try {
          const res = await options.fetch(url, { headers: { 'user-agent': 'glossa-corpus/1 (language identification corpus builder)', accept: 'application/json' } });
          if (!res.ok) throw new Error(`HTTP ${res.status}`);
          body = await res.json();
        } catch (e) {
          throw new GlossaError('SOURCE_UNAVAILABLE', `wikipedia: cannot fetch ${url}: ${(e as Error).message} (this source needs internet; build without it: --sources all)`);
        }
        let budget = ctx.maxCharsPerLabel;
        for (const { title, wikitext } of articlesFromResponse(body)) {
          if (budget <= 0) break;
          const pieces = wikitextParagraphs(wikitext);
          budget -= pieces.reduce((n, p) => n + p.length, 0);
          if (pieces.length > 0) yield { label, doc: `wikipedia:${label}:${title}`, kind: 'prose', pieces };
        }
      }
    },
  };
}
