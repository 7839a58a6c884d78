/**
 * The API against the real services: RabbitMQ (quorum queue, confirms, reject-publish) and
 * PostgreSQL, each test with its own queue names and schema, removed afterwards.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/app.js';
import type { ApiConfig } from '../../src/api/types.js';
import type { Broker } from '../../src/queue/types.js';
import { PostgresStore } from '../../src/store/postgres.js';
import { dropPgSchemas, pgUrl, serviceAvailable } from '../helpers/services.js';
import { openAmqp } from './broker-amqp-subject.js';

const up = (await serviceAvailable('rabbitmq')) && (await serviceAvailable('postgres'));

const config: ApiConfig = {
  maxTextChars: 100_000, bodyLimitBytes: 1024 * 1024, maxWaitMs: 10_000, retryAfterSeconds: 3,
  groupCommit: { maxBatch: 100, maxDelayMs: 2 },
};

describe('API on RabbitMQ + PostgreSQL', { skip: up ? false : 'RabbitMQ or PostgreSQL not reachable' }, () => {
  const cleanups: Array<() => Promise<void>> = [];
  after(async () => {
    for (const c of cleanups.reverse()) await c().catch((e: unknown) => console.error('cleanup failed', e));
  });

  async function setup(maxLength = 10_000): Promise<{ app: FastifyInstance; store: PostgresStore; broker: Broker }> {
    const suffix = randomUUID().replaceAll('-', '').slice(0, 12);
    const schema = `glossa_api_${suffix}`;
    const store = new PostgresStore({ url: pgUrl, schema, poolSize: 4 });
    await store.migrate();
    cleanups.push(async () => {
      await store.close();
      await dropPgSchemas(schema);
    });
    const amqp = await openAmqp({ queue: `glossa.test.api.${suffix}`, maxLength });
    cleanups.push(() => amqp.cleanup());
    const app = await buildApp({ store, broker: amqp.broker, model: { version: () => 'it-1', labels: ['en', 'sv'] }, logger: false, config });
    cleanups.push(() => app.close());
    return { app, store, broker: amqp.broker };
  }

  test('POST → 202 only after the row is in PostgreSQL and RabbitMQ confirmed the message', async () => {
    const { app, store, broker } = await setup();
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      app.inject({ method: 'POST', url: '/api/v1/predictions', payload: { text: `hello ${i}` } })));
    const ids = answers.map((res) => {
      assert.equal(res.statusCode, 202, res.body);
      return (JSON.parse(res.body) as { id: string }).id;
    });
    const rows = await store.getMany(ids);
    assert.equal(rows.length, 50);
    assert.ok(rows.every((r) => r.status === 'queued'));
    // Stats from the broker may lag a moment behind confirms; poll briefly.
    let depth = 0;
    for (let i = 0; i < 50 && depth < 50; i += 1) {
      depth = (await broker.stats()).depth;
      if (depth < 50) await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(depth, 50);
    const ready = await app.inject({ url: '/readyz' });
    assert.equal(ready.statusCode, 200);
  });

  test('?wait returns the result written by a consumer, through the completion fan-out', async () => {
    const { app, store, broker } = await setup();
    const sub = await broker.consume((delivery, settle) => {
      const m = delivery.message;
      if (m === null) return settle('deadLetter');
      void store.complete([{ id: m.id, text: m.text, result: { language: 'sv', confidence: 0.9, top: [{ language: 'sv', confidence: 0.9 }] }, modelVersion: 'it-1', completedAt: new Date() }])
        .then(async (written) => { await broker.notifyCompleted(written); settle('ack'); }, () => settle('retry'));
    }, { prefetch: 100 });
    cleanups.push(() => sub.cancel());
    const res = await app.inject({ method: 'POST', url: '/api/v1/predictions?wait=10000', payload: { text: 'Hej på dig' } });
    assert.equal(res.statusCode, 200, res.body);
    const p = JSON.parse(res.body) as { status: string; result: { name: string } };
    assert.equal(p.status, 'done');
    assert.equal(p.result.name, 'Swedish');
  });

  test('a full queue (x-max-length, reject-publish) → 503 QUEUE_FULL with Retry-After; the row is failed', async () => {
    const { app, store } = await setup(3);
    let refused: { id?: string; body: string; retryAfter: unknown } | undefined;
    // RabbitMQ applies max-length a little late, so send one at a time until it refuses.
    for (let i = 0; i < 30 && refused === undefined; i += 1) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/predictions', payload: { text: `fill ${i}` } });
      if (res.statusCode === 503) refused = { body: res.body, retryAfter: res.headers['retry-after'] };
      else assert.equal(res.statusCode, 202, res.body);
    }
    assert.ok(refused !== undefined, 'the broker refused a publish once the queue was full');
    assert.equal((JSON.parse(refused.body) as { error: { code: string } }).error.code, 'QUEUE_FULL');
    assert.equal(refused.retryAfter, '3');
    const stats = await store.stats();
    assert.ok(stats.failed >= 1, 'the refused row is marked failed, not left queued');
    assert.ok(stats.queued >= 3);
  });
});
