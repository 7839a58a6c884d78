/**
 * Reference and status data: languages, the current model, live stats, and the admin-only
 * feedback listing (labelled data for re-verification).
 */
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { GlossaError } from '../../errors.js';
import { LANGUAGES } from '../../languages/index.js';
import type { QueueStats } from '../../queue/types.js';
import type { StoreStats } from '../../store/types.js';
import type { ApiContext } from '../context.js';
import { storeCall } from '../errors.js';
import { requireAdmin } from './admin.js';
import { ErrorBody, LanguagesView, ModelsView, StatsView } from '../schemas.js';

/** Stats are cached this long: many open UIs polling must not turn into many COUNT queries. */
const STATS_CACHE_MS = 1000;

const FeedbackQuery = Type.Object({ limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,5}$', description: '1…10 000, default 100' })) });

export function registerInfoRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const { deps } = ctx;
  const languages = {
    languages: LANGUAGES.map((l) => ({ code: l.code, name: l.name, nativeName: l.nativeName, direction: l.direction, scripts: [...l.scripts] })),
  };

  app.get('/api/v1/languages', {
    schema: { summary: 'The languages Glossa knows: code, English and native name, direction, scripts', tags: ['reference'], response: { 200: LanguagesView } },
  }, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=3600');
    return languages;
  });

  app.get('/api/v1/models', {
    schema: { summary: 'The model the workers use: version and labels', tags: ['reference'], response: { 200: ModelsView } },
  }, async () => ({ current: { version: deps.model.version(), labels: [...deps.model.labels] } }));

  let cached: { at: number; queue: QueueStats | null; store: StoreStats | null } | undefined;
  app.get('/api/v1/stats', {
    schema: { summary: 'Queue depth, workers connected, dead letters, row counts, predictions/s (last 10 s)', tags: ['status'], response: { 200: StatsView } },
  }, async (request) => {
    const at = Date.now();
    if (cached === undefined || at - cached.at >= STATS_CACHE_MS) {
      // Each half degrades to null on its own: a status strip is most useful when something is down.
      const [queue, store] = await Promise.all([
        deps.broker.stats().catch((e: unknown) => { request.log.warn({ err: e }, 'stats: broker'); return null; }),
        deps.store.stats().catch((e: unknown) => { request.log.warn({ err: e }, 'stats: store'); return null; }),
      ]);
      cached = { at, queue, store };
    }
    return {
      queue: cached.queue,
      store: cached.store,
      predictionsPerSecond: Math.round(ctx.throughput.perSecond() * 10) / 10,
      waiting: ctx.waiters.size,
    };
  });

  app.get<{ Querystring: Static<typeof FeedbackQuery> }>('/api/v1/feedback', {
    preHandler: requireAdmin(ctx),
    schema: {
      summary: 'Admin: feedback joined with its prediction, newest first (Authorization: Bearer <admin token>)',
      tags: ['admin'],
      querystring: FeedbackQuery,
      response: { 401: ErrorBody, 503: ErrorBody },
    },
  }, async (request) => {
    const limit = request.query.limit === undefined ? 100 : Number(request.query.limit);
    if (limit < 1 || limit > 10_000) throw new GlossaError('BAD_REQUEST', 'limit must be from 1 to 10000');
    const rows = await storeCall('list feedback', () => deps.store.listFeedback(limit));
    return {
      feedback: rows.map((r) => ({
        predictionId: r.predictionId, language: r.language, predictedLanguage: r.predictedLanguage, text: r.text, createdAt: r.createdAt.toISOString(),
      })),
    };
  });
}
