/**
 * Liveness, readiness and Prometheus metrics.
 * /healthz: the process answers. /readyz: the broker is connected and the database answers —
 * 503 naming the one(s) that failed, so a load balancer stops sending requests here meanwhile.
 */
import type { FastifyInstance } from 'fastify';
import { GlossaError } from '../../errors.js';
import type { ApiContext } from '../context.js';
import { ErrorBody, HealthView, ReadyView } from '../schemas.js';

/** A database that has not answered in this time counts as down for /readyz. */
const PING_TIMEOUT_MS = 2000;

export function registerHealthRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get('/healthz', {
    schema: { summary: 'The process is alive', tags: ['status'], response: { 200: HealthView } },
  }, async () => ({ status: 'ok' as const }));

  app.get('/readyz', {
    schema: { summary: 'Broker connected and database reachable', tags: ['status'], response: { 200: ReadyView, 503: ErrorBody } },
  }, async () => {
    const brokerOk = ctx.deps.broker.isReady();
    let storeProblem: string | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        ctx.deps.store.ping(),
        new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS); }),
      ]);
    } catch (e) {
      storeProblem = e instanceof Error ? e.message : String(e);
    } finally {
      clearTimeout(timer);
    }
    const checks = { broker: brokerOk ? 'ok' : 'down', store: storeProblem === undefined ? 'ok' : 'down' };
    if (!brokerOk) {
      throw new GlossaError('BROKER_UNAVAILABLE', `not ready: the broker is not connected${storeProblem === undefined ? '' : `; the database failed: ${storeProblem}`}`, { checks });
    }
    if (storeProblem !== undefined) throw new GlossaError('STORE_UNAVAILABLE', `not ready: the database failed: ${storeProblem}`, { checks });
    return { status: 'ok' as const, checks };
  });

  app.get('/metrics', {
    schema: { summary: 'Prometheus metrics (text exposition format)', tags: ['status'], produces: ['text/plain'] },
  }, async (_request, reply) => {
    const registry = ctx.metrics.registry;
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
