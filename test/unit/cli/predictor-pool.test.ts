import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { createPredictorPool } from '../../../src/cli/runtime/predictor-pool.js';

const logger = pino({ level: process.env.POOL_DEBUG ? 'debug' : 'silent' });
const entry = new URL('./fake-predictor-thread.ts', import.meta.url);

test('the pool answers from its threads (a .ts entry runs through tsx inside the thread)', async () => {
  const pool = await createPredictorPool({ size: 2, logger, entry });
  try {
    assert.equal(pool.version, 'fake-thread-1');
    assert.deepEqual(pool.labels, ['aa', 'bb']);
    const answers = await Promise.all([pool.predictBatch(['aa x', 'bb y']), pool.predictBatch(['bb z'])]);
    assert.deepEqual(answers.map((a) => a.map((r) => r.language)), [['aa', 'bb'], ['bb']]);
    assert.equal((await pool.explain('aa why')).prediction.language, 'aa');
  } finally {
    await pool.close?.();
  }
});

test('a thread that dies rejects its pending request and is replaced; the pool keeps answering', async () => {
  const pool = await createPredictorPool({ size: 1, logger, entry });
  try {
    await assert.rejects(pool.predictBatch(['crash']), /predictor thread exited/);
    let answer: string | undefined;
    for (let i = 0; i < 100 && answer === undefined; i++) {
      answer = await pool.predictBatch(['aa again']).then((r) => r[0]?.language, () => undefined);
      if (answer === undefined) await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(answer, 'aa');
  } finally {
    await pool.close?.();
  }
  await assert.rejects(pool.predictBatch(['aa']), /closed/);
});

test('a pool whose thread cannot start fails with the reason instead of hanging', async () => {
  await assert.rejects(createPredictorPool({ size: 1, logger, entry: new URL('./no-such-thread.ts', import.meta.url), startTimeoutMs: 20_000 }));
});
