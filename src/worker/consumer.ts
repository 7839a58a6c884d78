/**
 * The request consumer: deliveries → micro-batches (`MicroBatcher`) → `handleBatch` → settle.
 * Several batches may be in flight at once (bounded by the prefetch), so prediction of one batch
 * overlaps the database write of the previous one.
 *
 * Shutdown (`stop`): cancel the subscription, close the open batch at once instead of waiting
 * for its timer, wait until every batch in flight has been written and settled. The caller then
 * closes the broker and the store.
 */
import type { Broker, Delivery, Outcome, Subscription } from '../queue/types.js';
import type { PredictionStore } from '../store/types.js';
import { MicroBatcher } from './batcher.js';
import { handleBatch } from './batch.js';
import type { ConsumerSettings, Predictor, WorkerLogger } from './types.js';

export interface ConsumerDeps {
  readonly broker: Broker;
  readonly store: PredictionStore;
  readonly predictor: Predictor;
  readonly logger: WorkerLogger;
}

export interface ConsumerStats {
  readonly batches: number;
  readonly acked: number;
  readonly retried: number;
  readonly deadLettered: number;
  /** Deliveries received and not yet settled. */
  readonly inFlight: number;
}

export interface RunningConsumer {
  /** Stops taking deliveries, finishes and settles what it holds, then resolves. Idempotent. */
  stop(): Promise<void>;
  stats(): ConsumerStats;
}

interface Pending {
  readonly delivery: Delivery;
  readonly settle: (outcome: Outcome) => void;
}

/** Validates settings; returns every problem (empty when fine). */
export function checkConsumerSettings(s: ConsumerSettings): string[] {
  const errors: string[] = [];
  if (!Number.isInteger(s.batchSize) || s.batchSize < 1) errors.push(`batch size must be an integer ≥ 1 (got ${s.batchSize})`);
  if (!Number.isInteger(s.batchWaitMs) || s.batchWaitMs < 0) errors.push(`batch wait must be an integer ≥ 0 ms (got ${s.batchWaitMs})`);
  if (!Number.isInteger(s.prefetch) || s.prefetch < 1) errors.push(`prefetch must be an integer ≥ 1 (got ${s.prefetch})`);
  return errors;
}

export async function startConsumer(deps: ConsumerDeps, settings: ConsumerSettings): Promise<RunningConsumer> {
  const problems = checkConsumerSettings(settings);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  const { logger } = deps;
  const counts = { batches: 0, acked: 0, retried: 0, deadLettered: 0, inFlight: 0 };
  const running = new Set<Promise<void>>();
  let stopping = false;

  const runBatch = (items: Pending[]): void => {
    counts.batches++;
    const work = (async () => {
      let outcomes: Outcome[];
      let notified: Promise<void> = Promise.resolve();
      try {
        const report = await handleBatch(items.map((p) => p.delivery), deps);
        outcomes = report.outcomes;
        notified = report.notified;
      } catch (e) {
        // handleBatch reports expected failures as outcomes; this is a bug or an unforeseen error.
        logger.error({ err: e instanceof Error ? e.stack ?? e.message : String(e), count: items.length }, 'batch failed unexpectedly; retrying it');
        outcomes = items.map(() => 'retry');
      }
      items.forEach((p, i) => {
        const outcome = outcomes[i] ?? 'retry';
        if (outcome === 'ack') counts.acked++;
        else if (outcome === 'retry') counts.retried++;
        else counts.deadLettered++;
        counts.inFlight--;
        try {
          p.settle(outcome);
        } catch (e) {
          // The channel it came from is gone; the broker redelivers it.
          logger.warn({ err: e instanceof Error ? e.message : String(e), id: p.delivery.id }, 'settle failed');
        }
      });
      await notified;
    })();
    running.add(work);
    void work.finally(() => running.delete(work));
  };

  const batcher = new MicroBatcher<Pending>(settings.batchSize, settings.batchWaitMs, runBatch);
  const subscription: Subscription = await deps.broker.consume((delivery, settle) => {
    counts.inFlight++;
    batcher.add({ delivery, settle });
    // Deliveries that were already on their way when we cancelled: process them without waiting.
    if (stopping) batcher.flush();
  }, { prefetch: settings.prefetch });
  logger.info({ ...settings, model: deps.predictor.version }, 'consumer started');

  let stopped: Promise<void> | undefined;
  return {
    stats: () => ({ ...counts }),
    stop: () => {
      stopped ??= (async () => {
        stopping = true;
        try {
          await subscription.cancel();
        } catch (e) {
          logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'cancel failed; draining anyway');
        }
        batcher.flush();
        while (running.size > 0) await Promise.allSettled([...running]);
        logger.info({ ...counts }, 'consumer drained');
      })();
      return stopped;
    },
  };
}
