/**
 * Serbian is written in both Cyrillic and Latin, one letter for one letter (Вук Караџић's
 * alphabet and Gaj's Latin alphabet), but most of the packaged Serbian text is Cyrillic. Training
 * on a Latin transliteration of it teaches the model Serbian Latin, which otherwise looks like
 * Croatian with unusual words. Example: `Сва људска бића` → `Sva ljudska bića`.
 */
const SR_CYRL_TO_LATN: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', ђ: 'đ', е: 'e', ж: 'ž', з: 'z', и: 'i', ј: 'j', к: 'k', л: 'l', љ: 'lj',
  м: 'm', н: 'n', њ: 'nj', о: 'o', п: 'p', р: 'r', с: 's', т: 't', ћ: 'ć', у: 'u', ф: 'f', х: 'h', ц: 'c', ч: 'č',
  џ: 'dž', ш: 'š',
  А: 'A', Б: 'B', В: 'V', Г: 'G', Д: 'D', Ђ: 'Đ', Е: 'E', Ж: 'Ž', З: 'Z', И: 'I', Ј: 'J', К: 'K', Л: 'L', Љ: 'Lj',
  М: 'M', Н: 'N', Њ: 'Nj', О: 'O', П: 'P', Р: 'R', С: 'S', Т: 'T', Ћ: 'Ć', У: 'U', Ф: 'F', Х: 'H', Ц: 'C', Ч: 'Č',
  Џ: 'Dž', Ш: 'Š',
};

const CYRILLIC = /[\u0400-\u04ff]/g;

export function serbianToLatin(text: string): string {
  return text.replace(CYRILLIC, (c) => SR_CYRL_TO_LATN[c] ?? c);
}

/** True when most letters of `text` are Cyrillic. */
export function mostlyCyrillic(text: string): boolean {
  const cyr = text.match(CYRILLIC)?.length ?? 0;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  return letters > 0 && cyr * 2 > letters;
}
