import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BucketCounter } from '../../../src/model/counter.js';

test('counts occurrences per bucket in first-seen order, across growth and clear', () => {
  const c = new BucketCounter(2);
  const seq = [5, 9, 5, 1_000_000, 9, 5];
  for (let i = 0; i < 300; i++) seq.push(100 + i);
  for (const b of seq) c.add(b);
  const got = new Map<number, number>();
  for (let i = 0; i < c.size; i++) got.set(c.used[i]!, c.countAt(i));
  assert.equal(c.size, 303);
  assert.equal(got.get(5), 3);
  assert.equal(got.get(9), 2);
  assert.equal(got.get(1_000_000), 1);
  assert.deepEqual([c.used[0], c.used[1], c.used[2]], [5, 9, 1_000_000]);
  c.clear();
  assert.equal(c.size, 0);
  c.add(9);
  assert.equal(c.countAt(0), 1);
});
