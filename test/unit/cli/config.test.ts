import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONSUMER_DEFAULTS, loadServiceConfig, redactConfig } from '../../../src/cli/config.js';
import { GlossaError } from '../../../src/errors.js';

const amqp = 'amqp://guest:s3cret@127.0.0.1:5672';
const pgUrl = 'postgres://app:hunter2@127.0.0.1:5432/glossa';

test('start needs nothing: embedded broker, SQLite under --data, defaults from measurement', () => {
  const c = loadServiceConfig('start', { data: 'var/x' }, {}, '/srv');
  assert.equal(c.brokerUrl, 'embedded');
  assert.equal(c.databaseUrl, 'sqlite:/srv/var/x/glossa.db');
  assert.equal(c.port, 8080);
  assert.equal(c.host, '127.0.0.1');
  assert.equal(c.batchSize, CONSUMER_DEFAULTS.batchSize);
  assert.equal(c.prefetch, CONSUMER_DEFAULTS.prefetch);
});

test('flags win over environment, environment over defaults', () => {
  const env = { GLOSSA_BROKER_URL: amqp, GLOSSA_DATABASE_URL: pgUrl, PORT: '9000', GLOSSA_BATCH_SIZE: '32', GLOSSA_QUEUE_NAME: 'q1', GLOSSA_DB_SCHEMA: 's1' };
  const c = loadServiceConfig('worker', { batchSize: '16', concurrency: '3' }, env);
  assert.equal(c.brokerUrl, amqp);
  assert.equal(c.databaseUrl, pgUrl);
  assert.equal(c.port, 9000);
  assert.equal(c.batchSize, 16);
  assert.equal(c.concurrency, 3);
  assert.equal(c.queueName, 'q1');
  assert.equal(c.dbSchema, 's1');
  assert.equal(loadServiceConfig('serve', { port: '7000' }, env).port, 7000);
});

test('every bad value is reported at once, as one USAGE error (exit 2), naming flag or variable', () => {
  let error: unknown;
  try {
    loadServiceConfig('worker', { concurrency: '0', batchWaitMs: '-1', prefetch: 'many', dbSchema: 'Bad-Name' }, { PORT: '99999' });
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof GlossaError);
  assert.equal(error.code, 'USAGE');
  assert.equal(error.exitCode, 2);
  for (const part of ['--broker', '--db (or GLOSSA_DATABASE_URL) is required', '--concurrency', '--batch-wait-ms', "--prefetch must be an integer from 1 to 65535 (got 'many')", 'PORT (--port)', '--db-schema']) {
    assert.ok(error.message.includes(part), `missing '${part}' in: ${error.message}`);
  }
  assert.ok(!error.message.includes('\n'), 'one line');
});

test('serve and worker refuse the embedded broker; start refuses a RabbitMQ URL', () => {
  assert.throws(() => loadServiceConfig('serve', { broker: 'embedded', db: pgUrl }, {}), /amqp:\/\//);
  assert.throws(() => loadServiceConfig('start', { broker: amqp }, {}), /glossa serve/);
});

test('prefetch below the batch size is refused (batches could never fill)', () => {
  assert.throws(() => loadServiceConfig('start', { batchSize: '100', prefetch: '10' }, {}), /--prefetch \(10\) must be ≥ --batch-size \(100\)/);
});

test('secrets are redacted: URL passwords and the admin token never appear', () => {
  const c = loadServiceConfig('serve', { broker: amqp, db: pgUrl }, { GLOSSA_ADMIN_TOKEN: 'tok-123' });
  assert.equal(c.adminToken, 'tok-123');
  const shown = JSON.stringify(redactConfig(c));
  for (const secret of ['s3cret', 'hunter2', 'tok-123']) assert.ok(!shown.includes(secret), `${secret} leaked: ${shown}`);
  assert.match(shown, /amqp:\/\/guest:\*\*\*@127\.0\.0\.1/);
  // An error message never carries the password either.
  assert.throws(() => loadServiceConfig('serve', { broker: 'http://u:pw@host', db: pgUrl }, {}), (e: Error) => !e.message.includes('pw@'));
});

test('GLOSSA_SERIAL_WRITES switches the API back to insert-then-publish; junk is refused', () => {
  const base = { GLOSSA_BROKER_URL: amqp, GLOSSA_DATABASE_URL: pgUrl };
  assert.equal(loadServiceConfig('serve', {}, base).serialWrites, false);
  assert.equal(loadServiceConfig('serve', {}, { ...base, GLOSSA_SERIAL_WRITES: '1' }).serialWrites, true);
  assert.equal(loadServiceConfig('serve', {}, { ...base, GLOSSA_SERIAL_WRITES: 'false' }).serialWrites, false);
  assert.throws(() => loadServiceConfig('serve', {}, { ...base, GLOSSA_SERIAL_WRITES: 'yes please' }), /GLOSSA_SERIAL_WRITES must be 1\/true or 0\/false/);
});
