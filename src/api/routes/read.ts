/**
 * Reading a prediction, explaining it, and reporting a wrong answer (feedback).
 */
import type { FastifyInstance } from 'fastify';
import { GlossaError, isGlossaError } from '../../errors.js';
import type { ApiContext } from '../context.js';
import { storeCall } from '../errors.js';
import { presentPrediction, presentResult } from '../present.js';
import { parseWait } from '../params.js';
import { ErrorBody, ExplanationView, FeedbackBody, IdParams, PredictionView, WaitQuery } from '../schemas.js';
import { isFinished } from '../waiters.js';

export function registerReadRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const { deps } = ctx;

  app.get<{ Params: IdParams; Querystring: WaitQuery }>('/api/v1/predictions/:id', {
    schema: {
      summary: 'A prediction by id: queued, done (with its result) or failed (with the reason). With ?wait=MS a queued one is held up to MS for its result (long poll)',
      tags: ['predictions'],
      params: IdParams,
      querystring: WaitQuery,
      response: { 200: PredictionView, 400: ErrorBody, 404: ErrorBody, 503: ErrorBody },
    },
  }, async (request) => {
    const { id } = request.params;
    const waitMs = parseWait(request.query.wait, ctx.config.maxWaitMs);
    // Watch before reading, so a completion between the two cannot be missed.
    const expectation = waitMs > 0 ? ctx.waiters.expect(id) : undefined;
    try {
      const record = await storeCall('read the prediction', () => deps.store.get(id));
      if (record === undefined) throw new GlossaError('NOT_FOUND', `no prediction with id ${id}`);
      if (expectation === undefined || isFinished(record)) return presentPrediction(record);
      return presentPrediction((await expectation.wait(waitMs)) ?? record);
    } finally {
      expectation?.cancel();
    }
  });

  app.get<{ Params: IdParams }>('/api/v1/predictions/:id/explain', {
    schema: {
      summary: 'The character n-grams that weighed most for the answer, with their weights (current model)',
      tags: ['predictions'],
      params: IdParams,
      response: { 200: ExplanationView, 404: ErrorBody, 503: ErrorBody },
    },
  }, async (request) => {
    const explain = deps.explain;
    if (explain === undefined) throw new GlossaError('EXPLAIN_UNAVAILABLE', 'explanations are not available on this API process (no model loaded)');
    const record = await storeCall('read the prediction', () => deps.store.get(request.params.id));
    if (record === undefined) throw new GlossaError('NOT_FOUND', `no prediction with id ${request.params.id}`);
    const explanation = await explain(record.text).catch((e: unknown) => {
      if (isGlossaError(e)) throw e;
      request.log.error({ err: e }, 'explain failed');
      throw new GlossaError('EXPLAIN_UNAVAILABLE', `the model could not explain this text: ${e instanceof Error ? e.message : String(e)}`);
    });
    return {
      id: record.id,
      result: presentResult(explanation.prediction),
      features: explanation.features.map((f) => ({ ngram: f.ngram, weight: f.weight })),
      markers: explanation.markers.map((m) => ({ word: m.word, language: m.language })),
    };
  });

  app.post<{ Params: IdParams; Body: FeedbackBody }>('/api/v1/predictions/:id/feedback', {
    schema: {
      summary: 'Report the right language for a prediction ("wrong language?")',
      tags: ['predictions'],
      params: IdParams,
      body: FeedbackBody,
      response: { 204: { type: 'null', description: 'Recorded' }, 400: ErrorBody, 404: ErrorBody, 415: ErrorBody, 422: ErrorBody, 503: ErrorBody },
    },
  }, async (request, reply) => {
    const language = request.body.language.trim();
    if (!deps.model.labels.includes(language)) {
      throw new GlossaError('UNKNOWN_LANGUAGE', `'${language}' is not one of the model's languages (${deps.model.labels.join(', ')})`);
    }
    await storeCall('record the feedback', () => deps.store.addFeedback({ predictionId: request.params.id, language, createdAt: ctx.now() }));
    return reply.code(204).send();
  });
}
