/** `glossa db migrate` through its action function, on a temporary SQLite file. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrate } from '../../src/cli/commands/db.js';
import { MIGRATIONS } from '../../src/store/migrations.js';

const dir = mkdtempSync(join(tmpdir(), 'glossa-db-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('db migrate prints each applied migration, then reports the schema up to date', async () => {
  const path = join(dir, 'new', 'glossa.db');
  const first: string[] = [];
  await runMigrate({ databaseUrl: `sqlite:${path}`, write: (l) => first.push(l) });
  assert.deepEqual(first, [
    `database: sqlite:${path}`,
    ...MIGRATIONS.map((m) => `applied ${m.version} ${m.name}`),
    `schema now at version ${MIGRATIONS.length}`,
  ]);
  const second: string[] = [];
  const report = await runMigrate({ databaseUrl: path, write: (l) => second.push(l) });
  assert.deepEqual(report.applied, []);
  assert.deepEqual(second, [`database: sqlite:${path}`, `schema is up to date (version ${MIGRATIONS.length})`]);
});

test('db migrate with an unknown scheme fails with USAGE before touching anything', async () => {
  const lines: string[] = [];
  await assert.rejects(runMigrate({ databaseUrl: 'mongodb://u:pw@h/db', write: (l) => lines.push(l) }), { code: 'USAGE' });
  assert.deepEqual(lines, []);
});
