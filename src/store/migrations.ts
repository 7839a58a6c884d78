/**
 * The schema, as an ordered list of versioned migrations, one SQL text per dialect.
 *
 * Rules: a released migration is never edited, only followed by a new one with the next version.
 * Each store applies the pending ones inside one transaction that first takes a lock
 * (PostgreSQL: `pg_advisory_xact_lock`; SQLite: `BEGIN IMMEDIATE`), reads `schema_migrations`
 * and records each version it applies, so any number of processes may call `migrate()` at once.
 *
 * Timestamps: PostgreSQL uses `timestamptz`; SQLite stores milliseconds since the Unix epoch
 * (INTEGER), which sorts and compares exactly like the dates it came from.
 */

export interface Migration {
  /** 1, 2, 3, … with no gaps; the order of application. */
  readonly version: number;
  /** A short snake_case description, printed by `glossa db migrate`. */
  readonly name: string;
  readonly sqlite: string;
  /** `S` stands for the quoted schema name, e.g. `"public"`. */
  readonly postgres: (S: string) => string;
}

/** What one `migrate` call did. */
export interface MigrationReport {
  /** Migrations applied by this call, in order; empty when the schema was already current. */
  readonly applied: ReadonlyArray<{ readonly version: number; readonly name: string }>;
  /** The schema version after the call. */
  readonly version: number;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create_predictions',
    sqlite: `
      CREATE TABLE predictions (
        id            TEXT PRIMARY KEY,
        text          TEXT NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('queued', 'done', 'failed')),
        result        TEXT CHECK (result IS NULL OR json_valid(result)),
        model_version TEXT,
        error         TEXT,
        created_at    INTEGER NOT NULL,
        completed_at  INTEGER
      ) WITHOUT ROWID;
      -- The recovery sweep asks for the oldest queued rows.
      CREATE INDEX predictions_status_created_at ON predictions (status, created_at);`,
    postgres: (S) => `
      CREATE TABLE ${S}.predictions (
        id            text PRIMARY KEY,
        text          text NOT NULL,
        status        text NOT NULL CHECK (status IN ('queued', 'done', 'failed')),
        result        jsonb,
        model_version text,
        error         text,
        created_at    timestamptz NOT NULL,
        completed_at  timestamptz
      );
      CREATE INDEX predictions_status_created_at ON ${S}.predictions (status, created_at);`,
  },
  {
    version: 2,
    name: 'create_feedback',
    sqlite: `
      CREATE TABLE feedback (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        prediction_id TEXT NOT NULL REFERENCES predictions (id) ON DELETE CASCADE,
        language      TEXT NOT NULL,
        created_at    INTEGER NOT NULL
      );
      CREATE INDEX feedback_created_at ON feedback (created_at);
      CREATE INDEX feedback_prediction_id ON feedback (prediction_id);`,
    postgres: (S) => `
      CREATE TABLE ${S}.feedback (
        id            serial PRIMARY KEY,
        prediction_id text NOT NULL REFERENCES ${S}.predictions (id) ON DELETE CASCADE,
        language      text NOT NULL,
        created_at    timestamptz NOT NULL
      );
      CREATE INDEX feedback_created_at ON ${S}.feedback (created_at);
      CREATE INDEX feedback_prediction_id ON ${S}.feedback (prediction_id);`,
  },
];

/** The newest schema version this code knows. */
export const LATEST_VERSION = MIGRATIONS.reduce((v, m) => Math.max(v, m.version), 0);

/** The migrations not yet in `appliedVersions`, in order. */
export function pendingMigrations(appliedVersions: Iterable<number>): Migration[] {
  const done = new Set(appliedVersions);
  return MIGRATIONS.filter((m) => !done.has(m.version)).sort((a, b) => a.version - b.version);
}

/**
 * What both SQL stores offer beyond the contract: the migration report (for `glossa db migrate`)
 * and a description of where they point, safe to log (never a password).
 */
export interface MigratingStore {
  readonly dialect: 'postgres' | 'sqlite';
  /** e.g. `postgres://app@db.internal:5432/glossa (schema public)` or `sqlite:/srv/glossa.db`. */
  readonly description: string;
  /** Like `migrate()`, and says what it applied. */
  migrateWithReport(): Promise<MigrationReport>;
}
