/**
 * Group commit: concurrent requests are collected for up to `maxDelayMs` or `maxBatch` rows (when
 * no write is in flight, only for the current I/O turn) and
 * written with ONE `store.insertQueued` and ONE `broker.publish` (with confirms). Each submitter
 * learns the outcome of each of its rows only after the row exists and its publish was confirmed
 * or refused, so the API never acknowledges a request it could lose.
 *
 * Why: single-row INSERTs and single-message confirms cost ~7× more per row than 100-row
 * statements (issue 3, "Targets"); batching is what lets one API process reach thousands of
 * requests per second while keeping the durability guarantees.
 *
 * Refused publishes (queue full, broker unavailable) mark their rows `failed` so they are not
 * left dangling for the recovery sweep to resurrect after the client was told "no".
 */
import type { Broker, PublishOutcome, RequestMessage } from '../queue/types.js';
import type { NewPrediction, PredictionStore } from '../store/types.js';

export type CommitFailureCode = 'QUEUE_FULL' | 'BROKER_UNAVAILABLE' | 'STORE_UNAVAILABLE';

export type CommitOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: CommitFailureCode; readonly message: string };

export interface GroupCommitLogger {
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface GroupCommitOptions {
  readonly store: Pick<PredictionStore, 'insertQueued' | 'fail'>;
  readonly broker: Pick<Broker, 'publish'>;
  readonly maxBatch: number;
  readonly maxDelayMs: number;
  readonly maxInFlight: number;
  /**
   * Rows allowed to wait for a write slot; beyond it submits are refused at once (QUEUE_FULL)
   * instead of piling up in memory while the database or broker is stalled. Default unlimited.
   */
  readonly maxPendingRows?: number;
  /**
   * Insert and publish at the same time instead of one after the other (the API's default). Both
   * still complete before the request is answered; the answer comes after max(insert, confirm)
   * instead of their sum. Safe because the worker upserts a missing row and a late insert never
   * overwrites a finished one; the cost is that a failed insert can leave a message that is
   * processed although the client was told 503. After a failed insert, batches go back to
   * insert-then-publish until an insert succeeds, so an outage costs one such batch, not one per retry.
   */
  readonly overlapWrites?: boolean;
  readonly logger?: GroupCommitLogger;
  /** Called with the row count of every batch written (for the batch-size histogram). */
  readonly onBatch?: (rows: number) => void;
  /** Called with how long (seconds) each phase of a batch took: the insert and the confirmed publish. */
  readonly onPhase?: (phase: 'insert' | 'publish', seconds: number) => void;
}

interface Entry {
  readonly rows: readonly NewPrediction[];
  readonly resolve: (outcomes: CommitOutcome[]) => void;
}

const QUEUE_FULL_REASON = 'rejected: queue full';
const UNAVAILABLE_REASON = 'rejected: broker unavailable';

export class GroupCommitter {
  private readonly opts: GroupCommitOptions;
  private pending: Entry[] = [];
  private pendingRows = 0;
  private inFlight = 0;
  /** True once the oldest pending entry has waited long enough (or the batch is full). */
  private due = false;
  private timer: NodeJS.Timeout | undefined;
  private idleFlushScheduled = false;
  /** Whether the last insert succeeded (overlapping writes pause while the database refuses). */
  private lastInsertOk = true;
  private closed = false;
  private idleWaiters: Array<() => void> = [];

  constructor(opts: GroupCommitOptions) {
    this.opts = opts;
  }

  /** Writes and publishes `rows`; resolves with one outcome per row, in order. Never rejects. */
  submit(rows: readonly NewPrediction[]): Promise<CommitOutcome[]> {
    if (this.closed) {
      return Promise.resolve(rows.map(() => ({ ok: false, code: 'BROKER_UNAVAILABLE', message: 'the API is shutting down' })));
    }
    if (rows.length === 0) return Promise.resolve([]);
    if (this.pendingRows > 0 && this.pendingRows + rows.length > (this.opts.maxPendingRows ?? Infinity)) {
      const message = `the API has ${this.pendingRows} requests waiting to be written; the database or broker is not keeping up`;
      return Promise.resolve(rows.map(() => ({ ok: false, code: 'QUEUE_FULL', message })));
    }
    return new Promise((resolve) => {
      this.pending.push({ rows, resolve });
      this.pendingRows += rows.length;
      if (this.pendingRows >= this.opts.maxBatch) this.markDue();
      else if (this.inFlight === 0 && !this.due && !this.idleFlushScheduled) {
        // Nothing is being written: waiting would only add latency. Requests that arrived in the
        // same I/O turn still share the write (setImmediate runs after the turn's callbacks).
        this.idleFlushScheduled = true;
        setImmediate(() => {
          this.idleFlushScheduled = false;
          this.markDue();
          this.pump();
        });
      } else if (this.timer === undefined && !this.due && !this.idleFlushScheduled) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.markDue();
          this.pump();
        }, this.opts.maxDelayMs);
      }
      this.pump();
    });
  }

  /** Rows waiting to be written (not yet in flight). */
  get queuedRows(): number {
    return this.pendingRows;
  }

  /** Flushes what is pending and resolves when every batch has been answered. */
  async close(): Promise<void> {
    this.closed = true;
    this.markDue();
    this.pump();
    if (this.inFlight === 0 && this.pending.length === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private markDue(): void {
    this.due = true;
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private pump(): void {
    while (this.due && this.inFlight < this.opts.maxInFlight && this.pending.length > 0) {
      const batch = this.take();
      this.inFlight += 1;
      void this.write(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
    if (this.pending.length === 0) {
      this.due = false;
      if (this.inFlight === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const w of waiters) w();
      }
    }
  }

  /** Takes whole entries up to `maxBatch` rows (always at least one: a request is never split). */
  private take(): Entry[] {
    let count = 0;
    let rows = 0;
    for (const next of this.pending) {
      if (count > 0 && rows + next.rows.length > this.opts.maxBatch) break;
      count += 1;
      rows += next.rows.length;
    }
    this.pendingRows -= rows;
    return this.pending.splice(0, count);
  }

  private async write(batch: readonly Entry[]): Promise<void> {
    const rows = batch.flatMap((e) => e.rows);
    let outcomes: CommitOutcome[];
    try {
      this.opts.onBatch?.(rows.length);
      outcomes = await this.writeRows(rows);
    } catch (e) {
      // A bug, not an outage; still, every waiting request must get an answer.
      this.opts.logger?.error({ err: e, rows: rows.length }, 'group commit: unexpected error');
      const message = `the request could not be recorded: ${errorMessage(e)}`;
      outcomes = rows.map(() => ({ ok: false, code: 'STORE_UNAVAILABLE', message }));
    }
    let offset = 0;
    for (const entry of batch) {
      entry.resolve(outcomes.slice(offset, offset + entry.rows.length));
      offset += entry.rows.length;
    }
  }

  private async writeRows(rows: readonly NewPrediction[]): Promise<CommitOutcome[]> {
    let inserted: string | undefined;
    let published: readonly PublishOutcome[] | undefined;
    // Overlap only while the database accepts writes: during an outage every client retry would
    // otherwise queue one more message for work nobody will be told about.
    if (this.opts.overlapWrites === true && this.lastInsertOk) {
      [inserted, published] = await Promise.all([this.insert(rows), this.publish(rows)]);
    } else {
      inserted = await this.insert(rows);
      if (inserted === undefined) published = await this.publish(rows);
    }
    if (inserted !== undefined || published === undefined) {
      // With overlapping writes some messages may be queued without a row: the worker creates the
      // row by upsert, so nothing breaks; the client was told no and will resubmit.
      const message = `the database refused the write: ${inserted ?? 'unknown error'}`;
      return rows.map(() => ({ ok: false, code: 'STORE_UNAVAILABLE', message }));
    }

    const outcomes: CommitOutcome[] = [];
    const refused: Array<{ id: string; reason: string }> = [];
    rows.forEach((row, i) => {
      const p: PublishOutcome = published[i] ?? { ok: false, reason: 'unavailable', message: 'the broker gave no confirm for this message' };
      if (p.ok) {
        outcomes.push({ ok: true });
      } else if (p.reason === 'queue_full') {
        outcomes.push({ ok: false, code: 'QUEUE_FULL', message: `the queue is full: ${p.message}` });
        refused.push({ id: row.id, reason: QUEUE_FULL_REASON });
      } else {
        outcomes.push({ ok: false, code: 'BROKER_UNAVAILABLE', message: `the broker did not accept the request: ${p.message}` });
        refused.push({ id: row.id, reason: UNAVAILABLE_REASON });
      }
    });

    if (refused.length > 0) {
      try {
        await this.opts.store.fail(refused);
      } catch (e) {
        // The rows stay `queued`; the recovery sweep will publish them later. The client still
        // hears "no" because we cannot promise a result we failed to record either way.
        this.opts.logger?.warn({ err: e, rows: refused.length }, 'group commit: could not mark refused rows failed');
      }
    }
    return outcomes;
  }

  /** Inserts the rows; returns undefined on success, else why it failed. */
  private async insert(rows: readonly NewPrediction[]): Promise<string | undefined> {
    const started = performance.now();
    try {
      await this.opts.store.insertQueued(rows);
    } catch (e) {
      this.lastInsertOk = false;
      this.opts.logger?.error({ err: e, rows: rows.length }, 'group commit: insert failed');
      return errorMessage(e);
    }
    this.lastInsertOk = true;
    this.opts.onPhase?.('insert', (performance.now() - started) / 1000);
    return undefined;
  }

  /** Publishes one message per row and waits for the confirms; never throws. */
  private async publish(rows: readonly NewPrediction[]): Promise<readonly PublishOutcome[]> {
    const messages: RequestMessage[] = rows.map((r) => ({ v: 1, id: r.id, text: r.text, enqueuedAt: r.createdAt.toISOString() }));
    const started = performance.now();
    let published: readonly PublishOutcome[];
    try {
      published = await this.opts.broker.publish(messages);
    } catch (e) {
      // The contract says publish reports refusals instead of throwing; a throw is treated alike.
      this.opts.logger?.error({ err: e, rows: rows.length }, 'group commit: publish threw');
      const message = `the broker could not be reached: ${errorMessage(e)}`;
      published = rows.map(() => ({ ok: false, reason: 'unavailable', message }));
    }
    this.opts.onPhase?.('publish', (performance.now() - started) / 1000);
    return published;
  }
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
