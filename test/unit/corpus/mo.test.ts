import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMo } from '../../../src/corpus/mo.js';
import { translatedStrings } from '../../../src/corpus/sources/gettext.js';
import { fixtureBytes } from './fixtures.js';

test('parseMo reads msgids, contexts and plural forms of a real Malay catalogue excerpt, skipping the header', () => {
  const entries = parseMo(fixtureBytes('ms-sample.mo'));
  assert.equal(entries.length, 9);
  assert.ok(!entries.some((e) => e.msgid === ''), 'the header entry is not an entry');
  const samefile = entries.find((e) => e.msgid === '%s and %s are the same file');
  assert.deepEqual(samefile?.msgstr, ['%s dan %s adalah fail yang sama']);
  const scroll = entries.find((e) => e.msgid === 'Auto_scroll');
  assert.equal(scroll?.context, 'menu');
  assert.deepEqual(scroll?.msgstr, ['Auto _tatal']);
  const plural = entries.find((e) => e.msgid === 'one file');
  assert.deepEqual(plural?.msgstr, ['satu fail', '%d fail']);
});

test('translatedStrings drops untranslated leftovers (msgstr identical to msgid) and keeps the first plural form', () => {
  const { msgids, msgstrs } = translatedStrings(fixtureBytes('ms-sample.mo'));
  assert.equal(msgids.length, 9);
  assert.ok(!msgstrs.includes('Richard Stallman'));
  assert.ok(!msgstrs.includes(' (backup: %s)'));
  assert.ok(msgstrs.includes('satu fail'));
  assert.ok(!msgstrs.includes('%d fail'));
  assert.equal(msgstrs.length, 7);
});

test('parseMo rejects bytes that are not a .mo file, and a truncated one, with a reason', () => {
  assert.throws(() => parseMo(Buffer.from('msgid "x"\nmsgstr "y"\n')), /bad magic number/);
  assert.throws(() => parseMo(Buffer.alloc(4)), /shorter than its header/);
  const truncated = fixtureBytes('ms-sample.mo').subarray(0, 60);
  assert.throws(() => parseMo(truncated), /past end/);
});

test('parseMo reads a big-endian catalogue', () => {
  // Build a minimal big-endian .mo by hand: 1 entry "Ya" → "Yes".
  const strings = [Buffer.from('Yes'), Buffer.from('Ya')];
  const header = Buffer.alloc(28 + 16);
  header.writeUInt32BE(0x950412de, 0);
  header.writeUInt32BE(0, 4);
  header.writeUInt32BE(1, 8);
  header.writeUInt32BE(28, 12);
  header.writeUInt32BE(36, 16);
  header.writeUInt32BE(strings[0]!.length, 28);
  header.writeUInt32BE(44, 32);
  header.writeUInt32BE(strings[1]!.length, 36);
  header.writeUInt32BE(48, 40);
  const buf = Buffer.concat([header, strings[0]!, Buffer.from([0]), strings[1]!, Buffer.from([0])]);
  assert.deepEqual(parseMo(buf), [{ context: undefined, msgid: 'Yes', msgstr: ['Ya'] }]);
});
