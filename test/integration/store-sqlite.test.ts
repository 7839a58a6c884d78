/**
 * SQLite-only behaviour beyond the conformance suite: WAL on disk, :memory:, unopenable paths,
 * and several processes migrating and writing one file at once (the `glossa start` process tree).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { GlossaError } from '../../src/errors.js';
import { MIGRATIONS } from '../../src/store/migrations.js';
import type { MigrationReport } from '../../src/store/migrations.js';
import { SqliteStore } from '../../src/store/sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'glossa-sqlite-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const storeModule = fileURLToPath(new URL('../../src/store/sqlite.ts', import.meta.url));

test('the file is created with its parent folders and left in WAL mode', async () => {
  const path = join(dir, 'a', 'b', 'wal.db');
  const store = new SqliteStore({ path });
  await store.migrate();
  await store.close();
  const raw = new Database(path, { readonly: true });
  try {
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    const versions = raw.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    assert.deepEqual(versions, MIGRATIONS.map((m) => m.version));
  } finally {
    raw.close();
  }
});

test(':memory: stores are private to their instance', async () => {
  const a = new SqliteStore({ path: ':memory:' });
  const b = new SqliteStore({ path: ':memory:' });
  await a.migrate();
  await b.migrate();
  await a.insertQueued([{ id: 'x', text: 't', createdAt: new Date() }]);
  assert.equal((await a.get('x'))?.text, 't');
  assert.equal(await b.get('x'), undefined);
  await a.close();
  await b.close();
});

test('a path that cannot be opened is STORE_UNAVAILABLE naming the file', () => {
  const file = join(dir, 'plain-file');
  writeFileSync(file, 'not a directory');
  assert.throws(() => new SqliteStore({ path: join(file, 'glossa.db') }), (e: unknown) => {
    assert.ok(e instanceof GlossaError);
    assert.equal(e.code, 'STORE_UNAVAILABLE');
    assert.match(e.message, /plain-file/);
    return true;
  });
  const notSqlite = join(dir, 'garbage.db');
  writeFileSync(notSqlite, 'x'.repeat(4096));
  assert.throws(() => new SqliteStore({ path: notSqlite }), { code: 'STORE_UNAVAILABLE' });
});

/** Runs `body` (JS, with `store` open on `path`) in a child process after `startAt` (epoch ms). */
function child(path: string, startAt: number, body: string): Promise<string> {
  const script = `
    const { SqliteStore } = await import(${JSON.stringify(storeModule)});
    const store = new SqliteStore({ path: ${JSON.stringify(path)} });
    // Line the processes up so their work overlaps instead of running one after the other.
    await new Promise((r) => setTimeout(r, Math.max(0, ${startAt} - Date.now())));
    ${body}
    await store.close();`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 60_000 },
      (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)));
  });
}

test('three processes migrating one new file at once apply each migration exactly once', async () => {
  const path = join(dir, 'multi', 'migrate.db');
  const startAt = Date.now() + 2000;
  const outputs = await Promise.all([1, 2, 3].map(() =>
    child(path, startAt, 'console.log(JSON.stringify(await store.migrateWithReport()));')));
  const reports = outputs.map((o) => JSON.parse(o) as MigrationReport);
  const applied = reports.flatMap((r) => r.applied.map((m) => m.version)).sort((a, b) => a - b);
  assert.deepEqual(applied, MIGRATIONS.map((m) => m.version));
  assert.ok(reports.every((r) => r.version === MIGRATIONS.length));
});

test('two processes writing batches to one file at once lose no row (busy timeout, not SQLITE_BUSY)', async () => {
  const path = join(dir, 'multi', 'writers.db');
  const setup = new SqliteStore({ path });
  await setup.migrate();
  const startAt = Date.now() + 2000;
  const writer = (name: string): string => `
    for (let b = 0; b < 30; b++) {
      const rows = Array.from({ length: 10 }, (_, i) => ({ id: '${name}-' + (b * 10 + i), text: 't', createdAt: new Date() }));
      await store.insertQueued(rows);
      await store.complete(rows.map((r) => ({ ...r, result: { language: 'da', confidence: 1, top: [] }, modelVersion: 'v', completedAt: new Date() })));
    }`;
  await Promise.all([child(path, startAt, writer('p1')), child(path, startAt, writer('p2'))]);
  assert.deepEqual(await setup.stats(), { queued: 0, done: 600, failed: 0, feedback: 0 });
  await setup.close();
});
