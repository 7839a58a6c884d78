/** Fakes and fixtures shared by the worker tests: a fake predictor, the embedded broker, SQLite. */
import { EmbeddedBroker, normalizeBrokerOptions } from '../../../src/queue/index.js';
import type { BrokerOptions, RequestMessage } from '../../../src/queue/index.js';
import { SqliteStore } from '../../../src/store/index.js';
import type { PredictionResult } from '../../../src/store/types.js';
import type { Predictor } from '../../../src/worker/types.js';

/**
 * Answers `language = text.slice(0, 2)` for every text, records each call's batch, and throws for
 * any text listed in `poison` (a batch containing one throws as a whole, like a real crash would).
 */
export class FakePredictor implements Predictor {
  readonly version = 'fake-1';
  readonly labels = ['aa', 'bb', 'cc'];
  readonly calls: string[][] = [];
  readonly poison = new Set<string>();
  /** Delay (ms) of each predictBatch call. */
  delayMs = 0;

  async predictBatch(texts: readonly string[]): Promise<PredictionResult[]> {
    this.calls.push([...texts]);
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    const bad = texts.find((t) => this.poison.has(t));
    if (bad !== undefined) throw new Error(`cannot predict '${bad}'`);
    return texts.map((t) => ({ language: t.slice(0, 2), confidence: 0.9, top: [{ language: t.slice(0, 2), confidence: 0.9 }] }));
  }

  explain(): Promise<never> {
    return Promise.reject(new Error('not used'));
  }
}

export function embeddedBroker(options: BrokerOptions = {}): EmbeddedBroker {
  return new EmbeddedBroker(normalizeBrokerOptions(options));
}

export async function memoryStore(): Promise<SqliteStore> {
  const store = new SqliteStore({ path: ':memory:' });
  await store.migrate();
  return store;
}

export function message(id: string, text: string): RequestMessage {
  return { v: 1, id, text, enqueuedAt: new Date().toISOString() };
}

/** Polls `check` every 10 ms until it returns true, failing after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
