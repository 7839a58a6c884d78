import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkLimit, epochMs, inLockOrder, uniqueById } from '../../../src/store/batch.js';

test('uniqueById keeps the first row of each id, in order', () => {
  const rows = [{ id: 'a', n: 1 }, { id: 'b', n: 2 }, { id: 'a', n: 3 }, { id: 'c', n: 4 }, { id: 'b', n: 5 }];
  assert.deepEqual(uniqueById(rows), [{ id: 'a', n: 1 }, { id: 'b', n: 2 }, { id: 'c', n: 4 }]);
  assert.deepEqual(uniqueById([]), []);
});

test('epochMs converts a Date and refuses an invalid one, naming the field', () => {
  assert.equal(epochMs(new Date('1970-01-01T00:00:01.5Z'), 'createdAt'), 1500);
  assert.throws(() => epochMs(new Date('not a date'), 'createdAt'), /createdAt is an invalid Date/);
});

test('checkLimit accepts non-negative integers only', () => {
  assert.equal(checkLimit(0), 0);
  assert.equal(checkLimit(500), 500);
  for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) assert.throws(() => checkLimit(bad), RangeError);
});

test('inLockOrder sorts by id in code-unit order without touching the input', () => {
  const rows = [{ id: 'b' }, { id: 'B' }, { id: 'a10' }, { id: 'a2' }, { id: 'é' }];
  assert.deepEqual(inLockOrder(rows).map((r) => r.id), ['B', 'a10', 'a2', 'b', 'é']);
  assert.deepEqual(rows.map((r) => r.id), ['b', 'B', 'a10', 'a2', 'é']);
});
