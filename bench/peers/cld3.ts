import { coverage, toOurCode } from './codes.js';
import type { Detector } from './types.js';
import { packageVersion } from './version.js';

interface Identifier {
  findLanguage(text: string): { language: string };
}

/**
 * The language codes CLD3's model can answer (from its model card), used only to report which of
 * our languages it covers: cld3-asm exposes no list at run time.
 */
export const CLD3_LANGUAGES: readonly string[] = Object.freeze((
  'af am ar bg bg-Latn bn bs ca ceb co cs cy da de el el-Latn en eo es et eu fa fi fil fr fy ga gd gl '
  + 'gu ha haw hi hi-Latn hmn hr ht hu hy id ig is it iw ja ja-Latn jv ka kk km kn ko ku ky la lb lo '
  + 'lt lv mg mi mk ml mn mr ms mt my ne nl no ny pa pl ps pt ro ru ru-Latn sd si sk sl sm sn so sq '
  + 'sr st su sv sw ta te tg th tr uk ur uz vi xh yi yo zh zh-Latn zu').split(' '));

/**
 * CLD3 (Google's small neural network) through cld3-asm (wasm). It cannot be restricted: its
 * per-language probabilities are not exposed, and `findMostFrequentLanguages` ranks languages of
 * script spans, so a one-script text gets a single candidate. An answer outside our set counts wrong.
 * `create(0, 1000)`: the default minimum of 140 bytes would answer `und` for every short input.
 */
export function createCld3(): Detector {
  let identifier: Identifier | undefined;
  return {
    name: 'cld3-asm',
    version: packageVersion('cld3-asm'),
    notes: '`create(0, 1000)` (no minimum length); `findLanguage`, top-1 only (no restriction possible).',
    covered: coverage(CLD3_LANGUAGES),
    async init(): Promise<void> {
      const { loadModule } = await import('cld3-asm');
      identifier = (await loadModule()).create(0, 1000);
    },
    detect(text: string): string {
      if (identifier === undefined) throw new Error('cld3-asm: init() first');
      return toOurCode(identifier.findLanguage(text).language);
    },
  };
}
