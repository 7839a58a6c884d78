import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { phaseProgress } from '../../../src/cli/phase-progress.js';

function capture(): { stream: NodeJS.WriteStream; lines: () => string[] } {
  const s = new PassThrough();
  let text = '';
  s.on('data', (d: Buffer) => (text += d.toString()));
  return { stream: s as unknown as NodeJS.WriteStream, lines: () => text.split('\n').filter(Boolean) };
}

test('off a terminal: a line per phase start and end, and at most one per interval while it runs', () => {
  const out = capture();
  let t = 0;
  const p = phaseProgress({ stream: out.stream, everyMs: 10_000, now: () => t });
  p.update('features', 0, 100);
  t = 4_000;
  p.update('features', 40, 100); // within the interval: no line
  t = 12_000;
  p.update('features', 90, 100);
  t = 13_000;
  p.update('train', 0, 400); // ends features
  t = 73_000;
  p.update('train', 300, 400);
  t = 80_000;
  p.stop();
  p.stop(); // a second stop writes nothing
  assert.deepEqual(out.lines(), [
    'features: started (100)',
    'features: 90% (90/100), 12 s',
    'features: done (100) in 13 s',
    'train: started (400)',
    'train: 75% (300/400), 60 s',
    'train: done (400) in 67 s',
  ]);
});

test('off a terminal, a short phase is timed to a tenth of a second', () => {
  const out = capture();
  let t = 0;
  const p = phaseProgress({ stream: out.stream, now: () => t });
  p.update('calibrate', 0, 5);
  t = 2_345;
  p.update('calibrate', 5, 5);
  p.stop();
  assert.deepEqual(out.lines(), ['calibrate: started (5)', 'calibrate: done (5) in 2.3 s']);
});
