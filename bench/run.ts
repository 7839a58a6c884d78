/**
 * `npm run bench`: runs every benchmark in bench/, one after another, each in its own process
 * (so one benchmark's memory and JIT state never colour the next one's figures).
 *
 *   npm run bench                    all of them
 *   npm run bench -- accuracy speed  only these
 *
 * Known benchmarks run first (bench/lib/plan.ts); any other bench/*.ts runs after them. One
 * whose file does not exist yet is skipped with a message. Per-benchmark flags: run the script
 * itself, e.g. `node --import tsx bench/accuracy.ts --help`.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { KNOWN_BENCHMARKS, planIn } from './lib/plan.js';

const dir = new URL('.', import.meta.url).pathname;
const root = join(dir, '..');
const flags = process.argv.slice(2).filter((a) => a.startsWith('-'));
if (flags.length > 0) {
  console.error(`bench: flags go to one benchmark at a time: node --import tsx bench/<name>.ts ${flags.join(' ')}`);
  process.exit(2);
}
const { run, missing, unknown } = planIn(dir, process.argv.slice(2));
if (unknown.length > 0) {
  console.error(`bench: no such benchmark: ${unknown.join(', ')} (known: ${KNOWN_BENCHMARKS.join(', ')})`);
  process.exit(2);
}
for (const name of missing) console.log(`bench: skipping ${name}: bench/${name}.ts does not exist (yet)`);
/** Exit code a benchmark uses for "cannot run here" (e.g. no corpus built): EX_TEMPFAIL. */
const SKIPPED = 75;
const failed: string[] = [];
const skipped: string[] = [];
for (const name of run) {
  console.log(`\n=== bench/${name}.ts ===`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join('bench', `${name}.ts`)], { stdio: 'inherit', cwd: root });
  if (result.status === SKIPPED) skipped.push(name);
  else if (result.status !== 0) failed.push(`${name} (${result.signal ?? `exit ${String(result.status)}`})`);
}
const ok = run.length - failed.length - skipped.length;
console.log(`\nbench: ${ok}/${run.length} ran${skipped.length > 0 ? `; could not run here (see above): ${skipped.join(', ')}` : ''}${missing.length > 0 ? `; not written yet: ${missing.join(', ')}` : ''}`);
if (failed.length > 0) {
  console.error(`bench: failed: ${failed.join(', ')}`);
  process.exit(1);
}
