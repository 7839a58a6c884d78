import assert from 'node:assert/strict';
import { test } from 'node:test';
import { learnPairMarkersAside } from '../../../src/model/markers-aside.js';
import { learnPairMarkers, type MarkerItem } from '../../../src/model/markers.js';

const OPTIONS = { pairs: [['ms', 'id'], ['hr', 'sr']] as [string, string][], minCount: 3, expected: 5, latinVariants: ['sr'] };
const MS = ['fail', 'bahawa', 'tetingkap', 'dan', 'yang', 'ini', 'kekunci'];
const ID = ['berkas', 'bahwa', 'jendela', 'dan', 'yang', 'ini', 'tombol'];
const HR = ['vrijeme', 'tjedan', 'sustav', 'i', 'je', 'da'];
const SR = ['време', 'недеља', 'систем', 'и', 'је', 'да'];
const words = (pool: readonly string[], i: number): string => Array.from({ length: 6 }, (_, j) => pool[(i + j * 5) % pool.length]).join(' ');
const ITEMS: MarkerItem[] = Array.from({ length: 4000 }, (_, i) => {
  const [label, pool] = ([['ms', MS], ['id', ID], ['hr', HR], ['sr', SR]] as const)[i % 4]!;
  return { text: words(pool, i), label, source: i % 8 < 4 ? 'ui' : 'docs' };
});

test('marker words learned on a helper thread are exactly those learned in place', () => {
  const here = learnPairMarkers(ITEMS, OPTIONS);
  assert.ok(here.length === 2 && here.every((m) => m.words[0].length > 0 && m.words[1].length > 0));
  const aside = learnPairMarkersAside(ITEMS, OPTIONS, { threads: 2, minItems: 0 });
  assert.equal(aside.threaded, true);
  assert.deepEqual(aside.result(), here);
});

test('a helper that dies: the caller learns the words itself, at once', { timeout: 60_000 }, () => {
  const entry = new URL('./helpers/crashing-thread.ts', import.meta.url);
  const aside = learnPairMarkersAside(ITEMS, OPTIONS, { threads: 2, minItems: 0, entry });
  assert.equal(aside.threaded, true);
  assert.deepEqual(aside.result(), learnPairMarkers(ITEMS, OPTIONS));
});

test('one thread, few items or no pairs: no thread', () => {
  assert.equal(learnPairMarkersAside(ITEMS, OPTIONS, { threads: 1, minItems: 0 }).threaded, false);
  assert.equal(learnPairMarkersAside(ITEMS, OPTIONS, { threads: 2 }).threaded, false);
  const none = learnPairMarkersAside(ITEMS, { ...OPTIONS, pairs: [] }, { threads: 2, minItems: 0 });
  assert.deepEqual([none.threaded, none.result()], [false, []]);
});
