import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MicroBatcher } from '../../../src/worker/batcher.js';
import type { Timers } from '../../../src/worker/batcher.js';

/** A manual clock: `advance(ms)` fires the timers that are due. */
function manualTimers(): Timers & { advance(ms: number): void } {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  return {
    setTimeout: (fn, ms) => { const id = nextId++; timers.push({ at: now + ms, fn, id }); return id; },
    clearTimeout: (id) => { timers = timers.filter((t) => t.id !== id); },
    advance(ms) {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      for (const t of due) t.fn();
    },
  };
}

test('a batch closes as soon as it holds batchSize items', () => {
  const batches: number[][] = [];
  const b = new MicroBatcher<number>(3, 100, (items) => batches.push(items), manualTimers());
  for (const i of [1, 2, 3, 4]) b.add(i);
  assert.deepEqual(batches, [[1, 2, 3]]);
  assert.equal(b.pending, 1);
});

test('a partial batch closes batchWaitMs after its first item, not after its last', () => {
  const timers = manualTimers();
  const batches: number[][] = [];
  const b = new MicroBatcher<number>(10, 5, (items) => batches.push(items), timers);
  b.add(1);
  timers.advance(3);
  b.add(2);
  timers.advance(1);
  assert.deepEqual(batches, []);
  timers.advance(1);
  assert.deepEqual(batches, [[1, 2]]);
  // A new batch starts a new timer.
  b.add(3);
  timers.advance(5);
  assert.deepEqual(batches, [[1, 2], [3]]);
});

test('a full batch cancels its timer; flush hands over what is pending, nothing when empty', () => {
  const timers = manualTimers();
  const batches: number[][] = [];
  const b = new MicroBatcher<number>(2, 5, (items) => batches.push(items), timers);
  b.add(1);
  b.add(2);
  timers.advance(10);
  assert.deepEqual(batches, [[1, 2]]);
  b.flush();
  assert.deepEqual(batches, [[1, 2]]);
  b.add(3);
  b.flush();
  assert.deepEqual(batches, [[1, 2], [3]]);
});

test('wait 0 closes the batch at the end of the I/O turn: items added together share it', async () => {
  const batches: number[][] = [];
  const b = new MicroBatcher<number>(5, 0, (items) => batches.push(items));
  b.add(1);
  b.add(2);
  assert.deepEqual(batches, [], 'not handed over synchronously');
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(batches, [[1, 2]]);
  b.add(3);
  b.flush();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(batches, [[1, 2], [3]], 'flush cancels the pending turn-end close');
});

test('invalid sizes and waits are refused', () => {
  assert.throws(() => new MicroBatcher<number>(0, 1, () => undefined), RangeError);
  assert.throws(() => new MicroBatcher<number>(1, -1, () => undefined), RangeError);
});
