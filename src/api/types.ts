/**
 * What the HTTP API needs from the rest of the system. The CLI (the composition root) builds
 * these and calls `buildApp(deps)`; tests build them from the embedded broker and an in-memory
 * SQLite store. The API never reads the environment.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Registry } from 'prom-client';
import type { Explanation } from '../model/types.js';
import type { Broker } from '../queue/types.js';
import type { PredictionStore } from '../store/types.js';

export interface GroupCommitConfig {
  /** Most rows written by one insert + one publish. Default 200. */
  readonly maxBatch: number;
  /** Longest time (ms) a request waits for others to join its batch. Default 1. 0 = next tick. */
  readonly maxDelayMs: number;
  /** Batches being written at the same time; more requests queue up meanwhile. Default 8. */
  readonly maxInFlight?: number;
  /** Requests (rows) allowed to wait for a write slot before new ones get 503 QUEUE_FULL. Default 20 000. */
  readonly maxPendingRows?: number;
  /**
   * Run the insert and the publish of a batch concurrently (answer after max instead of sum of
   * their latencies). Default true: one synchronous flush less on every request's path (measured
   * p50 −4 ms at 500/s, bench/results/pipeline.md). Both still finish before the answer, so a 202
   * still means row + confirmed message. The price: when the insert fails but the publish was
   * confirmed, the client hears 503 yet the worker processes the message and creates the row by
   * upsert (an unrequested result, never a lost or duplicated one). false = insert, then publish.
   */
  readonly overlapWrites?: boolean;
}

export interface ApiConfig {
  /** Longest text accepted, in Unicode code points after trimming. Default 100 000. */
  readonly maxTextChars: number;
  /** Largest body of a single-text request, in bytes. Default 1 MiB (100 000 escaped characters fit). */
  readonly bodyLimitBytes: number;
  /** Largest body of `POST /api/v1/predictions/batch`, in bytes. Default 16 MiB. */
  readonly batchBodyLimitBytes?: number;
  /** Most texts in one batch request. Default 1 000. */
  readonly maxBatchTexts?: number;
  /** Upper bound of `?wait=MS`. Default 10 000. */
  readonly maxWaitMs: number;
  /** Value of `Retry-After` (seconds) on 503 answers. Default 1. */
  readonly retryAfterSeconds: number;
  /** Folder with the built UI (web/dist), served at `/` when it exists. */
  readonly staticDir?: string;
  /** Bearer token of the admin routes; without it those routes answer 401. */
  readonly adminToken?: string;
  readonly groupCommit: GroupCommitConfig;
  /** Interval (ms) of the safety poll for waiters whose notification was missed. Default 1 000. */
  readonly waiterPollMs?: number;
  /** Interval (ms) of SSE heartbeat comments. Default 15 000. */
  readonly sseHeartbeatMs?: number;
}

export interface ApiModelInfo {
  /** The version of the model the workers currently use (may change on hot reload). */
  version(): string;
  readonly labels: readonly string[];
}

/** Pauses and resumes the consumers running in this process (`glossa start`), for admins and tests. */
export interface WorkerControl {
  /** Stops taking new messages; in-flight ones finish. Resolves when paused. Idempotent. */
  pause(): Promise<void>;
  /** Starts consuming again. Idempotent. */
  resume(): Promise<void>;
}

export interface ApiDeps {
  /** Connected and migrated. */
  readonly store: PredictionStore;
  /** Connected. */
  readonly broker: Broker;
  readonly model: ApiModelInfo;
  /** Explains a text off the event loop (worker thread); without it `/explain` answers 503. */
  readonly explain?: (text: string) => Promise<Explanation>;
  /**
   * The consumers of this process, when it runs any (`glossa start`); enables the admin routes
   * `POST /api/v1/admin/workers/pause|resume`. Absent (e.g. `glossa serve`) → those routes are 404.
   */
  readonly workers?: WorkerControl;
  /** A pino logger, or `false` for none. */
  readonly logger: FastifyBaseLogger | false;
  readonly config: ApiConfig;
  /** Prometheus registry to add the API's metrics to; a private one when absent. */
  readonly metricsRegistry?: Registry;
  /** Clock, for tests. Default `() => new Date()`. */
  readonly now?: () => Date;
}

/** Defaults of the optional settings, in one place. */
export const API_DEFAULTS = {
  maxTextChars: 100_000,
  bodyLimitBytes: 1024 * 1024,
  batchBodyLimitBytes: 16 * 1024 * 1024,
  maxBatchTexts: 1_000,
  maxWaitMs: 10_000,
  retryAfterSeconds: 1,
  groupCommit: { maxBatch: 200, maxDelayMs: 1, maxInFlight: 8, maxPendingRows: 20_000, overlapWrites: true },
  waiterPollMs: 1_000,
  sseHeartbeatMs: 15_000,
} as const;
