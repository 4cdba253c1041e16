/**
 * A whole running system (database, pg-boss, pub/sub, workers, app) for one dialect, isolated:
 *  - pglite: in-memory PGlite for data and pg-boss, in-process pub/sub;
 *  - mysql: throwaway MariaDB database, pg-boss in its own schema of TEST_JOBS_DATABASE_URL
 *    (outbox relay), Redis pub/sub on TEST_REDIS_URL when set;
 *  - postgres: throwaway PostgreSQL database holding data and pg-boss (enqueue in transaction),
 *    Redis pub/sub when TEST_REDIS_URL is set; with `JOBS_DATABASE_URL` given in `env`, pg-boss
 *    goes there instead (outbox relay, as on MySQL).
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import pino from 'pino';
import { parseConfig } from '../../src/config.ts';
import { connectDatabase } from '../../src/db/connect.ts';
import type { DB } from '../../src/db/types.ts';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../src/runtime.ts';
import { createTestDb, type DialectName, dropBossSchema, type TestDb } from './db.ts';
import { type GqlClient, graphqlClient } from './graphql.ts';
import { TEST_AUTH_ENV } from './auth.ts';
import { waitFor } from './wait.ts';

export interface TestRuntime extends GqlClient {
  rt: Runtime;
  db: TestDb;
  /** the environment the runtime was configured with (to start child processes alike) */
  env: Record<string, string>;
  /** stops the runtime and drops its pg-boss schema where it is not in the test database */
  close(): Promise<void>;
}

export interface RuntimeTestOptions {
  /** run the generation worker in this runtime (default true) */
  worker?: boolean;
  env?: Record<string, string>;
  hooks?: RuntimeOptions['hooks'];
}

export function runtimeEnv(db: TestDb, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {
    LOG_LEVEL: 'silent',
    JOB_POLL_SECONDS: '0.5',
    JOB_RETRY_DELAY_SECONDS: '1',
    JOB_RETRY_DELAY_MAX_SECONDS: '2',
    PGBOSS_SCHEMA: `pgboss_${randomBytes(4).toString('hex')}`,
    EXPOSE_SQL_COUNT: 'true',
    ...TEST_AUTH_ENV,
    // Tests make many requests with one token; the rate-limit tests set their own budgets.
    RATE_LIMIT_COST_PER_MINUTE: '1000000000',
    RATE_LIMIT_GLOBAL_COST_PER_SECOND: '1000000000',
  };
  if (db.name === 'pglite') env.DATA_DIR = 'memory://';
  if (db.name === 'mysql') {
    env.DATABASE_URL = db.url!;
    const jobs = process.env.TEST_JOBS_DATABASE_URL ?? process.env.TEST_POSTGRES_URL;
    if (!jobs) throw new Error('MySQL runtime tests need TEST_JOBS_DATABASE_URL (or TEST_POSTGRES_URL) for pg-boss');
    env.JOBS_DATABASE_URL = jobs;
  }
  if (db.name === 'postgres') env.DATABASE_URL = db.url!;
  if (db.name !== 'pglite' && process.env.TEST_REDIS_URL) env.REDIS_URL = process.env.TEST_REDIS_URL;
  return { ...env, ...extra };
}

/** A runtime (gateway, and the worker unless `worker: false`) on an existing test database. */
export async function startRuntime(db: TestDb, options: RuntimeTestOptions = {}): Promise<TestRuntime> {
  const env = runtimeEnv(db, options.env);
  const rt = await createRuntime(parseConfig(env), {
    log: pino({ level: 'silent' }),
    worker: options.worker ?? true,
    gateway: true,
    database: db,
    hooks: options.hooks,
  });
  return {
    rt,
    db,
    env,
    ...graphqlClient(rt.app!.fetch, 'http://localhost/graphql'),
    close: async () => {
      await rt.close();
      // pg-boss in a separate jobs database (MySQL, or an explicit JOBS_DATABASE_URL): drop this
      // runtime's own schema there (only it); elsewhere it goes with the test database.
      if (env.JOBS_DATABASE_URL) await dropBossSchema(env.JOBS_DATABASE_URL, env.PGBOSS_SCHEMA!);
    },
  };
}

/** A throwaway database of `name` with a runtime on it; close() drops both. */
export async function testRuntime(name: DialectName, options: RuntimeTestOptions = {}): Promise<TestRuntime> {
  const db = await createTestDb(name);
  const t = await startRuntime(db, options);
  return {
    ...t,
    close: async () => {
      await t.close();
      await db.drop();
    },
  };
}

/**
 * The database pg-boss lives in, for SQL in its transactions: the test database itself, or a
 * connection of its own to the separate jobs database (close it after use).
 */
export async function bossDatabase(t: TestRuntime): Promise<{ db: Kysely<DB>; close(): Promise<void> }> {
  if (!t.env.JOBS_DATABASE_URL) return { db: t.db.db, close: async () => {} };
  const handle = await connectDatabase({ kind: 'postgres', url: t.env.JOBS_DATABASE_URL }, { DB_POOL_SIZE: 1 });
  return { db: handle.db, close: () => handle.close() };
}

export const TERMINAL_JOB_STATUSES: ReadonlySet<string> = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

/** Waits until generation job `jobId` has ended; its final status. */
export function jobEnd(db: TestDb, jobId: number, timeoutMs = 45_000): Promise<string> {
  return waitFor(
    async () => {
      const row = await db.db.selectFrom('generation_job').select('status').where('id', '=', jobId).executeTakeFirst();
      return row && TERMINAL_JOB_STATUSES.has(row.status) ? row.status : null;
    },
    { timeoutMs, intervalMs: 100, message: `job ${jobId} to end` },
  );
}

/** Rows of a table (job_outbox, complaint, …) of the test database. */
export async function countRows(db: TestDb, table: 'job_outbox' | 'generation_job' | 'complaint' | 'complaint_media' | 'fir' | 'generation_event'): Promise<number> {
  const row = await db.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The `#marker` word of a job's complaint text, by job id (cached): the tests steer their fault
 * hooks per job by what the complaint says.
 */
export function complaintMarkers(dbOf: () => TestDb): (jobId: number) => Promise<string> {
  const markers = new Map<number, string>();
  return async (jobId) => {
    if (!markers.has(jobId)) {
      const row = await dbOf()
        .db.selectFrom('generation_job')
        .innerJoin('fir', 'fir.id', 'generation_job.fir_id')
        .innerJoin('complaint', 'complaint.id', 'fir.complaint_id')
        .select('complaint.text')
        .where('generation_job.id', '=', jobId)
        .executeTakeFirstOrThrow();
      markers.set(jobId, /#(\S+)/.exec(row.text ?? '')?.[1] ?? '');
    }
    return markers.get(jobId)!;
  };
}
