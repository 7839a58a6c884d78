/**
 * The in-process predictor: the model loaded into this thread. Used by each `glossa worker`
 * process (one model per process) and inside each thread of the predictor pool.
 */
import type { LanguageModel } from '../../model/types.js';
import type { Predictor } from '../../worker/types.js';
import { loadModel } from '../../index.js';

export function predictorFromModel(model: LanguageModel): Predictor {
  return {
    version: model.manifest.modelVersion,
    labels: model.labels,
    // async so that a throw becomes a rejection, like the pool's
    predictBatch: async (texts) => model.predictBatch(texts),
    explain: async (text) => model.explain(text),
  };
}

/**
 * Loads the model from `modelDir` (default: the shipped one) and wraps it. One thread: the
 * service scales by worker processes and pool threads, each one core, so `predictBatch` shares
 * no batch out to helper threads of its own (model/parallel-batch.ts).
 */
export async function loadInProcessPredictor(modelDir?: string): Promise<Predictor> {
  return predictorFromModel(await loadModel(modelDir, { threads: 1 }));
}
