/**
 * Entry of a predictBatch helper thread (parallel-batch.ts): loads the model, says so in its
 * shared status word, then works on each batch it is sent — claiming chunks from the batch's
 * shared counter, predicting them and writing the answers, encoded (batch-codec.ts), into the
 * batch's shared results.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readArtifact } from './artifact.js';
import { encodePrediction } from './batch-codec.js';
import { CONTROL, HELPER_FAILED, HELPER_READY, type BatchJob, type HelperData } from './parallel-batch.js';
import { LinearModel } from './predictor.js';

const port = parentPort;
if (port !== null) {
  const { modelDir, status } = workerData as HelperData;
  const state = new Int32Array(status);
  let model: LinearModel;
  try {
    const { parts, manifest } = await readArtifact(modelDir);
    model = new LinearModel(parts, manifest);
  } catch {
    // The caller's thread loaded the same directory; if this copy cannot, it just works alone.
    Atomics.store(state, 0, HELPER_FAILED);
    process.exit(1);
  }
  const indexOf = new Map(model.labels.map((label, i) => [label, i]));
  Atomics.store(state, 0, HELPER_READY);
  let current: Int32Array | undefined;
  // Exiting mid-batch (an uncaught error, process.exit) says so at once: the caller, waiting on
  // the batch's counter, wakes and predicts the chunks this thread claimed and did not finish.
  process.once('exit', () => {
    Atomics.store(state, 0, HELPER_FAILED);
    if (current !== undefined) Atomics.notify(current, CONTROL.finished);
  });
  port.on('message', (job: BatchJob) => {
    const control = new Int32Array(job.control);
    current = control;
    const out = new Float64Array(job.results);
    const { texts, k, chunk } = job;
    const chunks = Math.ceil(texts.length / chunk);
    for (;;) {
      const c = Atomics.add(control, CONTROL.next, 1);
      if (c >= chunks) break;
      const from = c * chunk;
      const preds = model.predictBatch(texts.slice(from, from + chunk), { top: k });
      for (let j = 0; j < preds.length; j++) encodePrediction(preds[j]!, indexOf, out, from + j, k);
      Atomics.store(control, CONTROL.done + c, 1);
      Atomics.add(control, CONTROL.finished, 1);
      Atomics.notify(control, CONTROL.finished);
    }
    current = undefined;
  });
}
