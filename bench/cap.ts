/**
 * The entries-per-feature cap (parts.ts `capRows`, `glossa train --max-classes K`) measured
 * without retraining: loads one model version, caps its sparse rows in memory for each K, and
 * reports for each the macro accuracy on the same held-out sets as bench/accuracy.ts (sentences,
 * two-word inputs, single words) and single-thread `predict` throughput on the held-out sentences,
 * interleaved with the uncapped model (and CLD2) round by round; medians of the rounds, in
 * sentences per second of the process's CPU time (robust to other processes on a shared machine).
 *
 *   node --import tsx bench/cap.ts [--model DIR] [--data FILE] [--caps 2,3,4,6,8]
 *     [--rounds 5] [--seconds 1] [--per-language 200] [--no-speed] [--answers FILE]
 *
 * The temperature is the uncapped model's (a capped model trained with --max-classes refits it,
 * so its confidences, and the rare `und` below the threshold, can differ slightly).
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readArtifact } from '../src/model/artifact.js';
import { capRows, type SparseRows } from '../src/model/parts.js';
import { LinearModel } from '../src/model/predictor.js';
import { resolveModelDir } from '../src/registry/index.js';
import { SET_NAMES } from './lib/dataset.js';
import type { SetName } from './lib/dataset.js';
import { MissingPrerequisite } from './lib/heldout.js';
import { median } from './lib/timing.js';
import { formatMachine, machineInfo } from './lib/machine.js';
import { accuracyModel } from './lib/models.js';
import { macroOver, score } from './lib/score.js';
import { prepareSets } from './lib/sets.js';
import { LANGUAGE_CODES } from '../src/languages/index.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  strict: true,
  options: {
    model: { type: 'string' }, data: { type: 'string' }, caps: { type: 'string' },
    rounds: { type: 'string' }, seconds: { type: 'string' }, 'per-language': { type: 'string' },
    'no-speed': { type: 'boolean' }, answers: { type: 'string' }, corpus: { type: 'string' }, prune: { type: 'string' },
  },
});
const caps = (values.caps ?? '2,3,4,6,8,12').split(',').map(Number).filter((k) => Number.isInteger(k) && k > 0);
// Extra pruning levels to compare with the cap: drop |q| below each (the artifact's is 12 of 127).
const prunes = (values.prune ?? '').split(',').filter((x) => /^\d+(:\d+)?$/.test(x));
const rounds = Number(values.rounds ?? 5);
const seconds = Number(values.seconds ?? 1);
const perLanguage = Number(values['per-language'] ?? 200);

const choice = accuracyModel(values.model ?? 'models');
const dir = resolveModelDir(choice.dir);
console.log(`machine: ${formatMachine(machineInfo())}`);
console.log(`model: ${dir}`);
const { parts, manifest } = await readArtifact(dir);
const sets = await prepareSets({
  corpusDir: values.corpus ?? 'data/corpus', modelDir: dir, perLanguage, seed: 20261127,
  out: '', write: false, skip: [], stripDiacritics: false, seconds, rounds, batch: 512,
  ...(values.data !== undefined ? { data: values.data } : {}),
}, dir).catch((error: unknown) => {
  // No corpus built on this machine: skipped, not failed (npm run bench understands exit 75).
  console.error(`bench/cap: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(error instanceof MissingPrerequisite ? MissingPrerequisite.EXIT_CODE : 1);
});
console.log(`held-out: ${sets.description}; ${SET_NAMES.map((n) => `${n} ${sets.sets[n].length}`).join(', ')}`);
const untrained = LANGUAGE_CODES.filter((l) => !sets.missing.includes(l) && !((manifest.corpus.counts[l] ?? 0) > 0));

interface Variant {
  readonly name: string;
  readonly k: number;
  readonly model: LinearModel;
  readonly entries: number;
}
const variants: Variant[] = [{ name: 'uncapped', k: 0, model: new LinearModel(parts, manifest), entries: parts.val.length }];
for (const k of caps) {
  const capped = capRows(parts, k);
  variants.push({ name: `K=${k}`, k, model: new LinearModel(capped, manifest), entries: capped.val.length });
}
// Extra pruning levels (and prune+cap pairs "24:12"), to compare with the cap alone.
for (const spec of prunes) {
  const [m, k] = spec.split(':').map(Number) as [number, number | undefined];
  const rows = capRows(pruneRows(parts, m), k ?? 0);
  variants.push({ name: `|q|>=${m}${k ? `,K=${k}` : ''}`, k: k ?? 0, model: new LinearModel(rows, manifest), entries: rows.val.length });
}

const pct = (x: number): string => (x * 100).toFixed(1);
const acc = new Map<string, Record<SetName, { macro: number; without: number }>>();
const answers: Record<string, Record<string, string[]>> = {};
for (const v of variants) {
  const r = {} as Record<SetName, { macro: number; without: number }>;
  answers[v.name] = {};
  for (const n of SET_NAMES) {
    const samples = sets.sets[n];
    const got = samples.map((s) => v.model.predict(s.text).language);
    answers[v.name]![n] = got;
    const s = score(samples, got);
    r[n] = { macro: s.macro, without: macroOver(s, LANGUAGE_CODES.filter((l) => !untrained.includes(l))) };
  }
  acc.set(v.name, r);
  console.log(`${v.name.padEnd(14)} entries ${v.entries}  ${SET_NAMES.map((n) => `${n} ${pct(r[n].macro)} (${pct(r[n].without)} w/o ${untrained.join(',') || '-'})`).join('  ')}`);
}
if (values.answers !== undefined) writeFileSync(values.answers, JSON.stringify(answers));

if (values['no-speed'] !== true) {
  const sentences = sets.sets.sentences.map((s) => s.text);
  let detect: ((t: string) => unknown) | undefined;
  try {
    const b = createRequire(import.meta.url)('cld/build/Release/cld.node') as { detect: (...a: unknown[]) => unknown };
    detect = (t) => b.detect(t, true, '', '', '', '', true);
  } catch {
    detect = undefined;
  }
  const runners: { name: string; pass: () => number }[] = [];
  for (const v of variants) {
    runners.push({ name: `${v.name} predict`, pass: () => { let n = 0; for (const s of sentences) n += v.model.predict(s).confidence; return n; } });
  }
  const base = variants[0]!.model;
  runners.push({ name: 'uncapped predictBatch(512)', pass: () => { let n = 0; for (let i = 0; i < sentences.length; i += 512) for (const p of base.predictBatch(sentences.slice(i, i + 512))) n += p.confidence; return n; } });
  if (detect !== undefined) { const d = detect; runners.push({ name: 'CLD2', pass: () => { let n = 0; for (const s of sentences) n += d(s) === null ? 0 : 1; return n; } }); }
  const rates = new Map<string, number[]>(runners.map((r) => [r.name, []]));
  for (const r of runners) { const until = performance.now() + 300; while (performance.now() < until) r.pass(); }
  let sink = 0;
  for (let round = 0; round < rounds; round++) {
    // rotate the order each round so no runner always follows the same one
    for (let i = 0; i < runners.length; i++) {
      const r = runners[(i + round) % runners.length]!;
      // Rates per second of this process's CPU time, not of wall time: on a shared machine a
      // runner that is descheduled is not charged for it (cache and core sharing still are).
      let done = 0;
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      do { sink += r.pass(); done += sentences.length; } while (performance.now() - t0 < seconds * 1000);
      const cpu = process.cpuUsage(c0);
      rates.get(r.name)!.push(done / ((cpu.user + cpu.system) / 1e6));
    }
    process.stderr.write(`round ${round + 1}/${rounds}\n`);
  }
  if (sink === -1) console.log(sink);
  const baseRate = median(rates.get('uncapped predict')!);
  const cld = rates.get('CLD2');
  console.log(`\nspeed: ${sentences.length} sentences, ${rounds} interleaved rounds of ≥ ${seconds} s, median (min–max) sentences per CPU-second`);
  for (const [name, xs] of rates) {
    const m = median(xs);
    console.log(`${name.padEnd(28)} ${Math.round(m).toString().padStart(7)}  (${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))})  ×${(m / baseRate).toFixed(2)} vs uncapped${cld ? `  ×${(m / median(cld)).toFixed(2)} vs CLD2` : ''}`);
  }
}

/** The rows with every entry of |q| < minQ dropped (what training's pruneBelow does, after the fact). */
function pruneRows<T extends SparseRows>(p: T, minQ: number): T {
  const rows = p.rowPtr.length - 1;
  const rowPtr = new Uint32Array(rows + 1);
  const keep: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let j = p.rowPtr[r]!; j < p.rowPtr[r + 1]!; j++) if (Math.abs(p.val[j]!) >= minQ) keep.push(j);
    rowPtr[r + 1] = keep.length;
  }
  return { ...p, rowPtr, cls: Uint16Array.from(keep, (j) => p.cls[j]!), val: Int8Array.from(keep, (j) => p.val[j]!) };
}
