/**
 * Language names for the views. The list is the project's own pure-data module, bundled into
 * app.js (a few KB), so names show even before the API answers.
 */
import { LANGUAGES, UNDETERMINED, getLanguage } from '../../src/languages/index.js';
import type { Language } from '../../src/languages/index.js';
import { h } from './dom.js';

export { LANGUAGES, UNDETERMINED, getLanguage };
export type { Language };

/**
 * "Swedish — Svenska": the English name, then the native name in its own script and direction.
 * The native name gets `lang` (right fonts and shaping) and `dir` (rtl for Arabic, Persian,
 * Hebrew; auto otherwise, e.g. "Српски / Srpski").
 */
export function languageLabel(code: string, name?: string, nativeName?: string): HTMLElement {
  const lang = getLanguage(code);
  const english = code === UNDETERMINED ? 'Undetermined' : name ?? lang?.name ?? code;
  const native = nativeName ?? lang?.nativeName;
  const label = h('span', { class: 'lang-label' }, h('span', { class: 'lang-en' }, english));
  if (native !== undefined && native !== english) {
    label.append(' — ', h('bdi', { class: 'lang-native', lang: code, dir: lang?.direction === 'rtl' ? 'rtl' : 'auto' }, native));
  }
  return label;
}

/** Plain text form for titles and aria labels. */
export function languageText(code: string): string {
  const lang = getLanguage(code);
  if (!lang) return code;
  return lang.nativeName === lang.name ? lang.name : `${lang.name} — ${lang.nativeName}`;
}
