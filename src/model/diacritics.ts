/**
 * Latin text as people type it without diacritics ("rozpocet" for "rozpočet", "Chinh phu" for
 * "Chính phủ"): for training copies, so that such input still finds its language. Only marks on
 * Latin letters are dropped (a Devanagari vowel sign or a Cyrillic breve stays), and the letters
 * whose stroke is not a combining mark are mapped to what keyboards without them give.
 */
const LATIN_WITH_MARKS = /(\p{Script=Latin})\p{M}+/gu;
const STROKED = /[đĐłŁıøØæÆßœŒ]/g;
const PLAIN: Readonly<Record<string, string>> = {
  đ: 'd', Đ: 'D', ł: 'l', Ł: 'L', ı: 'i', ø: 'o', Ø: 'O', æ: 'ae', Æ: 'Ae', ß: 'ss', œ: 'oe', Œ: 'Oe',
};

export function stripLatinDiacritics(text: string): string {
  return text.normalize('NFD').replace(LATIN_WITH_MARKS, '$1').replace(STROKED, (c) => PLAIN[c] ?? c).normalize('NFC');
}
