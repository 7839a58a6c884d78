/**
 * Builds the API on an in-memory SQLite store and the embedded broker, plus a tiny fake worker
 * (consume → store.complete → notifyCompleted → ack) so routes that wait for results can be
 * tested without the model or the real worker.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../src/api/app.js';
import type { ApiConfig, ApiDeps } from '../../../src/api/types.js';
import { createBroker, type EmbeddedBroker } from '../../../src/queue/index.js';
import type { Subscription } from '../../../src/queue/types.js';
import { SqliteStore } from '../../../src/store/index.js';
import type { PredictionResult } from '../../../src/store/types.js';

export const LABELS = ['da', 'en', 'nb', 'sv', 'ar'] as const;

export interface Harness {
  readonly app: FastifyInstance;
  readonly store: SqliteStore;
  readonly broker: EmbeddedBroker;
  /** Starts the fake worker; resolves once it is consuming. */
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

/** The fake model: 'und' for texts without letters, Swedish if it has 'å'/'ä', else English. */
export function fakeResult(text: string): PredictionResult {
  if (!/\p{L}/u.test(text)) return { language: 'und', confidence: 0.2, top: [{ language: 'en', confidence: 0.2 }] };
  const language = /[åä]/.test(text) ? 'sv' : 'en';
  return { language, confidence: 0.9, top: [{ language, confidence: 0.9 }, { language: 'nb', confidence: 0.06 }, { language: 'da', confidence: 0.04 }] };
}

export interface HarnessOptions {
  readonly config?: Partial<ApiConfig>;
  readonly maxLength?: number;
  readonly deps?: Partial<Omit<ApiDeps, 'store' | 'broker' | 'config'>>;
}

export async function makeHarness(options: HarnessOptions = {}): Promise<Harness> {
  const store = new SqliteStore({ path: ':memory:' });
  await store.migrate();
  const broker = createBroker('embedded', { maxLength: options.maxLength ?? 10_000 }) as EmbeddedBroker;
  await broker.connect();
  const config: ApiConfig = {
    maxTextChars: 100_000,
    bodyLimitBytes: 1024 * 1024,
    maxWaitMs: 10_000,
    retryAfterSeconds: 2,
    groupCommit: { maxBatch: 50, maxDelayMs: 1 },
    ...options.config,
  };
  const app = await buildApp({
    store,
    broker,
    model: { version: () => 'test-1', labels: LABELS },
    logger: false,
    config,
    ...options.deps,
  });

  let worker: Subscription | undefined;
  const startWorker = async (): Promise<void> => {
    worker = await broker.consume((delivery, settle) => {
      const m = delivery.message;
      if (m === null) {
        settle('deadLetter');
        return;
      }
      void store.complete([{ id: m.id, text: m.text, result: fakeResult(m.text), modelVersion: 'test-1', completedAt: new Date() }])
        .then(async (written) => {
          await broker.notifyCompleted(written);
          settle('ack');
        }, () => settle('retry'));
    }, { prefetch: 50 });
  };
  const stopWorker = async (): Promise<void> => {
    await worker?.cancel();
    worker = undefined;
  };
  return {
    app, store, broker, startWorker, stopWorker,
    close: async () => {
      await stopWorker();
      await app.close();
      await broker.close();
      await store.close();
    },
  };
}

/** Parses the JSON body of an inject response. */
export function json<T = Record<string, unknown>>(res: { body: string }): T {
  return JSON.parse(res.body) as T;
}
