/**
 * Decides the outcome of one micro-batch of deliveries; the consumer settles them. Order of work,
 * which is what makes "ack only after the result is written" hold:
 *
 *   1. invalid deliveries (no parsable message) → row `failed` when the id is known → deadLetter;
 *   2. ONE `predictBatch` over the valid texts (if it throws, one call per text, so a single
 *      poison text cannot sink its neighbours: that text alone is retried once, then failed and
 *      dead-lettered);
 *   3. ONE `store.complete` for all results; if the store throws → retry (redelivery; the
 *      broker's delivery limit dead-letters a message that can never be written);
 *   4. `notifyCompleted` (best effort) and ack.
 */
import type { Delivery, Outcome, Broker } from '../queue/types.js';
import type { Completion, PredictionResult, PredictionStore } from '../store/types.js';
import type { Predictor, WorkerLogger } from './types.js';

export interface BatchDeps {
  readonly store: PredictionStore;
  readonly broker: Pick<Broker, 'notifyCompleted'>;
  readonly predictor: Predictor;
  readonly logger: WorkerLogger;
  readonly now?: () => Date;
}

/** What happened to a batch, for logs and metrics. */
export interface BatchReport {
  readonly outcomes: Outcome[];
  /** Ids written by this batch (not already done). */
  readonly written: number;
  /** Resolves when the completion notice has been sent (or failed, logged). */
  readonly notified: Promise<void>;
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export async function handleBatch(deliveries: readonly Delivery[], deps: BatchDeps): Promise<BatchReport> {
  const now = deps.now ?? (() => new Date());
  const outcomes: Outcome[] = deliveries.map(() => 'ack');
  const valid: number[] = [];
  const failures: { id: string; reason: string }[] = [];

  deliveries.forEach((d, i) => {
    if (d.message !== null) {
      valid.push(i);
      return;
    }
    outcomes[i] = 'deadLetter';
    if (d.id !== undefined) failures.push({ id: d.id, reason: `invalid message: ${d.invalidReason ?? 'unknown reason'}` });
    deps.logger.warn({ id: d.id, reason: d.invalidReason }, 'invalid message dead-lettered');
  });

  const texts = valid.map((i) => (deliveries[i]?.message as NonNullable<Delivery['message']>).text);
  const results = await predictIsolating(texts, deps);
  const completions: Completion[] = [];
  const completedAt = now();
  valid.forEach((deliveryIndex, k) => {
    const message = (deliveries[deliveryIndex] as Delivery).message as NonNullable<Delivery['message']>;
    const result = results[k];
    if (result === undefined || 'error' in result) {
      // A first failure may be transient (a crashed inference thread): one more try. A text that
      // fails again, alone, is poison.
      const delivery = deliveries[deliveryIndex] as Delivery;
      if (delivery.deliveryCount === 0) {
        outcomes[deliveryIndex] = 'retry';
      } else {
        outcomes[deliveryIndex] = 'deadLetter';
        failures.push({ id: message.id, reason: `prediction failed: ${result?.error ?? 'no result'}` });
      }
      return;
    }
    completions.push({ id: message.id, text: message.text, result, modelVersion: deps.predictor.version, completedAt });
  });

  // The failed rows first: a dead-lettered message is marked again by the dead-letter consumer
  // anyway, so an error here only costs a log line.
  if (failures.length > 0) {
    try {
      await deps.store.fail(failures);
    } catch (e) {
      deps.logger.warn({ err: errorText(e), count: failures.length }, 'could not mark failed rows; the dead-letter consumer will');
    }
  }

  let written: string[] = [];
  if (completions.length > 0) {
    try {
      written = await deps.store.complete(completions);
    } catch (e) {
      deps.logger.error({ err: errorText(e), count: completions.length }, 'store.complete failed; batch will be redelivered');
      for (const i of valid) if (outcomes[i] === 'ack') outcomes[i] = 'retry';
      return { outcomes, written: 0, notified: Promise.resolve() };
    }
  }

  const ids = completions.map((c) => c.id);
  const notified = ids.length === 0
    ? Promise.resolve()
    : deps.broker.notifyCompleted(ids).catch((e: unknown) => {
      deps.logger.warn({ err: errorText(e), count: ids.length }, 'completion notice failed (pollers still see the row)');
    });
  return { outcomes, written: written.length, notified };
}

type Predicted = PredictionResult | { readonly error: string };

async function predictIsolating(texts: readonly string[], deps: BatchDeps): Promise<Predicted[]> {
  if (texts.length === 0) return [];
  try {
    const results = await deps.predictor.predictBatch(texts);
    if (results.length !== texts.length) throw new Error(`predictor returned ${results.length} results for ${texts.length} texts`);
    return results;
  } catch (e) {
    if (texts.length === 1) return [{ error: errorText(e) }];
    deps.logger.warn({ err: errorText(e), count: texts.length }, 'batch prediction failed; predicting one by one');
  }
  const out: Predicted[] = [];
  for (const text of texts) {
    try {
      const [result] = await deps.predictor.predictBatch([text]);
      out.push(result ?? { error: 'predictor returned no result' });
    } catch (e) {
      out.push({ error: errorText(e) });
    }
  }
  return out;
}
