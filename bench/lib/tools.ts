/**
 * The tools of one benchmark run: Glossa (when the library and a model are there) followed by
 * every peer that loads. Anything that cannot load is reported, never silently dropped.
 */
import { createGlossa, findLoadModel } from '../peers/glossa.js';
import { loadPeers } from '../peers/index.js';
import type { Detector } from '../peers/types.js';
import type { LanguageModel } from '../../src/model/types.js';

export interface Tools {
  readonly glossa?: Detector & { model(): LanguageModel };
  readonly all: readonly Detector[];
  /** One line per tool that was skipped, and why. */
  readonly skipped: readonly string[];
}

function skipped(name: string, skip: readonly string[]): boolean {
  const lower = name.toLowerCase();
  return skip.some((s) => lower.startsWith(s));
}

export async function loadGlossa(modelDir: string): Promise<{ glossa?: Detector & { model(): LanguageModel }; reason?: string }> {
  const loadModel = await findLoadModel();
  if (loadModel === undefined) return { reason: 'Glossa: src/index.ts does not export loadModel yet' };
  const glossa = createGlossa(loadModel, modelDir);
  try {
    await glossa.init();
    return { glossa };
  } catch (error) {
    return { reason: `Glossa: loading ${modelDir} failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export async function loadTools(modelDir: string, skip: readonly string[]): Promise<Tools> {
  const reasons: string[] = [];
  let glossa: (Detector & { model(): LanguageModel }) | undefined;
  if (!skipped('glossa', skip)) {
    const loaded = await loadGlossa(modelDir);
    glossa = loaded.glossa;
    if (loaded.reason !== undefined) reasons.push(loaded.reason);
  }
  const peers = await loadPeers((line) => reasons.push(line), (name) => skipped(name, skip));
  return { ...(glossa !== undefined ? { glossa } : {}), all: glossa !== undefined ? [glossa, ...peers] : peers, skipped: reasons };
}
