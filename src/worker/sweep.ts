/**
 * The recovery sweep: rows still `queued` longer than a grace period are published again. It
 * covers a crash between the insert and the publish, a publish that failed after the insert, and
 * the embedded (in-memory) broker after a restart. It runs in the API process (`glossa serve`,
 * `glossa start`): at start-up and then every `intervalMs`.
 *
 * A republished row may still sit in the queue (a backlog older than the grace period), so the
 * sweep may create duplicates; they are harmless because `store.complete` is idempotent. To keep a
 * long backlog from being multiplied, an id republished by this process is not republished again
 * for `cooldownMs`.
 */
import type { Broker, RequestMessage } from '../queue/types.js';
import type { PredictionStore } from '../store/types.js';
import type { WorkerLogger } from './types.js';

export interface SweepSettings {
  /** A row `queued` for longer than this (ms) is considered lost. Default 30 000. */
  readonly graceMs: number;
  /** Time between two sweeps (ms). Default 10 000. */
  readonly intervalMs: number;
  /** Rows looked at per sweep. Default 2 000. */
  readonly limit: number;
  /** An id is not republished again within this time (ms). Default 300 000. */
  readonly cooldownMs: number;
  /**
   * At start-up, rows created before this moment are swept without waiting for the grace period
   * (the embedded broker lost its queue with the previous process). Undefined: grace period only.
   */
  readonly startupCutoff?: Date;
}

export const DEFAULT_SWEEP: SweepSettings = { graceMs: 30_000, intervalMs: 10_000, limit: 2_000, cooldownMs: 300_000 };

export interface SweepDeps {
  readonly store: PredictionStore;
  readonly broker: Pick<Broker, 'publish'>;
  readonly logger: WorkerLogger;
  readonly now?: () => number;
}

export interface Sweeper {
  /** One sweep now; resolves with the number of rows republished. */
  sweepOnce(olderThan?: Date): Promise<number>;
  stop(): Promise<void>;
}

export function createSweeper(deps: SweepDeps, settings: SweepSettings): Sweeper {
  const now = deps.now ?? Date.now;
  const recent = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<number> | undefined;
  let stopped = false;

  const sweepOnce = async (olderThan?: Date): Promise<number> => {
    const t = now();
    for (const [id, at] of recent) if (t - at > settings.cooldownMs) recent.delete(id);
    const rows = await deps.store.findStaleQueued(olderThan ?? new Date(t - settings.graceMs), settings.limit);
    const messages: RequestMessage[] = rows
      .filter((r) => !recent.has(r.id))
      .map((r) => ({ v: 1, id: r.id, text: r.text, enqueuedAt: r.createdAt.toISOString() }));
    if (messages.length === 0) return 0;
    const outcomes = await deps.broker.publish(messages);
    let published = 0;
    outcomes.forEach((o, i) => {
      if (!o.ok) return;
      published++;
      recent.set((messages[i] as RequestMessage).id, t);
    });
    const refused = outcomes.find((o) => !o.ok);
    deps.logger.warn({ published, refused: messages.length - published, reason: refused && !refused.ok ? refused.reason : undefined },
      'recovery sweep republished stale queued rows');
    return published;
  };

  const guarded = (olderThan?: Date): Promise<number> => {
    // One sweep at a time: a slow database must not pile sweeps up.
    current ??= sweepOnce(olderThan)
      .catch((e: unknown) => {
        deps.logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'recovery sweep failed; will try again');
        return 0;
      })
      .finally(() => { current = undefined; });
    return current;
  };

  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => { void guarded().finally(schedule); }, settings.intervalMs);
    timer.unref();
  };
  void guarded(settings.startupCutoff).finally(schedule);

  return {
    sweepOnce: guarded,
    stop: async () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await current;
    },
  };
}
