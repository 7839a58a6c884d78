import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { once } from 'node:events';
import { json, makeHarness } from './harness.js';

interface Prediction { id: string; status: string; result: { language: string; name: string } | null; error: string | null }

/** Parses an SSE stream into its events (comments dropped). */
function events(raw: string): Array<{ event: string; data: string; id?: string }> {
  return raw.split('\n\n').filter((block) => block.split('\n').some((l) => l.startsWith('data:'))).map((block) => {
    const field = (name: string): string | undefined => block.split('\n').find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1).trim();
    return { event: field('event') ?? 'message', data: field('data') ?? '', ...(field('id') === undefined ? {} : { id: field('id') as string }) };
  });
}

async function submit(h: Awaited<ReturnType<typeof makeHarness>>, text: string): Promise<string> {
  return json<{ id: string }>(await h.app.inject({ method: 'POST', url: '/api/v1/predictions', payload: { text } })).id;
}

test('SSE for a prediction already done: one result event at once, then the stream ends', async (t) => {
  const h = await makeHarness();
  t.after(() => h.close());
  await h.startWorker();
  const { id } = json<{ id: string }>(await h.app.inject({ method: 'POST', url: '/api/v1/predictions?wait=5000', payload: { text: 'Hej på dig' } }));
  const res = await h.app.inject({ url: `/api/v1/predictions/${id}/events` });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^text\/event-stream/);
  const evs = events(res.body);
  assert.equal(evs.length, 1);
  assert.equal(evs[0]?.event, 'result');
  assert.equal(evs[0]?.id, id);
  const p = JSON.parse(evs[0]?.data ?? '') as Prediction;
  assert.equal(p.status, 'done');
  assert.equal(p.result?.name, 'Swedish');
});

test('SSE for a queued prediction: the result event arrives when a worker finishes it', async (t) => {
  const h = await makeHarness();
  t.after(() => h.close());
  const id = await submit(h, 'Hello there');
  const pending = h.app.inject({ url: `/api/v1/predictions/${id}/events` });
  // Let the stream open and register its watch before any worker exists.
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(h.app.glossa.waiters.size, 1);
  await h.startWorker();
  const res = await pending;
  const evs = events(res.body);
  assert.equal(evs.length, 1);
  const p = JSON.parse(evs[0]?.data ?? '') as Prediction;
  assert.equal(p.status, 'done');
  assert.equal(p.result?.language, 'en');
  assert.equal(h.app.glossa.waiters.size, 0);
});

test('SSE reports a failed prediction as its result event', async (t) => {
  const h = await makeHarness();
  t.after(() => h.close());
  const id = await submit(h, 'Hello there');
  const pending = h.app.inject({ url: `/api/v1/predictions/${id}/events` });
  await new Promise((r) => setTimeout(r, 30));
  await h.store.fail([{ id, reason: 'delivery limit reached' }]);
  await h.broker.notifyCompleted([id]);
  const p = JSON.parse(events((await pending).body)[0]?.data ?? '') as Prediction;
  assert.equal(p.status, 'failed');
  assert.equal(p.error, 'delivery limit reached');
});

test('the safety poll delivers a result whose notification was never sent', async (t) => {
  const h = await makeHarness({ config: { waiterPollMs: 20 } });
  t.after(() => h.close());
  const id = await submit(h, 'Hello there');
  const pending = h.app.inject({ url: `/api/v1/predictions/${id}/events` });
  await new Promise((r) => setTimeout(r, 30));
  // Written by "another worker" that never notifies.
  await h.store.complete([{ id, text: 'Hello there', result: { language: 'en', confidence: 1, top: [] }, modelVersion: 'm', completedAt: new Date() }]);
  const p = JSON.parse(events((await pending).body)[0]?.data ?? '') as Prediction;
  assert.equal(p.status, 'done');
});

test('SSE over a real socket: heartbeats while queued, and a client that disconnects leaves no waiter behind', async (t) => {
  const h = await makeHarness({ config: { sseHeartbeatMs: 10 } });
  t.after(() => h.close());
  const id = await submit(h, 'Hello there');
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  const address = h.app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;

  const req = http.get({ host: '127.0.0.1', port, path: `/api/v1/predictions/${id}/events` });
  const [res] = (await once(req, 'response')) as [http.IncomingMessage];
  assert.equal(res.statusCode, 200);
  let received = '';
  res.setEncoding('utf8');
  await new Promise<void>((resolve) => {
    res.on('data', (chunk: string) => {
      received += chunk;
      if (received.includes(': heartbeat')) resolve();
    });
  });
  assert.equal(h.app.glossa.waiters.size, 1);
  req.destroy();
  for (let i = 0; i < 100 && h.app.glossa.waiters.size > 0; i += 1) await new Promise((r) => setTimeout(r, 10));
  assert.equal(h.app.glossa.waiters.size, 0, 'the watch is removed when the client goes away');
});

test('closing the app ends open SSE streams instead of hanging', async (t) => {
  const h = await makeHarness();
  let closed = false;
  t.after(async () => { if (!closed) await h.close(); });
  const id = await submit(h, 'Hello there');
  const pending = h.app.inject({ url: `/api/v1/predictions/${id}/events` });
  await new Promise((r) => setTimeout(r, 30));
  await h.close();
  closed = true;
  const res = await pending;
  assert.equal(events(res.body).length, 0, 'no result was invented');
});

test('closing the app answers pending ?wait requests with 202 at once', { timeout: 30_000 }, async (t) => {
  // A wait far longer than the test timeout: only the shutdown can end it.
  const h = await makeHarness({ config: { maxWaitMs: 600_000 } });
  let closed = false;
  t.after(async () => { if (!closed) await h.close(); });
  const pending = h.app.inject({ method: 'POST', url: '/api/v1/predictions?wait=600000', payload: { text: 'Hello' } });
  for (let i = 0; i < 100 && h.app.glossa.waiters.size === 0; i += 1) await new Promise((r) => setTimeout(r, 5));
  assert.equal(h.app.glossa.waiters.size, 1);
  await h.close();
  closed = true;
  const res = await pending;
  assert.equal(res.statusCode, 202);
  assert.equal(JSON.parse(res.body).status, 'queued');
});
