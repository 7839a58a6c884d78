/**
 * Spelling dictionaries (hunspell-<lang>, myspell-<lang>: `usr/share/hunspell/<locale>.dic`): word
 * lists, a source of single-word samples for short-input accuracy. Each `.dic` line is
 * `word[/FLAGS][ morphology]`; the `.aff` file's `SET` names the encoding. Abbreviations (all
 * capitals), words with digits or dots, and one-letter words are skipped. Words are spread over 20
 * documents by a hash of the word, so a document split holds out a random twentieth of the words;
 * a word shared by two languages is dropped from both by the corpus-wide de-duplication.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { labelForLocale } from '../locales.js';
import type { CorpusSource, RawDocument, SourceContext } from '../types.js';
import { listDir } from './util.js';
import { isListWord, wordDocuments } from './wordlists.js';

/** The words of a .dic file decoded with the .aff charset. */
export function dictionaryWords(dic: Uint8Array, aff: string | undefined): string[] {
  const charset = /^SET\s+(\S+)/m.exec(aff ?? '')?.[1] ?? 'UTF-8';
  let text: string;
  try {
    text = new TextDecoder(charset.toLowerCase() === 'microsoft-cp1251' ? 'windows-1251' : charset).decode(dic);
  } catch {
    text = new TextDecoder('utf-8').decode(dic);
  }
  const words: string[] = [];
  const lines = text.split('\n');
  for (let k = 1; k < lines.length; k++) {
    const word = (lines[k] ?? '').split(/[/\t ]/)[0]?.trim() ?? '';
    if (isListWord(word)) words.push(word.normalize('NFC'));
  }
  return words;
}

export const wordsSource: CorpusSource = {
  name: 'debian-words',
  description: 'spelling dictionary word lists (hunspell/myspell)',
  async *read(ctx: SourceContext): AsyncIterable<RawDocument> {
    const seenDic = new Set<string>();
    const byLabel = new Map<string, string[]>();
    for (const dir of ['usr/share/hunspell', 'usr/share/myspell/dicts', 'usr/share/myspell']) {
      const root = join(ctx.debianRoot, dir);
      for (const name of await listDir(root)) {
        const m = /^([\w-]+)\.dic$/.exec(name);
        const locale = m?.[1];
        if (!locale || seenDic.has(locale)) continue;
        // English dictionaries are words of English itself, unlike English locale catalogues.
        const label = /^en_US$/.test(locale) ? 'en' : labelForLocale(locale);
        if (label === undefined) continue;
        seenDic.add(locale);
        let aff: string | undefined;
        try { aff = (await readFile(join(root, `${locale}.aff`))).toString('latin1'); } catch { aff = undefined; }
        const words = dictionaryWords(await readFile(join(root, name)), aff);
        byLabel.set(label, [...(byLabel.get(label) ?? []), ...words]);
        ctx.progress(`debian-words: ${locale} ${words.length} words`);
      }
    }
    for (const label of [...byLabel.keys()].sort()) yield* wordDocuments(label, byLabel.get(label) ?? [], ctx.maxCharsPerLabel, 'words');
  },
};
