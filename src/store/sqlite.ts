/**
 * PredictionStore on SQLite (better-sqlite3 v12 — v13 crashes on Node 20), the embedded default.
 *
 * Durability: WAL journal with `synchronous=NORMAL`. A committed transaction survives a crash of
 * the process (the WAL is in the OS page cache); after a power loss or OS crash the last
 * transactions before the failure may be rolled back, but the file is never corrupted. This is
 * SQLite's recommended setting for WAL and what an embedded single-machine deployment expects;
 * pass `synchronous: 'FULL'` to fsync on every commit instead.
 *
 * better-sqlite3 is synchronous: each call blocks the event loop for the length of its
 * transaction. A batch of 100 rows takes well under a millisecond, so that is cheaper than a
 * thread hop; callers that write large batches should keep them bounded.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db, Statement } from 'better-sqlite3';
import { GlossaError } from '../errors.js';
import { checkLimit, epochMs, uniqueById } from './batch.js';
import { LATEST_VERSION, pendingMigrations } from './migrations.js';
import type { MigratingStore, MigrationReport } from './migrations.js';
import type {
  Completion, Failure, Feedback, FeedbackRecord, NewPrediction, PredictionRecord, PredictionResult,
  PredictionStatus, PredictionStore, StoreStats,
} from './types.js';

export interface SqliteStoreConfig {
  /** Database file; its directory is created if missing. `':memory:'` for a private in-memory database. */
  readonly path: string;
  /** How long a write waits for another process's write lock before failing, in ms. Default 5000. */
  readonly busyTimeoutMs?: number;
  /** `NORMAL` (default, see above) or `FULL` (fsync at every commit). */
  readonly synchronous?: 'NORMAL' | 'FULL';
}

interface Row {
  id: string;
  text: string;
  status: PredictionStatus;
  result: string | null;
  model_version: string | null;
  error: string | null;
  created_at: number;
  completed_at: number | null;
}

const COLUMNS = 'id, text, status, result, model_version, error, created_at, completed_at';

function toRecord(r: Row): PredictionRecord {
  return {
    id: r.id,
    text: r.text,
    status: r.status,
    result: r.result === null ? null : (JSON.parse(r.result) as PredictionResult),
    modelVersion: r.model_version,
    error: r.error,
    createdAt: new Date(r.created_at),
    completedAt: r.completed_at === null ? null : new Date(r.completed_at),
  };
}

export class SqliteStore implements PredictionStore, MigratingStore {
  readonly dialect = 'sqlite' as const;
  readonly description: string;
  private readonly db: Db;
  private closed = false;
  private readonly statements = new Map<string, Statement>();

  constructor(config: SqliteStoreConfig) {
    const memory = config.path === ':memory:';
    const file = memory ? ':memory:' : resolve(config.path);
    this.description = `sqlite:${file}`;
    try {
      if (!memory) mkdirSync(dirname(file), { recursive: true });
      this.db = new Database(file, { timeout: config.busyTimeoutMs ?? 5000 });
      // A fresh database switches to WAL here; later opens find it already in WAL.
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${config.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
      this.db.pragma('foreign_keys = ON');
    } catch (e) {
      throw new GlossaError('STORE_UNAVAILABLE', `cannot open SQLite database ${file}: ${(e as Error).message}`);
    }
  }

  async migrate(): Promise<void> {
    await this.migrateWithReport();
  }

  async migrateWithReport(): Promise<MigrationReport> {
    const db = this.open();
    // BEGIN IMMEDIATE takes the write lock before reading schema_migrations, so two processes
    // migrating the same file run one after the other and the second finds nothing to do.
    const run = db.transaction((): MigrationReport => {
      db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
      const versions = (db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>)
        .map((r) => r.version);
      const applied: Array<{ version: number; name: string }> = [];
      const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
      for (const m of pendingMigrations(versions)) {
        db.exec(m.sqlite);
        record.run(m.version, m.name, Date.now());
        applied.push({ version: m.version, name: m.name });
      }
      return { applied, version: Math.max(LATEST_VERSION, ...versions) };
    });
    const report = run.immediate();
    // Statements prepared against the old schema would be stale.
    if (report.applied.length > 0) this.statements.clear();
    return report;
  }

  async insertQueued(rows: readonly NewPrediction[]): Promise<void> {
    if (rows.length === 0) return;
    // DO NOTHING: an id that exists already (a retried request, or a worker that finished first)
    // keeps its row; the other rows of the batch are inserted.
    const stmt = this.stmt('insert', `INSERT INTO predictions (id, text, status, created_at)
      VALUES (?, ?, 'queued', ?) ON CONFLICT (id) DO NOTHING`);
    this.transaction(() => {
      for (const r of rows) stmt.run(r.id, r.text, epochMs(r.createdAt, 'createdAt'));
    });
  }

  async complete(rows: readonly Completion[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const stmt = this.stmt('complete', `INSERT INTO predictions (${COLUMNS})
      VALUES (?, ?, 'done', ?, ?, NULL, ?, ?)
      ON CONFLICT (id) DO UPDATE SET status = 'done', result = excluded.result,
        model_version = excluded.model_version, error = NULL, completed_at = excluded.completed_at
      WHERE predictions.status <> 'done'`);
    // A row created here (never inserted by the API) takes completedAt as its createdAt.
    return this.transaction(() => {
      const written: string[] = [];
      for (const r of uniqueById(rows)) {
        const at = epochMs(r.completedAt, 'completedAt');
        // An upsert whose DO UPDATE is skipped by its WHERE reports no change: that row was done.
        // (Cheaper than RETURNING, which costs about a third more per row.)
        if (stmt.run(r.id, r.text, JSON.stringify(r.result), r.modelVersion, at, at).changes > 0) written.push(r.id);
      }
      return written;
    });
  }

  async fail(rows: readonly Failure[]): Promise<void> {
    if (rows.length === 0) return;
    const stmt = this.stmt('fail', `INSERT INTO predictions (id, text, status, error, created_at, completed_at)
      VALUES (?, ?, 'failed', ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET status = 'failed', error = excluded.error, completed_at = excluded.completed_at
      WHERE predictions.status <> 'done'`);
    const now = Date.now();
    this.transaction(() => {
      for (const r of uniqueById(rows)) stmt.run(r.id, r.text ?? '', r.reason, now, now);
    });
  }

  async get(id: string): Promise<PredictionRecord | undefined> {
    const row = this.stmt('get', `SELECT ${COLUMNS} FROM predictions WHERE id = ?`).get(id) as Row | undefined;
    return row && toRecord(row);
  }

  async getMany(ids: readonly string[]): Promise<PredictionRecord[]> {
    if (ids.length === 0) return [];
    const unique = [...new Set(ids)];
    // One statement whatever the count: the ids travel as a JSON array.
    const rows = this.stmt('getMany', `SELECT ${COLUMNS} FROM predictions
      WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(unique)) as Row[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return unique.flatMap((id) => {
      const r = byId.get(id);
      return r ? [toRecord(r)] : [];
    });
  }

  async findStaleQueued(olderThan: Date, limit: number): Promise<PredictionRecord[]> {
    const rows = this.stmt('stale', `SELECT ${COLUMNS} FROM predictions
      WHERE status = 'queued' AND created_at < ? ORDER BY created_at, id LIMIT ?`)
      .all(epochMs(olderThan, 'olderThan'), checkLimit(limit)) as Row[];
    return rows.map(toRecord);
  }

  async addFeedback(feedback: Feedback): Promise<void> {
    const info = this.stmt('feedback', `INSERT INTO feedback (prediction_id, language, created_at)
      SELECT id, ?, ? FROM predictions WHERE id = ?`)
      .run(feedback.language, epochMs(feedback.createdAt, 'createdAt'), feedback.predictionId);
    if (info.changes === 0) throw new GlossaError('NOT_FOUND', `no prediction with id ${feedback.predictionId}`);
  }

  async listFeedback(limit: number): Promise<FeedbackRecord[]> {
    const rows = this.stmt('listFeedback', `SELECT f.prediction_id, f.language, f.created_at,
        json_extract(p.result, '$.language') AS predicted, p.text
      FROM feedback f JOIN predictions p ON p.id = f.prediction_id
      ORDER BY f.created_at DESC, f.id DESC LIMIT ?`).all(checkLimit(limit)) as Array<{
        prediction_id: string; language: string; created_at: number; predicted: string | null; text: string;
      }>;
    return rows.map((r) => ({
      predictionId: r.prediction_id,
      language: r.language,
      createdAt: new Date(r.created_at),
      predictedLanguage: r.predicted,
      text: r.text,
    }));
  }

  async stats(): Promise<StoreStats> {
    const rows = this.stmt('stats', `SELECT status, count(*) AS n FROM predictions GROUP BY status
      UNION ALL SELECT 'feedback', count(*) FROM feedback`).all() as Array<{ status: string; n: number }>;
    const n = (s: string): number => rows.find((r) => r.status === s)?.n ?? 0;
    return { queued: n('queued'), done: n('done'), failed: n('failed'), feedback: n('feedback') };
  }

  async ping(): Promise<void> {
    try {
      this.open().prepare('SELECT 1').get();
    } catch (e) {
      if (e instanceof GlossaError) throw e;
      throw new GlossaError('STORE_UNAVAILABLE', `${this.description}: ${(e as Error).message}`);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.statements.clear();
    this.db.close();
  }

  private open(): Db {
    if (this.closed) throw new GlossaError('STORE_UNAVAILABLE', `${this.description} is closed`);
    return this.db;
  }

  private stmt(key: string, sql: string): Statement {
    const db = this.open();
    let s = this.statements.get(key);
    if (!s) {
      try {
        s = db.prepare(sql);
      } catch (e) {
        if (/no such table/.test((e as Error).message)) {
          throw new GlossaError('STORE_UNAVAILABLE',
            `${this.description} has no Glossa schema yet: run \`glossa db migrate\` (or call migrate())`);
        }
        throw e;
      }
      this.statements.set(key, s);
    }
    return s;
  }

  private transaction<T>(fn: () => T): T {
    // IMMEDIATE: take the write lock up front, so a concurrent writer waits (busy timeout)
    // instead of failing half-way with SQLITE_BUSY on lock upgrade.
    return this.open().transaction(fn).immediate();
  }
}
