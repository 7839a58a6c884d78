import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { accuracyModel, isCrossSource, shippedModel, versionsIn } from '../../../bench/lib/models.js';

let root = '';

function version(registry: string, name: string, createdAt: string, holdoutSource?: string): void {
  mkdirSync(join(registry, name), { recursive: true });
  writeFileSync(join(registry, name, 'manifest.json'), JSON.stringify({
    modelVersion: name, createdAt, params: holdoutSource === undefined ? {} : { holdoutSource },
  }));
}

before(() => {
  root = mkdtempSync(join(tmpdir(), 'glossa-bench-models-'));
  const mixed = join(root, 'mixed');
  version(mixed, 'product', '2026-11-27T13:01:00Z', 'documents-10pct');
  version(mixed, 'cross-old', '2026-11-27T12:00:00Z', 'udhr');
  version(mixed, 'cross-new', '2026-11-27T13:03:00Z', 'debian-fortunes');
  writeFileSync(join(mixed, 'CURRENT'), 'product\n');
  const plain = join(root, 'plain');
  version(plain, 'only', '2026-11-27T13:00:00Z', 'documents-10pct');
  writeFileSync(join(plain, 'CURRENT'), 'only\n');
  const crossCurrent = join(root, 'cross-current');
  version(crossCurrent, 'a', '2026-11-27T13:00:00Z', 'udhr');
  version(crossCurrent, 'b', '2026-11-27T14:00:00Z', 'debian-docs');
  writeFileSync(join(crossCurrent, 'CURRENT'), 'a\n');
});

after(() => rmSync(root, { recursive: true, force: true }));

describe('benchmark model choice', () => {
  test('a document split is not a held-out source', () => {
    assert.ok(isCrossSource({ holdout: 'udhr' }));
    assert.ok(!isCrossSource({ holdout: 'documents-10pct' }));
    assert.ok(!isCrossSource({}));
  });

  test('speed uses the shipped (current) version', () => {
    assert.equal(shippedModel(join(root, 'mixed')).dir, join(root, 'mixed', 'product'));
  });

  test('accuracy prefers the newest version that held a whole source out', () => {
    const choice = accuracyModel(join(root, 'mixed'));
    assert.equal(choice.dir, join(root, 'mixed', 'cross-new'));
    assert.match(choice.why, /debian-fortunes/);
    assert.equal(versionsIn(join(root, 'mixed')).length, 3);
  });

  test('a current version that held a source out is used as is', () => {
    assert.equal(accuracyModel(join(root, 'cross-current')).dir, join(root, 'cross-current', 'a'));
  });

  test('without any cross-source version, or when a model is named directly, that model is used', () => {
    assert.equal(accuracyModel(join(root, 'plain')).dir, join(root, 'plain', 'only'));
    assert.equal(accuracyModel(join(root, 'mixed', 'product')).dir, join(root, 'mixed', 'product'));
  });
});
