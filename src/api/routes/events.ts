/**
 * GET /api/v1/predictions/:id/events — Server-Sent Events: one `result` event (the prediction,
 * as GET /api/v1/predictions/:id returns it) when it is done or failed — at once if it already
 * is — then the stream ends. Heartbeat comments keep proxies from closing an idle stream while
 * the prediction is queued (e.g. no worker running). A client that disconnects leaves nothing
 * behind: its watch and heartbeat timer are removed on `close`.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import { GlossaError } from '../../errors.js';
import type { ApiContext } from '../context.js';
import { storeCall } from '../errors.js';
import { presentPrediction } from '../present.js';
import { ErrorBody, IdParams } from '../schemas.js';
import type { PredictionRecord } from '../../store/types.js';
import { isFinished } from '../waiters.js';

/** Tells EventSource how long to wait before reconnecting (ms). */
const RETRY_MS = 2000;

export function registerEventRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const open = new Set<() => void>();

  // Open streams would keep server.close() waiting forever; end them first.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  app.get<{ Params: IdParams }>('/api/v1/predictions/:id/events', {
    schema: {
      summary: 'Server-Sent Events: one `result` event with the prediction when it is done or failed, then the stream ends',
      tags: ['predictions'],
      params: IdParams,
      produces: ['text/event-stream'],
      response: { 404: ErrorBody, 503: ErrorBody },
    },
  }, async (request, reply) => {
    const { id } = request.params;
    // Watch before reading, so a completion between the two cannot be missed.
    const expectation = ctx.waiters.expect(id);
    let record: PredictionRecord | undefined;
    try {
      record = await storeCall('read the prediction', () => ctx.deps.store.get(id));
    } catch (e) {
      expectation.cancel();
      throw e;
    }
    if (record === undefined) {
      expectation.cancel();
      throw new GlossaError('NOT_FOUND', `no prediction with id ${id}`);
    }

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: ${RETRY_MS}\n\n`);
    if (isFinished(record)) {
      expectation.cancel();
      sendResult(res, record);
      return;
    }

    res.write(': queued\n\n');
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), ctx.config.sseHeartbeatMs);
    const cleanup = (): void => {
      clearInterval(heartbeat);
      expectation.cancel();
      open.delete(end);
    };
    const end = (): void => {
      cleanup();
      if (!res.writableEnded) res.end();
    };
    open.add(end);
    res.on('close', cleanup);
    void expectation.finished.then((finished) => {
      cleanup();
      if (!res.writableEnded && !res.destroyed) sendResult(res, finished);
    });
  });
}

function sendResult(res: ServerResponse, record: PredictionRecord): void {
  res.end(`event: result\nid: ${record.id}\ndata: ${JSON.stringify(presentPrediction(record))}\n\n`);
}
