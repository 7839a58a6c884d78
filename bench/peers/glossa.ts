import type { LanguageModel } from '../../src/model/types.js';
import type { Detector } from './types.js';

type LoadModel = (dir?: string, options?: { threads?: number }) => Promise<LanguageModel>;

/**
 * The library's `loadModel`, or `undefined` while src/index.ts does not export it yet (the model
 * is written by another helper); the benchmarks then run the peers alone and say so.
 */
export async function findLoadModel(): Promise<LoadModel | undefined> {
  const entry = (await import('../../src/index.js')) as Record<string, unknown>;
  const loadModel = entry['loadModel'];
  return typeof loadModel === 'function' ? (loadModel as LoadModel) : undefined;
}

/**
 * Glossa through its public library entry, exactly as a user calls it, on one thread (the peers
 * run on one; bench/speed.ts times the multi-thread `predictBatch` on a row of its own).
 */
export function createGlossa(loadModel: LoadModel, modelDir?: string): Detector & { model(): LanguageModel } {
  let model: LanguageModel | undefined;
  const loaded = (): LanguageModel => {
    if (model === undefined) throw new Error('Glossa: init() first');
    return model;
  };
  const self = {
    name: 'Glossa',
    version: '',
    notes: '`loadModel()` then `predict(text).language`; an answer of `und` (low confidence) counts wrong.',
    covered: [] as readonly string[],
    async init(): Promise<void> {
      model = await loadModel(modelDir, { threads: 1 });
      self.version = model.manifest.modelVersion;
      self.covered = model.labels;
    },
    detect: (text: string): string => loaded().predict(text).language,
    detectBatch: (texts: readonly string[]): string[] => loaded().predictBatch(texts).map((p) => p.language),
    model: loaded,
  };
  return self;
}
