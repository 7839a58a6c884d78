/**
 * A stand-in for src/cli/runtime/predictor-thread.ts speaking the same protocol without a model:
 * language = first two letters; the text 'crash' kills the thread (process-level exit of the thread).
 */
import { parentPort } from 'node:worker_threads';
import type { ThreadReply, ThreadRequest } from '../../../src/cli/runtime/predictor-thread.js';

const port = parentPort;
if (port !== null) {
  port.on('message', (req: ThreadRequest) => {
    if (req.kind === 'predict' && req.texts.includes('crash')) process.exit(3);
    const value = req.kind === 'predict'
      ? req.texts.map((t) => ({ language: t.slice(0, 2), confidence: 1, top: [] }))
      : { prediction: { language: req.text.slice(0, 2), confidence: 1, top: [] }, features: [] };
    port.postMessage({ type: 'reply', id: req.id, ok: true, value } satisfies ThreadReply);
  });
  port.postMessage({ type: 'ready', version: 'fake-thread-1', labels: ['aa', 'bb'] } satisfies ThreadReply);
}
