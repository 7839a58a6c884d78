/**
 * PostgreSQL-only behaviour beyond the conformance suite: unreachable servers and bad settings,
 * password redaction, schema isolation, U+0000 in text, connections dropped by the server.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { GlossaError } from '../../src/errors.js';
import { PostgresStore } from '../../src/store/postgres.js';
import { dropPgSchemas, pgUrl, serviceAvailable } from '../helpers/services.js';

function withPassword(url: string, password: string): string {
  const u = new URL(url);
  u.password = password;
  return u.toString();
}

async function unavailable(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof GlossaError, `expected a GlossaError, got ${String(e)}`);
    assert.equal(e.code, 'STORE_UNAVAILABLE', e.message);
    return e.message;
  }
  return assert.fail('expected STORE_UNAVAILABLE');
}

test('an unreachable server gives STORE_UNAVAILABLE naming host and database, never the password', async () => {
  const store = new PostgresStore({ url: 'postgres://app:s3cr3t-pw@127.0.0.1:1/glossa', connectTimeoutMs: 2000 });
  try {
    for (const p of [store.ping(), store.migrate(), store.get('x')]) {
      const message = await unavailable(p);
      assert.match(message, /127\.0\.0\.1:1\/glossa/);
      assert.doesNotMatch(message, /s3cr3t-pw/);
    }
    assert.doesNotMatch(store.description, /s3cr3t-pw/);
  } finally {
    await store.close();
  }
});

test('a schema name that is not a plain identifier is a USAGE error', () => {
  for (const schema of ['public"; DROP TABLE x; --', '', '1abc', 'a'.repeat(64)]) {
    assert.throws(() => new PostgresStore({ url: pgUrl, schema }), { code: 'USAGE' });
  }
  assert.throws(() => new PostgresStore({ url: pgUrl, poolSize: 0 }), { code: 'USAGE' });
});

const pgUp = await serviceAvailable('postgres');

describe('PostgresStore against the real server', { skip: pgUp ? false : 'PostgreSQL not reachable' }, () => {
  const schemas: string[] = [];
  const stores: PostgresStore[] = [];
  const open = async (config: Partial<ConstructorParameters<typeof PostgresStore>[0]> = {}): Promise<PostgresStore> => {
    const schema = `glossa_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    schemas.push(schema);
    const store = new PostgresStore({ url: pgUrl, schema, poolSize: 2, ...config });
    stores.push(store);
    await store.migrate();
    return store;
  };
  after(async () => {
    for (const s of stores) await s.close();
    await dropPgSchemas(...schemas);
  });

  test('an unknown database gives STORE_UNAVAILABLE without the password', async () => {
    const u = new URL(withPassword(pgUrl, 'hunter2'));
    u.pathname = `/glossa_no_such_db_${randomUUID().slice(0, 8)}`;
    const store = new PostgresStore({ url: u.toString() });
    try {
      const message = await unavailable(store.ping());
      assert.match(message, /glossa_no_such_db_/);
      assert.doesNotMatch(message, /hunter2/);
    } finally {
      await store.close();
    }
  });

  test('two schemas on one database do not see each other', async () => {
    const a = await open();
    const b = await open();
    await a.insertQueued([{ id: 'same-id', text: 'in a', createdAt: new Date() }]);
    assert.equal(await b.get('same-id'), undefined);
    await b.complete([{ id: 'same-id', text: 'in b', result: { language: 'da', confidence: 1, top: [] }, modelVersion: 'v', completedAt: new Date() }]);
    assert.equal((await a.get('same-id'))?.status, 'queued');
    assert.equal((await b.get('same-id'))?.text, 'in b');
  });

  test('U+0000 in one text does not fail the batch; it is stored as U+FFFD', async () => {
    const store = await open();
    const t0 = new Date('2026-01-01T00:00:00Z');
    await store.insertQueued([
      { id: 'ok1', text: 'fine', createdAt: t0 },
      { id: 'nul', text: 'a\u0000b', createdAt: t0 },
      { id: 'ok2', text: 'fine too', createdAt: t0 },
    ]);
    assert.equal((await store.get('nul'))?.text, 'a\uFFFDb');
    assert.equal((await store.stats()).queued, 3);
    await store.fail([{ id: 'nul2', reason: 'bad\u0000reason', text: '\u0000' }]);
    assert.equal((await store.get('nul2'))?.error, 'bad\uFFFDreason');
  });

  test('a connection killed by the server is reported and replaced; the next query works', async () => {
    const applicationName = `glossa_test_${randomUUID().slice(0, 8)}`;
    const idleErrors: GlossaError[] = [];
    const store = await open({ applicationName, onIdleError: (e) => idleErrors.push(e) });
    await store.ping();
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    try {
      const { rowCount } = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
      assert.ok((rowCount ?? 0) >= 1, 'the store had an idle connection to kill');
    } finally {
      await admin.end();
    }
    // The pool learns of the dead connection asynchronously; wait for the report.
    for (let i = 0; i < 100 && idleErrors.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(idleErrors.length >= 1);
    assert.equal(idleErrors[0]?.code, 'STORE_UNAVAILABLE');
    await store.ping();
    await store.insertQueued([{ id: 'after-kill', text: 't', createdAt: new Date() }]);
    assert.equal((await store.get('after-kill'))?.status, 'queued');
  });
});
