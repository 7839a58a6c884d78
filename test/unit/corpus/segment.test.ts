import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_PARAGRAPH, MAX_SENTENCE, segmentParagraph, splitSentences } from '../../../src/corpus/segment.js';

test('a short paragraph stays whole; a long one splits into sentences', () => {
  assert.deepEqual(segmentParagraph('Semua manusia dilahirkan bebas. Mereka mempunyai pemikiran.'), ['Semua manusia dilahirkan bebas. Mereka mempunyai pemikiran.']);
  const long = 'Semua manusia dilahirkan bebas dan samarata dari segi kemuliaan dan hak-hak. '.repeat(5).trim();
  assert.ok(long.length > MAX_PARAGRAPH);
  const parts = segmentParagraph(long);
  assert.equal(parts.length, 5);
  assert.ok(parts.every((p) => p.endsWith('hak-hak.')));
});

test('abbreviations and short fragments are joined to their neighbour', () => {
  assert.deepEqual(splitSentences('Siehe z. B. Art. 3 des Gesetzes über die Freiheit der Person.'), ['Siehe z. B. Art. 3 des Gesetzes über die Freiheit der Person.']);
});

test('CJK and Hindi terminators split without a following space', () => {
  assert.deepEqual(splitSentences('すべての人間は生まれながらにして自由であり、尊厳と権利とについて平等である。人間は理性と良心とを授けられており、互いに同胞の精神をもって行動しなければならない。'),
    ['すべての人間は生まれながらにして自由であり、尊厳と権利とについて平等である。', '人間は理性と良心とを授けられており、互いに同胞の精神をもって行動しなければならない。']);
});

test('a sentence without terminators is cut at word boundaries under the maximum', () => {
  const parts = splitSentences('kata '.repeat(300).trim());
  assert.ok(parts.length >= 3);
  assert.ok(parts.every((p) => p.length <= MAX_SENTENCE && !p.startsWith(' ') && !p.endsWith(' ')));
  assert.equal(parts.join(' '), 'kata '.repeat(300).trim());
});
