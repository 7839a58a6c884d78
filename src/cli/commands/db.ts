/**
 * `glossa db migrate [--db URL] [--db-schema NAME]` — creates or upgrades the database schema and
 * prints what it applied. The services run the same migrations at start, so this is only needed
 * to prepare a database ahead of time or to check its version.
 *
 * Database URL: --db > GLOSSA_DATABASE_URL > sqlite:./data/glossa.db (the `glossa start` default).
 */
import type { Command } from 'commander';
import { GlossaError } from '../../errors.js';
import { openStore } from '../../store/index.js';
import type { MigrationReport } from '../../store/index.js';

export const DEFAULT_DATABASE_URL = 'sqlite:./data/glossa.db';

export interface MigrateOptions {
  readonly databaseUrl: string;
  readonly schema?: string | undefined;
  /** Where the report lines go (stdout in the CLI). */
  readonly write: (line: string) => void;
}

export async function runMigrate(options: MigrateOptions): Promise<MigrationReport> {
  const store = openStore(options.databaseUrl, options.schema === undefined ? {} : { schema: options.schema });
  try {
    options.write(`database: ${store.description}`);
    const report = await store.migrateWithReport();
    for (const m of report.applied) options.write(`applied ${m.version} ${m.name}`);
    options.write(report.applied.length === 0
      ? `schema is up to date (version ${report.version})`
      : `schema now at version ${report.version}`);
    return report;
  } finally {
    await store.close();
  }
}

export function register(program: Command): void {
  const db = program.command('db').description('database administration');
  db.command('migrate')
    .description('create or upgrade the database schema (idempotent; safe while services start)')
    .option('--db <url>', `database URL: postgres://… or sqlite:PATH (env GLOSSA_DATABASE_URL; default ${DEFAULT_DATABASE_URL})`)
    .option('--db-schema <name>', 'PostgreSQL schema holding the tables (env GLOSSA_DB_SCHEMA; default public)')
    .action(async (flags: { db?: string; dbSchema?: string }) => {
      const env = process.env;
      const databaseUrl = flags.db ?? (env.GLOSSA_DATABASE_URL || DEFAULT_DATABASE_URL);
      const schema = flags.dbSchema ?? (env.GLOSSA_DB_SCHEMA || undefined);
      if (databaseUrl.trim() === '') throw new GlossaError('USAGE', '--db must not be empty');
      await runMigrate({ databaseUrl, schema, write: (line) => process.stdout.write(`${line}\n`) });
    });
}
