/**
 * A faulty predictBatch helper for parallel-batch.test.ts: it says it is ready, then claims one
 * chunk of the first batch it is sent and never finishes it (it exits instead), as a helper that
 * crashes mid-batch would.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CONTROL, HELPER_READY, type BatchJob, type HelperData } from '../../../../src/model/parallel-batch.js';

const port = parentPort;
if (port !== null) {
  const { status } = workerData as HelperData;
  Atomics.store(new Int32Array(status), 0, HELPER_READY);
  port.on('message', (job: BatchJob) => {
    Atomics.add(new Int32Array(job.control), CONTROL.next, 1);
    process.exit(3);
  });
}
