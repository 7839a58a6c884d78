/**
 * The end-to-end load generator behind `glossa loadtest` and bench/pipeline.ts. Open loop: requests
 * are sent on schedule (rate × elapsed time) whether or not earlier ones have answered, so a slow
 * system shows up as latency, not as a politely lower offered rate.
 *
 * Modes:
 * - `wait`: one text per `POST /api/v1/predictions?wait=MS`; the answer carries the result, so the
 *   latency measured is submit → result received (≥ submit → result written). A 202 (the wait
 *   ran out) is followed up by polling until done.
 * - `batch`: `POST /api/v1/predictions/batch` with `batchSize` texts; completion is read from the
 *   `done`/`failed` counters of `GET /api/v1/stats` (so run it against an otherwise idle service).
 */
import { JsonClient } from './http.js';
import { summarize } from './stats.js';
import type { LatencySummary } from './stats.js';
import { LOAD_TEXTS } from './texts.js';

export interface LoadOptions {
  readonly url: string;
  /** Predictions offered per second. */
  readonly rate: number;
  readonly durationSec: number;
  readonly mode: 'wait' | 'batch';
  /** Texts per request in `batch` mode. Default 100. */
  readonly batchSize?: number;
  /** `?wait=` of `wait` mode (ms). Default 5 000. */
  readonly waitMs?: number;
  /** How long to wait for stragglers after the last submit (s). Default 60. */
  readonly drainTimeoutSec?: number;
  readonly texts?: readonly string[];
  readonly log?: (line: string) => void;
}

export interface LoadReport {
  readonly mode: 'wait' | 'batch';
  readonly offeredRate: number;
  readonly durationSec: number;
  /** Texts sent. */
  readonly submitted: number;
  /** Texts answered 200/202 (recorded by the service). */
  readonly accepted: number;
  /** Texts refused with 503 (queue full / broker down). */
  readonly refused: number;
  /** Texts whose request failed otherwise (network, 4xx, 5xx). */
  readonly errors: number;
  readonly completed: number;
  readonly failed: number;
  /** Accepted but never completed within the drain timeout. */
  readonly lost: number;
  /** First submit → last completion (s). */
  readonly elapsedSec: number;
  /** completed / elapsedSec. */
  readonly throughput: number;
  /** `wait` mode: submit → result received (ms), answers that carried the result. */
  readonly latency: LatencySummary | undefined;
  /** `wait` mode: answers that were 202 (the wait ran out) and had to be polled. */
  readonly late: number;
}

interface Counters { done: number; failed: number }

async function storeCounters(client: JsonClient): Promise<Counters> {
  const res = await client.request('GET', '/api/v1/stats');
  const store = (res.body as { store?: { done?: number; failed?: number } | null } | undefined)?.store;
  if (res.status !== 200 || store === null || store === undefined) throw new Error(`GET /api/v1/stats answered ${res.status}`);
  return { done: store.done ?? 0, failed: store.failed ?? 0 };
}

export function checkLoadOptions(o: LoadOptions): string[] {
  const errors: string[] = [];
  if (!(o.rate > 0) || !Number.isFinite(o.rate)) errors.push(`rate must be > 0 (got ${o.rate})`);
  if (!(o.durationSec > 0) || !Number.isFinite(o.durationSec)) errors.push(`duration must be > 0 s (got ${o.durationSec})`);
  const b = o.batchSize ?? 100;
  if (!Number.isInteger(b) || b < 1 || b > 1000) errors.push(`batch size must be 1…1000 (got ${b})`);
  try { new URL(o.url); } catch { errors.push(`url is not a URL (got ${o.url})`); }
  return errors;
}

export async function runLoadTest(o: LoadOptions): Promise<LoadReport> {
  const problems = checkLoadOptions(o);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  const log = o.log ?? (() => undefined);
  const texts = o.texts ?? LOAD_TEXTS;
  const batchSize = o.mode === 'batch' ? o.batchSize ?? 100 : 1;
  const waitMs = o.waitMs ?? 5_000;
  const client = new JsonClient(o.url, 512);
  const before = o.mode === 'batch' ? await storeCounters(client) : { done: 0, failed: 0 };

  let submitted = 0;
  let accepted = 0;
  let refused = 0;
  let errors = 0;
  let completed = 0;
  let failed = 0;
  let lastCompletion = 0;
  const latencies: number[] = [];
  const lateIds: string[] = [];
  const inFlight = new Set<Promise<void>>();
  let textIndex = 0;
  const nextTexts = (n: number): string[] => Array.from({ length: n }, () => texts[textIndex++ % texts.length] as string);

  const sendOne = async (): Promise<void> => {
    const sentAt = performance.now();
    try {
      const res = await client.request('POST', `/api/v1/predictions?wait=${waitMs}`, { text: nextTexts(1)[0] });
      const body = res.body as { id?: string; status?: string } | undefined;
      if (res.status === 200 || res.status === 202) {
        accepted++;
        if (res.status === 200 && body?.status === 'done') {
          completed++;
          latencies.push(performance.now() - sentAt);
          lastCompletion = performance.now();
        } else if (res.status === 200 && body?.status === 'failed') {
          failed++;
          lastCompletion = performance.now();
        } else if (body?.id !== undefined) {
          lateIds.push(body.id);
        }
      } else if (res.status === 503) refused++;
      else errors++;
    } catch {
      errors++;
    }
  };

  const sendBatch = async (n: number): Promise<void> => {
    try {
      const res = await client.request('POST', '/api/v1/predictions/batch', { texts: nextTexts(n) });
      if (res.status === 202) accepted += n;
      else if (res.status === 503) refused += n;
      else errors += n;
    } catch {
      errors += n;
    }
  };

  const start = performance.now();
  const end = start + o.durationSec * 1000;
  let lastReport = start;
  while (performance.now() < end) {
    const due = Math.floor((o.rate * (performance.now() - start)) / 1000) - submitted;
    for (let sent = 0; sent + batchSize <= due || (batchSize === 1 && sent < due); sent += batchSize) {
      const work = o.mode === 'batch' ? sendBatch(batchSize) : sendOne();
      submitted += batchSize;
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    }
    if (performance.now() - lastReport >= 1000) {
      lastReport = performance.now();
      log(`t=${((lastReport - start) / 1000).toFixed(0)}s submitted=${submitted} accepted=${accepted} refused=${refused} errors=${errors} open=${inFlight.size}`);
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all([...inFlight]);

  const drainDeadline = performance.now() + (o.drainTimeoutSec ?? 60) * 1000;
  if (o.mode === 'batch') {
    for (;;) {
      const now = await storeCounters(client);
      completed = now.done - before.done;
      failed = now.failed - before.failed;
      if (completed + failed >= accepted || performance.now() > drainDeadline) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    lastCompletion = performance.now();
  } else {
    const pending = new Set(lateIds);
    while (pending.size > 0 && performance.now() < drainDeadline) {
      for (const id of [...pending]) {
        const res = await client.request('GET', `/api/v1/predictions/${id}`);
        const status = (res.body as { status?: string } | undefined)?.status;
        if (status === 'done' || status === 'failed') {
          pending.delete(id);
          if (status === 'done') completed++;
          else failed++;
          lastCompletion = performance.now();
        }
      }
      if (pending.size > 0) await new Promise((r) => setTimeout(r, 200));
    }
  }
  client.close();
  const elapsedSec = Math.max(0.001, ((lastCompletion || performance.now()) - start) / 1000);
  return {
    mode: o.mode,
    offeredRate: o.rate,
    durationSec: o.durationSec,
    submitted,
    accepted,
    refused,
    errors,
    completed,
    failed,
    lost: Math.max(0, accepted - completed - failed),
    elapsedSec,
    throughput: completed / elapsedSec,
    latency: o.mode === 'wait' ? summarize(latencies) : undefined,
    late: lateIds.length,
  };
}

export function formatReport(r: LoadReport): string {
  const lines = [
    `mode ${r.mode}, offered ${r.offeredRate}/s for ${r.durationSec} s`,
    `submitted ${r.submitted}, accepted ${r.accepted}, refused (503) ${r.refused}, errors ${r.errors}`,
    `completed ${r.completed}, failed ${r.failed}, lost ${r.lost}`,
    `throughput ${r.throughput.toFixed(0)} predictions/s (first submit → last result, ${r.elapsedSec.toFixed(2)} s)`,
  ];
  if (r.latency !== undefined) {
    const l = r.latency;
    lines.push(`latency submit → result (ms): p50 ${l.p50.toFixed(1)}, p90 ${l.p90.toFixed(1)}, p99 ${l.p99.toFixed(1)}, max ${l.max.toFixed(1)} (n=${l.count}; ${r.late} answered 202 and were polled)`);
  }
  return lines.join('\n');
}
