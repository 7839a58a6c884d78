/**
 * The HTTP client of the UI. Every failure becomes an `ApiError` with a `kind` the views turn
 * into a plain sentence: the server is unreachable, busy (with the seconds to wait), refused the
 * input (with its stable error code), or broke.
 */
import { parseErrorBody, parseExplanation, parseMarkers, parsePrediction, parseStats } from './types.js';
import type { ExplainedNgram, MarkerWord, PredictionView, Stats } from './types.js';

export type ApiErrorKind = 'network' | 'busy' | 'rejected' | 'server';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    /** The API's stable error code (e.g. TEXT_TOO_LONG), when it sent one. */
    readonly code: string | undefined = undefined,
    readonly status: number | undefined = undefined,
    /** Seconds the server asked us to wait (Retry-After), for `busy`. */
    readonly retryAfter: number | undefined = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Retry-After is either delta-seconds or an HTTP date; anything unreadable means "soon". */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const n = Number(header);
  if (Number.isFinite(n)) return Math.max(0, Math.ceil(n));
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

async function call(path: string, init?: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { accept: 'application/json', ...init?.headers } });
  } catch {
    throw new ApiError('network', 'The Glossa server cannot be reached. Is it running?');
  }
  if (res.ok) return res;
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const err = parseErrorBody(body);
  const message = err?.message ?? `The server answered ${res.status} ${res.statusText}`.trim();
  if (res.status === 503 || res.status === 429) {
    throw new ApiError('busy', message, err?.code, res.status, retryAfterSeconds(res.headers.get('retry-after')));
  }
  // Gateways answer 502/504 when the app behind them is down: same as unreachable for the user.
  if (res.status === 502 || res.status === 504) throw new ApiError('network', 'The Glossa server cannot be reached. Is it running?', err?.code, res.status);
  throw new ApiError(res.status >= 500 ? 'server' : 'rejected', message, err?.code, res.status);
}

async function json(res: Response): Promise<unknown> {
  try {
    return await res.json();
  } catch {
    throw new ApiError('server', 'The server sent an answer that is not JSON.', undefined, res.status);
  }
}

function guard<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    throw new ApiError('server', e instanceof Error ? e.message : String(e));
  }
}

export async function submitPrediction(text: string): Promise<PredictionView> {
  const res = await call('/api/v1/predictions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  const body = await json(res);
  return guard(() => parsePrediction(body));
}

export async function getPrediction(id: string): Promise<PredictionView> {
  const body = await json(await call(`/api/v1/predictions/${encodeURIComponent(id)}`));
  return guard(() => parsePrediction(body));
}

export async function explainPrediction(id: string): Promise<{ features: ExplainedNgram[]; markers: MarkerWord[] }> {
  const body = await json(await call(`/api/v1/predictions/${encodeURIComponent(id)}/explain`));
  return guard(() => ({ features: parseExplanation(body), markers: parseMarkers(body) }));
}

export async function sendFeedback(id: string, language: string): Promise<void> {
  await call(`/api/v1/predictions/${encodeURIComponent(id)}/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ language }),
  });
}

export async function getStats(): Promise<Stats> {
  const body = await json(await call('/api/v1/stats'));
  return parseStats(body);
}

export function eventsUrl(id: string): string {
  return `/api/v1/predictions/${encodeURIComponent(id)}/events`;
}
