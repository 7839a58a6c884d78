import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { inTrainDocumentSplit, loadHeldOut, readJsonl, trainingInfo } from '../../../bench/lib/heldout.js';

let root = '';
const line = (o: unknown): string => JSON.stringify(o);

before(() => {
  root = mkdtempSync(join(tmpdir(), 'glossa-bench-heldout-'));
  mkdirSync(join(root, 'corpus'));
  writeFileSync(join(root, 'corpus', 'udhr.jsonl'), [
    line({ text: 'Alle mennesker er født frie.', label: 'nb', source: 'udhr', doc: 'doc16' }),
    line({ text: 'All human beings are born free.', label: 'en', source: 'udhr', doc: 'doc1' }),
  ].join('\n'));
  writeFileSync(join(root, 'corpus', 'debian-gettext.jsonl'), [
    line({ text: 'Åpne fil', label: 'nb', source: 'debian-gettext', doc: 'gedit' }),
    'not json',
    line({ text: 'Open file', label: 'en', source: 'debian-gettext', doc: 'gedit' }),
    line({ text: 42, label: 'en' }),
  ].join('\n'));
  writeFileSync(join(root, 'corpus', 'debian-words.jsonl'), line({ text: 'vindu', label: 'nb', source: 'debian-words', doc: 'w' }));
  // A registry (CURRENT → version directory) as in models/.
  mkdirSync(join(root, 'models', 'v1'), { recursive: true });
  writeFileSync(join(root, 'models', 'CURRENT'), 'v1\n');
  writeFileSync(join(root, 'models', 'v1', 'manifest.json'), line({ params: { sources: ['udhr'], holdoutSource: 'debian-gettext', seed: 42 } }));
  mkdirSync(join(root, 'all'));
  writeFileSync(join(root, 'all', 'manifest.json'), line({ params: { sources: 'udhr, debian-gettext, debian-words', holdoutSource: 'documents-10pct', seed: 42 } }));
  mkdirSync(join(root, 'unnamed'));
  writeFileSync(join(root, 'unnamed', 'manifest.json'), line({ params: { sources: ['udhr'] } }));
  mkdirSync(join(root, 'silent'));
  writeFileSync(join(root, 'silent', 'manifest.json'), line({ params: {} }));
});

after(() => rmSync(root, { recursive: true, force: true }));

describe('held-out discovery', () => {
  test('reads training sources through the registry pointer, list or comma string', () => {
    assert.deepEqual(trainingInfo(join(root, 'models')), { sources: ['udhr'], holdout: 'debian-gettext', seed: 42 });
    assert.deepEqual(trainingInfo(join(root, 'all')).sources, ['udhr', 'debian-gettext', 'debian-words']);
    assert.deepEqual(trainingInfo(join(root, 'nowhere')), {});
  });

  test('uses the corpus sources the model was not trained on, skipping malformed lines', async () => {
    const held = await loadHeldOut({ corpusDir: join(root, 'corpus'), modelDir: join(root, 'models') });
    assert.deepEqual(held.records, [{ text: 'Åpne fil', label: 'nb' }, { text: 'Open file', label: 'en' }]);
    assert.match(held.description, /source debian-gettext .*trained on: udhr.*2 malformed/);
  });

  test('the held-out source the manifest names wins over sources added to the corpus later', async () => {
    const named = await loadHeldOut({ corpusDir: join(root, 'corpus'), modelDir: join(root, 'models') });
    assert.ok(!named.records.some((r) => r.text === 'vindu'));
    const unnamed = await loadHeldOut({ corpusDir: join(root, 'corpus'), modelDir: join(root, 'unnamed') });
    assert.deepEqual(unnamed.records.map((r) => r.text), ['Åpne fil', 'Open file', 'vindu']);
    assert.match(unnamed.description, /source debian-gettext, debian-words/);
  });

  test('when every source trained the model, falls back to glossa train’s document split and says so', async () => {
    // With seed 42, glossa train's split holds out udhr's doc16 (hash ≡ 0 mod 10) and not doc1 or gedit.
    assert.ok(inTrainDocumentSplit({ text: '', label: 'nb', source: 'udhr', rawSource: 'udhr', doc: 'doc16' }, 42));
    assert.ok(!inTrainDocumentSplit({ text: '', label: 'en', source: 'udhr', rawSource: 'udhr', doc: 'doc1' }, 42));
    const held = await loadHeldOut({ corpusDir: join(root, 'corpus'), modelDir: join(root, 'all') });
    assert.deepEqual(held.records, [{ text: 'Alle mennesker er født frie.', label: 'nb' }]);
    assert.match(held.description, /NOT a separate source/);
  });

  test('clear errors: no corpus, a manifest without sources, a missing --data file', async () => {
    await assert.rejects(loadHeldOut({ corpusDir: join(root, 'none'), modelDir: join(root, 'models') }), /no corpus in/);
    await assert.rejects(loadHeldOut({ corpusDir: join(root, 'corpus'), modelDir: join(root, 'silent') }), /does not list its training sources/);
    await assert.rejects(loadHeldOut({ data: join(root, 'missing.jsonl'), corpusDir: '', modelDir: '' }), /no such file/);
  });

  test('--data with --source keeps that source only; a record without one takes the file name', async () => {
    const held = await loadHeldOut({ data: join(root, 'corpus', 'udhr.jsonl'), source: 'udhr', corpusDir: '', modelDir: '' });
    assert.equal(held.records.length, 2);
    writeFileSync(join(root, 'plain.jsonl'), line({ text: 'x', label: 'en' }));
    const seen: string[] = [];
    await readJsonl(join(root, 'plain.jsonl'), (r) => { seen.push(r.source); return true; });
    assert.deepEqual(seen, ['plain']);
  });
});
