/**
 * The one place where anything thrown in a request becomes an HTTP answer `{error:{code,message}}`
 * with a code from src/errors.ts. Fastify's own errors (content type, body size, JSON syntax,
 * schema validation) are translated here, so a client never sees a 500 for bad input, and a
 * 500 always means a bug (logged with its stack).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GlossaError, isGlossaError, type ErrorCode } from '../errors.js';

/** Route option: the code a missing body / missing required field maps to (default BAD_REQUEST). */
declare module 'fastify' {
  interface FastifyContextConfig {
    missingBodyCode?: ErrorCode;
  }
}

interface FastifyErrorLike {
  code?: string;
  statusCode?: number;
  validation?: ReadonlyArray<{ keyword: string; instancePath: string; params: Record<string, unknown>; message?: string }>;
  validationContext?: string;
  message: string;
}

/** Translates a Fastify / validation error into a GlossaError; undefined when it is not one. */
export function translateFrameworkError(error: FastifyErrorLike, missingBodyCode: ErrorCode, bodyMissing: boolean): GlossaError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new GlossaError('UNSUPPORTED_MEDIA_TYPE', 'the body must be JSON (Content-Type: application/json)');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new GlossaError('BODY_TOO_LARGE', 'the request body is larger than the limit');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new GlossaError('BAD_REQUEST', 'the body is not valid JSON');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new GlossaError(missingBodyCode, 'the body is empty; expected a JSON object');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new GlossaError('BAD_REQUEST', 'the Content-Length header does not match the body');
    default:
      break;
  }
  if (error.validation !== undefined) {
    const first = error.validation[0];
    const part = error.validationContext ?? 'request';
    // A missing body or missing required field is "nothing to work on", not a malformed request.
    const missing = first !== undefined && (first.keyword === 'required' || (part === 'body' && bodyMissing));
    const where = first === undefined ? part : `${part}${first.instancePath.replaceAll('/', '.')}`;
    const what = first?.keyword === 'required' ? `is missing '${String(first.params.missingProperty)}'` : (first?.message ?? 'is invalid');
    if (missing && part === 'body' && bodyMissing) return new GlossaError(missingBodyCode, 'the body is missing; expected a JSON object');
    return new GlossaError(missing ? missingBodyCode : 'BAD_REQUEST', `${where} ${what}`);
  }
  // JSON parse errors raised as SyntaxError with a 400 (e.g. prototype poisoning).
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    if (error.statusCode === 404) return new GlossaError('NOT_FOUND', error.message);
    if (error.statusCode === 413) return new GlossaError('BODY_TOO_LARGE', error.message);
    if (error.statusCode === 415) return new GlossaError('UNSUPPORTED_MEDIA_TYPE', error.message);
    return new GlossaError('BAD_REQUEST', error.message);
  }
  return undefined;
}

export interface ErrorHandlingOptions {
  readonly retryAfterSeconds: number;
}

export function sendError(reply: FastifyReply, error: GlossaError, retryAfterSeconds: number): FastifyReply {
  if (error.status === 503) reply.header('retry-after', String(retryAfterSeconds));
  const body: { error: Record<string, unknown> } = { error: { code: error.code, message: error.message } };
  if (error.details !== undefined) Object.assign(body.error, error.details);
  return reply.code(error.status).type('application/json; charset=utf-8').send(body);
}

export function installErrorHandling(app: FastifyInstance, opts: ErrorHandlingOptions): void {
  app.setErrorHandler((error: FastifyError | GlossaError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (isGlossaError(error)) {
      if (error.status >= 500) request.log.warn({ code: error.code, msg: error.message }, 'request failed');
      return sendError(reply, error, opts.retryAfterSeconds);
    }
    const missingBodyCode = request.routeOptions.config.missingBodyCode ?? 'BAD_REQUEST';
    const bodyMissing = request.body === undefined || request.body === null;
    const translated = translateFrameworkError(error as FastifyErrorLike, missingBodyCode, bodyMissing);
    if (translated !== undefined) return sendError(reply, translated, opts.retryAfterSeconds);
    request.log.error({ err: error }, 'unexpected error');
    return sendError(reply, new GlossaError('INTERNAL', `internal error: ${error.message}`), opts.retryAfterSeconds);
  });

  app.setNotFoundHandler((request, reply) => {
    sendError(reply, new GlossaError('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`), opts.retryAfterSeconds);
  });
}

/** Runs a store call; a failure that is not one of ours means the database is unreachable. */
export async function storeCall<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isGlossaError(e)) throw e;
    throw new GlossaError('STORE_UNAVAILABLE', `the database failed to ${what}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Same for broker calls. */
export async function brokerCall<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isGlossaError(e)) throw e;
    throw new GlossaError('BROKER_UNAVAILABLE', `the broker failed to ${what}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
