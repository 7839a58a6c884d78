import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Registry } from 'prom-client';
import { buildApp } from '../../../src/api/app.js';
import { createBroker } from '../../../src/queue/index.js';
import type { Broker } from '../../../src/queue/types.js';
import { SqliteStore } from '../../../src/store/index.js';
import { LABELS } from './harness.js';

const baseConfig = { maxTextChars: 100_000, bodyLimitBytes: 1 << 20, maxWaitMs: 10_000, retryAfterSeconds: 1, groupCommit: { maxBatch: 200, maxDelayMs: 1 } };

async function services(): Promise<{ store: SqliteStore; broker: Broker; close(): Promise<void> }> {
  const store = new SqliteStore({ path: ':memory:' });
  await store.migrate();
  const broker = createBroker('embedded');
  await broker.connect();
  return { store, broker, close: async () => { await broker.close(); await store.close(); } };
}

test('a bad config is refused with one USAGE error listing every problem', async (t) => {
  const s = await services();
  t.after(() => s.close());
  await assert.rejects(
    buildApp({ ...s, model: { version: () => 'v', labels: LABELS }, logger: false, config: { ...baseConfig, maxTextChars: 0, groupCommit: { maxBatch: -1, maxDelayMs: 1 } } }),
    (e: Error & { code?: string }) => e.code === 'USAGE' && /maxTextChars/.test(e.message) && /groupCommit\.maxBatch/.test(e.message),
  );
});

test('the app subscribes to completions once and cancels the subscription on close; the store and broker stay open', async (t) => {
  const s = await services();
  t.after(() => s.close());
  let subscribed = 0;
  let cancelled = 0;
  const broker: Broker = Object.assign(Object.create(s.broker) as Broker, {
    onCompleted: async (listener: (ids: readonly string[]) => void) => {
      subscribed += 1;
      const sub = await s.broker.onCompleted(listener);
      return { cancel: async () => { cancelled += 1; await sub.cancel(); } };
    },
  });
  const app = await buildApp({ store: s.store, broker, model: { version: () => 'v', labels: LABELS }, logger: false, config: baseConfig });
  assert.equal(subscribed, 1);
  await app.close();
  assert.equal(cancelled, 1);
  assert.equal(s.broker.isReady(), true);
  await s.store.ping();
});

test('a shared metrics registry receives the API metrics, and a second app on it does not clash', async (t) => {
  const s = await services();
  t.after(() => s.close());
  const registry = new Registry();
  const deps = { store: s.store, broker: s.broker, model: { version: () => 'v', labels: LABELS }, logger: false as const, config: baseConfig, metricsRegistry: registry };
  const a = await buildApp(deps);
  t.after(() => a.close());
  const b = await buildApp(deps);
  t.after(() => b.close());
  await a.inject({ url: '/healthz' });
  const text = await registry.metrics();
  assert.match(text, /glossa_http_requests_total\{method="GET",route="\/healthz",status="200"\} 1/);
  assert.doesNotMatch(text, /process_cpu_user_seconds_total/, 'default process metrics are the owner of a shared registry to add');
});
