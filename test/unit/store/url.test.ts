import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GlossaError } from '../../../src/errors.js';
import { parseStoreUrl, redactUrl } from '../../../src/store/url.js';

test('postgres:// and postgresql:// URLs open PostgreSQL', () => {
  assert.deepEqual(parseStoreUrl('postgres://u:p@db:5432/glossa'), { kind: 'postgres', url: 'postgres://u:p@db:5432/glossa' });
  assert.deepEqual(parseStoreUrl('postgresql://db/glossa'), { kind: 'postgres', url: 'postgresql://db/glossa' });
  // A socket directory in the query string instead of a host.
  assert.equal(parseStoreUrl('postgres:///glossa?host=/var/run/postgresql').kind, 'postgres');
});

test('sqlite forms, file URLs, bare paths and :memory: open SQLite', () => {
  assert.deepEqual(parseStoreUrl('sqlite:./data/glossa.db'), { kind: 'sqlite', path: './data/glossa.db' });
  assert.deepEqual(parseStoreUrl('sqlite:///srv/glossa.db'), { kind: 'sqlite', path: '/srv/glossa.db' });
  assert.deepEqual(parseStoreUrl('sqlite::memory:'), { kind: 'sqlite', path: ':memory:' });
  assert.deepEqual(parseStoreUrl(':memory:'), { kind: 'sqlite', path: ':memory:' });
  assert.deepEqual(parseStoreUrl('file:///tmp/g%20x.db'), { kind: 'sqlite', path: '/tmp/g x.db' });
  assert.deepEqual(parseStoreUrl('data/glossa.db'), { kind: 'sqlite', path: 'data/glossa.db' });
  assert.deepEqual(parseStoreUrl('  /abs/glossa.db '), { kind: 'sqlite', path: '/abs/glossa.db' });
  assert.deepEqual(parseStoreUrl('C:\\glossa\\g.db'), { kind: 'sqlite', path: 'C:\\glossa\\g.db' });
});

function usage(url: string): string {
  try {
    parseStoreUrl(url);
  } catch (e) {
    assert.ok(e instanceof GlossaError);
    assert.equal(e.code, 'USAGE');
    return e.message;
  }
  return assert.fail(`${url} was accepted`);
}

test('unknown schemes, empty and malformed URLs are USAGE errors without the password', () => {
  assert.match(usage('mysql://root:s3cret@db/x'), /unsupported database URL scheme "mysql:".*postgres:\/\//);
  assert.doesNotMatch(usage('mysql://root:s3cret@db/x'), /s3cret/);
  assert.match(usage('redis:6379'), /"redis:"/);
  assert.match(usage(''), /empty/);
  assert.match(usage('sqlite:'), /names no file/);
  assert.match(usage('postgres://'), /names no host/);
  assert.doesNotMatch(usage('postgres://u:pw@[bad/x'), /pw/);
});

test('redactUrl hides passwords and leaves everything else', () => {
  assert.equal(redactUrl('postgres://app:hunter2@db:5432/g'), 'postgres://app:***@db:5432/g');
  assert.equal(redactUrl('failed: amqp://guest:guest@h/ and postgres://p@h/d'), 'failed: amqp://guest:***@h/ and postgres://p@h/d');
  assert.equal(redactUrl('sqlite:/srv/g.db'), 'sqlite:/srv/g.db');
});
