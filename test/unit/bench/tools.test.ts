import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { planBenchmarks } from '../../../bench/lib/plan.js';
import { replaceSection } from '../../../bench/lib/report.js';
import { score } from '../../../bench/lib/score.js';
import { markdownTable, percent, thousands } from '../../../bench/lib/table.js';

describe('planBenchmarks', () => {
  const files = ['run.ts', 'accuracy.ts', 'speed.ts', 'store.ts', 'extra.ts', 'notes.md'];

  test('known benchmarks first in their order, then others; missing ones reported', () => {
    assert.deepEqual(planBenchmarks(files, []), {
      run: ['accuracy', 'speed', 'store', 'extra'], missing: ['model', 'broker', 'pipeline'], unknown: [],
    });
  });

  test('a selection keeps its order; typos are unknown', () => {
    assert.deepEqual(planBenchmarks(files, ['speed', 'model', 'acuracy']), { run: ['speed'], missing: ['model'], unknown: ['acuracy'] });
  });
});

describe('score', () => {
  test('macro weighs languages equally, micro weighs samples', () => {
    const samples = [
      { text: '1', label: 'en' }, { text: '2', label: 'en' }, { text: '3', label: 'en' }, { text: '4', label: 'en' },
      { text: '5', label: 'ms' },
    ];
    const s = score(samples, ['en', 'en', 'en', 'de', 'id']);
    assert.deepEqual(s.perLanguage, { en: 0.75, ms: 0 });
    assert.equal(s.macro, 0.375);
    assert.equal(s.micro, 0.6);
    assert.deepEqual(s.confusions, [['en→de', 1], ['ms→id', 1]]);
  });

  test('no samples: NaN averages; mismatched lengths throw', () => {
    assert.ok(Number.isNaN(score([], []).macro));
    assert.throws(() => score([{ text: 'a', label: 'en' }], []), /1 samples/);
  });
});

describe('results file sections', () => {
  test('a section is replaced in place, or appended when absent', () => {
    const doc = '# T\n\n<!-- a:start -->\nold\n<!-- a:end -->\n\ntail\n';
    assert.equal(replaceSection(doc, 'a', 'new'), '# T\n\n<!-- a:start -->\nnew\n<!-- a:end -->\n\ntail\n');
    assert.equal(replaceSection('# T\n', 'b', 'x'), '# T\n\n<!-- b:start -->\nx\n<!-- b:end -->\n');
  });
});

describe('tables', () => {
  test('markdown alignment, escaping and number formats', () => {
    assert.equal(markdownTable(['tool', 'acc'], [['a|b', 1]]), '| tool | acc |\n|:---|---:|\n| a\\|b | 1 |');
    assert.equal(percent(0.98765), '98.8');
    assert.equal(percent(Number.NaN), '–');
    assert.equal(thousands(52341.7), '52 342');
  });
});
