/** The worker layer: consume → micro-batch → predict → store.complete → ack; dead letters; sweep. */
export type { Predictor, WorkerLogger, ConsumerSettings } from './types.js';
export { silentWorkerLogger } from './types.js';
export { MicroBatcher } from './batcher.js';
export { handleBatch } from './batch.js';
export type { BatchDeps, BatchReport } from './batch.js';
export { startConsumer, checkConsumerSettings } from './consumer.js';
export type { ConsumerDeps, ConsumerStats, RunningConsumer } from './consumer.js';
export { startDeadLetterConsumer, deadLetterHandler } from './dead-letters.js';
export { createSweeper, DEFAULT_SWEEP } from './sweep.js';
export type { Sweeper, SweepSettings, SweepDeps } from './sweep.js';
