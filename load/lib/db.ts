/**
 * The database a benchmark runs against: an external one given by URL (used as is), or a fresh
 * embedded PGlite in a temporary DATA_DIR seeded with `npm run seed` (removed at exit unless kept).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../src/config.ts';
import { connectDatabase, type DatabaseHandle } from '../../src/db/connect.ts';
import { REPO_ROOT, onCleanup } from './gateway.ts';
import { log } from './report.ts';
import { BENCH_AUTH_ENV } from './auth.ts';

export type Target =
  | { kind: 'embedded'; dataDir: string; /** how it was made, e.g. "20,000 FIRs, seed 1" */ source: string }
  | { kind: 'url'; url: string };

/** pg-boss's database when the data database is MySQL and none is given (schema `pgboss_bench`) */
export const DEFAULT_JOBS_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The env the gateway child gets for this target. pg-boss needs PostgreSQL: with a MySQL data
 * database it goes to `jobsUrl` (default: JOBS_DATABASE_URL from the environment, else
 * DEFAULT_JOBS_DATABASE_URL) in its own schema `pgboss_bench`, so benchmarks never touch the
 * application's job tables.
 */
export function gatewayEnv(target: Target, jobsUrl?: string): Record<string, string> {
  if (target.kind === 'embedded') return { ...BENCH_AUTH_ENV, DATA_DIR: target.dataDir };
  if (!target.url.startsWith('mysql')) return { ...BENCH_AUTH_ENV, DATABASE_URL: target.url };
  const jobs = jobsUrl ?? process.env.JOBS_DATABASE_URL ?? DEFAULT_JOBS_DATABASE_URL;
  assertLocal(jobs);
  return { ...BENCH_AUTH_ENV, DATABASE_URL: target.url, JOBS_DATABASE_URL: jobs, PGBOSS_SCHEMA: 'pgboss_bench' };
}

export function describeTarget(target: Target): string {
  if (target.kind === 'embedded') return `embedded PGlite (${target.source}) in ${target.dataDir}`;
  try {
    const u = new URL(target.url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable url>';
  }
}

/** Refuses anything but loopback: benchmarks never touch a shared database. */
export function assertLocal(url: string): void {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
    throw new Error(`refusing to benchmark against ${host}: only 127.0.0.1/localhost databases are allowed`);
  }
}

/**
 * A fresh temp DATA_DIR, migrated and seeded through the seed CLI (`node src/db/seed-cli.ts`, what
 * `npm run seed` runs) in a child process.
 */
export async function prepareEmbedded(opts: { firs: number; seed: number; keep?: boolean }): Promise<Target> {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'afirgen-bench-'));
  if (opts.keep) log(`keeping DATA_DIR ${dataDir}`);
  else onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  log(`seeding ${opts.firs.toLocaleString('en-US')} FIRs into PGlite at ${dataDir}`);
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['src/db/seed-cli.ts', '--firs', String(opts.firs), '--seed', String(opts.seed)], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onCleanup(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let out = '';
    const collect = (c: Buffer) => {
      out += c.toString('utf8');
      if (out.length > 20_000) out = out.slice(-20_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`seed failed (${signal ?? `exit ${code}`}):\n${out.slice(-3000)}`)),
    );
  });
  log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { kind: 'embedded', dataDir, source: `${opts.firs.toLocaleString('en-US')} FIRs, seed ${opts.seed}` };
}

/** A temp copy of an already seeded PGlite directory (the original is never opened). */
export function copyEmbedded(from: string, opts: { keep?: boolean } = {}): Target {
  if (!existsSync(join(from, 'PG_VERSION'))) throw new Error(`${from} is not a PGlite data directory (no PG_VERSION)`);
  const dataDir = mkdtempSync(join(os.tmpdir(), 'afirgen-bench-'));
  if (opts.keep) log(`keeping DATA_DIR ${dataDir}`);
  else onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  cpSync(from, dataDir, { recursive: true });
  return { kind: 'embedded', dataDir, source: `copy of ${from}` };
}

/**
 * A direct connection for setup queries. For embedded PGlite it must be closed before the gateway
 * starts (one process per data directory).
 */
export function openDatabase(target: Target): Promise<DatabaseHandle> {
  const database: Config['database'] =
    target.kind === 'embedded'
      ? { kind: 'pglite', dataDir: target.dataDir }
      : { kind: target.url.startsWith('mysql') ? 'mysql' : 'postgres', url: target.url };
  return connectDatabase(database, { DB_POOL_SIZE: 2, DB_CONNECT_RETRIES: 2 });
}
