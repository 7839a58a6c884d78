import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FNV_OFFSET, fmix32, fnvStep, hashString } from '../../../src/model/hashing.js';

const rawFnv1a = (s: string): number => {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i));
  return h >>> 0;
};

test('FNV-1a matches the published 32-bit test vectors', () => {
  assert.equal(rawFnv1a(''), 0x811c9dc5);
  assert.equal(rawFnv1a('a'), 0xe40c292c);
  assert.equal(rawFnv1a('foobar'), 0xbf9cf968);
});

test('fmix32 is the murmur3 finaliser (0 → 0, and a known value)', () => {
  assert.equal(fmix32(0), 0);
  // fmix32(1) from the reference C implementation.
  assert.equal(fmix32(1), 0x514e28b7);
});

test('hashString is stable, unsigned, and incremental hashing gives the same value', () => {
  const h = hashString('hello');
  assert.equal(h, fmix32(rawFnv1a('hello')));
  assert.ok(h >= 0 && h < 2 ** 32);
  assert.equal(hashString('hello'), h);
  assert.notEqual(hashString('hellp'), h);
});
