/**
 * `loadModel(dir?)`: the library's way in (ARCHITECTURE.md "Library"). Without a directory it
 * loads the shipped default model (models/ in the package), whether running from src via tsx
 * or from the compiled dist/. A directory may be a model or a registry (then its current version).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GlossaError } from '../errors.js';
import { readArtifact } from '../model/artifact.js';
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

export async function loadModel(dir?: string): Promise<LanguageModel> {
  const modelDir = resolveModelDir(dir ?? defaultModelDir());
  const { parts, manifest } = await readArtifact(modelDir);
  return new LinearModel(parts, manifest);
}
