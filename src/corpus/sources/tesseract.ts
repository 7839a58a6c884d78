/**
 * Tesseract's word lists (tesseract-ocr-<lang>: `usr/share/tesseract-ocr/<version>/tessdata/
 * <code>.traineddata`): the words its makers collected from web text for each language —
 * including Malay, which has no packaged spelling dictionary. An opt-in source (`--sources
 * all,debian-tesseract`): measured and not in the default corpus (docs/corpus.md). Sampled like
 * the dictionaries (wordDocuments); a word shared by two languages is dropped from both by the
 * corpus-wide de-duplication.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GlossaError } from '../../errors.js';
import type { CorpusSource, RawDocument, SourceContext } from '../types.js';
import { traineddataWords } from './tessdata.js';
import { listDir } from './util.js';
import { isListWord, wordDocuments } from './wordlists.js';

/** Tesseract's language codes (ISO 639-2, script suffix) for our labels. */
export const TESSERACT_LABELS: Readonly<Record<string, string>> = {
  ara: 'ar', bul: 'bg', cat: 'ca', ces: 'cs', dan: 'da', deu: 'de', eng: 'en', spa: 'es', est: 'et',
  eus: 'eu', fas: 'fa', fin: 'fi', fra: 'fr', heb: 'he', hin: 'hi', hrv: 'hr', hun: 'hu', ind: 'id',
  ita: 'it', jpn: 'ja', kaz: 'kk', kor: 'ko', lit: 'lt', msa: 'ms', nld: 'nl', nor: 'nb', pol: 'pl',
  por: 'pt', ron: 'ro', rus: 'ru', slk: 'sk', slv: 'sl', srp: 'sr', srp_latn: 'sr', swe: 'sv',
  tur: 'tr', ukr: 'uk', vie: 'vi',
};

/** label → the words of its Tesseract lists (every version folder). */
export async function readTesseractWords(ctx: SourceContext): Promise<Map<string, string[]>> {
  const root = join(ctx.debianRoot, 'usr/share/tesseract-ocr');
  const byLabel = new Map<string, string[]>();
  for (const version of await listDir(root)) {
    const dir = join(root, version, 'tessdata');
    for (const name of await listDir(dir)) {
      const code = /^(\w+)\.traineddata$/.exec(name)?.[1];
      const label = code === undefined ? undefined : TESSERACT_LABELS[code];
      if (label === undefined) continue;
      let words: string[];
      try {
        words = traineddataWords(await readFile(join(dir, name))).filter(isListWord).map((w) => w.normalize('NFC'));
      } catch (e) {
        // One damaged file costs its language's list, not the whole corpus build.
        if (!(e instanceof GlossaError)) throw e;
        ctx.progress(`tesseract word list: ${name} skipped: ${e.message}`);
        continue;
      }
      byLabel.set(label, [...(byLabel.get(label) ?? []), ...words]);
      ctx.progress(`tesseract word list: ${code} ${words.length} words`);
    }
  }
  return byLabel;
}

export const tesseractSource: CorpusSource = {
  name: 'debian-tesseract',
  description: "Tesseract OCR's per-language word lists (web vocabulary)",
  async *read(ctx: SourceContext): AsyncIterable<RawDocument> {
    const byLabel = await readTesseractWords(ctx);
    for (const label of [...byLabel.keys()].sort()) yield* wordDocuments(label, byLabel.get(label) ?? [], ctx.maxCharsPerLabel, 'tesseract');
  },
};
