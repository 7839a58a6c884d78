import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LATEST_VERSION, MIGRATIONS, pendingMigrations } from '../../../src/store/migrations.js';

test('migration versions run 1, 2, 3 … without gaps or repeats, with unique snake_case names', () => {
  assert.deepEqual(MIGRATIONS.map((m) => m.version), MIGRATIONS.map((_, i) => i + 1));
  assert.equal(LATEST_VERSION, MIGRATIONS.length);
  const names = MIGRATIONS.map((m) => m.name);
  assert.equal(new Set(names).size, names.length);
  for (const n of names) assert.match(n, /^[a-z][a-z0-9_]*$/);
});

test('every PostgreSQL migration qualifies its tables with the schema it is given', () => {
  let checked = 0;
  for (const m of MIGRATIONS) {
    const sql = m.postgres('"S"');
    for (const [, table] of sql.matchAll(/(?:CREATE TABLE|CREATE INDEX \w+ ON|REFERENCES)\s+([^\s(]+)/g)) {
      assert.match(table ?? '', /^"S"\./, `migration ${m.version}: ${table} is not schema-qualified`);
      checked++;
    }
  }
  assert.ok(checked >= 6, `only ${checked} table references found`);
});

test('pendingMigrations returns what is missing, in order', () => {
  assert.deepEqual(pendingMigrations([]).map((m) => m.version), MIGRATIONS.map((m) => m.version));
  assert.deepEqual(pendingMigrations(MIGRATIONS.map((m) => m.version)), []);
  assert.deepEqual(pendingMigrations([2]).map((m) => m.version), [1]);
  assert.deepEqual(pendingMigrations([1, 99]).map((m) => m.version), MIGRATIONS.slice(1).map((m) => m.version));
});
