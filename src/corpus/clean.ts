/**
 * Text-level cleaning shared by all sources: placeholders of printf/ICU/shell/Fluent/Qt,
 * keyboard accelerators (`_File`, `&File`, `(_F)`), leftover tags and entities, control
 * characters; NFC and whitespace collapsed. Pure string → string.
 */
import { decodeEntities } from './markup.js';

const PLACEHOLDERS: readonly RegExp[] = [
  /%(\d+\$)?[-+0#]*(\d+|\*)?(\.(\d+|\*))?(hh|h|ll|l|L|q|j|z|t|I64|I32)?[diouxXeEfFgGaAcspnSCm%]/g, // printf
  /%<[A-Za-z0-9_]+>/g, // gnulib %<PRIu64>
  /%\(?[A-Za-z_][A-Za-z0-9_]*\)[sd]?/g, // python %(name)s
  /%[A-Za-z_][A-Za-z0-9_]*%/g, // %VAR%
  /\$\{[^}]*\}/g, // ${var}
  /\$[A-Za-z_][A-Za-z0-9_]*/g, // $var
  /\{\s*\$?-?[\w.-]*(\s*\([^)]*\))?\s*\}/g, // {0} {name} Fluent { $n } { -brand-short-name }
  /#\d+\b/g, // Mozilla plural placeholders #1
  /%[A-Za-z]\b/g, // %S %F leftovers
];

/** Removes format placeholders; what is left is the translator's own words. */
export function stripPlaceholders(s: string): string {
  let out = s;
  for (const re of PLACEHOLDERS) out = out.replace(re, ' ');
  return out;
}

/**
 * Removes keyboard accelerator markers: GTK `_File`, Qt/Windows `&File` (not `&&`), and the CJK
 * style `(_F)` / `(&F)` suffix.
 */
export function stripAccelerators(s: string): string {
  return s
    .replace(/\s*\((?:_|&)[A-Za-z0-9]\)/g, '')
    .replace(/_(?=[\p{L}\p{N}])/gu, '')
    .replace(/&(?=[\p{L}\p{N}])(?![a-zA-Z][a-zA-Z0-9]*;|#\d+;|#x[0-9a-fA-F]+;)/gu, '')
    .replace(/&&/g, '&');
}

/** Whitespace collapsed, control and zero-width characters removed, NFC. */
export function normalizeSpace(s: string): string {
  return s
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u00ad\u200b\u2060\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Full cleaning of one UI string (gettext msgstr, Firefox string): tags, entities, placeholders, accelerators. */
export function cleanUiString(s: string): string {
  let t = s.replace(/<\/?[a-zA-Z][^<>]*>/g, ' ');
  t = stripAccelerators(t);
  t = decodeEntities(t);
  t = stripPlaceholders(t);
  t = t.replace(/\\[nt]/g, ' ');
  // Quotes and brackets left empty by a removed placeholder ("'%s' not found" → "'' not found").
  t = t.replace(/(['"‘“«„「『([])\s*(['"’”»“」』)\]])/g, ' ');
  // Trailing ellipsis/colon on menu items and stray punctuation left by removed placeholders.
  t = t.replace(/\s+([,.;:!?])/g, '$1').replace(/^[\s,.;:!?\-–—…"'()[\]]+/, '');
  return normalizeSpace(t);
}

/** Cleaning of a prose paragraph already freed of markup: URLs, e-mail addresses, placeholders. */
export function cleanProse(s: string): string {
  let t = s.replace(/\bhttps?:\/\/\S+|\bwww\.\S+/g, ' ').replace(/\S+@\S+\.\w+/g, ' ');
  t = stripPlaceholders(t).replace(/(['"‘“«„「『([])\s*(['"’”»“」』)\]])/g, ' ');
  return normalizeSpace(normalizeSpace(t).replace(/\s+([,.;:!?])/g, '$1'));
}
