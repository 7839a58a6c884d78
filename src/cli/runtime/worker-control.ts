/**
 * Pause and resume for the consumers of one process (`glossa start`), behind the admin routes
 * `POST /api/v1/admin/workers/pause|resume`. Pausing stops the consumers the same way shutdown
 * does (cancel the subscription, finish and ack in-flight batches), so requests that arrive while
 * paused stay `queued` in the broker; resuming starts a fresh set, which receives them.
 * Calls run one after another, and each is idempotent.
 */
import type { WorkerControl } from '../../api/index.js';
import type { RunningConsumers } from './consumers.js';
import type { Logger } from './logger.js';

export interface PausableConsumers extends WorkerControl {
  readonly paused: boolean;
  /** Stops for good (shutdown); a later `resume` does nothing. */
  stop(): Promise<void>;
}

export function pausableConsumers(first: RunningConsumers, start: () => Promise<RunningConsumers>, logger: Logger): PausableConsumers {
  let current: RunningConsumers | undefined = first;
  let stopped = false;
  let chain: Promise<unknown> = Promise.resolve();
  const serial = (step: () => Promise<void>): Promise<void> => {
    const next = chain.then(step);
    chain = next.catch(() => undefined);
    return next;
  };
  const halt = async (): Promise<void> => {
    const running = current;
    current = undefined;
    await running?.stop();
  };
  return {
    get paused() {
      return current === undefined;
    },
    pause: () => serial(async () => {
      if (current === undefined) return;
      await halt();
      logger.info('workers paused (admin)');
    }),
    resume: () => serial(async () => {
      if (current !== undefined || stopped) return;
      current = await start();
      logger.info('workers resumed (admin)');
    }),
    stop: () => serial(async () => {
      stopped = true;
      await halt();
    }),
  };
}
