/**
 * The PredictionStore conformance suite: every store passes the same tests.
 * SQLite runs on a temp file per test; PostgreSQL on the real server with a unique schema per
 * test, dropped after (skipped locally with a message when the server is down, required in CI).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { GlossaError } from '../../src/errors.js';
import { openStore } from '../../src/store/index.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import type { SqlStore } from '../../src/store/index.js';
import type { Completion, PredictionResult } from '../../src/store/types.js';
import { dropPgSchemas, pgUrl, serviceAvailable } from '../helpers/services.js';

interface Target {
  /** A store on this test's own database, migrated unless `fresh(false)`. */
  readonly store: SqlStore;
  /** Another, unmigrated store instance on the same database. */
  another(): SqlStore;
  dispose(): Promise<void>;
}

interface Harness {
  readonly name: string;
  fresh(migrate?: boolean): Promise<Target>;
}

async function migrated(s: SqlStore, migrate: boolean): Promise<SqlStore> {
  if (migrate) await s.migrate();
  return s;
}

const sqliteHarness: Harness = {
  name: 'sqlite',
  async fresh(migrate = true) {
    const dir = mkdtempSync(join(tmpdir(), 'glossa-store-'));
    // A sub-directory that does not exist yet: the store must create it.
    const url = `sqlite:${join(dir, 'nested', 'glossa.db')}`;
    const opened: SqlStore[] = [];
    const open = (): SqlStore => { const s = openStore(url); opened.push(s); return s; };
    return {
      store: await migrated(open(), migrate),
      another: open,
      async dispose() {
        for (const s of opened) await s.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgresHarness: Harness = {
  name: 'postgres',
  async fresh(migrate = true) {
    const schema = `glossa_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const opened: SqlStore[] = [];
    const open = (): SqlStore => { const s = openStore(pgUrl, { schema, poolSize: 2 }); opened.push(s); return s; };
    return {
      store: await migrated(open(), migrate),
      another: open,
      async dispose() {
        for (const s of opened) await s.close();
        await dropPgSchemas(schema);
      },
    };
  },
};

const result = (language: string, confidence = 0.9): PredictionResult => ({
  language, confidence, top: [{ language, confidence }, { language: 'xx', confidence: 1 - confidence }],
});
const at = (iso: string): Date => new Date(iso);
const completion = (id: string, language: string, extra: Partial<Completion> = {}): Completion => ({
  id, text: `text of ${id}`, result: result(language), modelVersion: 'm1', completedAt: at('2026-01-01T00:01:00.000Z'), ...extra,
});

async function rejectsWithCode(p: Promise<unknown>, code: string): Promise<GlossaError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof GlossaError, `expected a GlossaError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    return e;
  }
  assert.fail(`expected a rejection with ${code}`);
}

function conformance(h: Harness, skip: string | false): void {
  describe(`PredictionStore conformance: ${h.name}`, { skip }, () => {
    const targets: Target[] = [];
    const fresh = async (migrate = true): Promise<Target> => { const t = await h.fresh(migrate); targets.push(t); return t; };
    after(async () => { for (const t of targets) await t.dispose(); });

    test('insertQueued then get returns the row with Date objects and no result', async () => {
      const { store } = await fresh();
      const createdAt = at('2026-01-01T00:00:00.123Z');
      await store.insertQueued([
        { id: 'a', text: 'Hej, hvordan går det? 😀', createdAt },
        { id: 'b', text: 'second', createdAt },
      ]);
      const a = await store.get('a');
      assert.deepEqual(a, {
        id: 'a', text: 'Hej, hvordan går det? 😀', status: 'queued', result: null, modelVersion: null,
        error: null, createdAt, completedAt: null,
      });
      assert.ok(a.createdAt instanceof Date);
      assert.equal((await store.get('b'))?.text, 'second');
      assert.equal(await store.get('missing'), undefined);
      await store.insertQueued([]);
    });

    test('insertQueued keeps an existing row and still inserts the rest of the batch', async () => {
      const { store } = await fresh();
      const t0 = at('2026-01-01T00:00:00.000Z');
      await store.insertQueued([{ id: 'dup', text: 'original', createdAt: t0 }]);
      await store.complete([completion('done-first', 'da')]);
      await store.insertQueued([
        { id: 'new1', text: 'n1', createdAt: t0 },
        { id: 'dup', text: 'replacement', createdAt: at('2026-02-01T00:00:00.000Z') },
        { id: 'done-first', text: 'late insert', createdAt: t0 },
        { id: 'new2', text: 'n2', createdAt: t0 },
        { id: 'new2', text: 'n2 again in the same batch', createdAt: t0 },
      ]);
      const dup = await store.get('dup');
      assert.equal(dup?.text, 'original');
      assert.deepEqual(dup?.createdAt, t0);
      const done = await store.get('done-first');
      assert.equal(done?.status, 'done', 'a late insert must not reset a finished row to queued');
      assert.equal(done?.text, 'text of done-first');
      assert.equal((await store.get('new1'))?.text, 'n1');
      assert.equal((await store.get('new2'))?.text, 'n2');
      assert.deepEqual(await store.stats(), { queued: 3, done: 1, failed: 0, feedback: 0 });
    });

    test('complete writes a batch once; a second complete of the same ids changes nothing', async () => {
      const { store } = await fresh();
      const t0 = at('2026-01-01T00:00:00.000Z');
      await store.insertQueued(['a', 'b', 'c'].map((id) => ({ id, text: `queued ${id}`, createdAt: t0 })));
      const written = await store.complete([completion('a', 'da'), completion('b', 'nb')]);
      assert.deepEqual([...written].sort(), ['a', 'b']);
      const a = await store.get('a');
      assert.deepEqual(a, {
        id: 'a', text: 'queued a', status: 'done', result: result('da'), modelVersion: 'm1', error: null,
        createdAt: t0, completedAt: at('2026-01-01T00:01:00.000Z'),
      });

      const again = await store.complete([
        completion('a', 'sv', { modelVersion: 'm2', completedAt: at('2026-01-02T00:00:00.000Z') }),
        completion('c', 'fi'),
      ]);
      assert.deepEqual(again, ['c'], 'only the row that was not done yet is written');
      assert.deepEqual(await store.get('a'), a, 'a redelivery must not overwrite the first result');
      assert.deepEqual((await store.get('c'))?.result, result('fi'));
      assert.deepEqual(await store.complete([]), []);
    });

    test('complete creates a row that was never inserted (upsert by id)', async () => {
      const { store } = await fresh();
      const completedAt = at('2026-03-03T03:03:03.333Z');
      const written = await store.complete([completion('external', 'de', { text: 'Guten Tag', completedAt })]);
      assert.deepEqual(written, ['external']);
      assert.deepEqual(await store.get('external'), {
        id: 'external', text: 'Guten Tag', status: 'done', result: result('de'), modelVersion: 'm1', error: null,
        createdAt: completedAt, completedAt,
      });
    });

    test('the same id twice in one complete batch is written once, first one wins', async () => {
      const { store } = await fresh();
      const written = await store.complete([completion('x', 'da'), completion('y', 'sv'), completion('x', 'nb')]);
      assert.deepEqual([...written].sort(), ['x', 'y']);
      assert.equal((await store.get('x'))?.result?.language, 'da');
    });

    test('concurrent completes of the same ids, in opposite orders, write each result exactly once', async () => {
      const { store, another } = await fresh();
      const other = another();
      const ids = Array.from({ length: 500 }, (_, i) => `c${String(i).padStart(3, '0')}`);
      // Several rounds: without a global lock order PostgreSQL deadlocks in about half of them.
      for (let round = 0; round < 6; round++) {
        const batch = ids.map((id) => `${id}-${round}`);
        await store.insertQueued(batch.map((id) => ({ id, text: id, createdAt: new Date() })));
        // Two workers got the same messages (a redelivery) and write at the same moment.
        const [a, b] = await Promise.all([
          store.complete(batch.map((id) => completion(id, 'da'))),
          other.complete([...batch].reverse().map((id) => completion(id, 'sv'))),
        ]);
        assert.deepEqual([...a, ...b].sort(), [...batch].sort(), 'every id written by exactly one of the two');
        const records = await store.getMany(batch);
        const fromA = new Set(a);
        for (const r of records) assert.equal(r.result?.language, fromA.has(r.id) ? 'da' : 'sv', r.id);
      }
    });

    test('fail marks queued and unknown rows failed, but never a done row', async () => {
      const { store } = await fresh();
      const t0 = at('2026-01-01T00:00:00.000Z');
      await store.insertQueued([{ id: 'q', text: 'queued one', createdAt: t0 }]);
      await store.complete([completion('d', 'da')]);
      await store.fail([
        { id: 'q', reason: 'delivery limit reached' },
        { id: 'd', reason: 'late poison verdict' },
        { id: 'u', reason: 'invalid message', text: 'from elsewhere' },
        { id: 'v', reason: 'no text known' },
      ]);
      const q = await store.get('q');
      assert.equal(q?.status, 'failed');
      assert.equal(q?.error, 'delivery limit reached');
      assert.equal(q?.text, 'queued one');
      assert.ok(q?.completedAt instanceof Date);
      const d = await store.get('d');
      assert.equal(d?.status, 'done');
      assert.equal(d?.error, null);
      assert.deepEqual(d?.result, result('da'));
      assert.deepEqual([(await store.get('u'))?.status, (await store.get('u'))?.text], ['failed', 'from elsewhere']);
      assert.deepEqual([(await store.get('v'))?.status, (await store.get('v'))?.text], ['failed', '']);
      assert.deepEqual(await store.stats(), { queued: 0, done: 1, failed: 3, feedback: 0 });
    });

    test('a failed row that is completed later becomes done and loses its error', async () => {
      const { store } = await fresh();
      await store.fail([{ id: 'f', reason: 'worker crashed', text: 'retry me' }]);
      assert.deepEqual(await store.complete([completion('f', 'it')]), ['f']);
      const f = await store.get('f');
      assert.deepEqual([f?.status, f?.error, f?.text, f?.result?.language], ['done', null, 'retry me', 'it']);
    });

    test('getMany returns the known ids in the order asked, once each', async () => {
      const { store } = await fresh();
      const t0 = at('2026-01-01T00:00:00.000Z');
      await store.insertQueued(['a', 'b', 'c'].map((id) => ({ id, text: id, createdAt: t0 })));
      const got = await store.getMany(['c', 'missing', 'a', 'c']);
      assert.deepEqual(got.map((r) => r.id), ['c', 'a']);
      assert.ok(got.every((r) => r.createdAt instanceof Date));
      assert.deepEqual(await store.getMany([]), []);
    });

    test('findStaleQueued returns only old queued rows, oldest first, up to the limit', async () => {
      const { store } = await fresh();
      const t = (min: number): Date => new Date(Date.UTC(2026, 0, 1, 0, min));
      await store.insertQueued([
        { id: 'q3', text: '3', createdAt: t(3) },
        { id: 'q1', text: '1', createdAt: t(1) },
        { id: 'q2', text: '2', createdAt: t(2) },
        { id: 'young', text: 'y', createdAt: t(10) },
        { id: 'done-old', text: 'd', createdAt: t(0) },
        { id: 'failed-old', text: 'f', createdAt: t(0) },
      ]);
      await store.complete([completion('done-old', 'da')]);
      await store.fail([{ id: 'failed-old', reason: 'x' }]);
      assert.deepEqual((await store.findStaleQueued(t(5), 10)).map((r) => r.id), ['q1', 'q2', 'q3']);
      assert.deepEqual((await store.findStaleQueued(t(5), 2)).map((r) => r.id), ['q1', 'q2']);
      assert.deepEqual((await store.findStaleQueued(t(1), 10)).map((r) => r.id), [], 'strictly older than the cutoff');
      const [first] = await store.findStaleQueued(t(5), 1);
      assert.deepEqual(first?.createdAt, t(1));
      assert.deepEqual(await store.findStaleQueued(t(5), 0), []);
      await assert.rejects(store.findStaleQueued(t(5), -1), RangeError, 'both dialects refuse a negative limit');
      await assert.rejects(store.listFeedback(1.5), RangeError);
    });

    test('feedback is stored and listed newest first, joined with the predicted language', async () => {
      const { store } = await fresh();
      const t0 = at('2026-01-01T00:00:00.000Z');
      await store.insertQueued([{ id: 'p1', text: 'Hei', createdAt: t0 }, { id: 'p2', text: 'still waiting', createdAt: t0 }]);
      await store.complete([completion('p1', 'no')]);
      await store.addFeedback({ predictionId: 'p1', language: 'nb', createdAt: at('2026-01-01T00:05:00.000Z') });
      await store.addFeedback({ predictionId: 'p2', language: 'da', createdAt: at('2026-01-01T00:06:00.000Z') });
      await store.addFeedback({ predictionId: 'p1', language: 'nn', createdAt: at('2026-01-01T00:04:00.000Z') });
      const list = await store.listFeedback(10);
      assert.deepEqual(list, [
        { predictionId: 'p2', language: 'da', createdAt: at('2026-01-01T00:06:00.000Z'), predictedLanguage: null, text: 'still waiting' },
        { predictionId: 'p1', language: 'nb', createdAt: at('2026-01-01T00:05:00.000Z'), predictedLanguage: 'no', text: 'Hei' },
        { predictionId: 'p1', language: 'nn', createdAt: at('2026-01-01T00:04:00.000Z'), predictedLanguage: 'no', text: 'Hei' },
      ]);
      assert.equal((await store.listFeedback(1)).length, 1);
      await rejectsWithCode(store.addFeedback({ predictionId: 'nope', language: 'en', createdAt: t0 }), 'NOT_FOUND');
      assert.equal((await store.stats()).feedback, 3);
    });

    test('stats counts rows by status and feedback', async () => {
      const { store } = await fresh();
      assert.deepEqual(await store.stats(), { queued: 0, done: 0, failed: 0, feedback: 0 });
      const t0 = at('2026-01-01T00:00:00.000Z');
      await store.insertQueued(Array.from({ length: 7 }, (_, i) => ({ id: `r${i}`, text: `t${i}`, createdAt: t0 })));
      await store.complete([completion('r0', 'da'), completion('r1', 'da'), completion('extra', 'da')]);
      await store.fail([{ id: 'r2', reason: 'x' }]);
      await store.addFeedback({ predictionId: 'r0', language: 'sv', createdAt: t0 });
      assert.deepEqual(await store.stats(), { queued: 4, done: 3, failed: 1, feedback: 1 });
    });

    test('a batch of 500 rows is written and completed in one call', async () => {
      const { store } = await fresh();
      const t0 = at('2026-01-01T00:00:00.000Z');
      const ids = Array.from({ length: 500 }, (_, i) => `bulk-${i}`);
      await store.insertQueued(ids.map((id) => ({ id, text: `text ${id} ' " \\ ${'é'.repeat(3)}`, createdAt: t0 })));
      const written = await store.complete(ids.map((id) => completion(id, 'fr', { text: 'ignored' })));
      assert.equal(written.length, 500);
      assert.equal((await store.get('bulk-499'))?.text, `text bulk-499 ' " \\ ééé`);
      assert.deepEqual(await store.stats(), { queued: 0, done: 500, failed: 0, feedback: 0 });
    });

    test('migrate is idempotent and reports what it applied', async () => {
      const { store, another } = await fresh();
      assert.deepEqual((await store.migrateWithReport()).applied, []);
      const other = another();
      const report = await other.migrateWithReport();
      assert.deepEqual(report.applied, []);
      assert.equal(report.version, MIGRATIONS.length);
    });

    test('several store instances migrating one fresh database at once apply each migration once', async () => {
      const { store, another } = await fresh(false);
      const stores = [store, ...Array.from({ length: 4 }, another)];
      const reports = await Promise.all(stores.map((s) => s.migrateWithReport()));
      const applied = reports.flatMap((r) => r.applied.map((m) => m.version)).sort((a, b) => a - b);
      assert.deepEqual(applied, MIGRATIONS.map((m) => m.version), 'each version applied by exactly one instance');
      assert.ok(reports.every((r) => r.version === MIGRATIONS.length));
      // Every instance can use the schema afterwards.
      await Promise.all(stores.map((s, i) => s.insertQueued([{ id: `m${i}`, text: 't', createdAt: new Date() }])));
      assert.equal((await store.stats()).queued, 5);
    });

    test('a store used before migrate() says how to create the schema', async () => {
      const { store } = await fresh(false);
      const e = await rejectsWithCode(store.get('x'), 'STORE_UNAVAILABLE');
      assert.match(e.message, /glossa db migrate/);
    });

    test('ping succeeds on a live store; after close it fails with STORE_UNAVAILABLE; close is idempotent', async () => {
      const { store, another } = await fresh();
      await store.ping();
      const other = another();
      await other.ping();
      await other.close();
      await other.close();
      await rejectsWithCode(other.ping(), 'STORE_UNAVAILABLE');
      await rejectsWithCode(other.get('a'), 'STORE_UNAVAILABLE');
    });
  });
}

const pgUp = await serviceAvailable('postgres');
conformance(sqliteHarness, false);
conformance(postgresHarness, pgUp ? false : 'PostgreSQL not reachable (see the SKIPPED line above)');

test('openStore refuses an unknown scheme with a USAGE error that hides the password', () => {
  assert.throws(() => openStore('mysql://root:hunter2@db:3306/x'), (e: unknown) => {
    assert.ok(e instanceof GlossaError);
    assert.equal(e.code, 'USAGE');
    assert.match(e.message, /unsupported database URL scheme "mysql:"/);
    assert.doesNotMatch(e.message, /hunter2/);
    return true;
  });
  assert.throws(() => openStore(''), { code: 'USAGE' });
});
