/**
 * man page source (groff with the man macros) → prose paragraphs. Paragraph macros (.PP, .TP,
 * .SH, …) end a paragraph; bold text (\fB…\fP, .B, the B parts of .BR/.RB/…) is dropped because in
 * man pages it marks literal commands and options, not language; italic and roman text is kept.
 * Preformatted blocks (.nf/.fi, .EX/.EE), tables (.TS/.TE), macro definitions and the synopsis are
 * skipped. Escapes are decoded or removed.
 */

const BREAKS = new Set(['PP', 'LP', 'P', 'TP', 'IP', 'HP', 'SH', 'SS', 'sp', 'br', 'RS', 'RE', 'TQ', 'bp', 'in', 'ti', 'UR', 'UE', 'MT', 'ME', 'SY', 'YS', 'OP']);
const ALTERNATING = new Set(['BR', 'RB', 'BI', 'IB', 'IR', 'RI']);
const SKIP_BLOCKS: Record<string, string> = { nf: 'fi', EX: 'EE', TS: 'TE', de: '..', am: '..', ig: '..', EQ: 'EN', PS: 'PE' };
const SYNOPSIS = /^(synopsis|übersicht|synopsis|sinopsis|sinossi|resumo|sinopse|синтаксис|обзор|огляд|ringkasan|kullanım|skrócony opis|składnia|přehled|áttekintés|yhteenveto|beskrivning av syntax|översikt|overzicht|sammendrag|oversigt|sintaxă|rezumat|書式|概要|tóm tắt|cú pháp|синопсис|sažetak)$/i;

const NAMED: Record<string, string> = {
  em: '—', en: '–', hy: '-', aq: "'", dq: '"', lq: '“', rq: '”', oq: '‘', cq: '’', bu: '•',
  co: '©', rg: '®', tm: '™', de: '°', mu: '×', Fo: '«', Fc: '»', fo: '‹', fc: '›', 'a-': '¯',
  ga: '`', ha: '^', ti: '~', sl: '/', rs: '\\', ba: '|', lh: '', rh: '', '<=': '≤', '>=': '≥',
};

const COMBINING: Record<string, string> = { "'": '\u0301', '`': '\u0300', '^': '\u0302', '~': '\u0303', ':': '\u0308', ',': '\u0327', o: '\u030a', v: '\u030c', '"': '\u030b', '.': '\u0307' };
const LETTERS: Record<string, string> = { ss: 'ß', ae: 'æ', AE: 'Æ', '/o': 'ø', '/O': 'Ø', '/l': 'ł', '/L': 'Ł', oe: 'œ', OE: 'Œ', '-d': 'ð', '-D': 'Ð', th: 'þ', TH: 'Þ', 'r!': '¡', 'r?': '¿', '.i': 'ı' };

/** A groff special character by name: \(em, \('a (accent then letter), \[a'] (letter then accent), \[u00E9]. */
function glyph(name: string): string {
  const named = NAMED[name] ?? LETTERS[name];
  if (named !== undefined) return named;
  const u = /^u([0-9A-Fa-f]{4,6})$/.exec(name);
  if (u?.[1]) return String.fromCodePoint(parseInt(u[1], 16));
  if (name.length === 2) {
    const [a = '', b = ''] = name;
    if (COMBINING[a] !== undefined && /[A-Za-z]/.test(b)) return (b + COMBINING[a]).normalize('NFC');
    if (COMBINING[b] !== undefined && /[A-Za-z]/.test(a)) return (a + COMBINING[b]).normalize('NFC');
  }
  return '';
}

/** Decodes one line of groff text, dropping bold runs. `font` carries the current font across lines. */
function decodeLine(line: string, state: { font: string }): string {
  let out = '';
  let i = 0;
  const visible = (): boolean => !/^(B|BI|CB|CW|C)$/.test(state.font);
  while (i < line.length) {
    const c = line[i];
    if (c !== '\\') { if (visible()) out += c; i++; continue; }
    const e = line[i + 1] ?? '';
    i += 2;
    if (e === 'f') {
      let f = line[i] ?? 'R';
      if (f === '(') { f = line.slice(i + 1, i + 3); i += 3; }
      else if (f === '[') { const end = line.indexOf(']', i); f = line.slice(i + 1, end === -1 ? line.length : end) || 'P'; i = end === -1 ? line.length : end + 1; }
      else i++;
      state.font = f === 'P' || f === '1' || f === 'R' ? 'R' : f === '2' ? 'I' : f === '3' ? 'B' : f;
      continue;
    }
    let t = '';
    if (e === '(') { t = glyph(line.slice(i, i + 2)); i += 2; }
    else if (e === '[') {
      const end = line.indexOf(']', i);
      const name = line.slice(i, end === -1 ? line.length : end);
      i = end === -1 ? line.length : end + 1;
      t = glyph(name);
    } else if (e === '*') {
      // string interpolation \*x, \*(xx, \*[name]
      const n = line[i];
      i += n === '(' ? 3 : n === '[' ? Math.max(1, line.indexOf(']', i) - i + 1) : 1;
    } else if (e === 's') {
      const m = /^[+-]?(\d+|\(\d\d|\[\d+\])/.exec(line.slice(i));
      i += m ? m[0].length : 0;
    } else if (e === 'n' || e === 'm' || e === 'g' || e === 'k' || e === 'F') {
      const n = line[i];
      i += n === '(' ? 3 : n === '[' ? Math.max(1, line.indexOf(']', i) - i + 1) : 1;
    } else if ('hvwlLNoDbHSxXYRzZAB'.includes(e) && line[i] === "'") {
      const end = line.indexOf("'", i + 1);
      i = end === -1 ? line.length : end + 1;
    } else if (e === '"' || e === '#') { break; }
    else if (e === '-' ) t = '-';
    else if (e === 'e' || e === '\\') t = '\\';
    else if (e === '~' || e === ' ' || e === '0') t = ' ';
    else if (e === "'") t = '´';
    else if (e === '`') t = '`';
    else if (e === '.') t = '.';
    // \& \| \^ \c \% \: \) and unknown escapes produce nothing.
    if (visible()) out += t;
  }
  return out;
}

function macroArgs(rest: string): string[] {
  const args: string[] = [];
  const re = /"((?:[^"]|"")*)"|(\S+)/g;
  for (let m = re.exec(rest); m; m = re.exec(rest)) args.push((m[1] ?? m[2] ?? '').replace(/""/g, '"'));
  return args;
}

export function manToParagraphs(src: string): string[] {
  const paragraphs: string[] = [];
  let current: string[] = [];
  const state = { font: 'R' };
  const flush = (): void => {
    const t = current.join(' ').replace(/\s+/g, ' ').trim();
    if (t !== '') paragraphs.push(t);
    current = [];
  };
  let skipUntil: string | undefined;
  let inSynopsis = false;
  for (const raw of src.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const control = /^[.'][ \t]*([A-Za-z0-9.]+|\\")?(.*)$/.exec(line);
    if (skipUntil !== undefined) {
      if (control?.[1] === skipUntil || (skipUntil === '..' && /^\.\.\s*$/.test(line))) skipUntil = undefined;
      continue;
    }
    if (!control) {
      if (!inSynopsis) current.push(decodeLine(line, state));
      continue;
    }
    const name = control[1] ?? '';
    const rest = control[2] ?? '';
    if (name === '' || name.startsWith('\\"')) continue;
    const blockEnd = SKIP_BLOCKS[name];
    if (blockEnd !== undefined) { flush(); skipUntil = blockEnd; continue; }
    if (name === 'SH' || name === 'SS') {
      flush();
      inSynopsis = SYNOPSIS.test(macroArgs(rest).join(' ').trim());
      continue;
    }
    if (BREAKS.has(name)) { flush(); state.font = 'R'; continue; }
    if (inSynopsis) continue;
    const args = macroArgs(rest);
    if (name === 'I' || name === 'SM' || name === 'RI' && args.length === 1) {
      current.push(decodeLine(args.join(' '), { font: 'R' }));
    } else if (ALTERNATING.has(name)) {
      // e.g. .BR ls (1) → font B for "ls", R for "(1)": keep only the non-bold parts.
      args.forEach((a, k) => {
        const font = name[k % 2] ?? 'R';
        if (font !== 'B') current.push(decodeLine(a, { font: 'R' }));
      });
    }
    // .B, .TH, .so, .ds, .nr, .if, .ft, … carry no prose.
  }
  flush();
  return paragraphs;
}
