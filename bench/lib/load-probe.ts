/**
 * Run in a fresh process by bench/speed.ts: how long `loadModel` takes and how much the
 * process's resident memory grows, without the peers' libraries or data sets in the same heap.
 * Prints one JSON line. Started with --expose-gc so both RSS readings follow a full collection.
 *
 *   node --expose-gc --import tsx bench/lib/load-probe.ts [MODEL_DIR]
 */
import { performance } from 'node:perf_hooks';
import { findLoadModel } from '../peers/glossa.js';

export interface LoadProbe {
  readonly importMs: number;
  readonly loadMs: number;
  readonly rssBeforeMiB: number;
  readonly rssAfterMiB: number;
  readonly rssGrowthMiB: number;
  readonly firstPredictMs: number;
}

const MiB = 2 ** 20;
const collect = (): void => (globalThis as { gc?: () => void }).gc?.();

async function main(): Promise<void> {
  const modelDir = process.argv[2];
  const t0 = performance.now();
  const loadModel = await findLoadModel();
  const importMs = performance.now() - t0;
  if (loadModel === undefined) throw new Error('src/index.ts does not export loadModel');
  collect();
  const rssBefore = process.memoryUsage().rss;
  const t1 = performance.now();
  const model = await loadModel(modelDir);
  const loadMs = performance.now() - t1;
  const t2 = performance.now();
  model.predict('Dies ist ein kurzer Satz, um das Modell aufzuwärmen.');
  const firstPredictMs = performance.now() - t2;
  collect();
  const rssAfter = process.memoryUsage().rss;
  const probe: LoadProbe = {
    importMs, loadMs, firstPredictMs,
    rssBeforeMiB: rssBefore / MiB, rssAfterMiB: rssAfter / MiB, rssGrowthMiB: (rssAfter - rssBefore) / MiB,
  };
  process.stdout.write(`${JSON.stringify(probe)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`load-probe: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
