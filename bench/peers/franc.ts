import { coverage, restrictTo, toOurCode } from './codes.js';
import type { Detector } from './types.js';
import { packageVersion } from './version.js';

type Franc = (value: string, options: { only: string[]; minLength: number }) => string;

/** Every code franc can answer: trigram profiles per script, plus the script-only languages (jpn, kor). */
export async function francCodes(): Promise<string[]> {
  const [{ data }, { expressions }] = await Promise.all([import('franc/data.js'), import('franc/expressions.js')]);
  const codes = new Set<string>(Object.keys(expressions));
  for (const byLanguage of Object.values(data)) for (const code of Object.keys(byLanguage)) codes.add(code);
  return [...codes].sort();
}

/**
 * franc (trigram distance, ISO 639-3). Restricted with `only`; `minLength: 1` because its default
 * of 10 characters would answer `und` for most single words and many word pairs.
 */
export function createFranc(): Detector {
  let franc: Franc | undefined;
  let options: { only: string[]; minLength: number } = { only: [], minLength: 1 };
  const self = {
    name: 'franc',
    version: packageVersion('franc'),
    notes: '',
    covered: [] as string[],
    async init(): Promise<void> {
      franc = (await import('franc')).franc;
      const only = restrictTo(await francCodes());
      options = { only, minLength: 1 };
      self.covered = coverage(only);
      self.notes = `\`only\` = ${only.length} ISO 639-3 codes (${only.join(', ')}); \`minLength: 1\`.`;
    },
    detect(text: string): string {
      if (franc === undefined) throw new Error('franc: init() first');
      return toOurCode(franc(text, options));
    },
  };
  return self;
}
