/**
 * The consuming side of a process: the request consumer plus the dead-letter consumer, started
 * and stopped together. Used by `glossa worker` (each child) and by `glossa start`.
 */
import type { Broker, Subscription } from '../../queue/index.js';
import type { PredictionStore } from '../../store/index.js';
import { startConsumer, startDeadLetterConsumer } from '../../worker/index.js';
import type { ConsumerSettings, Predictor, RunningConsumer } from '../../worker/index.js';
import type { Logger } from './logger.js';

export interface RunningConsumers {
  readonly consumer: RunningConsumer;
  /** Stops consuming, drains in-flight batches, stops the dead-letter consumer. */
  stop(): Promise<void>;
}

export async function startConsumers(
  deps: { broker: Broker; store: PredictionStore; predictor: Predictor; logger: Logger },
  settings: ConsumerSettings,
): Promise<RunningConsumers> {
  const logger = deps.logger.child({ component: 'worker' });
  const consumer = await startConsumer({ ...deps, logger }, settings);
  let dead: Subscription;
  try {
    dead = await startDeadLetterConsumer(deps.broker, deps.store, logger);
  } catch (e) {
    await consumer.stop();
    throw e;
  }
  return {
    consumer,
    stop: async () => {
      await consumer.stop();
      await dead.cancel().catch(() => undefined);
    },
  };
}
