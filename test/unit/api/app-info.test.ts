import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LANGUAGES } from '../../../src/languages/index.js';
import { json, LABELS, makeHarness } from './harness.js';

test('GET /api/v1/languages lists every language with names, direction and scripts', async (t) => {
  const h = await makeHarness();
  t.after(() => h.close());
  const { languages } = json<{ languages: Array<{ code: string; name: string; nativeName: string; direction: string; scripts: string[] }> }>(
    await h.app.inject({ url: '/api/v1/languages' }));
  assert.equal(languages.length, LANGUAGES.length);
  assert.deepEqual(languages.find((l) => l.code === 'ar'), { code: 'ar', name: 'Arabic', nativeName: 'العربية', direction: 'rtl', scripts: ['Arab'] });
});

test('GET /api/v1/models reports the current version and labels (read on every call)', async (t) => {
  let version = 'v1';
  const h = await makeHarness({ deps: { model: { version: () => version, labels: LABELS } } });
  t.after(() => h.close());
  assert.deepEqual(json(await h.app.inject({ url: '/api/v1/models' })), { current: { version: 'v1', labels: [...LABELS] } });
  version = 'v2';
  assert.equal(json<{ current: { version: string } }>(await h.app.inject({ url: '/api/v1/models' })).current.version, 'v2');
});

test('GET /api/v1/stats: queue depth, consumers, dead letters, store counts, predictions/s', async (t) => {
  const h = await makeHarness();
  t.after(() => h.close());
  await h.app.inject({ method: 'POST', url: '/api/v1/predictions/batch', payload: { texts: ['a', 'b', 'c'] } });
  interface Stats { queue: { depth: number; consumers: number; deadLettered: number }; store: { queued: number; done: number }; predictionsPerSecond: number; waiting: number }
  const before = json<Stats>(await h.app.inject({ url: '/api/v1/stats' }));
  assert.deepEqual(before.queue, { depth: 3, consumers: 0, deadLettered: 0 });
  assert.equal(before.store.queued, 3);
  assert.equal(before.predictionsPerSecond, 0);

  await h.startWorker();
  await h.app.inject({ method: 'POST', url: '/api/v1/predictions?wait=5000', payload: { text: 'hello' } });
  // Stats are cached for a second; wait it out rather than reach inside.
  await new Promise((r) => setTimeout(r, 1050));
  const after = json<Stats>(await h.app.inject({ url: '/api/v1/stats' }));
  assert.equal(after.queue.consumers, 1);
  assert.equal(after.store.done, 4);
  assert.ok(after.predictionsPerSecond > 0, 'completions were counted');
});

test('GET /api/v1/stats degrades to null for a part that is down instead of failing', async (t) => {
  const h = await makeHarness();
  t.after(() => h.close());
  await h.store.close();
  const stats = json<{ queue: unknown; store: unknown }>(await h.app.inject({ url: '/api/v1/stats' }));
  assert.equal(stats.store, null);
  assert.notEqual(stats.queue, null);
});

test('/healthz answers ok; /readyz checks broker and store and names the one that failed', async (t) => {
  const h = await makeHarness();
  t.after(() => h.close());
  assert.deepEqual(json(await h.app.inject({ url: '/healthz' })), { status: 'ok' });
  const ready = await h.app.inject({ url: '/readyz' });
  assert.equal(ready.statusCode, 200);
  assert.deepEqual(json(ready), { status: 'ok', checks: { broker: 'ok', store: 'ok' } });

  await h.store.close();
  const storeDown = await h.app.inject({ url: '/readyz' });
  assert.equal(storeDown.statusCode, 503);
  const body = json<{ error: { code: string; checks: unknown } }>(storeDown);
  assert.equal(body.error.code, 'STORE_UNAVAILABLE');
  assert.deepEqual(body.error.checks, { broker: 'ok', store: 'down' });

  await h.broker.close();
  const bothDown = json<{ error: { code: string; checks: unknown } }>(await h.app.inject({ url: '/readyz' }));
  assert.equal(bothDown.error.code, 'BROKER_UNAVAILABLE');
  assert.deepEqual(bothDown.error.checks, { broker: 'down', store: 'down' });
  assert.deepEqual(json(await h.app.inject({ url: '/healthz' })), { status: 'ok' }, 'alive even when not ready');
});

test('/metrics exposes request counters, latency histogram and group-commit batch sizes in Prometheus format', async (t) => {
  const h = await makeHarness();
  t.after(() => h.close());
  await h.app.inject({ method: 'POST', url: '/api/v1/predictions', payload: { text: 'hello' } });
  await h.app.inject({ url: '/api/v1/predictions/nope' });
  const res = await h.app.inject({ url: '/metrics' });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^text\/plain/);
  assert.match(res.body, /glossa_http_requests_total\{method="POST",route="\/api\/v1\/predictions",status="202"\} 1/);
  assert.match(res.body, /glossa_http_requests_total\{method="GET",route="\/api\/v1\/predictions\/:id",status="404"\} 1/);
  assert.match(res.body, /glossa_http_request_duration_seconds_bucket\{/);
  assert.match(res.body, /glossa_api_group_commit_rows_count 1/);
  assert.match(res.body, /glossa_api_predictions_accepted_total 1/);
});

test('/docs serves the OpenAPI UI and /docs/json documents the routes', async (t) => {
  const h = await makeHarness();
  t.after(() => h.close());
  const ui = await h.app.inject({ url: '/docs/' });
  assert.equal(ui.statusCode, 200);
  assert.match(ui.body, /swagger/i);
  const spec = json<{ openapi: string; paths: Record<string, unknown> }>(await h.app.inject({ url: '/docs/json' }));
  assert.match(spec.openapi, /^3\./);
  for (const path of ['/api/v1/predictions', '/api/v1/predict', '/api/v1/predictions/batch', '/api/v1/predictions/{id}',
    '/api/v1/predictions/{id}/events', '/api/v1/predictions/{id}/feedback', '/api/v1/languages', '/api/v1/models', '/api/v1/stats', '/readyz']) {
    assert.ok(path in spec.paths, `${path} is documented`);
  }
});

test('feedback is recorded (204) and readable by an admin with the token; 401 without it', async (t) => {
  const h = await makeHarness({ config: { adminToken: 's3cret' } });
  t.after(() => h.close());
  await h.startWorker();
  const { id } = json<{ id: string }>(await h.app.inject({ method: 'POST', url: '/api/v1/predictions?wait=5000', payload: { text: 'Hej på dig' } }));
  const res = await h.app.inject({ method: 'POST', url: `/api/v1/predictions/${id}/feedback`, payload: { language: 'nb' } });
  assert.equal(res.statusCode, 204);
  assert.equal(res.body, '');
  assert.equal((await h.store.stats()).feedback, 1);

  assert.equal(json<{ error: { code: string } }>(await h.app.inject({ url: '/api/v1/feedback' })).error.code, 'UNAUTHORIZED');
  assert.equal((await h.app.inject({ url: '/api/v1/feedback', headers: { authorization: 'Bearer wrong!' } })).statusCode, 401);
  const list = await h.app.inject({ url: '/api/v1/feedback?limit=10', headers: { authorization: 'Bearer s3cret' } });
  assert.equal(list.statusCode, 200);
  const { feedback } = json<{ feedback: Array<{ predictionId: string; language: string; predictedLanguage: string; text: string }> }>(list);
  assert.deepEqual(feedback.map((f) => [f.predictionId, f.language, f.predictedLanguage, f.text]), [[id, 'nb', 'sv', 'Hej på dig']]);
});

test('admin routes answer 401 when no admin token is configured', async (t) => {
  const h = await makeHarness();
  t.after(() => h.close());
  const res = await h.app.inject({ url: '/api/v1/feedback', headers: { authorization: 'Bearer anything' } });
  assert.equal(res.statusCode, 401);
  assert.match(json<{ error: { message: string } }>(res).error.message, /no admin token/);
});

test('admin pause/resume calls the worker control of this process (token required); absent without workers', async (t) => {
  const calls: string[] = [];
  const workers = { pause: async () => { calls.push('pause'); }, resume: async () => { calls.push('resume'); } };
  const h = await makeHarness({ config: { adminToken: 'tok' }, deps: { workers } });
  t.after(() => h.close());
  assert.equal((await h.app.inject({ method: 'POST', url: '/api/v1/admin/workers/pause' })).statusCode, 401);
  const auth = { authorization: 'Bearer tok' };
  assert.equal((await h.app.inject({ method: 'POST', url: '/api/v1/admin/workers/pause', headers: auth })).statusCode, 204);
  assert.equal((await h.app.inject({ method: 'POST', url: '/api/v1/admin/workers/resume', headers: auth })).statusCode, 204);
  assert.deepEqual(calls, ['pause', 'resume']);

  const plain = await makeHarness({ config: { adminToken: 'tok' } });
  t.after(() => plain.close());
  assert.equal((await plain.app.inject({ method: 'POST', url: '/api/v1/admin/workers/pause', headers: auth })).statusCode, 404);
});

test('GET /api/v1/predictions/:id/explain returns the n-grams and weights from deps.explain', async (t) => {
  const seen: string[] = [];
  const explain = async (text: string) => {
    seen.push(text);
    return { prediction: { language: 'sv', confidence: 0.9, top: [{ language: 'sv', confidence: 0.9 }] }, features: [{ ngram: ' hej', weight: 1.5 }, { ngram: 'på ', weight: 0.7 }], markers: [{ word: 'hej', language: 'sv' }] };
  };
  const h = await makeHarness({ deps: { explain } });
  t.after(() => h.close());
  const { id } = json<{ id: string }>(await h.app.inject({ method: 'POST', url: '/api/v1/predictions', payload: { text: 'Hej på dig' } }));
  const res = await h.app.inject({ url: `/api/v1/predictions/${id}/explain` });
  assert.equal(res.statusCode, 200);
  const body = json<{ id: string; result: { language: string; name: string }; features: Array<{ ngram: string; weight: number }>; markers: Array<{ word: string; language: string }> }>(res);
  assert.equal(body.id, id);
  assert.equal(body.result.name, 'Swedish');
  assert.deepEqual(body.features, [{ ngram: ' hej', weight: 1.5 }, { ngram: 'på ', weight: 0.7 }]);
  assert.deepEqual(body.markers, [{ word: 'hej', language: 'sv' }]);
  assert.deepEqual(seen, ['Hej på dig']);
  assert.equal((await h.app.inject({ url: '/api/v1/predictions/nope/explain' })).statusCode, 404);
});

test('an explain that fails (e.g. its worker thread died) answers 503 EXPLAIN_UNAVAILABLE, not 500', async (t) => {
  const h = await makeHarness({ deps: { explain: async () => { throw new Error('worker thread exited'); } } });
  t.after(() => h.close());
  const { id } = json<{ id: string }>(await h.app.inject({ method: 'POST', url: '/api/v1/predictions', payload: { text: 'Hej' } }));
  const res = await h.app.inject({ url: `/api/v1/predictions/${id}/explain` });
  assert.equal(res.statusCode, 503);
  assert.equal(json<{ error: { code: string } }>(res).error.code, 'EXPLAIN_UNAVAILABLE');
});

test('the UI is served at / from staticDir when it exists; a pointer page otherwise', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'glossa-ui-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Glossa UI</title>');
  writeFileSync(join(dir, 'app.js'), 'console.log(1)');
  const h = await makeHarness({ config: { staticDir: dir } });
  t.after(() => h.close());
  const index = await h.app.inject({ url: '/' });
  assert.equal(index.statusCode, 200);
  assert.match(index.body, /Glossa UI/);
  assert.equal((await h.app.inject({ url: '/app.js' })).statusCode, 200);
  const missing = await h.app.inject({ url: '/nope.js' });
  assert.equal(missing.statusCode, 404);
  assert.equal(json<{ error: { code: string } }>(missing).error.code, 'NOT_FOUND');

  const bare = await makeHarness({ config: { staticDir: join(dir, 'absent') } });
  t.after(() => bare.close());
  const pointer = await bare.app.inject({ url: '/' });
  assert.equal(pointer.statusCode, 200);
  assert.match(pointer.body, /\/docs/);
});
