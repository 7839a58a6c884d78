/**
 * `loadModel(dir?)`: the library's way in (ARCHITECTURE.md "Library"). Without a directory it
 * loads the shipped default model (models/ in the package), whether running from src via tsx
 * or from the compiled dist/. A directory may be a model or a registry (then its current version).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { GlossaError } from '../errors.js';
import { readArtifact } from '../model/artifact.js';
import { ParallelBatchModel } from '../model/parallel-batch.js';
import { LinearModel } from '../model/predictor.js';
import type { LanguageModel } from '../model/types.js';
import { resolveModelDir } from './index.js';

/** models/ of this package: ../../models from src/registry/, ../../../models from dist/src/registry/. */
export function defaultModelDir(): string {
  for (const rel of ['../../models', '../../../models']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(dir)) return dir;
  }
  throw new GlossaError('MODEL_NOT_FOUND', 'the shipped models/ directory is missing from this installation');
}

export interface LoadOptions {
  /**
   * Threads `predictBatch` may use, the caller's own included (model/parallel-batch.ts); 1 keeps
   * everything on the calling thread. Default: the cores, at most MAX_DEFAULT_THREADS, on the main
   * thread; 1 in a worker thread (a pool of threads already shares out the cores).
   */
  readonly threads?: number;
}

const MAX_DEFAULT_THREADS = 4;

export function defaultThreads(): number {
  return isMainThread ? Math.min(availableParallelism(), MAX_DEFAULT_THREADS) : 1;
}

export async function loadModel(dir?: string, options: LoadOptions = {}): Promise<LanguageModel> {
  const threads = options.threads ?? defaultThreads();
  if (!Number.isInteger(threads) || threads < 1) throw new GlossaError('USAGE', `threads must be a whole number ≥ 1, got ${String(threads)}`);
  const modelDir = resolveModelDir(dir ?? defaultModelDir());
  const { parts, manifest } = await readArtifact(modelDir);
  const model = new LinearModel(parts, manifest);
  return threads > 1 ? new ParallelBatchModel(model, { modelDir, threads }) : model;
}
