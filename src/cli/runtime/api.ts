/**
 * Builds the API from the config and listens. Used by `glossa serve` and `glossa start`.
 * Returns the URL actually listened on (port 0 → a free port) and a close that stops taking
 * requests, lets in-flight ones answer (group commits finish) and ends SSE streams.
 */
import type { FastifyInstance } from 'fastify';
import { API_DEFAULTS, buildApp } from '../../api/index.js';
import { GlossaError } from '../../errors.js';
import type { ApiConfig, WorkerControl } from '../../api/index.js';
import type { Broker } from '../../queue/index.js';
import type { PredictionStore } from '../../store/index.js';
import type { Predictor } from '../../worker/index.js';
import type { ServiceConfig } from '../config.js';
import type { Logger } from './logger.js';
import { uiDir } from './services.js';

export interface RunningApi {
  readonly app: FastifyInstance;
  /** e.g. http://127.0.0.1:8080 */
  readonly url: string;
  close(): Promise<void>;
}

export function apiConfigFrom(config: ServiceConfig): ApiConfig {
  const staticDir = uiDir();
  return {
    maxTextChars: API_DEFAULTS.maxTextChars,
    bodyLimitBytes: API_DEFAULTS.bodyLimitBytes,
    maxWaitMs: API_DEFAULTS.maxWaitMs,
    retryAfterSeconds: API_DEFAULTS.retryAfterSeconds,
    groupCommit: { ...API_DEFAULTS.groupCommit, overlapWrites: !config.serialWrites },
    ...(staticDir === undefined ? {} : { staticDir }),
    ...(config.adminToken === undefined ? {} : { adminToken: config.adminToken }),
  };
}

export async function listenApi(
  deps: { config: ServiceConfig; broker: Broker; store: PredictionStore; predictor: Predictor; logger: Logger; workers?: WorkerControl },
): Promise<RunningApi> {
  const { config, predictor } = deps;
  const app = await buildApp({
    store: deps.store,
    broker: deps.broker,
    model: { version: () => predictor.version, labels: predictor.labels },
    explain: (text) => predictor.explain(text),
    ...(deps.workers === undefined ? {} : { workers: deps.workers }),
    logger: deps.logger.child({ component: 'api' }),
    config: apiConfigFrom(config),
  });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (e) {
    await app.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new GlossaError('USAGE', `cannot listen on ${config.host}:${config.port} (${code}); choose another --port or --host`);
    }
    throw e;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return { app, url: `http://${shownHost}:${port}`, close: () => app.close() };
}
