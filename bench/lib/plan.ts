/** Which benchmarks `npm run bench` runs, and in what order (see bench/run.ts). */
import { readdirSync } from 'node:fs';

/** Known benchmarks, in run order; several are written by other parts of the project. */
export const KNOWN_BENCHMARKS = ['accuracy', 'speed', 'model', 'store', 'broker', 'pipeline'] as const;

export interface Plan {
  /** Benchmarks to run, in order. */
  readonly run: readonly string[];
  /** Requested or known benchmarks whose file does not exist (yet). */
  readonly missing: readonly string[];
  /** Requested names that are neither known nor present: a typo. */
  readonly unknown: readonly string[];
}

/** Known benchmarks first, then any other `*.ts` found in the directory (except run.ts), sorted. */
export function planBenchmarks(files: readonly string[], requested: readonly string[]): Plan {
  const known: readonly string[] = KNOWN_BENCHMARKS;
  const present = new Set(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== 'run.ts').map((f) => f.slice(0, -3)));
  const order = [...known, ...[...present].filter((n) => !known.includes(n)).sort()];
  const unknown = requested.filter((n) => !order.includes(n));
  const wanted = requested.length > 0 ? requested.filter((n) => order.includes(n)) : order;
  return { run: wanted.filter((n) => present.has(n)), missing: wanted.filter((n) => !present.has(n)), unknown };
}

export function planIn(dir: string, requested: readonly string[]): Plan {
  return planBenchmarks(readdirSync(dir), requested);
}
