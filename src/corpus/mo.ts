/**
 * GNU gettext `.mo` reader (pure: bytes in, entries out). Format: magic 0x950412de in either
 * byte order, revision, N, offset of original-strings table, offset of translations table; each
 * table has N (length, offset) pairs. A msgid may carry a context (`ctxt\u0004id`) and plural forms
 * (`id\0plural`), and a msgstr plural forms separated by NUL. The header entry (empty msgid) is skipped.
 */

export interface MoEntry {
  readonly context: string | undefined;
  readonly msgid: string;
  /** Translations: one, or one per plural form. */
  readonly msgstr: readonly string[];
}

const MAGIC = 0x950412de;

/** Entries of a .mo file; throws an Error naming the problem when the bytes are not a .mo file. */
export function parseMo(buf: Uint8Array): MoEntry[] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf.byteLength < 20) throw new Error('not a .mo file: shorter than its header');
  let little: boolean;
  if (view.getUint32(0, true) === MAGIC) little = true;
  else if (view.getUint32(0, false) === MAGIC) little = false;
  else throw new Error('not a .mo file: bad magic number');
  const u32 = (at: number): number => {
    if (at + 4 > buf.byteLength) throw new Error(`not a .mo file: table entry at ${at} past end`);
    return view.getUint32(at, little);
  };
  const count = u32(8);
  const origTable = u32(12);
  const transTable = u32(16);
  let decoder = new TextDecoder('utf-8', { fatal: false });
  const str = (table: number, k: number): string => {
    const len = u32(table + 8 * k);
    const off = u32(table + 8 * k + 4);
    if (off + len > buf.byteLength) throw new Error(`not a .mo file: string ${k} past end`);
    return decoder.decode(buf.subarray(off, off + len));
  };
  // Old catalogues declare a legacy charset in the header (the msgstr of the empty msgid).
  for (let k = 0; k < count; k++) {
    if (u32(origTable + 8 * k) !== 0) continue;
    const charset = /charset=([\w.:-]+)/i.exec(str(transTable, k))?.[1];
    if (charset !== undefined && !/^(utf-?8|charset)$/i.test(charset)) {
      try { decoder = new TextDecoder(charset); } catch { throw new Error(`unsupported .mo charset ${charset}`); }
    }
    break;
  }
  const entries: MoEntry[] = [];
  for (let k = 0; k < count; k++) {
    const rawId = str(origTable, k);
    if (rawId === '') continue;
    const sep = rawId.indexOf('\u0004');
    const context = sep === -1 ? undefined : rawId.slice(0, sep);
    const msgid = (sep === -1 ? rawId : rawId.slice(sep + 1)).split('\0')[0] ?? '';
    entries.push({ context, msgid, msgstr: str(transTable, k).split('\0') });
  }
  return entries;
}
