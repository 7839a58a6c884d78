import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSweeper } from '../../../src/worker/sweep.js';
import { deadLetterHandler } from '../../../src/worker/dead-letters.js';
import { silentWorkerLogger } from '../../../src/worker/types.js';
import type { RequestMessage, PublishOutcome } from '../../../src/queue/types.js';
import { memoryStore } from './helpers.js';

function recordingBroker(refuse = false) {
  const published: RequestMessage[] = [];
  return {
    published,
    publish: (messages: readonly RequestMessage[]): Promise<PublishOutcome[]> => {
      if (!refuse) published.push(...messages);
      return Promise.resolve(messages.map(() => (refuse ? { ok: false, reason: 'queue_full', message: 'full' } as const : { ok: true } as const)));
    },
  };
}

const settings = { graceMs: 30_000, intervalMs: 3_600_000, limit: 100, cooldownMs: 300_000 };

test('the sweep republishes rows queued longer than the grace period, and only those', async () => {
  const store = await memoryStore();
  const now = Date.now();
  await store.insertQueued([
    { id: 'old', text: 'lost between insert and publish', createdAt: new Date(now - 60_000) },
    { id: 'fresh', text: 'just queued', createdAt: new Date(now - 1_000) },
    { id: 'old-done', text: 'finished', createdAt: new Date(now - 60_000) },
  ]);
  await store.complete([{ id: 'old-done', text: 'finished', result: { language: 'en', confidence: 1, top: [] }, modelVersion: 'm', completedAt: new Date() }]);
  const broker = recordingBroker();
  const sweeper = createSweeper({ store, broker, logger: silentWorkerLogger }, settings);
  await sweeper.stop(); // waits for the start-up sweep
  assert.deepEqual(broker.published.map((m) => m.id), ['old']);
  const [m] = broker.published;
  assert.equal(m?.text, 'lost between insert and publish');
  assert.equal(m?.v, 1);
  assert.equal(m?.enqueuedAt, new Date(now - 60_000).toISOString());
  await store.close();
});

test('an id is not republished again within the cooldown, but a refused publish is tried again', async () => {
  const store = await memoryStore();
  await store.insertQueued([{ id: 'stale', text: 't', createdAt: new Date(Date.now() - 60_000) }]);
  const full = recordingBroker(true);
  const s1 = createSweeper({ store, broker: full, logger: silentWorkerLogger }, settings);
  await s1.stop();
  assert.equal(await s1.sweepOnce(), 0);

  const broker = recordingBroker();
  const s2 = createSweeper({ store, broker, logger: silentWorkerLogger }, settings);
  await s2.stop();
  assert.equal(broker.published.length, 1);
  assert.equal(await s2.sweepOnce(), 0, 'cooldown');
  await store.close();
});

test('the start-up cutoff sweeps rows younger than the grace period (the embedded queue was lost)', async () => {
  const store = await memoryStore();
  await store.insertQueued([{ id: 'young', text: 't', createdAt: new Date(Date.now() - 1_000) }]);
  const broker = recordingBroker();
  const s = createSweeper({ store, broker, logger: silentWorkerLogger }, { ...settings, startupCutoff: new Date() });
  await s.stop();
  assert.deepEqual(broker.published.map((m) => m.id), ['young']);
  await store.close();
});

test('a dead letter fails a queued or unknown row, keeps a done row done and a failed row\'s reason', async () => {
  const store = await memoryStore();
  await store.insertQueued([
    { id: 'q', text: 'queued', createdAt: new Date() },
    { id: 'd', text: 'done', createdAt: new Date() },
    { id: 'f', text: 'failed', createdAt: new Date() },
  ]);
  await store.complete([{ id: 'd', text: 'done', result: { language: 'en', confidence: 1, top: [] }, modelVersion: 'm', completedAt: new Date() }]);
  await store.fail([{ id: 'f', reason: 'invalid message: text must be a string' }]);
  const handle = deadLetterHandler(store, silentWorkerLogger);
  for (const id of ['q', 'd', 'f', 'unknown']) await handle({ id, reason: 'delivery_limit' });
  await handle({ id: undefined, reason: 'rejected' });
  assert.equal((await store.get('q'))?.status, 'failed');
  assert.equal((await store.get('q'))?.error, 'delivery_limit');
  assert.equal((await store.get('d'))?.status, 'done');
  assert.equal((await store.get('f'))?.error, 'invalid message: text must be a string');
  assert.equal((await store.get('unknown'))?.status, 'failed');
  await store.close();
});
