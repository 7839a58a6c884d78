import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Fifo } from '../../../src/queue/fifo.js';

describe('Fifo', () => {
  it('is first in, first out across compactions', () => {
    const q = new Fifo<{ n: number }>();
    const out: number[] = [];
    for (let i = 0; i < 5000; i++) {
      q.push({ n: i });
      if (i % 3 === 0) out.push(q.shift()!.n);
    }
    while (q.length > 0) out.push(q.shift()!.n);
    assert.deepEqual(out, Array.from({ length: 5000 }, (_, i) => i));
    assert.equal(q.shift(), undefined);
    assert.equal(q.length, 0);
  });
});
