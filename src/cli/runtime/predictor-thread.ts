/**
 * Entry of one predictor-pool thread: loads the model, answers `predict` / `explain` requests.
 * Protocol (structured-clone messages):
 *   → { id, kind: 'predict', texts } | { id, kind: 'explain', text }
 *   ← { type: 'ready', version, labels } once, then { id, ok: true, value } | { id, ok: false, error }
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isGlossaError } from '../../errors.js';
import type { Predictor } from '../../worker/types.js';
import { loadInProcessPredictor } from './predictor.js';

export type ThreadRequest =
  | { readonly id: number; readonly kind: 'predict'; readonly texts: readonly string[] }
  | { readonly id: number; readonly kind: 'explain'; readonly text: string };

export type ThreadReply =
  | { readonly type: 'ready'; readonly version: string; readonly labels: readonly string[] }
  /** The model could not be loaded; `code` is the GlossaError code when there is one. */
  | { readonly type: 'failed'; readonly error: string; readonly code: string | undefined }
  | { readonly type: 'reply'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'reply'; readonly id: number; readonly ok: false; readonly error: string };

export interface ThreadData {
  readonly modelDir: string | undefined;
}

const port = parentPort;
if (port !== null) {
  const { modelDir } = workerData as ThreadData;
  let predictor: Predictor;
  try {
    predictor = await loadInProcessPredictor(modelDir);
  } catch (e) {
    // Structured clone would drop the error's class and code; send them explicitly.
    port.postMessage({ type: 'failed', error: e instanceof Error ? e.message : String(e), code: isGlossaError(e) ? e.code : undefined } satisfies ThreadReply);
    process.exit(1);
  }
  port.on('message', (req: ThreadRequest) => {
    const work = req.kind === 'predict' ? predictor.predictBatch(req.texts) : predictor.explain(req.text);
    work.then(
      (value) => port.postMessage({ type: 'reply', id: req.id, ok: true, value } satisfies ThreadReply),
      (e: unknown) => port.postMessage({ type: 'reply', id: req.id, ok: false, error: e instanceof Error ? e.message : String(e) } satisfies ThreadReply),
    );
  });
  port.postMessage({ type: 'ready', version: predictor.version, labels: predictor.labels } satisfies ThreadReply);
}
