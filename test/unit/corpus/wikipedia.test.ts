import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articlesFromResponse, wikipediaSource, wikipediaUrl, wikitextParagraphs } from '../../../src/corpus/sources/wikipedia.js';
import { SampleCollector } from '../../../src/corpus/pipeline.js';
import type { RawDocument, SourceContext } from '../../../src/corpus/types.js';
import { GlossaError } from '../../../src/errors.js';
import { fixtureText } from './fixtures.js';

const ctx: SourceContext = { debianRoot: '', udhrDir: '', maxCharsPerLabel: 1e6, progress: () => undefined };
const saved = JSON.parse(fixtureText('wikipedia-ms-mostviewed.json')) as unknown;

async function collect(it: AsyncIterable<RawDocument>): Promise<RawDocument[]> {
  const out: RawDocument[] = [];
  for await (const d of it) out.push(d);
  return out;
}

test('the API URL asks for the most-viewed articles with their wikitext, on the right wiki', () => {
  const url = new URL(wikipediaUrl('nb', 20));
  assert.equal(url.host, 'no.wikipedia.org');
  assert.equal(url.searchParams.get('generator'), 'mostviewed');
  assert.equal(url.searchParams.get('gpvimlimit'), '20');
  assert.equal(url.searchParams.get('rvprop'), 'content');
  assert.equal(new URL(wikipediaUrl('ms', 500)).searchParams.get('gpvimlimit'), '50');
});

test('articles: only namespace-0 wikitext pages; special pages and other content models are skipped', () => {
  const titles = articlesFromResponse(saved).map((a) => a.title);
  assert.deepEqual(titles, ['KL', 'Kuala Lumpur', 'Laman Utama']);
  assert.deepEqual(articlesFromResponse({ error: { code: 'x' } }), []);
  assert.deepEqual(articlesFromResponse(null), []);
});

test('wiki markup becomes plain paragraphs: no templates, references, files or categories; redirects are empty', () => {
  const kl = articlesFromResponse(saved).find((a) => a.title === 'Kuala Lumpur');
  const ps = wikitextParagraphs(kl?.wikitext ?? '');
  assert.ok(ps[0]?.startsWith('Kuala Lumpur (singkatan KL) ialah ibu negara dan bandar terbesar di Malaysia.'), ps[0]);
  const all = ps.join('\n');
  assert.doesNotMatch(all, /\{\{|\}\}|\[\[|<ref|cite web|Kategori|Petronas Towers\.jpg|Infobox|1982112/);
  assert.match(all, /diasaskan pada tahun 1857/);
  assert.deepEqual(wikitextParagraphs('#LENCONG [[Kuala Lumpur]]'), []);
});

test('the source reads through the injected fetch and yields one document per article for each label', async () => {
  const asked: string[] = [];
  const fetch = (async (url: string | URL | Request) => {
    asked.push(String(url));
    return new Response(JSON.stringify(saved), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
  const docs = await collect(wikipediaSource({ fetch, articlesPerLanguage: 5, labels: ['ms'] }).read(ctx));
  assert.equal(asked.length, 1);
  assert.match(asked[0] ?? '', /^https:\/\/ms\.wikipedia\.org\/w\/api\.php\?/);
  assert.ok(docs.every((d) => d.label === 'ms' && d.kind === 'prose' && d.doc.startsWith('wikipedia:ms:')));
  const c = new SampleCollector();
  for (const d of docs) c.add('wikipedia', d);
  const texts = c.finish().map((s) => s.text);
  assert.ok(texts.includes('Kuala Lumpur merupakan pusat kewangan, perniagaan dan kebudayaan negara.'));
});

test('offline or an HTTP error fails with SOURCE_UNAVAILABLE naming the URL', async () => {
  const offline = (async () => { throw new TypeError('fetch failed'); }) as typeof globalThis.fetch;
  await assert.rejects(collect(wikipediaSource({ fetch: offline, articlesPerLanguage: 5, labels: ['ms'] }).read(ctx)),
    (e: unknown) => e instanceof GlossaError && e.code === 'SOURCE_UNAVAILABLE' && /ms\.wikipedia\.org.*fetch failed.*needs internet/.test(e.message));
  const http500 = (async () => new Response('oops', { status: 500 })) as typeof globalThis.fetch;
  await assert.rejects(collect(wikipediaSource({ fetch: http500, articlesPerLanguage: 5, labels: ['ms'] }).read(ctx)), /HTTP 500/);
});
