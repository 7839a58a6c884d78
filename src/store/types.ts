/**
 * The PredictionStore contract. PostgreSQL (`postgres.ts`) and SQLite (`sqlite.ts`) both
 * implement it and both pass `test/integration/store-conformance.test.ts`.
 * The store knows nothing of the model: a result is plain data written by the worker.
 * The database row is the source of truth for every request.
 */

export type PredictionStatus = 'queued' | 'done' | 'failed';

export interface Candidate {
  readonly language: string;
  readonly confidence: number;
}

/** What the worker writes for one prediction. */
export interface PredictionResult {
  readonly language: string;
  readonly confidence: number;
  readonly top: readonly Candidate[];
}

export interface PredictionRecord {
  readonly id: string;
  readonly text: string;
  readonly status: PredictionStatus;
  readonly result: PredictionResult | null;
  readonly modelVersion: string | null;
  /** Why it failed (`failed` only). */
  readonly error: string | null;
  readonly createdAt: Date;
  readonly completedAt: Date | null;
}

export interface NewPrediction {
  readonly id: string;
  readonly text: string;
  readonly createdAt: Date;
}

export interface Completion {
  readonly id: string;
  /** Stored when the row does not exist yet (a producer that published straight to the queue). */
  readonly text: string;
  readonly result: PredictionResult;
  readonly modelVersion: string;
  readonly completedAt: Date;
}

export interface Failure {
  readonly id: string;
  readonly reason: string;
  /** Stored when the row does not exist yet. */
  readonly text?: string;
}

export interface Feedback {
  readonly predictionId: string;
  /** The language the user says is right. */
  readonly language: string;
  readonly createdAt: Date;
}

export interface FeedbackRecord extends Feedback {
  readonly predictedLanguage: string | null;
  readonly text: string;
}

export interface StoreStats {
  readonly queued: number;
  readonly done: number;
  readonly failed: number;
  readonly feedback: number;
}

export interface PredictionStore {
  /** Creates or upgrades the schema. Idempotent; safe when several processes call it at once. */
  migrate(): Promise<void>;
  /**
   * Inserts rows with status `queued`, all in one statement/transaction. An id that exists already
   * keeps its row untouched (never reset to `queued`); the rest of the batch is still inserted.
   */
  insertQueued(rows: readonly NewPrediction[]): Promise<void>;
  /**
   * Writes results, all in one statement/transaction. Idempotent: a row already `done` is left as
   * it is (a redelivery never creates a second result or overwrites a newer one); a missing row is
   * created (upsert by id). Returns the ids whose result was written by this call.
   */
  complete(rows: readonly Completion[]): Promise<string[]>;
  /** Marks rows `failed` with a reason (creating them if missing); a `done` row stays done. */
  fail(rows: readonly Failure[]): Promise<void>;
  get(id: string): Promise<PredictionRecord | undefined>;
  /** The known ids among `ids`, in the order asked, each once; unknown ids are left out. */
  getMany(ids: readonly string[]): Promise<PredictionRecord[]>;
  /** Rows still `queued` and created before `olderThan`, oldest first (the recovery sweep). */
  findStaleQueued(olderThan: Date, limit: number): Promise<PredictionRecord[]>;
  /** Throws `GlossaError('NOT_FOUND')` when no prediction has that id. */
  addFeedback(feedback: Feedback): Promise<void>;
  /** Feedback joined with its prediction, newest first (labelled data for re-verification). */
  listFeedback(limit: number): Promise<FeedbackRecord[]>;
  stats(): Promise<StoreStats>;
  /** Throws when the database cannot be reached (`/readyz`). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
