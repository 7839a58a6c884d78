import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { json, makeHarness } from './harness.js';

interface Prediction {
  id: string;
  status: string;
  result: { language: string; name: string; nativeName: string; confidence: number; top: Array<{ language: string; name: string; confidence: number }> } | null;
  modelVersion: string | null;
  createdAt: string;
  completedAt: string | null;
}

test('POST /api/v1/predictions answers 202 with id and Location; the row is queued and the message published', async (t) => {
  const h = await makeHarness();
  t.after(() => h.close());
  const res = await h.app.inject({ method: 'POST', url: '/api/v1/predictions', payload: { text: '  Hej, hur mår du?  ' } });
  assert.equal(res.statusCode, 202);
  const body = json<{ id: string; status: string }>(res);
  assert.equal(body.status, 'queued');
  assert.match(body.id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(res.headers.location, `/api/v1/predictions/${body.id}`);
  const row = await h.store.get(body.id);
  assert.equal(row?.status, 'queued');
  assert.equal(row?.text, 'Hej, hur mår du?', 'the text is stored trimmed');
  assert.equal((await h.broker.stats()).depth, 1);
});

test('GET /api/v1/predictions/:id: queued, then done with names, top candidates and model version', async (t) => {
  const h = await makeHarness();
  t.after(() => h.close());
  const { id } = json<{ id: string }>(await h.app.inject({ method: 'POST', url: '/api/v1/predictions', payload: { text: 'Hej, hur mår du?' } }));
  const queued = json<Prediction>(await h.app.inject({ url: `/api/v1/predictions/${id}` }));
  assert.equal(queued.status, 'queued');
  assert.equal(queued.result, null);
  assert.equal(queued.completedAt, null);

  await h.startWorker();
  const done = json<Prediction>(await h.app.inject({ url: `/api/v1/predictions/${id}?` }));
  // The fake worker may need a tick or two; poll briefly via ?wait instead of sleeping.
  const final = done.status === 'done' ? done : await waitDone(h.app, id);
  assert.equal(final.status, 'done');
  assert.deepEqual(
    { language: final.result?.language, name: final.result?.name, nativeName: final.result?.nativeName },
    { language: 'sv', name: 'Swedish', nativeName: 'Svenska' },
  );
  assert.equal(final.result?.top[1]?.name, 'Norwegian (Bokmål)');
  assert.equal(final.modelVersion, 'test-1');
  assert.ok(final.completedAt !== null && Date.parse(final.completedAt) >= Date.parse(final.createdAt));
});

async function waitDone(app: FastifyInstance, id: string): Promise<Prediction> {
  for (let i = 0; i < 200; i += 1) {
    const p = json<Prediction>(await app.inject({ url: `/api/v1/predictions/${id}` }));
    if (p.status !== 'queued') return p;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`prediction ${id} never finished`);
}

test('POST ?wait=MS answers 200 with the finished prediction when a worker completes it in time', async (t) => {
  const h = await makeHarness();
  t.after(() => h.close());
  await h.startWorker();
  const res = await h.app.inject({ method: 'POST', url: '/api/v1/predictions?wait=5000', payload: { text: 'Hello there, how are you?' } });
  assert.equal(res.statusCode, 200);
  const p = json<Prediction>(res);
  assert.equal(p.status, 'done');
  assert.equal(p.result?.language, 'en');
  assert.equal(p.result?.name, 'English');
  assert.equal(res.headers.location, `/api/v1/predictions/${p.id}`);
  assert.equal(h.app.glossa.waiters.size, 0, 'the waiter is removed once answered');
});

test('POST ?wait=MS answers 202 when no worker finishes it in time, and leaves no waiter behind', async (t) => {
  const h = await makeHarness();
  t.after(() => h.close());
  const res = await h.app.inject({ method: 'POST', url: '/api/v1/predictions?wait=50', payload: { text: 'Hello' } });
  assert.equal(res.statusCode, 202);
  assert.equal(json(res).status, 'queued');
  assert.equal(h.app.glossa.waiters.size, 0);
});

test('many concurrent ?wait requests are all answered with their own result', async (t) => {
  const h = await makeHarness();
  t.after(() => h.close());
  await h.startWorker();
  const texts = Array.from({ length: 120 }, (_, i) => (i % 2 === 0 ? `Hej på dig nummer ${i}` : `Hello number ${i}`));
  const answers = await Promise.all(texts.map((text) => h.app.inject({ method: 'POST', url: '/api/v1/predictions?wait=5000', payload: { text } })));
  const ids = new Set<string>();
  answers.forEach((res, i) => {
    assert.equal(res.statusCode, 200);
    const p = json<Prediction>(res);
    ids.add(p.id);
    assert.equal(p.result?.language, i % 2 === 0 ? 'sv' : 'en');
  });
  assert.equal(ids.size, texts.length, 'every request got its own id');
  assert.equal((await h.store.stats()).done, texts.length);
});

test('GET /api/v1/predict?text= is the same as the POST (202, Location, row queued)', async (t) => {
  const h = await makeHarness();
  t.after(() => h.close());
  const res = await h.app.inject({ url: `/api/v1/predict?text=${encodeURIComponent('Hej då')}` });
  assert.equal(res.statusCode, 202);
  const { id } = json<{ id: string }>(res);
  assert.equal(res.headers.location, `/api/v1/predictions/${id}`);
  assert.equal((await h.store.get(id))?.text, 'Hej då');

  await h.startWorker();
  const waited = await h.app.inject({ url: `/api/v1/predict?text=${encodeURIComponent('Hej då')}&wait=5000` });
  assert.equal(waited.statusCode, 200);
  assert.equal(json<Prediction>(waited).result?.language, 'sv');
});

test('POST /api/v1/predictions/batch answers 202 with one id per text, in order', async (t) => {
  const h = await makeHarness();
  t.after(() => h.close());
  const texts = ['Hej på dig', 'Hello you', 'Hallå där'];
  const res = await h.app.inject({ method: 'POST', url: '/api/v1/predictions/batch', payload: { texts } });
  assert.equal(res.statusCode, 202);
  const { ids } = json<{ ids: string[] }>(res);
  assert.equal(ids.length, 3);
  const rows = await h.store.getMany(ids);
  assert.deepEqual(rows.map((r) => r.text), texts);
  assert.equal((await h.broker.stats()).depth, 3);
});

test('an undetermined result is named "Undetermined"', async (t) => {
  const h = await makeHarness();
  t.after(() => h.close());
  await h.startWorker();
  const res = await h.app.inject({ method: 'POST', url: '/api/v1/predictions?wait=5000', payload: { text: '12345 !!!' } });
  const p = json<Prediction>(res);
  assert.equal(p.result?.language, 'und');
  assert.equal(p.result?.name, 'Undetermined');
});

test('GET /api/v1/predictions/:id shows a failed prediction with its reason', async (t) => {
  const h = await makeHarness();
  t.after(() => h.close());
  await h.store.fail([{ id: 'ext-1', reason: 'poison: not JSON', text: '' }]);
  const p = json<Prediction & { error: string }>(await h.app.inject({ url: '/api/v1/predictions/ext-1' }));
  assert.equal(p.status, 'failed');
  assert.equal(p.error, 'poison: not JSON');
  assert.equal(p.result, null);
});

test('GET /api/v1/predictions/:id?wait=MS holds a queued prediction until its result arrives (long poll)', async (t) => {
  const h = await makeHarness();
  t.after(() => h.close());
  const { id } = json<{ id: string }>(await h.app.inject({ method: 'POST', url: '/api/v1/predictions', payload: { text: 'Hello' } }));
  const timedOut = json<Prediction>(await h.app.inject({ url: `/api/v1/predictions/${id}?wait=20` }));
  assert.equal(timedOut.status, 'queued', 'answers the queued row when the wait runs out');
  const held = h.app.inject({ url: `/api/v1/predictions/${id}?wait=10000` });
  for (let i = 0; i < 100 && h.app.glossa.waiters.size === 0; i += 1) await new Promise((r) => setTimeout(r, 5));
  await h.startWorker();
  const p = json<Prediction>(await held);
  assert.equal(p.status, 'done');
  assert.equal(p.result?.language, 'en');
  assert.equal(h.app.glossa.waiters.size, 0);
  assert.equal((await h.app.inject({ url: `/api/v1/predictions/${id}?wait=abc` })).statusCode, 400);
  assert.equal((await h.app.inject({ url: '/api/v1/predictions/nope?wait=10' })).statusCode, 404);
});
