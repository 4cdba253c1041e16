/**
 * Test databases. PGlite always; MariaDB/MySQL and PostgreSQL when TEST_MYSQL_URL /
 * TEST_POSTGRES_URL are set (.ci/run sets them). Each call creates a throwaway database of its
 * own on the server, so test files never see each other's rows.
 *
 * `dialects` is the matrix the dialect-independent tests run over (`describe.each(dialects)`):
 * every configured database, PGlite at least. A test that needs one particular server lives in a
 * `*.services.test.ts` file and names its dialect itself (see tests/helpers/services.ts).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { connectDatabase, type DatabaseHandle } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

export type DialectName = 'pglite' | 'mysql' | 'postgres';

export const dialects: DialectName[] = [
  'pglite',
  ...(process.env.TEST_MYSQL_URL ? (['mysql'] as const) : []),
  ...(process.env.TEST_POSTGRES_URL ? (['postgres'] as const) : []),
];

export interface TestDb extends DatabaseHandle {
  name: DialectName;
  /** SQL of every statement since the last `queries.length = 0` */
  queries: string[];
  /** connection URL of the throwaway database (undefined for PGlite) */
  url?: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function createTestDb(name: DialectName, options: { migrate?: boolean } = {}): Promise<TestDb> {
  const queries: string[] = [];
  const onQuery = (s: string) => void queries.push(s);
  let handle: DatabaseHandle;
  let drop = async () => {};
  let url: string | undefined;
  if (name === 'pglite') {
    handle = await connectDatabase({ kind: 'pglite', dataDir: 'memory://' }, { onQuery });
  } else {
    const adminUrl = name === 'mysql' ? process.env.TEST_MYSQL_URL! : process.env.TEST_POSTGRES_URL!;
    const dbName = `afirgen_t_${randomBytes(5).toString('hex')}`;
    const admin = await connectDatabase({ kind: name, url: adminUrl }, { DB_POOL_SIZE: 1 });
    await sql
      .raw(name === 'mysql' ? `create database ${dbName} character set utf8mb4 collate utf8mb4_unicode_ci` : `create database ${dbName}`)
      .execute(admin.db);
    url = withDatabase(adminUrl, dbName);
    handle = await connectDatabase({ kind: name, url }, { onQuery, DB_POOL_SIZE: 5 });
    drop = async () => {
      await sql.raw(name === 'postgres' ? `drop database if exists ${dbName} with (force)` : `drop database if exists ${dbName}`).execute(admin.db);
      await admin.close();
    };
  }
  if (options.migrate !== false) await migrateToLatest(handle.db);
  queries.length = 0;
  return {
    ...handle,
    name,
    queries,
    url,
    drop: async () => {
      await handle.close();
      await drop();
    },
  };
}

/** Drops a pg-boss schema a test created on a shared jobs database (only names a test makes: pgboss_…). */
export async function dropBossSchema(url: string, schema: string): Promise<void> {
  if (!/^pgboss_[a-z0-9_]+$/.test(schema)) throw new Error(`refusing to drop schema ${schema}: not a test's pg-boss schema`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
