import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../../../src/cli/runtime/logger.js';
import { superviseWorkers } from '../../../src/cli/runtime/supervisor.js';

const script = fileURLToPath(new URL('./fake-worker-child.ts', import.meta.url));
const logger = createLogger('silent');

async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('N children start, a killed child is replaced, stop() ends them all', { timeout: 60_000 }, async () => {
  delete process.env.FAKE_CHILD;
  let allReady = 0;
  const sup = superviseWorkers({ count: 2, script, args: [], logger, onAllReady: () => { allReady++; } });
  try {
    await until(() => allReady === 1, 'both children ready');
    const [first, second] = sup.pids();
    assert.equal(sup.pids().length, 2);
    process.kill(first as number, 'SIGKILL');
    await until(() => sup.pids().length === 2 && !sup.pids().includes(first as number), 'the killed child replaced');
    assert.ok(sup.pids().includes(second as number), 'the other child kept running');
  } finally {
    const pids = sup.pids();
    await sup.stop();
    for (const pid of pids) assert.throws(() => process.kill(pid, 0), 'child gone after stop');
  }
});

test('children that keep failing before any is ready make the supervisor give up', { timeout: 60_000 }, async () => {
  process.env.FAKE_CHILD = 'fail';
  let hopeless = false;
  const sup = superviseWorkers({ count: 2, script, args: [], logger, onHopeless: () => { hopeless = true; } });
  try {
    await until(() => hopeless, 'onHopeless');
  } finally {
    delete process.env.FAKE_CHILD;
    await sup.stop();
  }
});
