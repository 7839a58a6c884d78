import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ERROR_CODES, GlossaError } from '../../src/errors.js';

test('every error code is documented in docs/errors.md with its HTTP status and exit code', () => {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  for (const [code, { status, exit }] of Object.entries(ERROR_CODES)) {
    const row = doc.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
    assert.ok(row, `docs/errors.md has no row for ${code}`);
    assert.match(row, new RegExp(`\\| ${status} \\| ${exit} \\|`), `row for ${code} has the wrong status/exit`);
  }
});

test('GlossaError serialises to the API error body and maps status and exit code', () => {
  const e = new GlossaError('TEXT_TOO_LONG', 'text has 100001 characters; the limit is 100000');
  assert.deepEqual(e.toJSON(), { error: { code: 'TEXT_TOO_LONG', message: 'text has 100001 characters; the limit is 100000' } });
  assert.equal(e.status, 413);
  assert.equal(e.exitCode, 2);
});
