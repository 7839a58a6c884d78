import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { encodeMessage, parseMessage, validateMessage } from '../../../src/queue/message.js';

const good = { v: 1, id: 'abc', text: 'Hej, hvordan går det?', enqueuedAt: '2026-01-02T03:04:05.000Z' } as const;

describe('queue message', () => {
  it('round-trips through the wire encoding, dropping unknown fields', () => {
    const bytes = encodeMessage({ ...good, extra: 1 } as unknown as typeof good);
    assert.deepEqual(JSON.parse(bytes.toString('utf8')), good);
    assert.deepEqual(parseMessage(bytes), { ok: true, message: good });
  });

  it('keeps lone surrogates and non-BMP text intact', () => {
    const text = 'a\uD800b 😀';
    const r = parseMessage(encodeMessage({ ...good, text }));
    assert.ok(r.ok);
    assert.equal(r.message.text, text);
  });

  it('reports non-JSON bodies', () => {
    const r = parseMessage(Buffer.from('{"v":1,'));
    assert.equal(r.ok, false);
    assert.ok(!r.ok && /not valid JSON/.test(r.reason));
  });

  it('reports non-object JSON', () => {
    for (const body of ['null', '[1]', '"x"', '3']) {
      const r = parseMessage(body);
      assert.ok(!r.ok && r.reason === 'body is not a JSON object', body);
    }
  });

  it('lists every missing or wrong field, and keeps the id when it is usable', () => {
    const r = validateMessage({ v: 2, id: 'x1', text: 5 });
    assert.ok(!r.ok);
    assert.equal(r.id, 'x1');
    assert.match(r.reason, /version/);
    assert.match(r.reason, /text must be a string/);
    assert.match(r.reason, /enqueuedAt/);
  });

  it('rejects an empty or overlong id', () => {
    assert.equal(validateMessage({ ...good, id: '' }).ok, false);
    assert.equal(validateMessage({ ...good, id: 'x'.repeat(201) }).ok, false);
    assert.equal(validateMessage({ ...good, enqueuedAt: 'yesterday' }).ok, false);
  });
});
