/**
 * What the worker needs from the outside, as interfaces: a predictor (the model, in-process or in
 * a thread pool), the broker and the store contracts, a logger. The worker never loads a model or
 * reads the environment itself; `src/cli` composes it.
 */
import type { Explanation } from '../model/types.js';
import type { PredictionResult } from '../store/types.js';
import { silentLogger, type BrokerLogger } from '../queue/config.js';

/**
 * The model as the worker and the API see it: asynchronous, so inference may run off the event
 * loop (a worker-thread pool) or in-process. `predictBatch` answers one result per text, in order.
 */
export interface Predictor {
  predictBatch(texts: readonly string[]): Promise<PredictionResult[]>;
  explain(text: string): Promise<Explanation>;
  /** The model version written beside each result (`manifest.modelVersion`). */
  readonly version: string;
  readonly labels: readonly string[];
  /** Frees threads or other resources; optional for in-process predictors. */
  close?(): Promise<void>;
}

/** A pino-compatible logger (`pino()` satisfies it): the same shape the brokers log to. */
export type WorkerLogger = BrokerLogger;
export const silentWorkerLogger: WorkerLogger = silentLogger;

/** Micro-batching settings of one consumer. */
export interface ConsumerSettings {
  /** B: a batch is processed as soon as it holds this many deliveries. ≥ 1. */
  readonly batchSize: number;
  /** T (ms): a batch is processed at the latest this long after its first delivery. ≥ 0. */
  readonly batchWaitMs: number;
  /** Unacknowledged deliveries the broker may hand this consumer at once. ≥ batchSize is sensible. */
  readonly prefetch: number;
}
