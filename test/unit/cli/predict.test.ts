import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import { formatPrediction, predictLines } from '../../../src/cli/commands/predict.js';
import { buildManifest } from '../../../src/model/manifest.js';
import { LinearModel } from '../../../src/model/predictor.js';
import { train } from '../../../src/model/train.js';
import { addVersion } from '../../../src/registry/index.js';
import { TINY, toyCorpus } from '../model/fixtures.js';
import { spawn } from 'node:child_process';
import { BIN, runCli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'glossa-predict-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const { parts } = train(toyCorpus(40), TINY);
const manifest = buildManifest({ parts, params: {}, corpus: { fingerprint: 'f', counts: {} }, metrics: {}, codeVersion: '0', createdAt: new Date(0) });
const model = new LinearModel(parts, manifest);
before(async () => {
  await addVersion(dir, parts, manifest, 'test model', true);
});

async function collect(chunks: Array<string | Buffer>, json = false): Promise<string[]> {
  let out = '';
  const n = await predictLines(model, Readable.from(chunks), (s) => {
    out += s;
  }, { json });
  const lines = out.split('\n');
  assert.equal(lines.pop(), '');
  assert.equal(lines.length, n);
  return lines;
}

test('one answer per input line, in order, whatever the chunking', async () => {
  const text = 'kati moru\nbeldor fengus\n\nxizo quavy\n12345\n';
  const expected = ['aa', 'bb', 'und', 'cc', 'und'];
  assert.deepEqual(await collect([text]), expected);
  assert.deepEqual(await collect([...text].map((c) => c)), expected);
  assert.deepEqual(await collect([Buffer.from(text).subarray(0, 7), Buffer.from(text).subarray(7)]), expected);
});

test('CRLF, a last line without newline, a lone CR, NUL bytes and invalid UTF-8 still give one answer each', async () => {
  const bytes = Buffer.concat([
    Buffer.from('kati moru\r\nbel\rdor\n'), Buffer.from([0, 0, 10]), Buffer.from([0xff, 0xfe, 0xc3, 10]), Buffer.from('xizo'),
  ]);
  const lines = await collect([bytes]);
  assert.equal(lines.length, 5);
  assert.equal(lines[0], 'aa');
  assert.equal(lines[2], 'und');
  assert.equal(lines[3], 'und');
  assert.equal(lines[4], 'cc');
});

test('a 10 MB line is one answer and the next line is still answered', async () => {
  const big = 'beldor '.repeat(1_500_000);
  const chunks: string[] = [];
  for (let i = 0; i < big.length; i += 65536) chunks.push(big.slice(i, i + 65536));
  chunks.push('\nkati\n');
  assert.deepEqual(await collect(chunks), ['bb', 'aa']);
});

test('more lines than one batch stay in order', async () => {
  const labels = Array.from({ length: 700 }, (_, i) => ['kati', 'beldor', 'xizo', ''][i % 4]!);
  const lines = await collect([labels.join('\n') + '\n']);
  assert.deepEqual(lines, labels.map((t) => (t === '' ? 'und' : model.predict(t).language)));
});

test('--json and --top formats', () => {
  const p = model.predict('kati moru', { top: 2 });
  const j = JSON.parse(formatPrediction(p, { json: true })) as { language: string; top: unknown[] };
  assert.equal(j.language, 'aa');
  assert.equal(j.top.length, 2);
  assert.match(formatPrediction(p, { json: false, top: 2 }), /^aa\taa:\d\.\d{4} \w\w:\d\.\d{4}$/);
  assert.equal(formatPrediction(p, { json: false }), 'aa');
});

test('CLI: stdin streaming with weird input, exactly one line out per line in', async () => {
  const input = Buffer.concat([Buffer.from('kati moru\n\n\u0000\nbeldor\r\n'), Buffer.from([0xc3, 0x28, 10]), Buffer.from('xizo')]);
  const r = await runCli(['predict', '--model', dir], input);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.split('\n'), ['aa', 'und', 'und', 'bb', r.stdout.split('\n')[4], 'cc', '']);
});

test('CLI: TEXT arguments, --json, and bad flags exit 2 with a message', async () => {
  const r = await runCli(['predict', '--model', dir, '--json', 'beldor', 'fengus']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { language: string }).language, 'bb');
  const bad = await runCli(['predict', '--model', dir, '--top', 'zero', 'x']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--top/);
  const unknown = await runCli(['predict', '--nope']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown option/);
  const missing = await runCli(['predict', '--model', join(dir, 'nothing-here'), 'x']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /MODEL_NOT_FOUND/);
});

test('CLI: --threads shares batches out without changing an answer; a bad value exits 2', async () => {
  // Past the warm-up (4 096 texts) after which helper threads start.
  const labels = Array.from({ length: 9000 }, (_, i) => `${['kati', 'beldor', 'xizo', 'moru fengus'][i % 4]!} ${i}`);
  const input = Buffer.from(`${labels.join('\n')}\n`);
  const one = await runCli(['predict', '--model', dir, '--threads', '1', '--top', '2'], input);
  const two = await runCli(['predict', '--model', dir, '--threads', '2', '--top', '2'], input);
  assert.equal(one.code, 0, one.stderr);
  assert.equal(two.code, 0, two.stderr);
  assert.equal(one.stdout.split('\n').length, labels.length + 1);
  assert.equal(two.stdout, one.stdout);
  for (const bad of ['0', 'two', '65', '1.5']) {
    const r = await runCli(['predict', '--model', dir, '--threads', bad, 'x']);
    assert.equal(r.code, 2, bad);
    assert.match(r.stderr, /--threads must be a whole number/);
  }
});

test('CLI: a reader that stops early (`| head`) ends the run quietly with exit 0', async () => {
  const input = Buffer.from(`${Array.from({ length: 200_000 }, (_, i) => `kati beldor ${i}`).join('\n')}\n`);
  const result = await new Promise<{ code: number | null; stderr: string; first: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'predict', '--model', dir], { stdio: ['pipe', 'pipe', 'pipe'] });
    let first = '';
    let stderr = '';
    child.stdout.once('data', (d: Buffer) => {
      first = d.toString('utf8');
      child.stdout.destroy();
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, first }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
  assert.match(result.first, /^(aa|bb)\n/);
  assert.equal(result.stderr, '');
  assert.equal(result.code, 0);
});
