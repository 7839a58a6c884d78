/**
 * Mozilla localisation files → UI strings. Fluent (`.ftl`): `id = value` with indented
 * continuation lines and `.attribute = value` lines; terms (`-brand-name`), comments, selector
 * variants (`[one] …`) and technical attributes (access keys, styles, sizes) are skipped.
 * Java-style `.properties`: `key = value`, `\uXXXX` escapes, `\` line continuations; semicolon-
 * separated plural forms keep the first.
 */

const TECHNICAL_KEY = /(^|[._-])(accesskey|key|commandkey|keycode|style|width|height|modifiers|shortcut|url|href|src|size|tooltip-key)$/i;

export function fluentStrings(src: string): string[] {
  const out: string[] = [];
  let current: string[] | undefined;
  const flush = (): void => {
    if (current !== undefined) {
      const v = current.join(' ').trim();
      if (v !== '' && !v.includes('->')) out.push(v);
    }
    current = undefined;
  };
  for (const line of src.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') { flush(); continue; }
    const message = /^(-?[A-Za-z][\w-]*)\s*=\s*(.*)$/.exec(line);
    if (message) {
      flush();
      // Terms (`-brand-short-name = Firefox`) are product names, not translations.
      if (!message[1]?.startsWith('-')) current = [message[2] ?? ''];
      continue;
    }
    const attribute = /^\s+\.([\w-]+)\s*=\s*(.*)$/.exec(line);
    if (attribute) {
      flush();
      if (!TECHNICAL_KEY.test(attribute[1] ?? '')) current = [attribute[2] ?? ''];
      continue;
    }
    const trimmed = line.trim();
    if (/^(\*?\[|\})/.test(trimmed)) { flush(); continue; }
    if (/^\s/.test(line) && current !== undefined) current.push(trimmed);
  }
  flush();
  return out;
}

export function propertiesStrings(src: string): string[] {
  const out: string[] = [];
  const lines = src.split('\n');
  for (let k = 0; k < lines.length; k++) {
    let line = (lines[k] ?? '').replace(/\r$/, '');
    if (/^\s*[#!]/.test(line) || line.trim() === '') continue;
    while (/(^|[^\\])(\\\\)*\\$/.test(line) && k + 1 < lines.length) line = line.slice(0, -1) + (lines[++k] ?? '').trimStart();
    const m = /^\s*([^=:\s]+)\s*[=:]\s*(.*)$/.exec(line);
    if (!m || TECHNICAL_KEY.test(m[1] ?? '')) continue;
    const value = (m[2] ?? '')
      .replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
      .replace(/\\([nt])/g, ' ')
      .replace(/\\(.)/g, '$1');
    const first = value.split(';')[0]?.trim() ?? '';
    if (first !== '') out.push(first);
  }
  return out;
}
