import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionWaiters } from '../../../src/api/waiters.js';
import type { PredictionRecord, PredictionStatus } from '../../../src/store/types.js';

function record(id: string, status: PredictionStatus): PredictionRecord {
  return { id, text: 't', status, result: null, modelVersion: null, error: null, createdAt: new Date(0), completedAt: null };
}

function fakeStore(rows: Map<string, PredictionStatus>) {
  const calls: string[][] = [];
  return {
    calls,
    store: {
      async getMany(ids: readonly string[]) {
        calls.push([...ids]);
        return ids.filter((id) => rows.has(id)).map((id) => record(id, rows.get(id) as PredictionStatus));
      },
    },
  };
}

test('one notification reads all waited-for ids with ONE getMany and wakes only finished ones', async (t) => {
  const rows = new Map<string, PredictionStatus>([['a', 'done'], ['b', 'failed'], ['c', 'queued']]);
  const f = fakeStore(rows);
  const w = new CompletionWaiters({ store: f.store, pollMs: 60_000 });
  t.after(() => w.close());
  const woke: string[] = [];
  for (const id of ['a', 'b', 'c']) w.watch(id, (r) => woke.push(`${r.id}:${r.status}`));
  w.watch('a', (r) => woke.push(`${r.id} again`));
  await w.notify(['a', 'b', 'c', 'not-waited']);
  assert.deepEqual(f.calls, [['a', 'b', 'c']]);
  assert.deepEqual(woke.sort(), ['a again', 'a:done', 'b:failed']);
  assert.equal(w.size, 1, 'c is still queued, still waited for');
});

test('a notification for nobody waiting touches the store not at all', async (t) => {
  const f = fakeStore(new Map());
  const w = new CompletionWaiters({ store: f.store, pollMs: 60_000 });
  t.after(() => w.close());
  await w.notify(['x', 'y']);
  assert.deepEqual(f.calls, []);
});

test('the safety poll wakes waiters whose notification was missed', async (t) => {
  const rows = new Map<string, PredictionStatus>([['a', 'queued']]);
  const f = fakeStore(rows);
  const w = new CompletionWaiters({ store: f.store, pollMs: 60_000 });
  t.after(() => w.close());
  const result = w.expect('a');
  await w.poll();
  assert.equal(w.size, 1);
  rows.set('a', 'done');
  await w.poll();
  assert.equal((await result.wait(1000))?.status, 'done');
  assert.equal(w.size, 0);
});

test('wait() times out with undefined and removes the watch; cancel() too', async (t) => {
  const w = new CompletionWaiters({ store: fakeStore(new Map()).store, pollMs: 60_000 });
  t.after(() => w.close());
  assert.equal(await w.expect('a').wait(5), undefined);
  assert.equal(w.size, 0);
  const e = w.expect('b');
  assert.equal(w.size, 1);
  e.cancel();
  e.cancel();
  assert.equal(w.size, 0);
});

test('waitFor() returns at once when the check finds the row already finished', async (t) => {
  const rows = new Map<string, PredictionStatus>([['a', 'done']]);
  const w = new CompletionWaiters({ store: fakeStore(rows).store, pollMs: 60_000 });
  t.after(() => w.close());
  const r = await w.waitFor('a', 60_000, async () => record('a', 'done'));
  assert.equal(r?.status, 'done');
  assert.equal(w.size, 0);
});

test('a failing store read leaves the waiters waiting for the next try', async (t) => {
  let fail = true;
  const store = { getMany: async (ids: readonly string[]) => { if (fail) throw new Error('db down'); return ids.map((id) => record(id, 'done')); } };
  const w = new CompletionWaiters({ store, pollMs: 60_000 });
  t.after(() => w.close());
  const e = w.expect('a');
  await w.notify(['a']);
  assert.equal(w.size, 1);
  fail = false;
  await w.notify(['a']);
  assert.equal((await e.wait(1000))?.status, 'done');
});
