/**
 * buildApp(deps) → a ready Fastify instance with every route of ARCHITECTURE.md "HTTP API".
 * Building is separate from listening: the CLI calls `listen`, tests call `app.inject()`.
 *
 * Lifecycle: subscribes to completion notifications now; `app.close()` ends open SSE streams,
 * lets in-flight group commits answer, then cancels the subscription. The store and broker
 * belong to the caller and stay open.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { GlossaError } from '../errors.js';
import { resolveConfig, type ApiContext, type ResolvedConfig } from './context.js';
import { installErrorHandling, sendError } from './errors.js';
import { GroupCommitter } from './group-commit.js';
import { createApiMetrics, instrumentRequests } from './metrics.js';
import { registerAdminRoutes } from './routes/admin.js';
import { registerEventRoutes } from './routes/events.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerInfoRoutes } from './routes/info.js';
import { registerReadRoutes } from './routes/read.js';
import { registerSubmitRoutes } from './routes/submit.js';
import { ThroughputMeter } from './throughput.js';
import type { ApiDeps } from './types.js';
import { CompletionWaiters } from './waiters.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Glossa's per-app state (group committer, waiters…), for the CLI's shutdown and for tests. */
    glossa: ApiContext;
  }
}

export async function buildApp(deps: ApiDeps): Promise<FastifyInstance> {
  const config = resolveConfig(deps.config);
  validateConfig(config);
  const app = Fastify({
    ...(deps.logger === false ? { logger: false } : { loggerInstance: deps.logger }),
    bodyLimit: config.bodyLimitBytes,
    // One log line per request costs more than the request at thousands per second; errors are logged.
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    // No type coercion: {"text": 123} is a wrong type (400), not the text "123".
    ajv: { customOptions: { coerceTypes: false } },
    // Ids may be up to 200 characters (other producers' ids); longer ones fail validation with 400.
    routerOptions: { maxParamLength: 1000 },
    // Malformed URLs are caught by the router before the error handler exists for the request.
    frameworkErrors: (error, _request, reply) => {
      sendError(reply, new GlossaError('BAD_REQUEST', error.message), config.retryAfterSeconds);
    },
  });
  // Only JSON bodies: text/plain would otherwise be parsed and fail validation with a confusing 400.
  app.removeContentTypeParser('text/plain');
  installErrorHandling(app, { retryAfterSeconds: config.retryAfterSeconds });

  const logger = deps.logger === false ? undefined : deps.logger;
  const waiters = new CompletionWaiters({ store: deps.store, pollMs: config.waiterPollMs, ...(logger ? { logger } : {}) });
  const metrics = createApiMetrics(deps.metricsRegistry, () => waiters.size);
  const committer = new GroupCommitter({
    store: deps.store,
    broker: deps.broker,
    ...config.groupCommit,
    ...(logger ? { logger } : {}),
    onBatch: (rows) => metrics.batchRows.observe(rows),
    onPhase: (phase, seconds) => metrics.batchPhase.observe({ phase }, seconds),
  });
  const throughput = new ThroughputMeter(10);
  const ctx: ApiContext = { deps, config, committer, waiters, throughput, metrics, now: deps.now ?? (() => new Date()) };
  app.decorate('glossa', ctx);

  const subscription = await deps.broker.onCompleted((ids) => {
    throughput.record(ids.length);
    void waiters.notify(ids);
  });
  // preClose runs before the server stops accepting: pending ?wait requests answer 202 at once
  // instead of holding the shutdown for up to maxWaitMs.
  app.addHook('preClose', async () => {
    waiters.close();
  });
  app.addHook('onClose', async () => {
    await committer.close();
    await subscription.cancel();
  });

  instrumentRequests(app, metrics.registry);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Glossa', description: 'Realtime language identification. Errors are {"error": {"code", "message"}} (docs/errors.md).', version: '1' },
      tags: [
        { name: 'predictions', description: 'Submit texts and read their predictions' },
        { name: 'reference', description: 'Languages and model' },
        { name: 'status', description: 'Health, readiness, stats, metrics' },
        { name: 'admin', description: 'Needs Authorization: Bearer <admin token>' },
      ],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  registerSubmitRoutes(app, ctx);
  registerReadRoutes(app, ctx);
  registerEventRoutes(app, ctx);
  registerInfoRoutes(app, ctx);
  registerHealthRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  await registerUi(app, config);
  await app.ready();
  return app;
}

async function registerUi(app: FastifyInstance, config: ResolvedConfig): Promise<void> {
  const dir = config.staticDir;
  if (dir !== undefined && existsSync(join(dir, 'index.html'))) {
    await app.register(fastifyStatic, { root: resolve(dir), prefix: '/', schemaHide: true });
    return;
  }
  app.get('/', { schema: { hide: true } }, async (_request, reply) => {
    reply.type('text/html; charset=utf-8');
    return '<!doctype html><meta charset="utf-8"><title>Glossa</title><h1>Glossa API</h1>'
      + '<p>The web UI is not built (run <code>npm run build</code> in the project). The API is documented at <a href="/docs">/docs</a>.</p>';
  });
}

function validateConfig(c: ResolvedConfig): void {
  const problems: string[] = [];
  const positive = (name: string, v: number, min = 1): void => {
    if (!Number.isFinite(v) || v < min) problems.push(`${name} must be a number ≥ ${min} (got ${String(v)})`);
  };
  positive('maxTextChars', c.maxTextChars);
  positive('bodyLimitBytes', c.bodyLimitBytes);
  positive('batchBodyLimitBytes', c.batchBodyLimitBytes);
  positive('maxBatchTexts', c.maxBatchTexts);
  positive('maxWaitMs', c.maxWaitMs, 0);
  positive('retryAfterSeconds', c.retryAfterSeconds, 0);
  positive('groupCommit.maxBatch', c.groupCommit.maxBatch);
  positive('groupCommit.maxDelayMs', c.groupCommit.maxDelayMs, 0);
  positive('groupCommit.maxInFlight', c.groupCommit.maxInFlight);
  positive('groupCommit.maxPendingRows', c.groupCommit.maxPendingRows);
  positive('waiterPollMs', c.waiterPollMs);
  positive('sseHeartbeatMs', c.sseHeartbeatMs);
  if (problems.length > 0) throw new GlossaError('USAGE', `invalid API config: ${problems.join('; ')}`);
}
