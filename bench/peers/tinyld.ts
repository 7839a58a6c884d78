import { coverage, restrictTo, toOurCode } from './codes.js';
import type { Detector } from './types.js';
import { packageVersion } from './version.js';

type TinyDetect = (text: string, options?: { only?: string[] }) => string;

/**
 * tinyld, the `heavy` profile (its most accurate). It answers ISO 639-1 where one exists and its
 * `only` option takes those same codes, so the subset is built from `supportedLanguages`
 * (ISO 639-3) through its own `toISO2`.
 */
export function createTinyld(): Detector {
  let detect: TinyDetect | undefined;
  let only: string[] = [];
  const self = {
    name: 'tinyld',
    version: packageVersion('tinyld'),
    notes: '',
    covered: [] as string[],
    async init(): Promise<void> {
      const tiny = await import('tinyld/heavy');
      only = restrictTo(tiny.supportedLanguages.map((iso3) => tiny.toISO2(iso3)));
      detect = tiny.detect;
      self.covered = coverage(only);
      self.notes = `profile \`heavy\`; \`only\` = ${only.length} codes (${only.join(', ')}).`;
    },
    detect(text: string): string {
      if (detect === undefined) throw new Error('tinyld: init() first');
      return toOurCode(detect(text, { only }));
    },
  };
  return self;
}
