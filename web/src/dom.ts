/**
 * A tiny element builder, so views read as a tree without a framework. Children that are
 * strings become text nodes (never parsed as HTML: user text is safe to pass).
 */
export type Child = Node | string | null | undefined | false;

export type Attrs = Record<string, string | number | boolean | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

/** Replaces all children of `parent`. */
export function replace(parent: Node, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, ...children);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html lacks #${id}`);
  return el as T;
}

/** "97 %", "4.2 %", "< 0.1 %": one decimal under 10 %, and never a misleading "0.0 %". */
export function percent(p: number): string {
  const v = Math.max(0, Math.min(1, p)) * 100;
  if (v > 0 && v < 0.05) return '< 0.1 %';
  return `${v.toFixed(v < 10 && v > 0 ? 1 : 0)} %`;
}

/** Elapsed milliseconds as "43 ms" / "1.2 s". */
export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
