/** Plain tables for the terminal and Markdown tables for the results files. */

export type Cell = string | number;
export type Align = 'left' | 'right';

function text(cell: Cell): string {
  return typeof cell === 'number' ? String(cell) : cell;
}

/** Columns padded to their widest cell; numbers right-aligned unless `align` says otherwise. */
export function plainTable(header: readonly Cell[], rows: readonly (readonly Cell[])[], align?: readonly Align[]): string {
  const all = [header, ...rows].map((r) => r.map(text));
  const widths = header.map((_, i) => Math.max(...all.map((r) => [...(r[i] ?? '')].length)));
  const alignOf = (i: number): Align => align?.[i] ?? (i === 0 ? 'left' : 'right');
  const line = (r: readonly string[]): string =>
    r.map((c, i) => {
      const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - [...c].length));
      return alignOf(i) === 'left' ? c + pad : pad + c;
    }).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const [head, ...body] = all;
  return [line(head ?? []), rule, ...body.map(line)].join('\n');
}

export function markdownTable(header: readonly Cell[], rows: readonly (readonly Cell[])[], align?: readonly Align[]): string {
  const alignOf = (i: number): Align => align?.[i] ?? (i === 0 ? 'left' : 'right');
  const escape = (c: Cell): string => text(c).replace(/\|/g, '\\|');
  const head = `| ${header.map(escape).join(' | ')} |`;
  const rule = `|${header.map((_, i) => (alignOf(i) === 'left' ? ':---' : '---:')).join('|')}|`;
  return [head, rule, ...rows.map((r) => `| ${r.map(escape).join(' | ')} |`)].join('\n');
}

/** A fraction as a percentage with one decimal, e.g. 0.9876 → "98.8". */
export function percent(fraction: number): string {
  return Number.isFinite(fraction) ? (fraction * 100).toFixed(1) : '–';
}

/** Thousands with a thin grouping, e.g. 52341.7 → "52 342". */
export function thousands(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ') : '–';
}
