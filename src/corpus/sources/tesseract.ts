/**
 * Tesseract's word lists (tesseract-ocr-<lang>: `usr/share/tesseract-ocr/<version>/tessdata/
 * <code>.traineddata`): the words its makers collected from web text for each language, a
 * source of single-word samples. Unlike the spelling dictionaries of debian-words it has Malay
 * (no Malay hunspell dictionary is packaged) and everyday web vocabulary. Sampled like
 * debian-words (wordDocuments); a word shared by two languages is dropped from both by the
 * corpus-wide de-duplication.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CorpusSource, RawDocument, SourceContext } from '../types.js';
import { traineddataWords } from './tessdata.js';
import { listDir } from './util.js';
import { isListWord, wordDocuments } from './words.js';

/** Tesseract's language codes (ISO 639-2, script suffix) for our labels. */
export const TESSERACT_LABELS: Readonly<Record<string, string>> = {
  ara: 'ar', bul: 'bg', cat: 'ca', ces: 'cs', dan: 'da', deu: 'de', eng: 'en', spa: 'es', est: 'et',
  eus: 'eu', fas: 'fa', fin: 'fi', fra: 'fr', heb: 'he', hin: 'hi', hrv: 'hr', hun: 'hu', ind: 'id',
  ita: 'it', jpn: 'ja', kaz: 'kk', kor: 'ko', lit: 'lt', msa: 'ms', nld: 'nl', nor: 'nb', pol: 'pl',
  por: 'pt', ron: 'ro', rus: 'ru', slk: 'sk', slv: 'sl', srp: 'sr', srp_latn: 'sr', swe: 'sv',
  tur: 'tr', ukr: 'uk', vie: 'vi',
};

export const tesseractSource: CorpusSource = {
  name: 'debian-tesseract',
  description: "Tesseract OCR's per-language word lists (web vocabulary)",
  async *read(ctx: SourceContext): AsyncIterable<RawDocument> {
    const root = join(ctx.debianRoot, 'usr/share/tesseract-ocr');
    const byLabel = new Map<string, string[]>();
    for (const version of await listDir(root)) {
      const dir = join(root, version, 'tessdata');
      for (const name of await listDir(dir)) {
        const code = /^(\w+)\.traineddata$/.exec(name)?.[1];
        const label = code === undefined ? undefined : TESSERACT_LABELS[code];
        if (label === undefined) continue;
        const words = traineddataWords(await readFile(join(dir, name))).filter(isListWord).map((w) => w.normalize('NFC'));
        byLabel.set(label, [...(byLabel.get(label) ?? []), ...words]);
        ctx.progress(`debian-tesseract: ${code} ${words.length} words`);
      }
    }
    for (const label of [...byLabel.keys()].sort()) yield* wordDocuments(label, byLabel.get(label) ?? [], ctx.maxCharsPerLabel, 'tesseract');
  },
};
