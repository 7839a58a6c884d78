/**
 * The per-app state the route modules share, and the configuration with its defaults applied.
 */
import type { GroupCommitter } from './group-commit.js';
import type { ApiMetrics } from './metrics.js';
import type { ThroughputMeter } from './throughput.js';
import type { ApiConfig, ApiDeps } from './types.js';
import { API_DEFAULTS } from './types.js';
import type { CompletionWaiters } from './waiters.js';

export type ResolvedConfig = Required<Omit<ApiConfig, 'staticDir' | 'adminToken' | 'groupCommit'>> & {
  readonly staticDir: string | undefined;
  readonly adminToken: string | undefined;
  readonly groupCommit: Required<ApiConfig['groupCommit']>;
};

export interface ApiContext {
  readonly deps: ApiDeps;
  readonly config: ResolvedConfig;
  readonly committer: GroupCommitter;
  readonly waiters: CompletionWaiters;
  readonly throughput: ThroughputMeter;
  readonly metrics: ApiMetrics;
  readonly now: () => Date;
}

export function resolveConfig(config: ApiConfig): ResolvedConfig {
  return {
    maxTextChars: config.maxTextChars,
    bodyLimitBytes: config.bodyLimitBytes,
    batchBodyLimitBytes: config.batchBodyLimitBytes ?? Math.max(API_DEFAULTS.batchBodyLimitBytes, config.bodyLimitBytes),
    maxBatchTexts: config.maxBatchTexts ?? API_DEFAULTS.maxBatchTexts,
    maxWaitMs: config.maxWaitMs,
    retryAfterSeconds: config.retryAfterSeconds,
    staticDir: config.staticDir,
    adminToken: config.adminToken === '' ? undefined : config.adminToken,
    groupCommit: {
      maxBatch: config.groupCommit.maxBatch,
      maxDelayMs: config.groupCommit.maxDelayMs,
      maxInFlight: config.groupCommit.maxInFlight ?? API_DEFAULTS.groupCommit.maxInFlight,
      maxPendingRows: config.groupCommit.maxPendingRows ?? API_DEFAULTS.groupCommit.maxPendingRows,
      overlapWrites: config.groupCommit.overlapWrites ?? API_DEFAULTS.groupCommit.overlapWrites,
    },
    waiterPollMs: config.waiterPollMs ?? API_DEFAULTS.waiterPollMs,
    sseHeartbeatMs: config.sseHeartbeatMs ?? API_DEFAULTS.sseHeartbeatMs,
  };
}
