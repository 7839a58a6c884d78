import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measureInterleaved, median } from '../../../bench/lib/timing.js';

test('median of odd and even counts', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
});

test('interleaved timing: every round times every tool once, in an order that rotates; best and median per tool', () => {
  const calls: string[] = [];
  const tool = (name: string) => ({ name, pass: () => { calls.push(name); return 1; } });
  const rounds: number[] = [];
  // With 0 s, each warm-up and each timed stretch is exactly one pass: the calls are the schedule.
  const results = measureInterleaved(10, [tool('a'), tool('b'), tool('c')], 0, 3, (r) => rounds.push(r));
  assert.deepEqual(calls.slice(0, 3), ['a', 'b', 'c'], 'one warm-up pass each');
  assert.deepEqual(calls.slice(3), ['a', 'b', 'c', 'b', 'c', 'a', 'c', 'a', 'b']);
  assert.deepEqual(rounds, [1, 2, 3]);
  assert.deepEqual([...results.keys()], ['a', 'b', 'c']);
  for (const r of results.values()) {
    assert.equal(r.rounds.length, 3);
    assert.equal(r.perSecond, Math.max(...r.rounds));
    assert.equal(r.median, median(r.rounds));
    assert.ok(r.rounds.every((x) => x > 0 && Number.isFinite(x)));
  }
});
