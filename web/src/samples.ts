/**
 * Short texts to try, written for Glossa (not copied from anywhere). The Danish / Norwegian /
 * Swedish trio says the same thing, which is the hard case for a character-n-gram model.
 */
export interface Sample {
  readonly label: string;
  /** The language the sample is written in (`und` for the not-language one). */
  readonly language: string;
  readonly text: string;
}

export const SAMPLES: readonly Sample[] = [
  { label: 'Svenska', language: 'sv', text: 'Vi ses på fredag vid sjön, om vädret håller i sig. Glöm inte att ta med kaffe och kanelbullar.' },
  { label: 'Dansk', language: 'da', text: 'Vi ses på fredag nede ved søen, hvis vejret holder. Husk at tage kaffe og wienerbrød med.' },
  { label: 'Norsk', language: 'nb', text: 'Vi ses på fredag nede ved sjøen, hvis været holder seg. Husk å ta med kaffe og boller.' },
  { label: 'Deutsch', language: 'de', text: 'Wir sehen uns am Freitag am See, wenn das Wetter hält. Vergiss den Kaffee nicht!' },
  { label: 'Español', language: 'es', text: 'Nos vemos el viernes junto al lago si hace buen tiempo. No olvides traer el café.' },
  { label: 'Suomi', language: 'fi', text: 'Nähdään perjantaina järven rannalla, jos sää pysyy hyvänä. Muista ottaa kahvia mukaan.' },
  { label: 'Русский', language: 'ru', text: 'Увидимся в пятницу у озера, если погода не испортится. Не забудь взять кофе.' },
  { label: 'العربية', language: 'ar', text: 'سنلتقي يوم الجمعة عند البحيرة إذا كان الطقس جميلا. لا تنس أن تحضر القهوة.' },
  { label: 'עברית', language: 'he', text: 'נתראה ביום שישי ליד האגם אם מזג האוויר יהיה טוב. אל תשכח להביא קפה.' },
  { label: 'हिन्दी', language: 'hi', text: 'अगर मौसम अच्छा रहा तो शुक्रवार को झील के किनारे मिलते हैं। कॉफ़ी लाना मत भूलना।' },
  { label: '日本語', language: 'ja', text: '天気が良ければ、金曜日に湖のそばで会いましょう。コーヒーを忘れないでね。' },
  { label: '12:45 :-)', language: 'und', text: '12:45 :-) #42' },
];
