import assert from 'node:assert/strict';
import { test } from 'node:test';
import { heldOutSets, sentencePiece } from '../../../src/model/holdout.js';
import { Prng } from '../../../src/model/prng.js';
import { TokenSampler } from '../../../src/model/sampling.js';

test('every token occurrence is equally likely, whatever the text lengths', () => {
  // "h" is a one-word heading; the other text has 9 words. Picking a text first would give "h" ~50 %.
  const s = new TokenSampler([['h'], ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'i', 'j']], 1);
  const rng = new Prng(1);
  let h = 0;
  for (let i = 0; i < 10_000; i++) if (s.draw(rng) === 'h') h++;
  assert.ok(h > 700 && h < 1300, `heading drawn ${h} times of 10 000 (expected ~1000)`);
});

test('pairs are adjacent tokens of one text; texts too short for a pair are skipped', () => {
  const s = new TokenSampler([['x'], ['a', 'b', 'c']], 2);
  const rng = new Prng(2);
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) seen.add(s.draw(rng)!);
  assert.deepEqual([...seen].sort(), ['a b', 'b c']);
  assert.equal(new TokenSampler([['x']], 2).draw(rng), undefined);
});

test('held-out sets: per-label counts, ~100-character sentences', () => {
  const recs = [
    { text: 'alpha beta gamma delta '.repeat(10), label: 'aa' },
    { text: 'uno dos tres cuatro '.repeat(10), label: 'bb' },
  ];
  const s = heldOutSets(recs, 5, 3);
  assert.equal(s.sentences.length, 2);
  assert.equal(s.words.length, 10);
  assert.equal(s.pairs.length, 10);
  assert.ok(s.sentences.every((x) => x.text.length >= 90 && x.text.length <= 130));
  assert.ok(s.words.every((w) => !w.text.includes(' ')));
  assert.ok(s.pairs.every((p) => p.text.split(' ').length === 2));
  assert.equal(sentencePiece('short one'), 'short one');
});
