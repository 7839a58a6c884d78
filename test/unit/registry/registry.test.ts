import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { GlossaError } from '../../../src/errors.js';
import { loadModel } from '../../../src/index.js';
import { buildManifest } from '../../../src/model/manifest.js';
import { train } from '../../../src/model/train.js';
import { addVersion, currentVersion, listVersions, promote, resolveModelDir, rollback } from '../../../src/registry/index.js';
import { TINY, toyCorpus } from '../model/fixtures.js';

const root = mkdtempSync(join(tmpdir(), 'glossa-registry-'));
after(() => rmSync(root, { recursive: true, force: true }));

const make = (seed: number, day: string) => {
  const { parts } = train(toyCorpus(30), { ...TINY, seed });
  return { parts, manifest: buildManifest({ parts, params: { seed }, corpus: { fingerprint: 'f', counts: {} }, metrics: { heldOut: { macroRecall: 0.9 } }, codeVersion: '0.0.0', createdAt: new Date(day) }) };
};
const v1 = make(1, '2026-01-01T00:00:00Z');
const v2 = make(2, '2026-01-02T00:00:00Z');

test('add, list, promote, rollback, and loadModel follows CURRENT', async () => {
  await addVersion(root, v1.parts, v1.manifest, 'first', true);
  await addVersion(root, v2.parts, v2.manifest, 'second', false);
  assert.equal(currentVersion(root), v1.manifest.modelVersion);
  const list = await listVersions(root);
  assert.deepEqual(list.map((v) => [v.version, v.current]), [[v1.manifest.modelVersion, true], [v2.manifest.modelVersion, false]]);
  const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
  assert.ok(changelog.indexOf(v2.manifest.modelVersion) < changelog.indexOf(v1.manifest.modelVersion), 'newest entry first');

  assert.deepEqual(await promote(root, v2.manifest.modelVersion), { previous: v1.manifest.modelVersion });
  assert.equal((await loadModel(root)).manifest.modelVersion, v2.manifest.modelVersion);
  assert.deepEqual(await rollback(root), { from: v2.manifest.modelVersion, to: v1.manifest.modelVersion });
  assert.equal((await loadModel(root)).manifest.modelVersion, v1.manifest.modelVersion);
  // A model directory works as well as a registry.
  assert.equal(resolveModelDir(join(root, v2.manifest.modelVersion)), join(root, v2.manifest.modelVersion));
  await assert.rejects(rollback(root), (e: unknown) => e instanceof GlossaError && e.code === 'MODEL_NOT_FOUND');
});

test('unknown versions and bad names are refused', async () => {
  await assert.rejects(promote(root, 'nope'), (e: unknown) => e instanceof GlossaError && e.code === 'MODEL_NOT_FOUND');
  await assert.rejects(promote(root, '../etc'), (e: unknown) => e instanceof GlossaError && e.code === 'USAGE');
  await assert.rejects(loadModel(join(root, 'missing')), (e: unknown) => e instanceof GlossaError && e.code === 'MODEL_NOT_FOUND');
});

test('the shipped default model loads and answers', async () => {
  const m = await loadModel();
  assert.equal(m.labels.length, 38);
  assert.equal(m.predict('Dies ist ein deutscher Satz über das Wetter.').language, 'de');
  assert.equal(m.predict('').language, 'und');
});
