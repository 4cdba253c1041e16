/**
 * The real services (MariaDB, PostgreSQL, Redis) the `*.services.test.ts` files need. `.ci/run`
 * starts them and exports the variables below (`bash .ci/run --services-only` prints them).
 *
 * vitest.config.ts runs the services files only when this environment is present (see
 * servicesConfigured); inside a services file a missing variable or binary is a hard failure
 * (requireServices, requireRedisServer), never a skip.
 *
 * No vitest import here: vitest.config.ts imports this file too.
 */
import { spawnSync } from 'node:child_process';

export const SERVICE_VARIABLES = ['TEST_MYSQL_URL', 'TEST_POSTGRES_URL', 'TEST_JOBS_DATABASE_URL', 'TEST_REDIS_URL'] as const;

/** `*.services.test.ts`: a test file that needs the real services. */
export const SERVICES_TEST_GLOB = 'tests/**/*.services.test.ts';

export const HOW_TO_RUN_SERVICES = 'bash .ci/run (CI: services, npm ci, npm test), or `bash .ci/run --services-only` and export the TEST_* lines it prints';

export interface Services {
  /** MariaDB admin URL: each test file creates and drops throwaway databases on it */
  mysql: string;
  /** PostgreSQL admin URL, likewise */
  postgres: string;
  /** a PostgreSQL database for pg-boss next to a MariaDB data database (each test uses a schema of its own) */
  jobs: string;
  /** Redis (pub/sub channels and cache keys are namespaced per test) */
  redis: string;
}

/** Whether any of the services variables is set: then the services files run (and fail hard on a missing one). */
export function servicesConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return SERVICE_VARIABLES.some((name) => Boolean(env[name]));
}

/** The services environment; throws naming every missing variable. */
export function requireServices(env: NodeJS.ProcessEnv = process.env): Services {
  const missing = SERVICE_VARIABLES.filter((name) => !env[name]);
  if (missing.length) {
    throw new Error(`this *.services.test.ts file needs the real services, but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set. Run it with ${HOW_TO_RUN_SERVICES}.`);
  }
  return { mysql: env.TEST_MYSQL_URL!, postgres: env.TEST_POSTGRES_URL!, jobs: env.TEST_JOBS_DATABASE_URL!, redis: env.TEST_REDIS_URL! };
}

/** Tests that start, freeze and kill a redis-server of their own need the binary; throws if it is missing. */
export function requireRedisServer(): void {
  const probe = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  if (probe.status !== 0) throw new Error(`this test starts a redis-server of its own, but \`redis-server --version\` failed (${probe.error?.message ?? `exit ${probe.status}`}); install Redis (.ci/run expects the Debian package)`);
}
