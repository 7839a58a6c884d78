/**
 * Submitting texts: POST /api/v1/predictions, its GET form /api/v1/predict, and the batch route.
 * Each request is answered only after its row is written and its publish confirmed (group
 * commit); with `?wait=MS` the answer may be the finished prediction (200) instead of 202.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { GlossaError } from '../../errors.js';
import type { ApiContext } from '../context.js';
import { uuidv7 } from '../ids.js';
import { parseWait } from '../params.js';
import { presentPrediction } from '../present.js';
import {
  Accepted, BatchAccepted, BatchBody, ErrorBody, PredictQuery, PredictionView, TextBody, WaitQuery,
} from '../schemas.js';
import { checkText } from '../text.js';

const errors = { 400: ErrorBody, 413: ErrorBody, 415: ErrorBody, 503: ErrorBody };

export function registerSubmitRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const { config } = ctx;

  const submitOne = async (rawText: string | undefined, rawWait: string | undefined, reply: FastifyReply): Promise<FastifyReply> => {
    const waitMs = parseWait(rawWait, config.maxWaitMs);
    const checked = checkText(rawText, config.maxTextChars);
    if (!checked.ok) throw checked.error;
    const createdAt = ctx.now();
    const id = uuidv7(createdAt.getTime());
    // Watch before publishing: a fast worker may finish before the confirm reaches us.
    const expectation = waitMs > 0 ? ctx.waiters.expect(id) : undefined;
    const [outcome] = await ctx.committer.submit([{ id, text: checked.text, createdAt }]);
    if (outcome === undefined || !outcome.ok) {
      expectation?.cancel();
      const code = outcome?.code ?? 'BROKER_UNAVAILABLE';
      ctx.metrics.refused.inc({ code });
      throw new GlossaError(code, outcome?.message ?? 'the request was not accepted');
    }
    ctx.metrics.accepted.inc();
    reply.header('location', `/api/v1/predictions/${id}`);
    if (expectation !== undefined) {
      const finished = await expectation.wait(waitMs);
      if (finished !== undefined) return reply.code(200).send(presentPrediction(finished));
    }
    return reply.code(202).send({ id, status: 'queued' as const });
  };

  app.post<{ Body: TextBody; Querystring: WaitQuery }>('/api/v1/predictions', {
    bodyLimit: config.bodyLimitBytes,
    config: { missingBodyCode: 'TEXT_EMPTY' },
    schema: {
      summary: 'Submit a text; answers 202 with its id at once (or 200 with the result when ?wait=MS lets it finish)',
      tags: ['predictions'],
      body: TextBody,
      querystring: WaitQuery,
      response: { 200: PredictionView, 202: Accepted, ...errors },
    },
  }, async (request, reply) => submitOne(request.body.text, request.query.wait, reply));

  app.get<{ Querystring: PredictQuery }>('/api/v1/predict', {
    config: { missingBodyCode: 'TEXT_EMPTY' },
    schema: {
      summary: 'The GET form of POST /api/v1/predictions (the original design): ?text=…[&wait=MS]',
      tags: ['predictions'],
      querystring: PredictQuery,
      response: { 200: PredictionView, 202: Accepted, ...errors },
    },
  }, async (request, reply) => submitOne(request.query.text, request.query.wait, reply));

  app.post<{ Body: BatchBody }>('/api/v1/predictions/batch', {
    bodyLimit: config.batchBodyLimitBytes,
    config: { missingBodyCode: 'TEXT_EMPTY' },
    schema: {
      summary: `Submit up to ${config.maxBatchTexts} texts at once; answers 202 with their ids, in order`,
      tags: ['predictions'],
      body: BatchBody,
      response: { 202: BatchAccepted, ...errors },
    },
  }, async (request, reply) => {
    const { texts } = request.body;
    if (texts.length === 0) throw new GlossaError('TEXT_EMPTY', 'texts is empty; send at least one text');
    if (texts.length > config.maxBatchTexts) {
      throw new GlossaError('BATCH_TOO_LARGE', `texts has ${texts.length} entries; the limit is ${config.maxBatchTexts} per request`);
    }
    const createdAt = ctx.now();
    const rows = texts.map((raw, i) => {
      const checked = checkText(raw, config.maxTextChars, `texts[${i}]`);
      if (!checked.ok) throw checked.error;
      return { id: uuidv7(createdAt.getTime()), text: checked.text, createdAt };
    });
    const outcomes = await ctx.committer.submit(rows);
    const accepted = rows.filter((_, i) => outcomes[i]?.ok === true).map((r) => r.id);
    const firstFailure = outcomes.find((o) => !o.ok);
    ctx.metrics.accepted.inc(accepted.length);
    if (firstFailure !== undefined && !firstFailure.ok) {
      ctx.metrics.refused.inc({ code: firstFailure.code }, rows.length - accepted.length);
      // Some texts may have been accepted; their ids are in the error so nothing is resubmitted twice.
      throw new GlossaError(firstFailure.code,
        `${rows.length - accepted.length} of ${rows.length} texts were not accepted (${firstFailure.message}); the accepted ids are in error.accepted`,
        { accepted });
    }
    return reply.code(202).send({ ids: accepted });
  });
}
