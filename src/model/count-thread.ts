/** Entry of a feature-counting helper thread (count-parallel.ts). */
import { countFeatures } from './dataset.js';
import type { FeatureConfig } from './features.js';
import { answerCall } from './sync-thread.js';

export interface CountInput {
  readonly texts: readonly string[];
  readonly cfg: FeatureConfig;
}

answerCall(({ texts, cfg }: CountInput) => {
  const counted = countFeatures(texts, cfg);
  const { rowPtr, idx, val } = counted.counts;
  return { value: counted, transfer: [rowPtr.buffer, idx.buffer, val.buffer, counted.df.buffer] as ArrayBuffer[] };
});
