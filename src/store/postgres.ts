/**
 * PredictionStore on PostgreSQL (`pg` Pool), for the production deployment.
 *
 * Every batch write is ONE statement: the rows travel as parallel arrays and `unnest` turns them
 * back into rows, so a batch of 100 costs one round trip and one commit (single-row statements
 * are the biggest cost of the pipeline, see issue 3). Synchronous commit is left on: a result
 * the worker acks is on disk.
 *
 * Rows of a batch are written in id order (`inLockOrder`; `unnest` yields array order), so
 * concurrent batches with overlapping ids never deadlock.
 *
 * The tables live in `schema` (default `public`); every statement names it explicitly, so one
 * pool never depends on a `search_path`. Messages name the host and database, never the password.
 */
import pg from 'pg';
import { GlossaError } from '../errors.js';
import { checkLimit, epochMs, inLockOrder, uniqueById } from './batch.js';
import { LATEST_VERSION, pendingMigrations } from './migrations.js';
import type { MigratingStore, MigrationReport } from './migrations.js';
import { redactUrl } from './url.js';
import type {
  Completion, Failure, Feedback, FeedbackRecord, NewPrediction, PredictionRecord, PredictionResult,
  PredictionStatus, PredictionStore, StoreStats,
} from './types.js';

export interface PostgresStoreConfig {
  /** `postgres://user[:password]@host[:port]/database`. */
  readonly url: string;
  /** Schema holding the tables; created by `migrate()` if missing. Default `public`. */
  readonly schema?: string;
  /** Connections in the pool. Default 10. */
  readonly poolSize?: number;
  /** Shown in `pg_stat_activity.application_name`. Default `glossa`. */
  readonly applicationName?: string;
  /** How long to wait for a connection to open, in ms. Default 5000. */
  readonly connectTimeoutMs?: number;
  /**
   * Called with errors of idle pooled connections (e.g. the server restarted). They are not
   * fatal: the pool drops the connection and the next query opens a new one. Default: ignored.
   */
  readonly onIdleError?: (error: GlossaError) => void;
}

interface Row {
  id: string;
  text: string;
  status: PredictionStatus;
  result: PredictionResult | null;
  model_version: string | null;
  error: string | null;
  created_at: Date;
  completed_at: Date | null;
}

const COLUMNS = 'id, text, status, result, model_version, error, created_at, completed_at';

/** Arbitrary constant: the first half of the advisory lock key that serialises migrations. */
const MIGRATION_LOCK_CLASS = 0x61_05_5a;

/**
 * Server error codes and client error codes that mean "the database is not reachable or not
 * usable", as opposed to a bug in a statement: connection exceptions (08), operator intervention
 * (57P01-57P03: shutdown, cannot connect now), unknown database, bad credentials.
 */
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-3]|3D000|28)/;
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

function toRecord(r: Row): PredictionRecord {
  return {
    id: r.id,
    text: r.text,
    status: r.status,
    result: r.result,
    modelVersion: r.model_version,
    error: r.error,
    createdAt: r.created_at,
    completedAt: r.completed_at,
  };
}

/**
 * PostgreSQL `text` cannot hold U+0000; one such character would make the whole batch fail, so
 * it is stored as U+FFFD instead (SQLite keeps it). The API should refuse it before this point.
 */
function pgText(s: string): string {
  return s.includes('\u0000') ? s.replaceAll('\u0000', '\uFFFD') : s;
}

function iso(d: Date, field: string): string {
  return new Date(epochMs(d, field)).toISOString();
}

/** A short stable hash, so prepared-statement names stay unique per schema and under 63 bytes. */
function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

export class PostgresStore implements PredictionStore, MigratingStore {
  readonly dialect = 'postgres' as const;
  readonly description: string;
  private readonly pool: pg.Pool;
  private readonly schema: string;
  /** The schema name quoted as an identifier, ready to prefix table names. */
  private readonly S: string;
  private readonly statementPrefix: string;
  private closed = false;
  private closing: Promise<void> | undefined;

  constructor(config: PostgresStoreConfig) {
    const schema = config.schema ?? 'public';
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
      throw new GlossaError('USAGE', `invalid PostgreSQL schema name "${schema}": use letters, digits and _ (at most 63)`);
    }
    const poolSize = config.poolSize ?? 10;
    if (!Number.isInteger(poolSize) || poolSize < 1) {
      throw new GlossaError('USAGE', `poolSize must be a positive integer, got ${poolSize}`);
    }
    this.schema = schema;
    this.S = `"${schema}"`;
    this.statementPrefix = `glossa_${shortHash(schema)}_`;
    this.description = `${describe(config.url)} (schema ${schema})`;
    this.pool = new pg.Pool({
      connectionString: config.url,
      max: poolSize,
      connectionTimeoutMillis: config.connectTimeoutMs ?? 5000,
      application_name: config.applicationName ?? 'glossa',
    });
    // Without a listener, an idle connection dropped by the server would crash the process.
    this.pool.on('error', (e) => config.onIdleError?.(this.unavailable(e)));
  }

  async migrate(): Promise<void> {
    await this.migrateWithReport();
  }

  async migrateWithReport(): Promise<MigrationReport> {
    const client = await this.connect();
    try {
      await client.query('BEGIN');
      // One migrator per schema at a time, across all processes; released at COMMIT/ROLLBACK.
      // Taken before CREATE SCHEMA: concurrent CREATE SCHEMA IF NOT EXISTS can still collide.
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MIGRATION_LOCK_CLASS, this.schema]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.S}`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${this.S}.schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${this.S}.schema_migrations`);
      const versions = rows.map((r) => r.version);
      const applied: Array<{ version: number; name: string }> = [];
      for (const m of pendingMigrations(versions)) {
        await client.query(m.postgres(this.S));
        await client.query(`INSERT INTO ${this.S}.schema_migrations (version, name) VALUES ($1, $2)`, [m.version, m.name]);
        applied.push({ version: m.version, name: m.name });
      }
      await client.query('COMMIT');
      return { applied, version: Math.max(LATEST_VERSION, ...versions) };
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw this.translate(e);
    } finally {
      client.release();
    }
  }

  async insertQueued(rows: readonly NewPrediction[]): Promise<void> {
    if (rows.length === 0) return;
    const sorted = inLockOrder(uniqueById(rows));
    // DO NOTHING: an existing id keeps its row; the rest of the batch is inserted.
    await this.query('insertQueued', `INSERT INTO ${this.S}.predictions (id, text, status, created_at)
      SELECT id, text, 'queued', created_at
      FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS t (id, text, created_at)
      ON CONFLICT (id) DO NOTHING`, [
      sorted.map((r) => r.id), sorted.map((r) => pgText(r.text)), sorted.map((r) => iso(r.createdAt, 'createdAt')),
    ]);
  }

  async complete(rows: readonly Completion[]): Promise<string[]> {
    if (rows.length === 0) return [];
    // A row created here (never inserted by the API) takes completedAt as its createdAt.
    const unique = inLockOrder(uniqueById(rows));
    const { rows: written } = await this.query<{ id: string }>('complete', `INSERT INTO ${this.S}.predictions AS p
        (id, text, status, result, model_version, error, created_at, completed_at)
      SELECT id, text, 'done', result::jsonb, model_version, NULL, completed_at, completed_at
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
        AS t (id, text, result, model_version, completed_at)
      ON CONFLICT (id) DO UPDATE SET status = 'done', result = EXCLUDED.result,
        model_version = EXCLUDED.model_version, error = NULL, completed_at = EXCLUDED.completed_at
      WHERE p.status <> 'done'
      RETURNING id`, [
      unique.map((r) => r.id),
      unique.map((r) => pgText(r.text)),
      unique.map((r) => pgText(JSON.stringify(r.result))),
      unique.map((r) => r.modelVersion),
      unique.map((r) => iso(r.completedAt, 'completedAt')),
    ]);
    return written.map((r) => r.id);
  }

  async fail(rows: readonly Failure[]): Promise<void> {
    if (rows.length === 0) return;
    const unique = inLockOrder(uniqueById(rows));
    await this.query('fail', `INSERT INTO ${this.S}.predictions AS p (id, text, status, error, created_at, completed_at)
      SELECT id, text, 'failed', error, now(), now()
      FROM unnest($1::text[], $2::text[], $3::text[]) AS t (id, text, error)
      ON CONFLICT (id) DO UPDATE SET status = 'failed', error = EXCLUDED.error, completed_at = EXCLUDED.completed_at
      WHERE p.status <> 'done'`, [
      unique.map((r) => r.id), unique.map((r) => pgText(r.text ?? '')), unique.map((r) => pgText(r.reason)),
    ]);
  }

  async get(id: string): Promise<PredictionRecord | undefined> {
    const { rows } = await this.query<Row>('get', `SELECT ${COLUMNS} FROM ${this.S}.predictions WHERE id = $1`, [id]);
    const row = rows[0];
    return row && toRecord(row);
  }

  async getMany(ids: readonly string[]): Promise<PredictionRecord[]> {
    if (ids.length === 0) return [];
    const unique = [...new Set(ids)];
    const { rows } = await this.query<Row>('getMany',
      `SELECT ${COLUMNS} FROM ${this.S}.predictions WHERE id = ANY ($1::text[])`, [unique]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return unique.flatMap((id) => {
      const r = byId.get(id);
      return r ? [toRecord(r)] : [];
    });
  }

  async findStaleQueued(olderThan: Date, limit: number): Promise<PredictionRecord[]> {
    const { rows } = await this.query<Row>('stale', `SELECT ${COLUMNS} FROM ${this.S}.predictions
      WHERE status = 'queued' AND created_at < $1 ORDER BY created_at, id LIMIT $2`,
    [iso(olderThan, 'olderThan'), checkLimit(limit)]);
    return rows.map(toRecord);
  }

  async addFeedback(feedback: Feedback): Promise<void> {
    const { rowCount } = await this.query('addFeedback', `INSERT INTO ${this.S}.feedback (prediction_id, language, created_at)
      SELECT id, $2, $3 FROM ${this.S}.predictions WHERE id = $1`,
    [feedback.predictionId, feedback.language, iso(feedback.createdAt, 'createdAt')]);
    if (rowCount === 0) throw new GlossaError('NOT_FOUND', `no prediction with id ${feedback.predictionId}`);
  }

  async listFeedback(limit: number): Promise<FeedbackRecord[]> {
    const { rows } = await this.query<{
      prediction_id: string; language: string; created_at: Date; predicted: string | null; text: string;
    }>('listFeedback', `SELECT f.prediction_id, f.language, f.created_at, p.result ->> 'language' AS predicted, p.text
      FROM ${this.S}.feedback f JOIN ${this.S}.predictions p ON p.id = f.prediction_id
      ORDER BY f.created_at DESC, f.id DESC LIMIT $1`, [checkLimit(limit)]);
    return rows.map((r) => ({
      predictionId: r.prediction_id,
      language: r.language,
      createdAt: r.created_at,
      predictedLanguage: r.predicted,
      text: r.text,
    }));
  }

  async stats(): Promise<StoreStats> {
    // count(*) comes back as int8, which pg returns as a string.
    const { rows } = await this.query<{ queued: string; done: string; failed: string; feedback: string }>('stats', `SELECT
        count(*) FILTER (WHERE status = 'queued') AS queued,
        count(*) FILTER (WHERE status = 'done') AS done,
        count(*) FILTER (WHERE status = 'failed') AS failed,
        (SELECT count(*) FROM ${this.S}.feedback) AS feedback
      FROM ${this.S}.predictions`);
    const r = rows[0];
    return { queued: Number(r?.queued ?? 0), done: Number(r?.done ?? 0), failed: Number(r?.failed ?? 0), feedback: Number(r?.feedback ?? 0) };
  }

  async ping(): Promise<void> {
    await this.query(undefined, 'SELECT 1');
  }

  async close(): Promise<void> {
    this.closed = true;
    this.closing ??= this.pool.end();
    await this.closing;
  }

  private async connect(): Promise<pg.PoolClient> {
    if (this.closed) throw new GlossaError('STORE_UNAVAILABLE', `${this.description} is closed`);
    try {
      return await this.pool.connect();
    } catch (e) {
      throw this.translate(e);
    }
  }

  /** Runs one statement, prepared once per connection under `name` (unnamed when undefined). */
  private async query<R extends pg.QueryResultRow = pg.QueryResultRow>(
    name: string | undefined, text: string, values: unknown[] = [],
  ): Promise<pg.QueryResult<R>> {
    if (this.closed) throw new GlossaError('STORE_UNAVAILABLE', `${this.description} is closed`);
    try {
      return await this.pool.query<R>(name === undefined ? { text, values } : { name: this.statementPrefix + name, text, values });
    } catch (e) {
      throw this.translate(e);
    }
  }

  private translate(e: unknown): Error {
    if (e instanceof GlossaError) return e;
    const err = e as { code?: unknown; message?: unknown };
    if (err.code === '42P01') {
      return new GlossaError('STORE_UNAVAILABLE',
        `${this.description} has no Glossa schema yet: run \`glossa db migrate\` (or call migrate())`);
    }
    const code = typeof err.code === 'string' ? err.code : '';
    const message = typeof err.message === 'string' ? err.message : String(e);
    if (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code)
      || /Connection terminated|timeout exceeded when trying to connect|Cannot use a pool after calling end/i.test(message)) {
      return this.unavailable(e);
    }
    return e instanceof Error ? e : new Error(message);
  }

  private unavailable(e: unknown): GlossaError {
    const message = e instanceof Error ? e.message : String(e);
    return new GlossaError('STORE_UNAVAILABLE', `cannot use PostgreSQL at ${this.description}: ${redactUrl(message)}`);
  }
}

/** `postgres://user@host:port/db` — the URL without its password or query string. */
function describe(url: string): string {
  try {
    const u = new URL(url);
    const user = u.username ? `${decodeURIComponent(u.username)}@` : '';
    return `${u.protocol}//${user}${u.host}${u.pathname}`;
  } catch {
    return redactUrl(url);
  }
}
