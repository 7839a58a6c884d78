/**
 * A faulty predictBatch helper for parallel-batch.test.ts: it says it is ready, then claims one
 * chunk of the first batch it is sent and never finishes it. With `workerData.exit` it then
 * exits, flagging it as batch-thread.ts does; without, it stays silent, as a stalled thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CONTROL, HELPER_FAILED, HELPER_READY, type BatchJob, type HelperData } from '../../../../src/model/parallel-batch.js';

const port = parentPort;
if (port !== null) {
  const { status, modelDir } = workerData as HelperData;
  const state = new Int32Array(status);
  Atomics.store(state, 0, HELPER_READY);
  port.on('message', (job: BatchJob) => {
    const control = new Int32Array(job.control);
    Atomics.add(control, CONTROL.next, 1);
    if (!modelDir.endsWith('#exit')) return;
    Atomics.store(state, 0, HELPER_FAILED);
    Atomics.notify(control, CONTROL.finished);
    process.exit(3);
  });
}
