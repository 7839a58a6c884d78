#!/usr/bin/env node
// Runs every *.test.ts under test/ (or the folders/files named on the command line) with Node's
// own test runner through tsx. Node 20's `--test` takes no globs, so we list the files here.
// Service suites (RabbitMQ, PostgreSQL) decide themselves whether to run: see test/helpers/services.ts.
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

const files = [];
for (const r of roots) collect(r, files);
if (files.length === 0) { console.error('run-tests: no test files found'); process.exit(1); }
console.log(`run-tests: ${files.length} files`);
const concurrency = process.env.GLOSSA_TEST_CONCURRENCY ?? '2';
const child = spawn(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`,
  ...files.map((f) => relative(root, f))], { cwd: root, stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
