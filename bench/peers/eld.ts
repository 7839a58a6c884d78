import { coverage, restrictTo, toOurCode } from './codes.js';
import type { Detector } from './types.js';
import { packageVersion } from './version.js';

interface EldInstance {
  detect(text: string): { language: string };
  setLanguageSubset(languages: string[] | boolean): Record<number, string>;
  info(): { Languages: Record<number, string> };
}

/**
 * eld (n-gram scores, ISO 639-1), the `large` database (its most accurate). Restricted with
 * `setLanguageSubset`, which filters its scores to the subset before choosing.
 */
export function createEld(): Detector {
  let detector: EldInstance | undefined;
  const self = {
    name: 'eld',
    version: packageVersion('eld'),
    notes: '',
    covered: [] as string[],
    async init(): Promise<void> {
      const { eld } = await import('eld/large');
      const instance = eld.newInstance() as EldInstance;
      const subset = restrictTo(Object.values(instance.info().Languages));
      instance.setLanguageSubset(subset);
      detector = instance;
      self.covered = coverage(subset);
      self.notes = `database \`large\`; \`setLanguageSubset\` = ${subset.length} codes (${subset.join(', ')}).`;
    },
    detect(text: string): string {
      if (detector === undefined) throw new Error('eld: init() first');
      return toOurCode(detector.detect(text).language);
    },
  };
  return self;
}
