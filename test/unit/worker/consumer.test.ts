import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startConsumer } from '../../../src/worker/consumer.js';
import { startDeadLetterConsumer } from '../../../src/worker/dead-letters.js';
import { silentWorkerLogger } from '../../../src/worker/types.js';
import type { PredictionStore } from '../../../src/store/types.js';
import { FakePredictor, embeddedBroker, memoryStore, message, until } from './helpers.js';

const logger = silentWorkerLogger;

async function setUp(deliveryLimit = 5) {
  const broker = embeddedBroker({ deliveryLimit });
  await broker.connect();
  const store = await memoryStore();
  const predictor = new FakePredictor();
  return { broker, store, predictor };
}

test('deliveries are grouped into batches of at most B, each predicted once and written', async () => {
  const { broker, store, predictor } = await setUp();
  const ids = Array.from({ length: 25 }, (_, i) => `id-${i}`);
  await store.insertQueued(ids.map((id) => ({ id, text: `aa text ${id}`, createdAt: new Date() })));
  await broker.publish(ids.map((id) => message(id, `aa text ${id}`)));
  const completed: string[] = [];
  await broker.onCompleted((done) => completed.push(...done));
  const consumer = await startConsumer({ broker, store, predictor, logger }, { batchSize: 10, batchWaitMs: 20, prefetch: 100 });
  await until(async () => (await store.stats()).done === 25, 5_000, '25 done rows');
  await consumer.stop();

  assert.ok(predictor.calls.every((c) => c.length <= 10), `batch sizes ${predictor.calls.map((c) => c.length).join(',')}`);
  assert.equal(predictor.calls.flat().length, 25, 'each text predicted exactly once');
  assert.ok(predictor.calls.length >= 3 && predictor.calls.length < 25, `expected real batches, got ${predictor.calls.length} calls`);
  const row = await store.get('id-7');
  assert.equal(row?.status, 'done');
  assert.equal(row?.result?.language, 'aa');
  assert.equal(row?.modelVersion, 'fake-1');
  assert.deepEqual(consumer.stats().acked, 25);
  await until(() => completed.length === 25, 2_000, 'completion notices');
  assert.deepEqual([...completed].sort(), [...ids].sort());
  assert.equal((await broker.stats()).depth, 0);
  await broker.close();
  await store.close();
});

test('a single delivery is processed after batchWaitMs, without waiting for a full batch', async () => {
  const { broker, store, predictor } = await setUp();
  const consumer = await startConsumer({ broker, store, predictor, logger }, { batchSize: 100, batchWaitMs: 5, prefetch: 100 });
  await broker.publish([message('solo', 'bb alone')]);
  await until(async () => (await store.get('solo'))?.status === 'done', 2_000, 'solo done');
  assert.deepEqual(predictor.calls, [['bb alone']]);
  await consumer.stop();
  await broker.close();
  await store.close();
});

test('an invalid message is dead-lettered and its row marked failed, the rest of its batch is written', async () => {
  const { broker, store, predictor } = await setUp();
  await store.insertQueued([{ id: 'bad', text: 'whatever', createdAt: new Date() }]);
  const deadSub = await startDeadLetterConsumer(broker, store, logger);
  const consumer = await startConsumer({ broker, store, predictor, logger }, { batchSize: 10, batchWaitMs: 20, prefetch: 10 });
  await broker.publishRaw(JSON.stringify({ v: 1, id: 'bad', enqueuedAt: new Date().toISOString() }), 'bad');
  await broker.publishRaw('{not json', undefined);
  await broker.publish([message('good', 'cc fine')]);
  await until(async () => (await store.get('bad'))?.status === 'failed' && (await store.get('good'))?.status === 'done', 3_000, 'bad failed, good done');
  const bad = await store.get('bad');
  assert.match(bad?.error ?? '', /invalid message: .*text/);
  await until(async () => (await broker.stats()).deadLettered === 0 || consumer.stats().deadLettered === 2, 2_000, 'dead letters');
  assert.equal(consumer.stats().deadLettered, 2);
  assert.equal(consumer.stats().acked, 1);
  assert.deepEqual(predictor.calls.flat(), ['cc fine'], 'invalid messages never reach the predictor');
  await consumer.stop();
  await deadSub.cancel();
  await broker.close();
  await store.close();
});

test('a text that makes the predictor throw is isolated: its neighbours are written, it is retried once then failed', async () => {
  const { broker, store, predictor } = await setUp();
  predictor.poison.add('aa poison');
  const deadSub = await startDeadLetterConsumer(broker, store, logger);
  const consumer = await startConsumer({ broker, store, predictor, logger }, { batchSize: 3, batchWaitMs: 50, prefetch: 10 });
  await broker.publish([message('p1', 'aa one'), message('p2', 'aa poison'), message('p3', 'aa three')]);
  await until(async () => (await store.get('p2'))?.status === 'failed', 3_000, 'poison failed');
  assert.equal((await store.get('p1'))?.status, 'done');
  assert.equal((await store.get('p3'))?.status, 'done');
  assert.match((await store.get('p2'))?.error ?? '', /prediction failed: cannot predict/);
  // whole batch, then one by one, then the redelivery alone
  assert.deepEqual(predictor.calls, [['aa one', 'aa poison', 'aa three'], ['aa one'], ['aa poison'], ['aa three'], ['aa poison']]);
  await consumer.stop();
  await deadSub.cancel();
  await broker.close();
  await store.close();
});

test('a store that fails to write makes the batch retry, and it is written once the store recovers', async () => {
  const { broker, store, predictor } = await setUp();
  let failuresLeft = 2;
  const flaky: PredictionStore = Object.create(store) as PredictionStore;
  flaky.complete = (rows) => {
    if (failuresLeft > 0) {
      failuresLeft--;
      return Promise.reject(new Error('database is down'));
    }
    return store.complete(rows);
  };
  const consumer = await startConsumer({ broker, store: flaky, predictor, logger }, { batchSize: 5, batchWaitMs: 5, prefetch: 10 });
  await broker.publish([message('r1', 'bb one'), message('r2', 'bb two')]);
  await until(async () => (await store.getMany(['r1', 'r2'])).filter((r) => r.status === 'done').length === 2, 3_000, 'rows written after retries');
  assert.ok(consumer.stats().retried >= 2, `retried ${consumer.stats().retried}`);
  assert.equal(failuresLeft, 0);
  assert.equal((await broker.stats()).depth, 0);
  await consumer.stop();
  await broker.close();
  await store.close();
});

test('a message the store can never write is dead-lettered by the delivery limit and its row failed', async () => {
  const { broker, store, predictor } = await setUp(2);
  const broken: PredictionStore = Object.create(store) as PredictionStore;
  broken.complete = () => Promise.reject(new Error('constraint violation'));
  const deadSub = await startDeadLetterConsumer(broker, store, logger);
  const consumer = await startConsumer({ broker, store: broken, predictor, logger }, { batchSize: 5, batchWaitMs: 1, prefetch: 10 });
  await store.insertQueued([{ id: 'never', text: 'cc never', createdAt: new Date() }]);
  await broker.publish([message('never', 'cc never')]);
  await until(async () => (await store.get('never'))?.status === 'failed', 3_000, 'row failed by the dead-letter consumer');
  assert.match((await store.get('never'))?.error ?? '', /delivery_limit/);
  assert.equal(predictor.calls.length, 3, 'delivered deliveryLimit + 1 times');
  await consumer.stop();
  await deadSub.cancel();
  await broker.close();
  await store.close();
});

test('stop() drains: batches in flight are written and acked, the open batch is not left waiting', async () => {
  const { broker, store, predictor } = await setUp();
  predictor.delayMs = 100;
  const consumer = await startConsumer({ broker, store, predictor, logger }, { batchSize: 4, batchWaitMs: 60_000, prefetch: 6 });
  await broker.publish(Array.from({ length: 6 }, (_, i) => message(`s${i}`, `aa stop ${i}`)));
  // 4 in a full batch (predicting, 100 ms), 2 in an open batch whose timer would take a minute.
  await until(() => consumer.stats().inFlight === 6, 2_000, 'six deliveries in flight');
  const started = Date.now();
  await consumer.stop();
  assert.ok(Date.now() - started < 30_000);
  const rows = await store.getMany(Array.from({ length: 6 }, (_, i) => `s${i}`));
  assert.equal(rows.filter((r) => r.status === 'done').length, 6);
  assert.equal(consumer.stats().acked, 6);
  assert.equal(consumer.stats().inFlight, 0);
  // After stop, new messages stay in the queue for another consumer.
  await broker.publish([message('later', 'aa later')]);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal((await store.get('later'))?.status, undefined);
  assert.equal((await broker.stats()).depth, 1);
  await broker.close();
  await store.close();
});

test('a message from another producer (no row) is written as a new done row, retrievable by id', async () => {
  const { broker, store, predictor } = await setUp();
  const consumer = await startConsumer({ broker, store, predictor, logger }, { batchSize: 2, batchWaitMs: 1, prefetch: 4 });
  await broker.publish([message('external-1', 'bb from elsewhere')]);
  await until(async () => (await store.get('external-1'))?.status === 'done', 2_000, 'external row');
  const row = await store.get('external-1');
  assert.equal(row?.text, 'bb from elsewhere');
  assert.equal(row?.result?.language, 'bb');
  await consumer.stop();
  await broker.close();
  await store.close();
});

test('invalid settings are refused with every problem listed', async () => {
  const { broker, store, predictor } = await setUp();
  await assert.rejects(
    startConsumer({ broker, store, predictor, logger }, { batchSize: 0, batchWaitMs: -1, prefetch: 0 }),
    (e: Error) => /batch size/.test(e.message) && /batch wait/.test(e.message) && /prefetch/.test(e.message),
  );
  await broker.close();
  await store.close();
});
