import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { FORMAT_VERSION, MARKERS_FILE, OLDEST_READABLE_FORMAT, decodeWeights, encodeMarkers, encodeWeights, readArtifact, writeArtifact } from '../../../src/model/artifact.js';
import { buildManifest } from '../../../src/model/manifest.js';
import { LinearModel } from '../../../src/model/predictor.js';
import { train } from '../../../src/model/train.js';
import { GlossaError } from '../../../src/errors.js';
import { TINY, toyCorpus } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'glossa-artifact-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const { parts } = train(toyCorpus(40), { ...TINY, markerPairs: [['aa', 'bb']] });
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
    assert.match(e.message, new RegExp(`format version ${FORMAT_VERSION + 1}.*format versions ${OLDEST_READABLE_FORMAT} to ${FORMAT_VERSION}; upgrade Glossa`));
    return true;
  });
  const older = join(dir, 'older');
  await writeArtifact(older, parts, { ...manifest, formatVersion: OLDEST_READABLE_FORMAT - 1 });
  await assert.rejects(readArtifact(older), /format version 1, .*retrain the model/);
});

test('markers.bin round trip; format 2 (no markers) still reads; a missing or malformed markers.bin is refused', async () => {
  assert.ok(parts.markers !== undefined && parts.markers.length === 1);
  const d = join(dir, 'markers');
  await writeArtifact(d, parts, manifest);
  assert.deepEqual((await readArtifact(d)).parts.markers, parts.markers);

  const v2 = join(dir, 'format2');
  await writeArtifact(v2, parts, { ...manifest, formatVersion: 2 });
  assert.ok(!existsSync(join(v2, MARKERS_FILE)));
  const old = await readArtifact(v2);
  assert.equal(old.parts.markers, undefined);
  assert.deepEqual(encodeWeights(old.parts), encodeWeights(parts));

  rmSync(join(d, MARKERS_FILE));
  await assert.rejects(readArtifact(d), (e: unknown) => e instanceof GlossaError && e.code === 'MODEL_INCOMPATIBLE' && /markers\.bin: missing/.test(e.message));
  const good = encodeMarkers(parts.markers);
  const withHeader = (json: string): Uint8Array => {
    const h = Buffer.from(json);
    const out = new Uint8Array(12 + Math.ceil(h.length / 4) * 4);
    out.set(good.subarray(0, 8));
    new DataView(out.buffer).setUint32(8, h.length, true);
    out.set(h, 12);
    return out;
  };
  const otherVersion = good.slice();
  new DataView(otherVersion.buffer).setUint32(4, 9, true);
  const bads: Array<[Uint8Array, RegExp]> = [
    [good.subarray(0, good.length - 4), /expected \d+ bytes|truncated/],
    [otherVersion, /markers format version 9/],
    [Buffer.from('{"pairs": []}'), /bad magic/],
    [withHeader('{"pairs": [{"pair": ["aa"], "evidence": 5, "counts": [0, 0]}]}'), /invalid header/],
    [withHeader('[1'), /invalid header/],
  ];
  for (const [bad, why] of bads) {
    writeFileSync(join(d, MARKERS_FILE), bad);
    await assert.rejects(readArtifact(d), (e: unknown) => e instanceof GlossaError && e.code === 'MODEL_INCOMPATIBLE' && why.test(e.message) && /markers\.bin/.test(e.message));
  }
  writeFileSync(join(d, MARKERS_FILE), withHeader('{"pairs": []}'));
  assert.deepEqual((await readArtifact(d)).parts.markers, []);
  writeFileSync(join(d, MARKERS_FILE), good);
  assert.deepEqual((await readArtifact(d)).parts.markers, parts.markers);
});

test('weights with another format version, bad magic or truncation are refused', () => {
  const bytes = encodeWeights(parts);
  const v2 = bytes.slice();
  new DataView(v2.buffer).setUint32(4, 99, true);
  assert.throws(() => decodeWeights(v2, parts.labels), /weights format version 99, but this Glossa reads weights format version 2/);
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
