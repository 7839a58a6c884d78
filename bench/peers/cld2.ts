import { createRequire } from 'node:module';
import { bestInSet, coverage } from './codes.js';
import type { Detector } from './types.js';
import { packageVersion } from './version.js';

interface Cld2Binding {
  /** (text, isPlainText, languageHint, encodingHint, tldHint, httpHint, bestEffort) */
  detect(text: string, plain: boolean, lang: string, enc: string, tld: string, http: string, bestEffort: boolean): {
    languages: { code: string; percent: number }[];
  };
  DETECTED_LANGUAGES: string[];
  LANGUAGES: Record<string, string>;
}

/**
 * CLD2 through the `cld` native binding. The package's `detect` is asynchronous (a libuv worker
 * thread per call), which would measure thread hand-off rather than CLD2 and use a second core;
 * the binding's synchronous `detect` runs the same C++ call on the calling thread. `bestEffort`
 * makes it answer short text instead of `un`; we take the first of its (up to) three languages
 * that is one of ours.
 */
export function createCld2(): Detector {
  let binding: Cld2Binding | undefined;
  const self = {
    name: 'CLD2 (cld)',
    version: packageVersion('cld'),
    notes: 'synchronous native `detect`, plain text, `bestEffort: true`; best of our languages among its top 3.',
    covered: [] as string[],
    init(): Promise<void> {
      binding = createRequire(import.meta.url)('cld/build/Release/cld.node') as Cld2Binding;
      // LANGUAGES maps every name CLD2 knows to its code; DETECTED_LANGUAGES names those it can answer.
      const detectable = new Set(binding.DETECTED_LANGUAGES);
      self.covered = coverage(Object.entries(binding.LANGUAGES).filter(([name]) => detectable.has(name)).map(([, code]) => code));
      return Promise.resolve();
    },
    detect(text: string): string {
      if (binding === undefined) throw new Error('CLD2: init() first');
      const result = binding.detect(text, true, '', '', '', '', true);
      return bestInSet(result.languages.map((l) => l.code));
    },
  };
  return self;
}
