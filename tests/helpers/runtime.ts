/**
 * A whole running system (database, pg-boss, pub/sub, workers, app) for one dialect, isolated:
 *  - pglite: in-memory PGlite for data and pg-boss, in-process pub/sub;
 *  - mysql: throwaway MariaDB database, pg-boss in its own schema of TEST_JOBS_DATABASE_URL
 *    (outbox relay), Redis pub/sub on TEST_REDIS_URL when set;
 *  - postgres: throwaway PostgreSQL database holding data and pg-boss (enqueue in transaction),
 *    Redis pub/sub when TEST_REDIS_URL is set.
 */
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { parseConfig } from '../../src/config.ts';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../src/runtime.ts';
import { createTestDb, type DialectName, type TestDb } from './db.ts';

export interface TestRuntime {
  rt: Runtime;
  db: TestDb;
  /** the environment the runtime was configured with (to start child processes alike) */
  env: Record<string, string>;
  close(): Promise<void>;
}

export function runtimeEnv(db: TestDb, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {
    LOG_LEVEL: 'silent',
    JOB_POLL_SECONDS: '0.5',
    JOB_RETRY_DELAY_SECONDS: '1',
    JOB_RETRY_DELAY_MAX_SECONDS: '2',
    PGBOSS_SCHEMA: `pgboss_${randomBytes(4).toString('hex')}`,
    EXPOSE_SQL_COUNT: 'true',
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

export async function testRuntime(
  name: DialectName,
  options: { worker?: boolean; env?: Record<string, string>; hooks?: RuntimeOptions['hooks'] } = {},
): Promise<TestRuntime> {
  const db = await createTestDb(name);
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
    close: async () => {
      await rt.close();
      await db.drop();
    },
  };
}

/** Polls `fn` until it returns something truthy; its errors end the wait at once. */
export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 45_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
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
