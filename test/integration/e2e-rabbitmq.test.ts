/**
 * The production topology as separate processes: `glossa serve` (API) and `glossa worker
 * --concurrency 2` against the real RabbitMQ and PostgreSQL, each test on its own queue name and
 * schema. 1 000 texts through the API; a producer publishing straight to the queue; a poison
 * message; a full queue → 503.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import amqp from 'amqplib';
import { amqpUrl, pgUrl, serviceAvailable } from '../helpers/services.js';
import {
  checkAnswers, deleteQueue, freshSchema, getJson, postJson, startGlossa, submitAll, udhrSamples, uniqueName, until,
} from './e2e-helpers.js';
import type { GlossaProcess } from './e2e-helpers.js';

const available = (await serviceAvailable('rabbitmq')) && (await serviceAvailable('postgres'));
const LISTENING = /listening on (http:\/\/\S+)/;

async function publishRaw(queue: string, body: string, messageId?: string): Promise<void> {
  const conn = await amqp.connect(amqpUrl);
  try {
    const ch = await conn.createConfirmChannel();
    ch.sendToQueue(queue, Buffer.from(body), { persistent: true, contentType: 'application/json', ...(messageId === undefined ? {} : { messageId }) });
    await ch.waitForConfirms();
    await ch.close();
  } finally {
    await conn.close();
  }
}

describe('serve + worker --concurrency 2 on RabbitMQ and PostgreSQL', { skip: !available, timeout: 240_000 }, () => {
  const queue = uniqueName('glossa.e2e');
  let db: Awaited<ReturnType<typeof freshSchema>>;
  let serve: GlossaProcess;
  let worker: GlossaProcess;
  let base = '';

  before(async () => {
    db = await freshSchema(pgUrl);
    const env = { GLOSSA_BROKER_URL: amqpUrl, GLOSSA_DATABASE_URL: pgUrl, GLOSSA_QUEUE_NAME: queue, GLOSSA_DB_SCHEMA: db.schema, GLOSSA_SWEEP_GRACE_MS: '600000' };
    serve = startGlossa(['serve', '--port', '0', '--host', '127.0.0.1'], env);
    worker = startGlossa(['worker', '--concurrency', '2'], env);
    base = (await serve.waitForLine(LISTENING)).match(LISTENING)?.[1] as string;
    await worker.waitForLine(/workers ready: 2 processes/);
  });

  after(async () => {
    const codes = await Promise.all([serve?.stop('SIGTERM'), worker?.stop('SIGTERM')]);
    await deleteQueue(amqpUrl, queue);
    await db?.drop();
    assert.deepEqual(codes, [0, 0], 'both exit 0 on SIGTERM');
  });

  test('1 000 texts submitted through the API all come back done with the right language, none lost or duplicated', async () => {
    const samples = udhrSamples(1_000);
    const ids = await submitAll(base, samples.map((s) => s.text));
    assert.equal(new Set(ids).size, 1_000);
    const done = async (): Promise<number> => Number((await db.client.query(
      `SELECT count(*) AS n FROM ${db.schema}.predictions WHERE id = ANY($1) AND status = 'done'`, [ids])).rows[0].n);
    await until(async () => (await done()) === 1_000, 120_000, '1 000 done rows');
    const rows = (await db.client.query(`SELECT id, status, result->>'language' AS language FROM ${db.schema}.predictions WHERE id = ANY($1)`, [ids])).rows as { id: string; language: string }[];
    assert.equal(rows.length, 1_000, 'exactly one row per request');
    const total = Number((await db.client.query(`SELECT count(*) AS n FROM ${db.schema}.predictions`)).rows[0].n);
    assert.equal(total, 1_000, 'no stray rows');
    const byId = new Map(rows.map((r) => [r.id, r.language]));
    assert.deepEqual(await checkAnswers(samples, ids.map((id) => byId.get(id))), []);
    const one = await getJson(`${base}/api/v1/predictions/${ids[0] as string}`);
    assert.equal(one.body.status, 'done');
  });

  test('a message published straight to the queue by another producer is stored and retrievable by id', async () => {
    const id = randomUUID();
    await publishRaw(queue, JSON.stringify({ v: 1, id, text: 'Alle Menschen sind frei und gleich an Würde und Rechten geboren.', enqueuedAt: new Date().toISOString() }), id);
    await until(async () => (await getJson(`${base}/api/v1/predictions/${id}`)).body.status === 'done', 30_000, 'external message done');
    const res = await getJson(`${base}/api/v1/predictions/${id}`);
    assert.equal((res.body.result as { language: string }).language, 'de');
  });

  test('a poison message published straight to the queue is dead-lettered and its row failed', async () => {
    const noText = randomUUID();
    const notJson = randomUUID();
    await publishRaw(queue, JSON.stringify({ v: 1, id: noText, enqueuedAt: new Date().toISOString() }), noText);
    await publishRaw(queue, '{"v": 1, "id": oops', notJson);
    for (const id of [noText, notJson]) {
      await until(async () => (await getJson(`${base}/api/v1/predictions/${id}`)).body.status === 'failed', 30_000, `row ${id} failed`);
    }
    const row = (await db.client.query(`SELECT status, error FROM ${db.schema}.predictions WHERE id = $1`, [noText])).rows[0] as { status: string; error: string };
    assert.match(row.error, /text/);
    // The worker keeps working after poison.
    const ok = await postJson(`${base}/api/v1/predictions?wait=10000`, { text: 'Tous les êtres humains naissent libres et égaux en dignité et en droits.' });
    assert.equal(ok.status, 200);
    assert.equal((ok.body.result as { language: string }).language, 'fr');
  });
});

describe('a full queue answers 503 with Retry-After', { skip: !available, timeout: 120_000 }, () => {
  test('serve with a 20-message queue and no workers: the 21st text onwards is refused, none left queued', async () => {
    const queue = uniqueName('glossa.e2e.full');
    const db = await freshSchema(pgUrl);
    const serve = startGlossa(['serve', '--port', '0', '--host', '127.0.0.1', '--max-queue-length', '20'],
      { GLOSSA_BROKER_URL: amqpUrl, GLOSSA_DATABASE_URL: pgUrl, GLOSSA_QUEUE_NAME: queue, GLOSSA_DB_SCHEMA: db.schema });
    try {
      const base = (await serve.waitForLine(LISTENING)).match(LISTENING)?.[1] as string;
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      let refusedBody: Record<string, unknown> = {};
      for (let i = 0; i < 60; i++) {
        const res = await postJson(`${base}/api/v1/predictions`, { text: `Texte numéro ${i} pour remplir la file.` });
        statuses.push(res.status);
        if (res.status === 503) { retryAfter = res.headers.get('retry-after'); refusedBody = res.body; }
      }
      const accepted = statuses.filter((s) => s === 202).length;
      assert.ok(statuses.includes(503), `expected a 503, got ${statuses.join(',')}`);
      assert.ok(accepted >= 20 && accepted < 60, `accepted ${accepted}`);
      assert.ok(retryAfter !== null && Number(retryAfter) >= 1, 'Retry-After');
      assert.equal((refusedBody.error as { code: string }).code, 'QUEUE_FULL');
      const queued = Number((await db.client.query(`SELECT count(*) AS n FROM ${db.schema}.predictions WHERE status = 'queued'`)).rows[0].n);
      assert.equal(queued, accepted, 'only accepted requests are left queued (refused ones are not dangling)');
      assert.equal(await serve.stop('SIGTERM'), 0);
    } finally {
      await serve.stop('SIGKILL');
      await deleteQueue(amqpUrl, queue);
      await db.drop();
    }
  });
});
