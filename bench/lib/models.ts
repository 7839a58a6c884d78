/**
 * Which Glossa model each benchmark uses. The shipped (current) model may have been trained on
 * every corpus source; the targets are about text from a source the model never saw, so the
 * accuracy comparison prefers a version in the registry that held a whole source out
 * (`params.holdoutSource` naming a source). Speed, size and load time are the shipped model's.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isModelDir, resolveModelDir } from '../../src/registry/index.js';

/** glossa train's value for "a seeded share of documents of every source", not a source. */
export const DOCUMENT_SPLIT = 'documents-10pct';

export interface ModelChoice {
  /** The model directory (one version). */
  readonly dir: string;
  /** Why this one, for the report. */
  readonly why: string;
}

interface VersionFacts {
  readonly dir: string;
  readonly version: string;
  readonly createdAt: string;
  readonly holdout?: string;
}

function facts(dir: string): VersionFacts | undefined {
  try {
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      modelVersion?: unknown; createdAt?: unknown; params?: Record<string, unknown>;
    };
    const holdout = m.params?.['holdoutSource'];
    return {
      dir,
      version: typeof m.modelVersion === 'string' ? m.modelVersion : dir,
      createdAt: typeof m.createdAt === 'string' ? m.createdAt : '',
      ...(typeof holdout === 'string' ? { holdout } : {}),
    };
  } catch {
    return undefined;
  }
}

/** The model versions in a registry directory (or the one model, if `dir` is a model). */
export function versionsIn(dir: string): VersionFacts[] {
  if (isModelDir(dir)) return [facts(dir)].filter((f): f is VersionFacts => f !== undefined);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && isModelDir(join(dir, e.name)))
    .map((e) => facts(join(dir, e.name)))
    .filter((f): f is VersionFacts => f !== undefined);
}

/** True when the model was trained with a whole source held out. */
export function isCrossSource(f: { holdout?: string }): boolean {
  return f.holdout !== undefined && f.holdout !== DOCUMENT_SPLIT && f.holdout !== '';
}

/** The shipped model: `dir` itself if it is a model, else the registry's current version. */
export function shippedModel(dir: string): ModelChoice {
  const resolved = resolveModelDir(dir);
  return { dir: resolved, why: resolved === dir ? `--model ${dir}` : `the shipped (current) version of ${dir}/` };
}

/**
 * For accuracy: the shipped model if it held a source out; otherwise the newest version in the
 * registry that did; otherwise the shipped model (its document split is the fallback held-out).
 * A model named directly (not a registry) is always used as is.
 */
export function accuracyModel(dir: string): ModelChoice {
  const shipped = shippedModel(dir);
  if (isModelDir(dir)) return shipped;
  const current = facts(shipped.dir);
  if (current !== undefined && isCrossSource(current)) return { dir: shipped.dir, why: `${shipped.why}; it never saw source ${current.holdout}` };
  const cross = versionsIn(dir).filter(isCrossSource).sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))[0];
  if (cross !== undefined) {
    return {
      dir: cross.dir,
      why: `the newest version in ${dir}/ trained with a whole source held out (${cross.holdout}); the shipped version ${current?.version ?? '?'} was trained on every source, so it cannot be measured on unseen-source text`,
    };
  }
  return shipped;
}
