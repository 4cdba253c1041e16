import type { Kysely } from 'kysely';
import { type MigrationResultSet, Migrator, NO_MIGRATIONS } from 'kysely/migration';
import { migrations } from '../../migrations/index.ts';

function migrator(db: Kysely<any>) {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

function check(result: MigrationResultSet): MigrationResultSet {
  if (result.error) throw result.error;
  return result;
}

export async function migrateToLatest(db: Kysely<any>) {
  return check(await migrator(db).migrateToLatest());
}

export async function migrateDown(db: Kysely<any>, steps = 1): Promise<MigrationResultSet> {
  const results: NonNullable<MigrationResultSet['results']> = [];
  for (let i = 0; i < steps; i++) results.push(...(check(await migrator(db).migrateDown()).results ?? []));
  return { results };
}

export async function migrateTo(db: Kysely<any>, name: string | typeof NO_MIGRATIONS) {
  return check(await migrator(db).migrateTo(name));
}

export const migrationNames = Object.keys(migrations);
export { NO_MIGRATIONS };
