/**
 * Fault tests of the production topology (serve + worker processes, RabbitMQ, PostgreSQL):
 * - SIGKILL a worker process in the middle of a run → its unacked messages are redelivered to the
 *   other worker / its replacement and completed; nothing lost, nothing duplicated;
 * - RabbitMQ restarted (stop_app / start_app) during a run → every request that got a 202 is
 *   completed. This one uses a private RabbitMQ node, so the machine's shared broker (and the
 *   suites using it at the same time) are never disturbed.
 * The tests in this file run one after the other.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { amqpUrl, pgUrl, serviceAvailable, servicesRequired } from '../helpers/services.js';
import { checkAnswers, deleteQueue, freshSchema, postJson, startGlossa, submitAll, udhrSamples, uniqueName, until } from './e2e-helpers.js';
import { privateNodeUnsupported, startRabbitNode } from './e2e-rabbit-node.js';

const available = (await serviceAvailable('rabbitmq')) && (await serviceAvailable('postgres'));
const LISTENING = /listening on (http:\/\/\S+)/;
const TOTAL = 8_000;
const noPrivateNode = privateNodeUnsupported();
if (noPrivateNode !== undefined && servicesRequired) throw new Error(`the RabbitMQ restart test is required but cannot run: ${noPrivateNode}`);
if (noPrivateNode !== undefined) console.warn(`SKIPPED the RabbitMQ restart test: ${noPrivateNode}`);

async function statusCounts(db: Awaited<ReturnType<typeof freshSchema>>, ids: readonly string[]): Promise<Record<string, number>> {
  const rows = (await db.client.query(`SELECT status, count(*) AS n FROM ${db.schema}.predictions WHERE id = ANY($1) GROUP BY status`, [ids])).rows as { status: string; n: string }[];
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

describe('faults', { concurrency: 1 }, () => {
  test('a worker process killed with SIGKILL mid-run: its messages are redelivered and completed', { skip: !available, timeout: 180_000 }, async () => {
    const queue = uniqueName('glossa.e2e.kill');
    const db = await freshSchema(pgUrl);
    const env = { GLOSSA_BROKER_URL: amqpUrl, GLOSSA_DATABASE_URL: pgUrl, GLOSSA_QUEUE_NAME: queue, GLOSSA_DB_SCHEMA: db.schema, GLOSSA_SWEEP_GRACE_MS: '600000' };
    const serve = startGlossa(['serve', '--port', '0', '--host', '127.0.0.1'], env);
    let worker: ReturnType<typeof startGlossa> | undefined;
    try {
      const base = (await serve.waitForLine(LISTENING)).match(LISTENING)?.[1] as string;
      // Everything is queued before any worker starts, and the run is long (small batches, many
      // texts), so the kill lands while work is left whatever the machine's speed.
      const samples = udhrSamples(TOTAL);
      const ids = await submitAll(base, samples.map((s) => s.text));
      worker = startGlossa(['worker', '--concurrency', '2', '--batch-size', '8', '--prefetch', '64'], env);
      const ready = await worker.waitForLine(/workers ready: 2 processes \(pids (\d+) (\d+)\)/);
      const victim = Number(/pids (\d+)/.exec(ready)?.[1]);
      await until(async () => ((await statusCounts(db, ids)).done ?? 0) >= 200, 60_000, 'the run to be under way', 20);
      process.kill(victim, 'SIGKILL');
      const atKill = (await statusCounts(db, ids)).done ?? 0;
      assert.ok(atKill < TOTAL, `killed in the middle of the run (${atKill} of ${TOTAL} done at the kill)`);
      await until(async () => ((await statusCounts(db, ids)).done ?? 0) === TOTAL, 120_000, `all ${TOTAL} done after the kill`);
      const total = Number((await db.client.query(`SELECT count(*) AS n FROM ${db.schema}.predictions`)).rows[0].n);
      assert.equal(total, TOTAL, 'one row per request, no duplicates');
      const rows = (await db.client.query(`SELECT id, result->>'language' AS language FROM ${db.schema}.predictions`)).rows as { id: string; language: string }[];
      const byId = new Map(rows.map((r) => [r.id, r.language]));
      assert.deepEqual(await checkAnswers(samples, ids.map((id) => byId.get(id))), []);
      const supervisor = worker;
      await until(() => Promise.resolve(/worker process died; restarting it/.test(supervisor.output())), 10_000, 'the supervisor to notice');
      assert.equal(await worker.stop('SIGTERM'), 0);
      assert.equal(await serve.stop('SIGTERM'), 0);
    } finally {
      await Promise.all([serve.stop('SIGKILL'), worker?.stop('SIGKILL')]);
      await deleteQueue(amqpUrl, queue);
      await db.drop();
    }
  });

  test('the supervisor killed with SIGKILL: its worker processes notice, drain and exit', { skip: !available, timeout: 120_000 }, async () => {
    const queue = uniqueName('glossa.e2e.orphan');
    const db = await freshSchema(pgUrl);
    const env = { GLOSSA_BROKER_URL: amqpUrl, GLOSSA_DATABASE_URL: pgUrl, GLOSSA_QUEUE_NAME: queue, GLOSSA_DB_SCHEMA: db.schema };
    const worker = startGlossa(['worker', '--concurrency', '2'], env);
    try {
      const ready = await worker.waitForLine(/workers ready: 2 processes \(pids (\d+) (\d+)\)/);
      const children = [...ready.matchAll(/\d+/g)].slice(-2).map(Number);
      process.kill(worker.child.pid as number, 'SIGKILL');
      const alive = (pid: number): boolean => { try { process.kill(pid, 0); return true; } catch { return false; } };
      await until(() => Promise.resolve(children.every((pid) => !alive(pid))), 30_000, `orphaned worker processes ${children.join(', ')} to exit`);
    } finally {
      await worker.stop('SIGKILL');
      await deleteQueue(amqpUrl, queue);
      await db.drop();
    }
  });

  test('RabbitMQ restarted during a run: every request that got a 202 is completed', { skip: !available || noPrivateNode !== undefined, timeout: 240_000 }, async () => {
    const node = await startRabbitNode();
    const db = await freshSchema(pgUrl);
    const env = {
      GLOSSA_BROKER_URL: node.url, GLOSSA_DATABASE_URL: pgUrl, GLOSSA_QUEUE_NAME: 'glossa.requests', GLOSSA_DB_SCHEMA: db.schema,
      GLOSSA_SWEEP_GRACE_MS: '5000', GLOSSA_SWEEP_INTERVAL_MS: '2000',
    };
    const serve = startGlossa(['serve', '--port', '0', '--host', '127.0.0.1'], env);
    const worker = startGlossa(['worker', '--concurrency', '1'], env);
    try {
      const base = (await serve.waitForLine(LISTENING)).match(LISTENING)?.[1] as string;
      await worker.waitForLine(/worker ready/);
      const texts = udhrSamples(200).map((s) => s.text);
      const accepted: string[] = [];
      const statuses = new Map<number, number>();
      let submitting = true;
      const submitter = (async () => {
        for (let i = 0; submitting; i++) {
          const res = await postJson(`${base}/api/v1/predictions/batch`, { texts: texts.slice((i * 10) % 200, (i * 10) % 200 + 10) }).catch(() => undefined);
          if (res !== undefined) {
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            if (res.status === 202) accepted.push(...(res.body.ids as string[]));
          }
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      await until(() => Promise.resolve(accepted.length >= 300), 30_000, 'some accepted requests before the restart');
      await node.restart();
      const afterRestart = accepted.length;
      await until(() => Promise.resolve(accepted.length >= afterRestart + 300), 60_000, 'requests accepted again after the restart');
      submitting = false;
      await submitter;
      await until(async () => ((await statusCounts(db, accepted)).done ?? 0) === accepted.length, 120_000,
        `all ${accepted.length} accepted requests done (statuses seen: ${JSON.stringify([...statuses])})`);
      const total = Number((await db.client.query(`SELECT count(*) AS n FROM ${db.schema}.predictions WHERE id = ANY($1)`, [accepted])).rows[0].n);
      assert.equal(total, accepted.length);
      assert.equal(await worker.stop('SIGTERM'), 0);
      assert.equal(await serve.stop('SIGTERM'), 0);
    } finally {
      await Promise.all([serve.stop('SIGKILL'), worker.stop('SIGKILL')]);
      await db.drop();
      await node.stop();
    }
  });
});
