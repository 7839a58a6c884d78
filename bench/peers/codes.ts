/**
 * Peer libraries answer in their own code systems: ISO 639-1 (eld, tinyld), ISO 639-3 individual
 * languages (franc), legacy codes (CLD2 and CLD3 say `iw` for Hebrew), macrolanguages
 * (`no`, `msa`) and fastText's `__label__xx`. This file turns any of them into one of our 38
 * codes when the mapping is unambiguous, `und` for "no answer", and otherwise returns the code
 * unchanged so it is counted wrong. Every decision here is listed in bench/results/peers.md.
 */
import { LANGUAGE_CODES, UNDETERMINED } from '../../src/languages/index.js';

const OURS: ReadonlySet<string> = new Set(LANGUAGE_CODES);

/**
 * Codes that mean one of our languages. Deliberately absent (counted wrong):
 * `nn`/`nno` Nynorsk (a different written standard from Bokmål), `sh`/`hbs` Serbo-Croatian (could be
 * hr, sr or bs), `bs`/`bos` Bosnian, `arz` and other Arabic varieties, `prs` Dari, `fil`/`tl`
 * Filipino, codes with a subtag (`sr-ME` Montenegrin, `hi-Latn` romanised Hindi, `zh-Hant`).
 */
export const ALIASES: Readonly<Record<string, string>> = Object.freeze({
  // Macrolanguages and individual languages that are exactly our class.
  no: 'nb', nor: 'nb', nob: 'nb',
  msa: 'ms', may: 'ms', zlm: 'ms', zsm: 'ms',
  ara: 'ar', arb: 'ar',
  fas: 'fa', per: 'fa', pes: 'fa',
  est: 'et', ekk: 'et',
  // Withdrawn ISO 639-1 codes still emitted by CLD2/CLD3.
  iw: 'he', in: 'id',
  // ISO 639-3 (and 639-2/B where it differs) for the rest.
  bul: 'bg', cat: 'ca', ces: 'cs', cze: 'cs', dan: 'da', deu: 'de', ger: 'de', eng: 'en',
  spa: 'es', eus: 'eu', baq: 'eu', fin: 'fi', fra: 'fr', fre: 'fr', heb: 'he', hin: 'hi',
  hrv: 'hr', hun: 'hu', ind: 'id', ita: 'it', jpn: 'ja', kaz: 'kk', kor: 'ko', lit: 'lt',
  nld: 'nl', dut: 'nl', pol: 'pl', por: 'pt', ron: 'ro', rum: 'ro', rus: 'ru', slk: 'sk',
  slo: 'sk', slv: 'sl', srp: 'sr', swe: 'sv', tur: 'tr', ukr: 'uk', vie: 'vi',
});

/** Answers that mean "I cannot tell" in the peers' vocabularies. */
const NO_ANSWER: ReadonlySet<string> = new Set(['', 'und', 'un', 'unknown', 'zxx', 'xxx']);

/**
 * One of our codes, `und`, or the peer's own code (lower-cased, `__label__` removed), which is
 * then counted as a wrong answer.
 */
export function toOurCode(raw: string): string {
  const code = raw.trim().toLowerCase().replace(/^__label__/, '');
  if (NO_ANSWER.has(code)) return UNDETERMINED;
  if (OURS.has(code)) return code;
  return ALIASES[code] ?? code;
}

export function isOurs(code: string): boolean {
  return OURS.has(code);
}

/**
 * The first candidate (best first) that is one of our languages: how we restrict tools that can
 * rank languages but not be told which ones to consider. With no candidate in our set, the
 * tool's top answer is returned (and counted wrong); with no candidates, `und`.
 */
export function bestInSet(rankedCodes: Iterable<string>): string {
  let first: string | undefined;
  for (const raw of rankedCodes) {
    const code = toOurCode(raw);
    if (OURS.has(code)) return code;
    first ??= code;
  }
  return first ?? UNDETERMINED;
}

/**
 * A peer's own codes for our languages, for its "only these languages" option: the codes it
 * supports whose mapping is one of ours. A peer code that maps to a language we already have
 * (franc's `nob` and, hypothetically, `nor`) is kept too: the restriction must not drop a spelling.
 */
export function restrictTo(peerCodes: Iterable<string>): string[] {
  const kept: string[] = [];
  for (const code of peerCodes) if (OURS.has(toOurCode(code))) kept.push(code);
  return kept;
}

/** Which of our languages a peer can name at all, given its supported codes. */
export function coverage(peerCodes: Iterable<string>): string[] {
  const covered = new Set<string>();
  for (const code of peerCodes) {
    const ours = toOurCode(code);
    if (OURS.has(ours)) covered.add(ours);
  }
  return LANGUAGE_CODES.filter((c) => covered.has(c));
}
