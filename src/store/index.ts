/**
 * Opens the PredictionStore a database URL names (see `parseStoreUrl` for the accepted forms).
 * The store is not migrated yet: callers run `migrate()` at start.
 */
import { PostgresStore } from './postgres.js';
import type { PostgresStoreConfig } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import { parseStoreUrl } from './url.js';
import type { MigratingStore } from './migrations.js';
import type { PredictionStore } from './types.js';

export type { MigratingStore, MigrationReport } from './migrations.js';
export { parseStoreUrl, redactUrl } from './url.js';
export type { StoreLocation } from './url.js';
export { PostgresStore } from './postgres.js';
export type { PostgresStoreConfig } from './postgres.js';
export { SqliteStore } from './sqlite.js';
export type { SqliteStoreConfig } from './sqlite.js';
export type * from './types.js';

export interface OpenStoreOptions {
  /** PostgreSQL only: connections in the pool. Default 10. */
  readonly poolSize?: number;
  /** PostgreSQL only: the schema holding the tables. Default `public`. */
  readonly schema?: string;
  /** PostgreSQL only: shown in `pg_stat_activity`. Default `glossa`. */
  readonly applicationName?: string;
  /** PostgreSQL only: errors of idle pooled connections (not fatal; e.g. for a warning log). */
  readonly onIdleError?: PostgresStoreConfig['onIdleError'];
}

export type SqlStore = PredictionStore & MigratingStore;

export function openStore(url: string, options: OpenStoreOptions = {}): SqlStore {
  const location = parseStoreUrl(url);
  if (location.kind === 'sqlite') return new SqliteStore({ path: location.path });
  return new PostgresStore({
    url: location.url,
    ...(options.schema !== undefined && { schema: options.schema }),
    ...(options.poolSize !== undefined && { poolSize: options.poolSize }),
    ...(options.applicationName !== undefined && { applicationName: options.applicationName }),
    ...(options.onIdleError !== undefined && { onIdleError: options.onIdleError }),
  });
}
