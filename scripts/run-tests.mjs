#!/usr/bin/env node
// Runs every *.test.ts under test/ (or the folders/files named on the command line) with Node's
// own test runner through tsx. Node 20's `--test` takes no globs, so we list the files here.
// Service suites (RabbitMQ, PostgreSQL) decide themselves whether to run: see test/helpers/services.ts.
// Files named *.serial.test.ts disturb shared services (e.g. restart RabbitMQ) and must run alone:
// they run before the others, one at a time, when the services are required (CI=true or
// GLOSSA_REQUIRE_SERVICES=1) or when named explicitly; otherwise the runner says it left them out.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawn } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const roots = args.length > 0 ? args : ['test/unit', 'test/integration', 'test/e2e'];

function collect(path, out) {
  const abs = join(root, path);
  let st;
  try { st = statSync(abs); } catch { console.error(`run-tests: no such test path: ${path}`); process.exit(2); }
  if (st.isFile()) { out.push(abs); return; }
  for (const name of readdirSync(abs).sort()) {
    const child = join(path, name);
    if (statSync(join(root, child)).isDirectory()) collect(child, out);
    else if (name.endsWith('.test.ts')) out.push(join(root, child));
  }
}

const found = [];
for (const r of roots) collect(r, found);
const serial = found.filter((f) => f.endsWith('.serial.test.ts'));
const files = found.filter((f) => !f.endsWith('.serial.test.ts'));
const required = process.env.CI === 'true' || process.env.GLOSSA_REQUIRE_SERVICES === '1';
const runSerial = required || args.some((a) => a.endsWith('.serial.test.ts'));
if (files.length === 0 && !(runSerial && serial.length > 0)) { console.error('run-tests: no test files found'); process.exit(1); }

// A hung test file (a handle left open, a child that never exits) must fail the run, not stall CI
// until its time limit: every run has a watchdog that kills its whole process group.
const runTimeoutMs = Number(process.env.GLOSSA_TEST_RUN_TIMEOUT_MS ?? 30 * 60_000);
let current;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => { if (current?.pid) { try { process.kill(-current.pid, 'SIGKILL'); } catch { /* gone */ } } process.exit(130); });
}

function run(list, concurrency, env) {
  return new Promise((resolve) => {
    // --test-force-exit: a file whose tests are finished exits even if something still holds its event loop.
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-force-exit', `--test-concurrency=${concurrency}`,
      ...list.map((f) => relative(root, f))], { cwd: root, stdio: 'inherit', env: { ...process.env, ...env }, detached: true });
    current = child;
    const watchdog = setTimeout(() => {
      console.error(`run-tests: the run did not finish within ${Math.round(runTimeoutMs / 1000)} s (GLOSSA_TEST_RUN_TIMEOUT_MS); killing it: ${list.map((f) => relative(root, f)).join(' ')}`);
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    }, runTimeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(watchdog);
      // Anything the run left behind in its group (servers, workers) goes with it.
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* nothing left */ }
      resolve(signal ? 1 : (code ?? 1));
    });
  });
}

// Serial suites first, so the closing summary printed last is the main run's.
let status = 0;
if (serial.length > 0 && runSerial) {
  console.log(`run-tests: ${serial.length} serial files, one at a time`);
  for (const f of serial) status = Math.max(status, await run([f], '1', { GLOSSA_TEST_BROKER_RESTART: '1' }));
} else if (serial.length > 0) {
  console.log(`run-tests: left out ${serial.length} serial suite(s) that restart shared services: ${serial.map((f) => relative(root, f)).join(', ')}; run them with GLOSSA_REQUIRE_SERVICES=1 npm test`);
}
if (files.length > 0) {
  console.log(`run-tests: ${files.length} files`);
  status = Math.max(status, await run(files, process.env.GLOSSA_TEST_CONCURRENCY ?? '2', {}));
}
process.exit(status);
