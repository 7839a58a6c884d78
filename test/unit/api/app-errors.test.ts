import { test } from 'node:test';
import assert from 'node:assert/strict';
import { json, makeHarness } from './harness.js';

interface ErrorBody { error: { code: string; message: string; accepted?: string[] } }

function assertError(res: { statusCode: number; body: string; headers: Record<string, unknown> }, status: number, code: string): ErrorBody {
  assert.equal(res.statusCode, status, `status of ${res.body}`);
  assert.match(String(res.headers['content-type']), /^application\/json/);
  const body = json<ErrorBody>(res);
  assert.equal(body.error.code, code);
  assert.ok(body.error.message.length > 0, 'the message says what is wrong');
  return body;
}

test('missing, null-bodied and empty text → 400 TEXT_EMPTY', async (t) => {
  const h = await makeHarness();
  t.after(() => h.close());
  const post = (payload?: string, contentType = 'application/json') => h.app.inject({
    method: 'POST', url: '/api/v1/predictions', ...(payload === undefined ? {} : { payload, headers: { 'content-type': contentType } }),
  });
  assertError(await post('{}'), 400, 'TEXT_EMPTY');
  assertError(await post(''), 400, 'TEXT_EMPTY');
  assertError(await post(), 400, 'TEXT_EMPTY');
  assertError(await post('{"text": ""}'), 400, 'TEXT_EMPTY');
  assertError(await post('{"text": " \\n\\t "}'), 400, 'TEXT_EMPTY');
  assertError(await h.app.inject({ url: '/api/v1/predict' }), 400, 'TEXT_EMPTY');
  assertError(await h.app.inject({ url: '/api/v1/predict?text=%20%20' }), 400, 'TEXT_EMPTY');
  assert.equal((await h.store.stats()).queued, 0, 'nothing was recorded');
});

test('text over 100 000 characters after trimming → 413 TEXT_TOO_LONG; the limit itself and padding are fine', async (t) => {
  const h = await makeHarness();
  t.after(() => h.close());
  const post = (text: string) => h.app.inject({ method: 'POST', url: '/api/v1/predictions', payload: { text } });
  assertError(await post('a'.repeat(100_001)), 413, 'TEXT_TOO_LONG');
  assert.equal((await post(`   ${'a'.repeat(100_000)}   `)).statusCode, 202);
  // Characters are code points: 100 000 emoji are 200 000 UTF-16 units and still within the limit.
  assert.equal((await post('😀'.repeat(100_000))).statusCode, 202);
  assertError(await post('😀'.repeat(100_001)), 413, 'TEXT_TOO_LONG');
});

test('body over the limit → 413 BODY_TOO_LARGE', async (t) => {
  const h = await makeHarness({ config: { bodyLimitBytes: 1000 } });
  t.after(() => h.close());
  const res = await h.app.inject({ method: 'POST', url: '/api/v1/predictions', payload: { text: 'x'.repeat(2000) } });
  assertError(res, 413, 'BODY_TOO_LARGE');
});

test('non-JSON content types → 415 UNSUPPORTED_MEDIA_TYPE', async (t) => {
  const h = await makeHarness();
  t.after(() => h.close());
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) {
    const res = await h.app.inject({ method: 'POST', url: '/api/v1/predictions', payload: 'text=hello', headers: { 'content-type': type } });
    assertError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  }
});

test('invalid JSON, wrong types and prototype poisoning → 400 BAD_REQUEST', async (t) => {
  const h = await makeHarness();
  t.after(() => h.close());
  const post = (payload: string, url = '/api/v1/predictions') => h.app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/json' } });
  assertError(await post('{"text": "unterminated'), 400, 'BAD_REQUEST');
  assertError(await post('{"text": 123}'), 400, 'BAD_REQUEST');
  assertError(await post('{"text": ["a"]}'), 400, 'BAD_REQUEST');
  assertError(await post('["hello"]'), 400, 'BAD_REQUEST');
  assertError(await post('{"text": "hi", "__proto__": {"x": 1}}'), 400, 'BAD_REQUEST');
  assertError(await post('{"texts": "hello"}', '/api/v1/predictions/batch'), 400, 'BAD_REQUEST');
});

test('?wait outside 0…10 000 or not a number → 400 BAD_REQUEST', async (t) => {
  const h = await makeHarness();
  t.after(() => h.close());
  for (const wait of ['10001', 'abc', '-1', '1.5', '', '1e3', '99999999999']) {
    const res = await h.app.inject({ method: 'POST', url: `/api/v1/predictions?wait=${wait}`, payload: { text: 'hello' } });
    const body = assertError(res, 400, 'BAD_REQUEST');
    assert.match(body.error.message, /wait must be an integer number of milliseconds from 0 to 10000/);
  }
  assert.equal((await h.store.stats()).queued, 0);
});

test('batch: no texts → TEXT_EMPTY, too many → 413 BATCH_TOO_LARGE, one bad text → its index, nothing recorded', async (t) => {
  const h = await makeHarness({ config: { maxBatchTexts: 5 } });
  t.after(() => h.close());
  const batch = (texts: unknown) => h.app.inject({ method: 'POST', url: '/api/v1/predictions/batch', payload: { texts } });
  assertError(await batch([]), 400, 'TEXT_EMPTY');
  assertError(await batch(['a', 'b', 'c', 'd', 'e', 'f']), 413, 'BATCH_TOO_LARGE');
  const bad = assertError(await batch(['fine', '  ', 'also fine']), 400, 'TEXT_EMPTY');
  assert.match(bad.error.message, /texts\[1\]/);
  assertError(await batch(['fine', 'x'.repeat(100_001)]), 413, 'TEXT_TOO_LONG');
  assertError(await h.app.inject({ method: 'POST', url: '/api/v1/predictions/batch', payload: {} }), 400, 'TEXT_EMPTY');
  assert.equal((await h.store.stats()).queued, 0);
  assert.equal((await h.broker.stats()).depth, 0);
});

test('unknown prediction id or route → 404 NOT_FOUND', async (t) => {
  const h = await makeHarness();
  t.after(() => h.close());
  assertError(await h.app.inject({ url: '/api/v1/predictions/does-not-exist' }), 404, 'NOT_FOUND');
  assertError(await h.app.inject({ url: '/api/v1/predictions/does-not-exist/events' }), 404, 'NOT_FOUND');
  assertError(await h.app.inject({ url: '/api/v1/predictions/does-not-exist/explain' }), 503, 'EXPLAIN_UNAVAILABLE');
  assertError(await h.app.inject({ url: '/api/v1/nope' }), 404, 'NOT_FOUND');
  assertError(await h.app.inject({ method: 'DELETE', url: '/api/v1/predictions' }), 404, 'NOT_FOUND');
  assertError(await h.app.inject({ url: `/api/v1/predictions/${'x'.repeat(201)}` }), 400, 'BAD_REQUEST');
});

test('feedback: unknown language → 422 UNKNOWN_LANGUAGE, unknown id → 404, missing field → 400', async (t) => {
  const h = await makeHarness();
  t.after(() => h.close());
  const { id } = json<{ id: string }>(await h.app.inject({ method: 'POST', url: '/api/v1/predictions', payload: { text: 'hello' } }));
  const feedback = (pid: string, payload: unknown) => h.app.inject({ method: 'POST', url: `/api/v1/predictions/${pid}/feedback`, payload: payload as object });
  assertError(await feedback(id, { language: 'xx' }), 422, 'UNKNOWN_LANGUAGE');
  assertError(await feedback(id, { language: 'und' }), 422, 'UNKNOWN_LANGUAGE');
  assertError(await feedback('no-such-id', { language: 'sv' }), 404, 'NOT_FOUND');
  assertError(await feedback(id, {}), 400, 'BAD_REQUEST');
  assert.equal((await h.store.stats()).feedback, 0);
});

test('queue full → 503 QUEUE_FULL with Retry-After, and the refused row is marked failed', async (t) => {
  const h = await makeHarness({ maxLength: 1 });
  t.after(() => h.close());
  const first = await h.app.inject({ method: 'POST', url: '/api/v1/predictions', payload: { text: 'one' } });
  assert.equal(first.statusCode, 202);
  const res = await h.app.inject({ method: 'POST', url: '/api/v1/predictions', payload: { text: 'two' } });
  assertError(res, 503, 'QUEUE_FULL');
  assert.equal(res.headers['retry-after'], '2');
  const stats = await h.store.stats();
  assert.deepEqual({ queued: stats.queued, failed: stats.failed }, { queued: 1, failed: 1 });
});

test('batch partly refused by a full queue → 503 QUEUE_FULL listing the accepted ids; refused rows failed', async (t) => {
  const h = await makeHarness({ maxLength: 2 });
  t.after(() => h.close());
  const res = await h.app.inject({ method: 'POST', url: '/api/v1/predictions/batch', payload: { texts: ['a', 'b', 'c'] } });
  const body = assertError(res, 503, 'QUEUE_FULL');
  assert.equal(body.error.accepted?.length, 2);
  assert.equal(res.headers['retry-after'], '2');
  const rows = await h.store.getMany(body.error.accepted ?? []);
  assert.deepEqual(rows.map((r) => r.status), ['queued', 'queued']);
  const stats = await h.store.stats();
  assert.deepEqual({ queued: stats.queued, failed: stats.failed }, { queued: 2, failed: 1 });
});

test('broker down → 503 BROKER_UNAVAILABLE; the row is not left queued', async (t) => {
  const h = await makeHarness();
  t.after(() => h.close());
  await h.broker.close();
  const res = await h.app.inject({ method: 'POST', url: '/api/v1/predictions', payload: { text: 'hello' } });
  assertError(res, 503, 'BROKER_UNAVAILABLE');
  assert.ok(res.headers['retry-after'] !== undefined);
  const stats = await h.store.stats();
  assert.deepEqual({ queued: stats.queued, failed: stats.failed }, { queued: 0, failed: 1 });
});

test('database down → 503 STORE_UNAVAILABLE on submit and on read; retries publish nothing more', async (t) => {
  const h = await makeHarness();
  t.after(() => h.close());
  await h.store.close();
  assertError(await h.app.inject({ method: 'POST', url: '/api/v1/predictions', payload: { text: 'hello' } }), 503, 'STORE_UNAVAILABLE');
  // Insert and publish overlap by default, so the first batch may have queued its message; once
  // an insert has failed the API writes serially again and the client's retries queue nothing.
  const afterFirst = (await h.broker.stats()).depth;
  assert.ok(afterFirst <= 1);
  for (let i = 0; i < 3; i++) {
    assertError(await h.app.inject({ method: 'POST', url: '/api/v1/predictions', payload: { text: 'hello' } }), 503, 'STORE_UNAVAILABLE');
  }
  assertError(await h.app.inject({ url: '/api/v1/predictions/some-id' }), 503, 'STORE_UNAVAILABLE');
  assert.equal((await h.broker.stats()).depth, afterFirst);
});
