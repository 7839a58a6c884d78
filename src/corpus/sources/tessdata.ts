/**
 * Word lists inside Tesseract's trained language data (`*.traineddata` of tesseract-ocr-<lang>):
 * the LSTM model's word DAWG (a compressed trie of the words Tesseract's makers collected from
 * web text) decoded with the model's character set. Pure TypeScript, so a corpus build needs no
 * Tesseract binary; `dawg2wordlist` prints the same words.
 *
 * Formats (tesseract src/ccutil/tessdatamanager.cpp, src/dict/dawg.cpp):
 * - traineddata: i32 entry count, then one i64 offset per entry type (−1 when absent), then the
 *   entries; an entry ends where the next present one starts.
 * - unicharset: a count line, then one line per character id whose first field is the character
 *   (`NULL` is id 0, the space).
 * - squished DAWG: i16 magic 42, i32 character-set size, i32 edge count, then u64 edges:
 *   character id in the low ⌈log₂ size⌉ bits, three flag bits (last edge of a node, backward,
 *   end of word), the next node's first edge above them (0: none). A node is the run of edges
 *   from its first up to the one marked last.
 */
import { GlossaError } from '../../errors.js';

/** Entry types of a traineddata file (TessdataType), the ones read here. */
export const TESSDATA_LSTM_WORD_DAWG = 19;
export const TESSDATA_LSTM_UNICHARSET = 21;

const DAWG_MAGIC = 42;
const MARKER_FLAG = 1n;
const DIRECTION_FLAG = 2n;
const WORD_END_FLAG = 4n;
const FLAG_BITS = 3n;
/** Longest word followed; a guard against a malformed trie with a cycle. */
const MAX_WORD_CHARS = 64;

function invalid(what: string): GlossaError {
  return new GlossaError('CORPUS_INVALID', `tessdata: ${what}`);
}

/** The bytes of entry `type` of a traineddata file, or undefined when it has none. */
export function tessdataEntry(file: Uint8Array, type: number): Uint8Array | undefined {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (file.byteLength < 4) throw invalid('file too short for a traineddata header');
  const entries = view.getInt32(0, true);
  if (entries <= type || 4 + 8 * entries > file.byteLength) return undefined;
  const offsetOf = (k: number): number => Number(view.getBigInt64(4 + 8 * k, true));
  const start = offsetOf(type);
  if (start < 0) return undefined;
  let end = file.byteLength;
  for (let k = type + 1; k < entries; k++) {
    const next = offsetOf(k);
    if (next >= 0) {
      end = next;
      break;
    }
  }
  if (start > end || end > file.byteLength) throw invalid(`entry ${type} lies outside the file`);
  return file.subarray(start, end);
}

/** Characters by id of a unicharset file; id 0 (`NULL`) is the space. */
export function parseUnicharset(text: string): string[] {
  const lines = text.split('\n');
  const size = Number.parseInt(lines[0] ?? '', 10);
  if (!Number.isInteger(size) || size < 1 || size >= lines.length) throw invalid('unicharset without a valid size line');
  const out: string[] = [];
  for (let id = 0; id < size; id++) {
    const field = (lines[id + 1] ?? '').split(' ')[0] ?? '';
    out.push(id === 0 || field === 'NULL' ? ' ' : field);
  }
  return out;
}

/** Every word of a squished DAWG, in trie order, spelled with `chars` (parseUnicharset). */
export function dawgWords(dawg: Uint8Array, chars: readonly string[]): string[] {
  const view = new DataView(dawg.buffer, dawg.byteOffset, dawg.byteLength);
  if (dawg.byteLength < 10 || view.getInt16(0, true) !== DAWG_MAGIC) throw invalid('not a squished DAWG (bad magic number)');
  const size = view.getInt32(2, true);
  const edgeCount = view.getInt32(6, true);
  if (size < 1 || edgeCount < 1 || 10 + 8 * edgeCount > dawg.byteLength) throw invalid('DAWG header does not match its length');
  const flagStart = BigInt(Math.ceil(Math.log2(size)));
  const letterMask = (1n << flagStart) - 1n;
  const nextShift = flagStart + FLAG_BITS;
  const unoccupied = BigInt.asUintN(64, ~0n << nextShift);
  const edge = (k: number): bigint => view.getBigUint64(10 + 8 * k, true);
  const words: string[] = [];
  // Depth-first, children in stored order: the order dawg2wordlist prints.
  const walk = (node: number, prefix: string, depth: number): void => {
    if (node < 0 || node >= edgeCount || depth > MAX_WORD_CHARS) return;
    for (let k = node; k < edgeCount; k++) {
      const e = edge(k);
      if (e === unoccupied || ((e >> flagStart) & DIRECTION_FLAG) !== 0n) return;
      const id = Number(e & letterMask);
      const word = prefix + (chars[id] ?? '');
      if (((e >> flagStart) & WORD_END_FLAG) !== 0n) words.push(word);
      const next = Number(e >> nextShift);
      if (next !== 0) walk(next, word, depth + 1);
      if (((e >> flagStart) & MARKER_FLAG) !== 0n) return;
    }
  };
  walk(0, '', 0);
  return words;
}

/** The words of a traineddata file's LSTM word list ([] when it has none). */
export function traineddataWords(file: Uint8Array): string[] {
  const dawg = tessdataEntry(file, TESSDATA_LSTM_WORD_DAWG);
  const unicharset = tessdataEntry(file, TESSDATA_LSTM_UNICHARSET);
  if (dawg === undefined || unicharset === undefined) return [];
  return dawgWords(dawg, parseUnicharset(new TextDecoder('utf-8').decode(unicharset)));
}
