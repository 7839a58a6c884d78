/**
 * `node --import tsx bench/model.ts [--model DIR] [--data FILE] [--out FILE]` — the model's own
 * figures: load time, RSS growth, size on disk, held-out accuracy by input kind (sentences of
 * ~100 characters, word pairs, single words; macro over labels), and single-thread speed of
 * `predict` and `predictBatch`, with CLD2 (npm `cld`, the fastest peer) timed in the same run
 * as the baseline. Held-out data: --data, else data/corpus/<holdoutSource>.jsonl from the
 * model's manifest. Writes a Markdown report (default bench/results/model.md).
 */
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLabelled } from '../src/cli/commands/eval.js';
import { loadModel } from '../src/index.js';
import { computeMetrics } from '../src/model/metrics.js';
import { heldOutSets, type Labelled } from '../src/model/holdout.js';
import type { LanguageModel } from '../src/model/types.js';
import { defaultModelDir } from '../src/registry/load.js';
import { resolveModelDir } from '../src/registry/index.js';
import { formatMachine, machineInfo } from './lib/machine.js';
import { createCld2 } from './peers/cld2.js';

const SKIPPED = 75;
const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const modelRoot = flag('model') ?? defaultModelDir();
const outFile = flag('out') ?? 'bench/results/model.md';

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function dirBytes(dir: string): number {
  return readdirSync(dir).reduce((s, f) => s + statSync(join(dir, f)).size, 0);
}

/** Runs `fn` over `texts` repeatedly for at least `ms`; returns texts per second. */
function throughput(texts: readonly string[], ms: number, fn: (t: readonly string[]) => void): number {
  fn(texts.slice(0, 512)); // warm up
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    fn(texts);
    n += texts.length;
  }
  return (n / (performance.now() - t0)) * 1000;
}

/**
 * CLD2's throughput through the binding's synchronous `detect` (bench/peers/cld2.ts): the
 * package's own `detect` is asynchronous, one libuv thread hand-off per call, which measured the
 * hand-off (3–7 k/s) rather than CLD2.
 */
async function cld2Throughput(texts: readonly string[], ms: number): Promise<number | undefined> {
  const cld2 = createCld2();
  try {
    await cld2.init();
  } catch {
    return undefined;
  }
  return throughput(texts, ms, (list) => {
    for (const t of list) cld2.detect(t);
  });
}

const macro = (m: LanguageModel, set: readonly Labelled[]): { macro: number; per: Map<string, number> } => {
  const pred = m.predictBatch(set.map((x) => x.text)).map((p) => p.language);
  const met = computeMetrics(set.map((x) => x.label), pred);
  return { macro: met.macroRecall, per: new Map(met.perClass.map((c) => [c.label, c.recall])) };
};

const machine = formatMachine(machineInfo());
console.log(`machine: ${machine}`);
gc();
const rss0 = process.memoryUsage().rss;
const t0 = performance.now();
// One thread: the table below is single-thread throughput (bench/speed.ts times the shared-out batch).
const model = await loadModel(modelRoot, { threads: 1 });
const loadMs = performance.now() - t0;
model.predict('warm up');
gc();
const rssGrowth = (process.memoryUsage().rss - rss0) / 2 ** 20;
const modelDir = resolveModelDir(modelRoot);
const sizeMiB = dirBytes(modelDir) / 2 ** 20;
const params = model.manifest.params;
const holdout = typeof params['holdoutSource'] === 'string' ? params['holdoutSource'] : undefined;
const data = flag('data') ?? (holdout ? join('data/corpus', `${holdout}.jsonl`) : undefined);
if (!data || !existsSync(data)) {
  console.error(`bench/model: no held-out data (${data ?? 'the model names no hold-out source'}); build the corpus or pass --data FILE`);
  process.exit(SKIPPED);
}
const trained = Array.isArray(params['sources']) ? (params['sources'] as string[]) : [];
const records = (await readLabelled(data)).filter((r) => r.source === undefined || !trained.includes(r.source));
const sets = heldOutSets(records, 300, 1);
const acc = { sentences: macro(model, sets.sentences), pairs: macro(model, sets.pairs), words: macro(model, sets.words) };
const sentences = sets.sentences.map((s) => s.text);
const single = throughput(sentences, 3000, (ts) => {
  for (const t of ts) model.predict(t);
});
const batch = throughput(sentences, 3000, (ts) => {
  for (let i = 0; i < ts.length; i += 256) model.predictBatch(ts.slice(i, i + 256));
});
const cld2 = await cld2Throughput(sentences, 3000);

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const k = (x: number): string => `${(x / 1000).toFixed(1)}k/s`;
const labels = [...acc.sentences.per.keys()].sort();
const lines = [
  '# Model benchmark (bench/model.ts)',
  '',
  `Machine: ${machine}`,
  `Model: ${model.manifest.modelVersion} (trained on ${trained.join(', ') || 'unknown'}; n-grams ${String(params['minN'])}-${String(params['maxN'])}, ${String(params['buckets'])} buckets)`,
  `Held-out data: ${data}, records from sources the model was not trained on: ${records.length}; 300 per label and kind.`,
  '',
  '| figure | value |',
  '|---|---|',
  `| macro accuracy, sentences (~100 chars) | ${pct(acc.sentences.macro)} |`,
  `| macro accuracy, word pairs | ${pct(acc.pairs.macro)} |`,
  `| macro accuracy, single words | ${pct(acc.words.macro)} |`,
  `| predict, single thread, sentences | ${k(single)} |`,
  `| predictBatch (256), single thread | ${k(batch)} |`,
  `| CLD2 (npm cld) in the same run | ${cld2 === undefined ? 'n/a' : k(cld2)} |`,
  `| model size on disk | ${sizeMiB.toFixed(2)} MiB |`,
  `| load time | ${loadMs.toFixed(0)} ms |`,
  `| RSS growth after load | ${rssGrowth.toFixed(1)} MiB |`,
  '',
  '| label | sentences | pairs | words |',
  '|---|---|---|---|',
  ...labels.map((l) => `| ${l} | ${pct(acc.sentences.per.get(l) ?? 0)} | ${pct(acc.pairs.per.get(l) ?? 0)} | ${pct(acc.words.per.get(l) ?? 0)} |`),
  '',
];
writeFileSync(outFile, lines.join('\n'));
console.log(lines.join('\n'));
