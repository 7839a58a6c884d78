// Pause/resume of `glossa start`'s consumers (behind POST /api/v1/admin/workers/pause|resume),
// with fake consumers that record what happened to them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningConsumers } from '../../../src/cli/runtime/consumers.js';
import { createLogger } from '../../../src/cli/runtime/logger.js';
import { pausableConsumers } from '../../../src/cli/runtime/worker-control.js';

const logger = createLogger('silent');

function fakes(): { started: string[]; stopped: string[]; make: () => Promise<RunningConsumers> } {
  const started: string[] = [];
  const stopped: string[] = [];
  let n = 0;
  const make = async (): Promise<RunningConsumers> => {
    const name = `c${++n}`;
    started.push(name);
    return {
      consumer: {} as RunningConsumers['consumer'],
      stop: async () => {
        await new Promise((r) => setTimeout(r, 5)); // a drain takes a moment
        stopped.push(name);
      },
    };
  };
  return { started, stopped, make };
}

test('pause stops the running consumers once; resume starts a fresh set once', async () => {
  const f = fakes();
  const w = pausableConsumers(await f.make(), f.make, logger);
  assert.equal(w.paused, false);
  await Promise.all([w.pause(), w.pause()]);
  assert.equal(w.paused, true);
  assert.deepEqual(f.stopped, ['c1']);
  await Promise.all([w.resume(), w.resume()]);
  assert.equal(w.paused, false);
  assert.deepEqual(f.started, ['c1', 'c2']);
});

test('calls run in order: pause then resume issued together end running', async () => {
  const f = fakes();
  const w = pausableConsumers(await f.make(), f.make, logger);
  await Promise.all([w.pause(), w.resume()]);
  assert.deepEqual(f.stopped, ['c1']);
  assert.deepEqual(f.started, ['c1', 'c2']);
  assert.equal(w.paused, false);
});

test('after stop, resume starts nothing', async () => {
  const f = fakes();
  const w = pausableConsumers(await f.make(), f.make, logger);
  await w.stop();
  await w.resume();
  assert.deepEqual(f.started, ['c1']);
  assert.deepEqual(f.stopped, ['c1']);
  assert.equal(w.paused, true);
});

test('a failed resume is reported and leaves it paused, and a later resume can still succeed', async () => {
  const f = fakes();
  let fail = true;
  const start = async (): Promise<RunningConsumers> => {
    if (fail) throw new Error('broker gone');
    return f.make();
  };
  const w = pausableConsumers(await f.make(), start, logger);
  await w.pause();
  await assert.rejects(w.resume(), /broker gone/);
  assert.equal(w.paused, true);
  fail = false;
  await w.resume();
  assert.equal(w.paused, false);
});
