/**
 * Follows one prediction until it is `done` or `failed`: pushed over Server-Sent Events, with
 * polling when SSE is unavailable or the stream breaks. While SSE is open a slow safety poll
 * runs too, so a lost event can delay the answer but never leave the page waiting forever.
 */
import { ApiError, eventsUrl, getPrediction } from './api.js';
import { parsePrediction } from './types.js';
import type { PredictionView } from './types.js';

export type Channel = 'sse' | 'poll';

export interface TrackHandlers {
  /** The final state (`done` or `failed`), exactly once. */
  onResult(p: PredictionView, via: Channel): void;
  /** The server cannot be reached or is busy; `null` once it answers again. */
  onTrouble(err: ApiError | null): void;
  /** Tracking cannot continue (e.g. the id is unknown). */
  onFatal(err: ApiError): void;
}

export interface TrackOptions {
  /** First poll delay in ms (default 300); grows ×1.5 up to `maxPollMs`. */
  readonly pollMs?: number;
  readonly maxPollMs?: number;
  /** Safety poll period while SSE is connected, in ms (default 10 000). */
  readonly safetyPollMs?: number;
  /** Set to false to force polling (tests, or browsers without EventSource). */
  readonly useSse?: boolean;
}

/** Starts tracking; returns a function that stops it. */
export function track(id: string, handlers: TrackHandlers, options: TrackOptions = {}): () => void {
  const pollStart = options.pollMs ?? 300;
  const pollMax = options.maxPollMs ?? 2000;
  const safety = options.safetyPollMs ?? 10_000;
  let finished = false;
  let es: EventSource | undefined;
  let timer: number | undefined;
  let troubled = false;

  const stop = (): void => {
    finished = true;
    es?.close();
    es = undefined;
    if (timer !== undefined) window.clearTimeout(timer);
  };

  const finish = (p: PredictionView, via: Channel): void => {
    if (finished) return;
    stop();
    handlers.onResult(p, via);
  };

  const schedule = (ms: number, next: number): void => {
    if (finished) return;
    if (timer !== undefined) window.clearTimeout(timer);
    timer = window.setTimeout(() => void poll(next), ms);
  };

  async function poll(delay: number): Promise<void> {
    if (finished) return;
    try {
      const p = await getPrediction(id);
      if (finished) return;
      if (troubled) {
        troubled = false;
        handlers.onTrouble(null);
      }
      if (p.status !== 'queued') return finish(p, 'poll');
      schedule(es ? safety : delay, Math.min(pollMax, delay * 1.5));
    } catch (e) {
      if (finished) return;
      const err = e instanceof ApiError ? e : new ApiError('server', String(e));
      if (err.kind === 'rejected') {
        stop();
        handlers.onFatal(err);
        return;
      }
      troubled = true;
      handlers.onTrouble(err);
      const wait = err.kind === 'busy' && err.retryAfter !== undefined ? err.retryAfter * 1000 : Math.max(delay, 1000);
      schedule(wait, Math.min(5000, Math.max(delay, 1000) * 1.5));
    }
  }

  const sse = options.useSse !== false && typeof EventSource === 'function';
  if (sse) {
    es = new EventSource(eventsUrl(id));
    es.addEventListener('result', (ev: MessageEvent<string>) => {
      let p: PredictionView;
      try {
        p = parsePrediction(JSON.parse(ev.data));
      } catch {
        return; // a malformed event: the safety poll will fetch the real state
      }
      if (p.status !== 'queued') finish(p, 'sse');
    });
    es.onerror = () => {
      if (finished) return;
      // EventSource would reconnect by itself, but a server without SSE would make it retry
      // forever; polling also reports "server down" properly.
      es?.close();
      es = undefined;
      schedule(0, pollStart);
    };
    schedule(safety, pollStart);
  } else {
    schedule(0, pollStart);
  }
  return stop;
}
