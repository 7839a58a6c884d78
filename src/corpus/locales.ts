/**
 * Maps the locale names that packages use (gettext `pt_BR`, `sr@latin`, Firefox `nb-NO`,
 * LibreOffice `pt-BR`, manpages `de`) to Glossa's labels. Regional variants of one language share
 * its label (pt_BR → pt); Norwegian `no`/`nb` → nb; Malay `ms`/`zlm` → ms. Variants that are a
 * different written standard or script than the one we model are excluded (`ca@valencia` stays
 * Catalan, but `sr@ijekavian` and `ms@Arab`-style Jawi are excluded).
 */
import { isLanguageCode } from '../languages/index.js';

const ALIASES: Record<string, string> = {
  no: 'nb', nob: 'nb', zlm: 'ms', zsm: 'ms', msa: 'ms', in: 'id', iw: 'he', pes: 'fa',
};

/** Modifiers (after `@`) that keep the language's label; any other modifier excludes the locale. */
const KEPT_MODIFIERS = new Set(['latin', 'latn', 'cyrillic', 'valencia']);

/** Glossa label for a package locale name, or undefined when it is not one of our languages. */
export function labelForLocale(locale: string): string | undefined {
  const [base = '', modifier] = locale.split('@');
  if (modifier !== undefined && !KEPT_MODIFIERS.has(modifier.toLowerCase())) return undefined;
  const lang = (base.split(/[-_.]/)[0] ?? '').toLowerCase();
  // English catalogues (en_GB, en@quot) are variants of the msgids; English comes from those.
  if (lang === 'en') return undefined;
  const code = ALIASES[lang] ?? lang;
  return isLanguageCode(code) ? code : undefined;
}
