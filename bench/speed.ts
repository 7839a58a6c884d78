/**
 * Single-thread throughput on the held-out sentence set: Glossa `predict`, Glossa
 * `predictBatch`, and every peer on the same sentences, in a seeded random order (a mixed
 * stream of languages, as traffic arrives; the set itself is grouped by language, which keeps
 * one language's table entries in cache from text to text and flatters every tool), with the
 * tools' rounds interleaved (bench/lib/timing.ts); plus, on a row of its own, `predictBatch` as
 * `loadModel()` gives it by default (each batch shared with helper threads, one per further
 * core: src/model/parallel-batch.ts); plus Glossa's load time and the RSS
 * growth after loading (measured in a fresh process). Prints the machine first and writes the
 * speed section of bench/results/peers.md.
 *
 *   node --import tsx bench/speed.ts [--seconds 2] [--rounds 3] [--batch 512]
 */
import { execFileSync } from 'node:child_process';
import { statSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadModel } from '../src/index.js';
import { ParallelBatchModel } from '../src/model/parallel-batch.js';
import { resolveModelDir } from '../src/registry/index.js';
import { defaultThreads } from '../src/registry/load.js';
import { accuracyModel, shippedModel } from './lib/models.js';
import { MissingPrerequisite } from './lib/heldout.js';
import { formatMachine, machineInfo } from './lib/machine.js';
import { commandLine, parseBenchArgs } from './lib/options.js';
import type { LoadProbe } from './lib/load-probe.js';
import { writeSection } from './lib/report.js';
import { prepareSets } from './lib/sets.js';
import { markdownTable, plainTable, thousands } from './lib/table.js';
import type { Cell } from './lib/table.js';
import { measureInterleaved, median } from './lib/timing.js';
import type { Throughput, Timed } from './lib/timing.js';
import { loadTools } from './lib/tools.js';
import { rng, shuffled } from './lib/random.js';

interface Row {
  readonly name: string;
  readonly version: string;
  readonly result: Throughput;
}

function probeLoad(modelDir: string, times: number): LoadProbe[] {
  const probes: LoadProbe[] = [];
  for (let i = 0; i < times; i++) {
    const probe = new URL('./lib/load-probe.ts', import.meta.url).pathname;
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', probe, modelDir], { encoding: 'utf8' });
    probes.push(JSON.parse(out.trim().split('\n').pop() ?? '{}') as LoadProbe);
  }
  return probes;
}

/** Bytes of the model version actually loaded (models/ itself may hold several versions). */
function modelBytes(dir: string): { dir: string; bytes: number } {
  const version = resolveModelDir(dir);
  return { dir: version, bytes: readdirSync(version).reduce((sum, f) => sum + statSync(join(version, f)).size, 0) };
}

/**
 * `predictBatch` as `loadModel()` gives it by default: the batch shared out with helper threads
 * (src/model/parallel-batch.ts), one per further core. Returned once the helpers are loaded and
 * have answered a chunk, so the timed rounds see the steady state; undefined on one core.
 */
async function parallelBatch(modelDir: string, sentences: readonly string[], size: number): Promise<Timed | undefined> {
  const threads = defaultThreads();
  if (threads < 2) return undefined;
  const model = await loadModel(modelDir, { threads });
  if (!(model instanceof ParallelBatchModel)) return undefined;
  const pass = (): number => {
    let n = 0;
    for (let i = 0; i < sentences.length; i += size) n += model.predictBatch(sentences.slice(i, i + size)).length;
    return n;
  };
  for (let i = 0; i < 300 && model.stats().helperChunks === 0; i++) {
    pass();
    await sleep(50);
  }
  if (model.stats().helperChunks === 0) throw new Error(`the predictBatch helper threads did not start: ${JSON.stringify(model.stats())}`);
  return { name: `Glossa predictBatch (${size}, ${threads} threads)`, pass };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const options = parseBenchArgs(argv);
  const machine = formatMachine(machineInfo());
  console.log(`machine: ${machine}`);
  // The same held-out sentences as the accuracy run; the shipped model is the one timed.
  const sets = await prepareSets(options, accuracyModel(options.modelDir).dir);
  const shipped = shippedModel(options.modelDir);
  const sentences = shuffled(sets.sets.sentences.map((s) => s.text), rng(options.seed));
  if (sentences.length === 0) throw new Error('no held-out sentences to time');
  const chars = sentences.reduce((n, s) => n + s.length, 0);
  console.log(`${sentences.length} sentences, mean ${(chars / sentences.length).toFixed(0)} characters, from ${sets.description}`);

  let load: LoadProbe[] = [];
  const tools = await loadTools(shipped.dir, options.skip);
  if (tools.glossa !== undefined) {
    console.log(`Glossa model: ${relative(process.cwd(), shipped.dir)} (${shipped.why}); load: 3 fresh processes…`);
    load = probeLoad(shipped.dir, 3);
  }
  for (const line of tools.skipped) console.log(`not run: ${line}`);

  const timed: Timed[] = [];
  const versions = new Map<string, string>();
  for (const tool of tools.all) {
    const name = `${tool.name} ${tool.detectBatch ? 'predict' : 'detect'}`;
    versions.set(name, tool.version);
    timed.push({ name, pass: () => {
      let n = 0;
      for (const s of sentences) n += tool.detect(s).length;
      return n;
    } });
    const batch = tool.detectBatch?.bind(tool);
    if (batch !== undefined) {
      const batchName = `${tool.name} predictBatch (${options.batch})`;
      versions.set(batchName, tool.version);
      timed.push({ name: batchName, pass: () => {
        let n = 0;
        for (let i = 0; i < sentences.length; i += options.batch) n += batch(sentences.slice(i, i + options.batch)).length;
        return n;
      } });
    }
  }
  const parallel = tools.glossa === undefined ? undefined : await parallelBatch(shipped.dir, sentences, options.batch);
  if (parallel !== undefined) {
    versions.set(parallel.name, tools.glossa?.version ?? '');
    timed.push(parallel);
  }
  console.log(`timing: warm-up, then ${options.rounds} rounds; each round times every tool for ≥ ${options.seconds} s, in a rotating order; best round kept`);
  const results = measureInterleaved(sentences.length, timed, options.seconds, options.rounds, (r) => console.log(`  round ${r}/${options.rounds} done`));
  const rows: Row[] = timed.map((t) => ({ name: t.name, version: versions.get(t.name) ?? '', result: results.get(t.name)! }));
  for (const r of rows) console.log(`  ${r.name}: ${thousands(r.result.perSecond)} sentences/s (rounds ${r.result.rounds.map(thousands).join(', ')})`);

  const cld2 = rows.find((r) => r.name.startsWith('CLD2'));
  const header = ['tool', 'version', 'sentences/s (best)', 'µs/sentence', 'vs CLD2', 'median', 'vs CLD2 (median)'];
  const table: Cell[][] = rows.map((r) => [
    r.name, r.version, thousands(r.result.perSecond), (1e6 / r.result.perSecond).toFixed(1),
    cld2 ? `${(r.result.perSecond / cld2.result.perSecond).toFixed(2)}×` : '–',
    thousands(r.result.median),
    cld2 ? `${(r.result.median / cld2.result.median).toFixed(2)}×` : '–',
  ]);
  console.log(`\n${plainTable(header, table, ['left', 'left'])}`);

  const loadLines: string[] = [];
  if (load.length > 0) {
    const size = modelBytes(shipped.dir);
    loadLines.push(
      `- Model on disk (${relative(process.cwd(), size.dir)}/): ${(size.bytes / 2 ** 20).toFixed(2)} MiB`,
      `- \`loadModel()\`: ${median(load.map((p) => p.loadMs)).toFixed(0)} ms (median of ${load.length} fresh processes: ${load.map((p) => p.loadMs.toFixed(0)).join(', ')} ms); importing the library before it: ${median(load.map((p) => p.importMs)).toFixed(0)} ms (tsx, uncompiled)`,
      `- RSS growth after load (after GC): ${median(load.map((p) => p.rssGrowthMiB)).toFixed(1)} MiB (RSS ${median(load.map((p) => p.rssBeforeMiB)).toFixed(0)} → ${median(load.map((p) => p.rssAfterMiB)).toFixed(0)} MiB)`,
      `- First \`predict\` after load: ${median(load.map((p) => p.firstPredictMs)).toFixed(1)} ms`,
    );
    console.log(`\n${loadLines.join('\n')}`);
  }
  if (options.write) {
    const md = [
      '## Speed (sentences; one thread, but for the row that names its threads)', '',
      `- Machine: ${machine}`,
      `- Command: \`${commandLine('bench/speed.ts', argv)}\``,
      ...(tools.glossa !== undefined ? [`- Glossa model: \`${relative(process.cwd(), shipped.dir)}\` — ${shipped.why}`] : []),
      `- Input: the ${sentences.length} held-out sentences of the accuracy set (mean ${(chars / sentences.length).toFixed(0)} characters), in a seeded random order (languages mixed, as traffic arrives), in one process, one thread — except the row that names its threads: \`predictBatch\` as \`loadModel()\` gives it by default, sharing each batch with helper threads (one per further core); ${sets.description}`,
      `- Method: warm-up, then ${options.rounds} rounds; each round times every tool for ≥ ${options.seconds} s of whole passes, in an order that rotates from round to round, so that all tools share the machine's changing load. The best round is reported (the machine's 2 cores are shared, and interference only slows a round down), and the median beside it.`,
      ...tools.skipped.map((l) => `- Not run: ${l}`),
      '', markdownTable(header, table, ['left', 'left']), '',
      ...(loadLines.length > 0 ? ['### Glossa load', '', ...loadLines] : []),
    ].join('\n');
    writeSection(options.out, 'speed', md);
    console.log(`\nwrote ${options.out}`);
  }
}

main().catch((error: unknown) => {
  console.error(`bench/speed: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof MissingPrerequisite) process.exit(MissingPrerequisite.EXIT_CODE);
  process.exit(1);
});
