/**
 * The 38 languages of Glossa's flagship model (the 38 largest Wikipedias): ISO 639 code,
 * English name, the name in the language itself, writing system(s) and direction.
 * `und` (undetermined) is the answer for text that is too short or is not language; it is not
 * one of the classes.
 */
export type Direction = 'ltr' | 'rtl';

export interface Language {
  /** ISO 639-1 code (ISO 639-3 for Waray-Waray, which has no two-letter code). */
  readonly code: string;
  readonly name: string;
  readonly nativeName: string;
  /** ISO 15924 script codes the language is written in, most common first. */
  readonly scripts: readonly string[];
  readonly direction: Direction;
}

export const UNDETERMINED = 'und' as const;

const L = (code: string, name: string, nativeName: string, scripts: string[], direction: Direction = 'ltr'): Language =>
  Object.freeze({ code, name, nativeName, scripts: Object.freeze(scripts), direction });

export const LANGUAGES: readonly Language[] = Object.freeze([
  L('ar', 'Arabic', 'العربية', ['Arab'], 'rtl'),
  L('bg', 'Bulgarian', 'Български', ['Cyrl']),
  L('ca', 'Catalan', 'Català', ['Latn']),
  L('cs', 'Czech', 'Čeština', ['Latn']),
  L('da', 'Danish', 'Dansk', ['Latn']),
  L('de', 'German', 'Deutsch', ['Latn']),
  L('en', 'English', 'English', ['Latn']),
  L('es', 'Spanish', 'Español', ['Latn']),
  L('et', 'Estonian', 'Eesti', ['Latn']),
  L('eu', 'Basque', 'Euskara', ['Latn']),
  L('fa', 'Persian', 'فارسی', ['Arab'], 'rtl'),
  L('fi', 'Finnish', 'Suomi', ['Latn']),
  L('fr', 'French', 'Français', ['Latn']),
  L('he', 'Hebrew', 'עברית', ['Hebr'], 'rtl'),
  L('hi', 'Hindi', 'हिन्दी', ['Deva']),
  L('hr', 'Croatian', 'Hrvatski', ['Latn']),
  L('hu', 'Hungarian', 'Magyar', ['Latn']),
  L('id', 'Indonesian', 'Bahasa Indonesia', ['Latn']),
  L('it', 'Italian', 'Italiano', ['Latn']),
  L('ja', 'Japanese', '日本語', ['Jpan']),
  L('kk', 'Kazakh', 'Қазақша', ['Cyrl']),
  L('ko', 'Korean', '한국어', ['Kore']),
  L('lt', 'Lithuanian', 'Lietuvių', ['Latn']),
  L('ms', 'Malay', 'Bahasa Melayu', ['Latn']),
  L('nl', 'Dutch', 'Nederlands', ['Latn']),
  L('nb', 'Norwegian (Bokmål)', 'Norsk (Bokmål)', ['Latn']),
  L('pl', 'Polish', 'Polski', ['Latn']),
  L('pt', 'Portuguese', 'Português', ['Latn']),
  L('ro', 'Romanian', 'Română', ['Latn']),
  L('ru', 'Russian', 'Русский', ['Cyrl']),
  L('sk', 'Slovak', 'Slovenčina', ['Latn']),
  L('sl', 'Slovenian', 'Slovenščina', ['Latn']),
  L('sr', 'Serbian', 'Српски / Srpski', ['Cyrl', 'Latn']),
  L('sv', 'Swedish', 'Svenska', ['Latn']),
  L('tr', 'Turkish', 'Türkçe', ['Latn']),
  L('uk', 'Ukrainian', 'Українська', ['Cyrl']),
  L('vi', 'Vietnamese', 'Tiếng Việt', ['Latn']),
  L('war', 'Waray-Waray', 'Winaray', ['Latn']),
]);

export const LANGUAGE_CODES: readonly string[] = Object.freeze(LANGUAGES.map((l) => l.code));

const byCode = new Map(LANGUAGES.map((l) => [l.code, l]));

/** The language with this code, or `undefined` (also for `und`). */
export function getLanguage(code: string): Language | undefined {
  return byCode.get(code);
}

export function isLanguageCode(code: string): boolean {
  return byCode.has(code);
}

/**
 * The pairs that are hard to tell apart (close relatives sharing a script): the model learns
 * marker words for them (src/model/markers.ts).
 */
export const CLOSE_PAIRS: readonly (readonly [string, string])[] = Object.freeze([
  ['ms', 'id'], ['hr', 'sr'], ['da', 'nb'], ['cs', 'sk'], ['es', 'ca'],
  ['ru', 'uk'], ['ru', 'bg'], ['uk', 'bg'], ['ru', 'kk'], ['uk', 'kk'], ['bg', 'kk'],
] as const);
