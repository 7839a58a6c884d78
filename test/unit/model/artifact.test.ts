import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { FORMAT_VERSION, decodeWeights, encodeWeights, readArtifact, writeArtifact } from '../../../src/model/artifact.js';
import { buildManifest } from '../../../src/model/manifest.js';
import { LinearModel } from '../../../src/model/predictor.js';
import { train } from '../../../src/model/train.js';
import { GlossaError } from '../../../src/errors.js';
import { TINY, toyCorpus } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'glossa-artifact-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const { parts } = train(toyCorpus(40), TINY);
const manifest = buildManifest({ parts, params: { seed: 3 }, corpus: { fingerprint: 'f', counts: { aa: 40 } }, metrics: {}, codeVersion: '0.0.0', createdAt: new Date('2026-01-02T03:04:05Z') });

test('manifest: format version, model version from date and weights hash', () => {
  assert.equal(manifest.formatVersion, FORMAT_VERSION);
  assert.match(manifest.modelVersion, /^lid-20260102-[0-9a-f]{8}$/);
  assert.deepEqual(manifest.labels, parts.labels);
});

test('round trip: write, read, same bytes and same predictions', async () => {
  await writeArtifact(join(dir, 'm'), parts, manifest);
  const back = await readArtifact(join(dir, 'm'));
  assert.deepEqual(back.manifest, manifest);
  assert.deepEqual(encodeWeights(back.parts), encodeWeights(parts));
  const a = new LinearModel(parts, manifest);
  const b = new LinearModel(back.parts, back.manifest);
  for (const t of ['kati moru', 'beldor', 'xizo wex', '']) assert.deepEqual(b.predict(t), a.predict(t));
});

test('weights decode the same from an aligned buffer (views) and from an unaligned one (copies)', () => {
  const bytes = encodeWeights(parts);
  const shifted = new Uint8Array(bytes.length + 1);
  shifted.set(bytes, 1);
  const unaligned = shifted.subarray(1);
  const fromAligned = decodeWeights(bytes, parts.labels);
  const fromUnaligned = decodeWeights(unaligned, parts.labels);
  assert.equal(unaligned.byteOffset % 4, 1);
  assert.deepEqual(encodeWeights(fromUnaligned), bytes);
  assert.deepEqual(encodeWeights(fromAligned), bytes);
  // The aligned decode shares the file's memory instead of copying it.
  assert.equal(fromAligned.idf.buffer, bytes.buffer);
  assert.notEqual(fromUnaligned.idf.buffer, shifted.buffer);
});

test('a newer format version fails with MODEL_INCOMPATIBLE naming both versions', async () => {
  const d = join(dir, 'newer');
  await writeArtifact(d, parts, { ...manifest, formatVersion: FORMAT_VERSION + 1 });
  await assert.rejects(readArtifact(d), (e: unknown) => {
    assert.ok(e instanceof GlossaError);
    assert.equal(e.code, 'MODEL_INCOMPATIBLE');
    assert.match(e.message, new RegExp(`format version ${FORMAT_VERSION + 1}.*format version ${FORMAT_VERSION}`));
    return true;
  });
});

test('weights with another format version, bad magic or truncation are refused', () => {
  const bytes = encodeWeights(parts);
  const v2 = bytes.slice();
  new DataView(v2.buffer).setUint32(4, 99, true);
  assert.throws(() => decodeWeights(v2, parts.labels), new RegExp(`format version 99.*format version ${FORMAT_VERSION}`));
  const bad = bytes.slice();
  bad[0] = 0;
  assert.throws(() => decodeWeights(bad, parts.labels), /bad magic/);
  assert.throws(() => decodeWeights(bytes.subarray(0, bytes.length - 1), parts.labels), /truncated/);
  assert.throws(() => decodeWeights(bytes, ['only-one']), /classes/);
});

test('missing directory → MODEL_NOT_FOUND; broken manifest → MODEL_INCOMPATIBLE', async () => {
  await assert.rejects(readArtifact(join(dir, 'nope')), (e: unknown) => e instanceof GlossaError && e.code === 'MODEL_NOT_FOUND');
  const d = join(dir, 'broken');
  await writeArtifact(d, parts, manifest);
  writeFileSync(join(d, 'manifest.json'), '{not json');
  await assert.rejects(readArtifact(d), (e: unknown) => e instanceof GlossaError && e.code === 'MODEL_INCOMPATIBLE');
  assert.ok(readFileSync(join(d, 'weights.bin')).length > 0);
});
