import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseBenchArgs } from '../../../bench/lib/options.js';
import { prepareSets } from '../../../bench/lib/sets.js';

test('--strip-diacritics tests text without diacritics and never writes the results file', () => {
  const plain = parseBenchArgs([]);
  assert.equal(plain.stripDiacritics, false);
  assert.equal(plain.write, true);
  const stripped = parseBenchArgs(['--strip-diacritics']);
  assert.equal(stripped.stripDiacritics, true);
  assert.equal(stripped.write, false);
  assert.throws(() => parseBenchArgs(['--rounds', '0']), /--rounds must be a positive integer/);
});

test('prepareSets with stripDiacritics gives the same samples without marks on Latin letters', async () => {
  const root = mkdtempSync(join(tmpdir(), 'glossa-bench-options-'));
  try {
    const data = join(root, 'held.jsonl');
    const sentence = 'Vláda ve středu schválila návrh státního rozpočtu na příští rok, řekl ministr financí.';
    const cyrillic = 'Правительство в среду одобрило проект бюджета на следующий год, сказал министр.';
    writeFileSync(data, [JSON.stringify({ text: sentence, label: 'cs' }), JSON.stringify({ text: cyrillic, label: 'ru' })].join('\n'));
    const options = { ...parseBenchArgs(['--data', data, '--per-language', '5']) };
    const plain = await prepareSets(options, root);
    const stripped = await prepareSets({ ...options, stripDiacritics: true }, root);
    assert.deepEqual(plain.sets.sentences.map((s) => s.text).sort(), [cyrillic, sentence].sort());
    assert.deepEqual(stripped.sets.sentences.map((s) => s.text).sort(), [cyrillic, 'Vlada ve stredu schvalila navrh statniho rozpoctu na pristi rok, rekl ministr financi.'].sort());
    assert.equal(stripped.sets.words.length, plain.sets.words.length);
    assert.match(stripped.description, /without diacritics/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
