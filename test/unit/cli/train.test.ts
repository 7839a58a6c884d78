import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { decodeMarkers } from '../../../src/model/artifact.js';
import { Prng } from '../../../src/model/prng.js';
import { toyCorpus, toySentence, TOY_LABELS } from '../model/fixtures.js';
import { runCli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'glossa-train-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const corpus = join(dir, 'corpus');
mkdirSync(corpus);
writeFileSync(join(corpus, 'toy.jsonl'), toyCorpus(40).map((r) => JSON.stringify(r)).join('\n') + '\n');
const rng = new Prng(11);
const other = TOY_LABELS.flatMap((label) => Array.from({ length: 15 }, (_, i) => ({ text: toySentence(label, rng), label, source: 'other', doc: `o${i}` })));
writeFileSync(join(corpus, 'other.jsonl'), other.map((r) => JSON.stringify(r)).join('\n') + '\n');
const tiny = ['--marker-pairs', 'aa:bb', '--buckets', '4096', '--epochs', '2', '--per-label', '40', '--short-per-label', '60', '--max-word-length', '12', '--max-classes', '2', '--lr-decay', 'linear', '--passages', '30', '--average-epochs', '1', '--strip-diacritics', '0.2'];

test('train on one source, evaluate on the held-out one, store and promote the version', async () => {
  const out = join(dir, 'models');
  const r = await runCli(['train', '--corpus', corpus, '--out', out, '--holdout-source', 'other', '--ngrams', '1-3', ...tiny]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^model lid-\d{8}-[0-9a-f]{8} → /);
  assert.match(r.stdout, /held-out sentences \(other\)/);
  assert.match(r.stdout, /held-out words/);
  // Progress off a terminal: a line per phase, with its duration when it ends.
  assert.match(r.stderr, /^features: started \(\d+\)$/m);
  assert.match(r.stderr, /^train: done \(\d+\) in \d+(\.\d)? s$/m);
  const version = readFileSync(join(out, 'CURRENT'), 'utf8').trim();
  const manifest = JSON.parse(readFileSync(join(out, version, 'manifest.json'), 'utf8')) as {
    params: { sources: string[]; holdoutSource: string; maxN: number; maxWordLength: number; textsPerLabel: number; wordsPerLabel: number; pairsPerLabel: number; maxClassesPerFeature: number; lrDecay: string; averageEpochs: number; passagesPerLabel: number; strippedShare: number; markerPairs: string[] }; metrics: { heldOut: { crossSource: boolean; sentences: { macroRecall: number } } };
  };
  assert.deepEqual(manifest.params.sources, ['toy']);
  assert.equal(manifest.params.holdoutSource, 'other');
  assert.equal(manifest.params.maxN, 3);
  assert.equal(manifest.params.maxWordLength, 12);
  assert.deepEqual([manifest.params.textsPerLabel, manifest.params.wordsPerLabel, manifest.params.pairsPerLabel], [40, 60, 60]);
  assert.equal(manifest.params.maxClassesPerFeature, 2);
  assert.equal(manifest.params.lrDecay, 'linear');
  assert.equal(manifest.params.averageEpochs, 1);
  assert.equal(manifest.params.passagesPerLabel, 30);
  assert.equal(manifest.params.strippedShare, 0.2);
  assert.deepEqual(manifest.params.markerPairs, ['aa:bb']);
  // The toy languages share no word, so every frequent word of one is a marker against the other.
  const markers = decodeMarkers(readFileSync(join(out, version, 'markers.bin')));
  assert.deepEqual(markers.map((p) => p.pair), [['aa', 'bb']]);
  assert.ok(markers[0]!.sides.every((side) => side.keys.length > 0));
  assert.match(r.stdout, /marker words aa\/bb: \d+ \/ \d+ \(e\.g\. \S+/);
  assert.equal(manifest.metrics.heldOut.crossSource, true);
  assert.ok(manifest.metrics.heldOut.sentences.macroRecall > 0.9);

  // The same corpus and flags reproduce the same weights (same version suffix).
  const again = await runCli(['train', '--corpus', corpus, '--out', join(dir, 'again'), '--holdout-source', 'other', '--ngrams', '1-3', ...tiny]);
  assert.equal(again.code, 0, again.stderr);
  const v2 = readFileSync(join(dir, 'again', 'CURRENT'), 'utf8').trim();
  assert.deepEqual(readFileSync(join(dir, 'again', v2, 'weights.bin')), readFileSync(join(out, version, 'weights.bin')));
  assert.deepEqual(readFileSync(join(dir, 'again', v2, 'markers.bin')), readFileSync(join(out, version, 'markers.bin')));

  // eval on the held-out file with that model.
  const ev = await runCli(['eval', '--data', join(corpus, 'other.jsonl'), '--model', out]);
  assert.equal(ev.code, 0, ev.stderr);
  assert.match(ev.stdout, /texts 45 {2}accuracy \d+\.\d%/);
  assert.match(ev.stdout, /label {2}support {2}precision/);
  const evj = await runCli(['eval', '--data', corpus, '--model', out, '--json']);
  assert.equal(evj.code, 0, evj.stderr);
  assert.equal((JSON.parse(evj.stdout) as { overall: { total: number } }).overall.total, 165);

  const list = await runCli(['models', 'list', '--dir', out]);
  assert.equal(list.code, 0, list.stderr);
  assert.ok(list.stdout.startsWith(`* ${version}`));
});

test('bad flags and bad data exit 2 with a clear message', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['train', '--corpus', corpus, '--ngrams', '4-2'], /--ngrams/],
    [['train', '--corpus', corpus, '--buckets', 'many'], /--buckets/],
    [['train', '--corpus', corpus, '--max-classes', '-1'], /--max-classes/],
    [['train', '--corpus', corpus, '--lr-decay', 'cosine'], /--lr-decay must be inverse or linear/],
    [['train', '--corpus', corpus, '--passages', '-5'], /--passages/],
    [['train', '--corpus', corpus, '--max-word-length', 'long'], /--max-word-length must be a whole number/],
    [['train', '--corpus', corpus, '--short-per-label', '5'], /--short-per-label must be a whole number in 10\.\.1000000/],
    [['train', '--corpus', corpus, '--strip-diacritics', '1.5'], /--strip-diacritics/],
    [['train', '--corpus', corpus, '--epochs', '2', '--average-epochs', '3'], /--average-epochs \(3\) cannot exceed --epochs \(2\)/],
    [['train', '--corpus', corpus, '--average-epochs', 'all'], /--average-epochs must be a whole number/],
    [['train', '--corpus', corpus, '--marker-pairs', 'ms-id'], /--marker-pairs must look like ms:id,hr:sr/],
    [['train', '--corpus', corpus, '--marker-pairs', 'ms:ms'], /--marker-pairs must look like/],
    [['train', '--corpus', join(dir, 'nope')], /no corpus/],
    [['train', '--corpus', corpus, '--holdout-source', 'wikipedia'], /holdout-source/],
    [['eval'], /--data/],
    [['eval', '--data', join(dir, 'missing.jsonl')], /no such file/],
  ];
  for (const [args, re] of cases) {
    const r = await runCli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, re);
  }
  const bad = join(dir, 'bad.jsonl');
  writeFileSync(bad, '{"text":"x","label":"aa"}\nnot json\n');
  const r = await runCli(['eval', '--data', bad]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /bad\.jsonl:2: not valid JSON/);
  assert.ok(!existsSync(join(dir, 'models', 'HISTORY')));
});
