import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitByDocument, splitBySource } from '../../../src/corpus/split.js';

const samples = Array.from({ length: 2000 }, (_, k) => ({ text: `t${k}`, label: k % 2 ? 'ms' : 'id', source: k % 3 ? 'gettext' : 'udhr', doc: `doc${k % 200}` }));

test('splitByDocument keeps every document on one side and holds out about the requested fraction', () => {
  const { train, heldOut } = splitByDocument(samples, 0.2, 7);
  assert.equal(train.length + heldOut.length, samples.length);
  const key = (s: { source: string; doc: string }): string => `${s.source}/${s.doc}`;
  const heldDocs = new Set(heldOut.map(key));
  assert.ok(train.every((s) => !heldDocs.has(key(s))), 'no document on both sides');
  const share = heldDocs.size / new Set(samples.map(key)).size;
  assert.ok(share > 0.1 && share < 0.3, `held-out share ${share}`);
});

test('splitByDocument is deterministic for a seed, independent of order, and differs across seeds', () => {
  const a = splitByDocument(samples, 0.2, 7).heldOut.map((s) => s.text).sort();
  const b = splitByDocument([...samples].reverse(), 0.2, 7).heldOut.map((s) => s.text).sort();
  const c = splitByDocument(samples, 0.2, 8).heldOut.map((s) => s.text).sort();
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test('splitByDocument rejects a fraction outside (0, 1)', () => {
  assert.throws(() => splitByDocument(samples, 0), RangeError);
  assert.throws(() => splitByDocument(samples, 1), RangeError);
  assert.throws(() => splitByDocument(samples, Number.NaN), RangeError);
});

test('splitBySource holds out exactly the named sources', () => {
  const { train, heldOut } = splitBySource(samples, ['udhr']);
  assert.ok(heldOut.length > 0 && heldOut.every((s) => s.source === 'udhr'));
  assert.ok(train.every((s) => s.source !== 'udhr'));
  assert.equal(train.length + heldOut.length, samples.length);
});
