/**
 * Marks the rows of dead-lettered messages `failed`. A row already `done` stays done (the store
 * guarantees it), and a row already `failed` keeps the more specific reason the worker wrote
 * (e.g. the invalid-message reason) instead of the broker's generic one.
 */
import type { Broker, DeadLetter, Subscription } from '../queue/types.js';
import type { PredictionStore } from '../store/types.js';
import type { WorkerLogger } from './types.js';

export function deadLetterHandler(store: PredictionStore, logger: WorkerLogger): (letter: DeadLetter) => Promise<void> {
  return async (letter) => {
    if (letter.id === undefined) {
      logger.warn({ reason: letter.reason }, 'dead letter without an id; nothing to mark');
      return;
    }
    const row = await store.get(letter.id);
    if (row !== undefined && row.status !== 'queued') return;
    await store.fail([{ id: letter.id, reason: letter.reason }]);
    logger.warn({ id: letter.id, reason: letter.reason }, 'prediction failed (dead-lettered)');
  };
}

export function startDeadLetterConsumer(broker: Broker, store: PredictionStore, logger: WorkerLogger): Promise<Subscription> {
  return broker.consumeDeadLetters(deadLetterHandler(store, logger));
}
