#!/usr/bin/env node
// Builds the web UI into web/dist: app.js (TypeScript bundled and minified by esbuild),
// styles.css (minified) and index.html. Prints each file's raw and gzipped size and fails when
// the first load (all three) exceeds the 100 KB gzipped budget of issue 4.
import { build, transform } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'dist');
const BUDGET_GZ = 100 * 1024;

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: [join(here, 'src', 'main.ts')],
  outfile: join(out, 'app.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
});

const css = await transform(readFileSync(join(here, 'styles.css'), 'utf8'), { loader: 'css', minify: true });
writeFileSync(join(out, 'styles.css'), css.code);
// Only inter-tag whitespace is dropped; the page has no <pre> or inline text that depends on it.
const html = readFileSync(join(here, 'index.html'), 'utf8').replace(/>\s+</g, '><').trim();
writeFileSync(join(out, 'index.html'), html);

let total = 0;
let totalGz = 0;
for (const name of ['index.html', 'app.js', 'styles.css']) {
  const bytes = readFileSync(join(out, name));
  const gz = gzipSync(bytes, { level: 9 }).length;
  total += bytes.length;
  totalGz += gz;
  console.log(`web/dist/${name.padEnd(11)} ${String(bytes.length).padStart(7)} B  ${String(gz).padStart(6)} B gzipped`);
}
console.log(`first load     ${String(total).padStart(7)} B  ${String(totalGz).padStart(6)} B gzipped (budget ${BUDGET_GZ} B)`);
if (totalGz > BUDGET_GZ) {
  console.error(`web build: first load is ${totalGz} B gzipped, over the ${BUDGET_GZ} B budget`);
  process.exit(1);
}
