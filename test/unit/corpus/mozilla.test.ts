import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanUiString } from '../../../src/corpus/clean.js';
import { fluentStrings, propertiesStrings } from '../../../src/corpus/mozilla.js';
import { fixtureText } from './fixtures.js';

test('Fluent: values and attributes of a real Malay Firefox file, without access keys', () => {
  const strings = fluentStrings(fixtureText('firefox-ms-aboutDialog.ftl'));
  assert.ok(strings.includes('Apa yang baharu'));
  assert.ok(strings.includes('Semak kemas kini'));
  assert.ok(!strings.includes('S') && !strings.includes('M'), 'access keys are skipped');
  assert.ok(strings.map(cleanUiString).includes('Perihal'));
});

test('Fluent: multi-line values join, terms and selector variants are skipped', () => {
  const src = '-brand-name = Firefox\nmsg = Baris satu\n    baris dua\nplural = { $n ->\n    [one] satu tab\n   *[other] { $n } tab\n}\n# komen\n';
  assert.deepEqual(fluentStrings(src), ['Baris satu baris dua']);
});

test('.properties: escapes, continuations and plural forms', () => {
  const src = '# komen\nkey1 = Fail \\u00e9 baru\nkey2=Satu \\\n  dua\nkey3 = #1 tab;#1 tab\nkey3.accesskey = T\n';
  assert.deepEqual(propertiesStrings(src), ['Fail é baru', 'Satu dua', '#1 tab']);
});
