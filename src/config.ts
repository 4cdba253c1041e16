/**
 * The one place that reads process.env. Parsed and validated once, then frozen.
 * `''` counts as unset; a bad value fails at start with a message naming the variable.
 */
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const dbUrl = z
  .string()
  .refine((v) => /^(mysql|postgres|postgresql):\/\//.test(v), 'must start with mysql://, postgres:// or postgresql://');
const pgUrl = z.string().refine((v) => /^(postgres|postgresql):\/\//.test(v), 'must start with postgres:// or postgresql://');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: int(0, 65535).default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** unset -> embedded PGlite in DATA_DIR */
  DATABASE_URL: dbUrl.optional(),
  /** pg-boss database; unset -> DATABASE_URL when that is Postgres, else the embedded PGlite */
  JOBS_DATABASE_URL: pgUrl.optional(),
  REDIS_URL: z.string().refine((v) => /^rediss?:\/\//.test(v), 'must start with redis:// or rediss://').optional(),
  DATA_DIR: z.string().default('./.data'),
  DB_POOL_SIZE: int(1, 500).default(10),
  DB_QUEUE_LIMIT: int(0, 100_000).default(1000),
  DB_IDLE_TIMEOUT_MS: int(1000, 3_600_000).default(60_000),
  DB_CONNECT_RETRIES: int(0, 100).default(8),
  /** opening one connection (TCP + handshake) */
  DB_CONNECT_TIMEOUT_MS: int(100, 600_000).default(2_000),
  /** waiting for a pooled connection (all busy, or the database down) */
  DB_ACQUIRE_TIMEOUT_MS: int(100, 600_000).default(10_000),
  /** one statement (DDL exempt); a connection whose statement timed out is closed; 0: none */
  DB_STATEMENT_TIMEOUT_MS: int(0, 3_600_000).default(10_000),
  /** seed demo data on first start of an empty database (embedded default: on) */
  SEED_DEMO: bool.optional(),
  GRAPHIQL: bool.optional(),
  // ---- limits (checked before execution and before the response cache; see docs/api.md) ----
  /** request body, bytes (uploads have their own limits) */
  MAX_BODY_BYTES: int(1024, 100 * 1024 * 1024).default(1024 * 1024),
  MAX_QUERY_DEPTH: int(2, 1000).default(12),
  MAX_QUERY_ALIASES: int(0, 100_000).default(15),
  MAX_QUERY_DIRECTIVES: int(0, 100_000).default(50),
  MAX_QUERY_TOKENS: int(10, 10_000_000).default(2000),
  /** estimated cost: each object 1, each list field times its first/last (default 10) */
  MAX_QUERY_COST: int(1, 1_000_000_000).default(5000),

  // ---- authentication (JWT) ----
  /** HS256 secret (at least 32 characters); unset and no JWKS: a secret made once in DATA_DIR (not in production) */
  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** RS256/ES256 keys; cached, rotation picked up, an unknown kid refetched at most once a minute */
  AUTH_JWKS_URL: z.url().optional(),
  AUTH_ISSUER: z.string().optional(),
  AUTH_AUDIENCE: z.string().optional(),
  AUTH_CLOCK_SKEW_SECONDS: int(0, 600).default(30),

  // ---- rate limits (cost-based; Redis when REDIS_URL is set, in memory otherwise) ----
  RATE_LIMIT: bool.default(true),
  /** estimated cost a principal (token sub, else client IP) may spend per minute */
  RATE_LIMIT_COST_PER_MINUTE: int(1, 1_000_000_000).default(20_000),
  /** cost all principals together may spend per second (protects the database) */
  RATE_LIMIT_GLOBAL_COST_PER_SECOND: int(1, 1_000_000_000).default(200_000),
  /** prefix of rate-limit keys in Redis; default derived like PUBSUB_NAMESPACE */
  RATE_LIMIT_NAMESPACE: z.string().regex(/^[A-Za-z0-9:_.-]{1,100}$/, 'letters, digits and : _ . - only').optional(),
  /** add extensions.sqlStatements to responses (tests and benchmarks) */
  EXPOSE_SQL_COUNT: bool.default(false),

  // ---- generation jobs (pg-boss) ----
  /** run generation workers inside the gateway (npm run worker runs them on their own) */
  RUN_WORKER: bool.default(true),
  WORKER_CONCURRENCY: int(1, 64).default(2),
  PGBOSS_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier').default('pgboss'),
  JOB_RETRY_LIMIT: int(0, 20).default(4),
  JOB_RETRY_DELAY_SECONDS: int(1, 3600).default(2),
  JOB_RETRY_DELAY_MAX_SECONDS: int(1, 86_400).default(60),
  JOB_EXPIRE_SECONDS: int(10, 86_400).default(900),
  /** a killed worker's job is taken back this long after its last heartbeat (pg-boss minimum 10) */
  JOB_HEARTBEAT_SECONDS: int(10, 3600).default(10),
  /** how often pg-boss looks for lost heartbeats and expired jobs; unset: a fifth of JOB_HEARTBEAT_SECONDS (1-5 s) */
  JOB_SUPERVISE_SECONDS: int(1, 600).optional(),
  JOB_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
  /**
   * a model server down (circuit open, unreachable, 5xx, timeout, 429): the job waits for it this
   * long without spending its retries (0: such faults spend retries like any other)
   */
  JOB_DEPENDENCY_WAIT_MAX_SECONDS: int(0, 604_800).default(3600),
  /** the longest pause between two tries while a job waits for a model server */
  JOB_DEPENDENCY_RETRY_MAX_SECONDS: int(1, 3600).default(30),

  // ---- model servers (unset: the built-in drafter; audio/image refused) ----
  LLM_URL: z.url().optional(),
  LLM_MODEL: z.string().default('default'),
  LLM_API_KEY: z.string().optional(),
  /** a model fault (bad output after repair, 4xx, or outage on the job's last attempt) drafts with the built-in drafter */
  LLM_FALLBACK: bool.default(true),
  ASR_URL: z.url().optional(),
  ASR_MODEL: z.string().default('whisper-1'),
  OCR_URL: z.url().optional(),
  MODEL_TIMEOUT_MS: int(100, 600_000).default(60_000),
  MODEL_RETRIES: int(0, 10).default(2),
  MODEL_CONCURRENCY: int(1, 256).default(4),
  MODEL_BREAKER_THRESHOLD: int(1, 100).default(5),
  MODEL_BREAKER_HALF_OPEN_MS: int(100, 600_000).default(30_000),

  // ---- response cache (Redis when REDIS_URL is set, in-process LRU otherwise) ----
  RESPONSE_CACHE: bool.default(true),
  /** default TTL of a cacheable response */
  CACHE_TTL_MS: int(0, 86_400_000).default(60_000),
  /** legal sections change only by migration */
  CACHE_TTL_LEGAL_MS: int(0, 7 * 86_400_000).default(6 * 3_600_000),
  CACHE_TTL_FIR_MS: int(0, 86_400_000).default(5 * 60_000),
  CACHE_TTL_STATS_MS: int(0, 86_400_000).default(2 * 60_000),
  /** in-process cache bounds */
  CACHE_MAX_ENTRIES: int(1, 10_000_000).default(10_000),
  CACHE_MAX_BYTES: int(1024 * 1024, 64 * 1024 * 1024 * 1024).default(256 * 1024 * 1024),
  /** budget of one Redis cache command; slower counts as a miss */
  CACHE_REDIS_TIMEOUT_MS: int(1, 10_000).default(50),
  /**
   * Redis cache: a gateway serves hits only this long after it last saw the database's log of
   * undelivered invalidations empty (cache/invalidation-log.ts); a write Redis did not take waits
   * at most about this long before it answers
   */
  CACHE_LEASE_MS: int(100, 60_000).default(1000),
  /** how often every process reads that log; keep well under CACHE_LEASE_MS */
  CACHE_LOG_POLL_MS: int(10, 30_000).default(250),
  /** prefix of cache keys in Redis; default derived like PUBSUB_NAMESPACE */
  CACHE_NAMESPACE: z.string().regex(/^[A-Za-z0-9:_.-]{1,100}$/, 'letters, digits and : _ . - only').optional(),
  /** HTTP: compress bodies of at least this many bytes (gzip or brotli by Accept-Encoding) */
  COMPRESS_MIN_BYTES: int(0, 100 * 1024 * 1024).default(1024),

  // ---- persisted operations (trusted documents + APQ) ----
  /** directory of persisted-documents manifests (*.json), reloaded on change; default: the committed schema/generated */
  PERSISTED_DOCUMENTS_DIR: z.string().optional(),
  /** how often the manifest directory is checked for changes besides fs.watch; 0 = fs.watch only */
  PERSISTED_DOCUMENTS_POLL_MS: int(0, 3_600_000).default(2000),
  /** accept only documents from the manifests, from every client */
  PERSISTED_ONLY: bool.default(false),
  /** clients (apollographql-client-name header) that may send only documents from the manifests */
  PERSISTED_ONLY_CLIENTS: z
    .string()
    .regex(/^\s*[A-Za-z0-9._:/@-]+(\s*,\s*[A-Za-z0-9._:/@-]+)*\s*$/, 'comma-separated client names')
    .transform((v) => v.split(',').map((name) => name.trim()))
    .default([]),
  /** Automatic Persisted Queries (Apollo): register documents by hash at run time */
  APQ: bool.default(true),
  /** largest document APQ registers, UTF-8 bytes */
  APQ_MAX_QUERY_BYTES: int(256, 1024 * 1024).default(32 * 1024),
  /** lifetime of a registered document (Redis TTL; in-process: since its last use) */
  APQ_TTL_SECONDS: int(60, 365 * 86_400).default(7 * 86_400),
  /** in-process APQ store (and the local copy in front of Redis): entries and bytes */
  APQ_MAX_ENTRIES: int(1, 1_000_000).default(5000),
  APQ_MAX_BYTES: int(64 * 1024, 4 * 1024 * 1024 * 1024).default(32 * 1024 * 1024),
  /** prefix of APQ keys in Redis; default derived like PUBSUB_NAMESPACE */
  APQ_NAMESPACE: z.string().regex(/^[A-Za-z0-9:_.-]{1,100}$/, 'letters, digits and : _ . - only').optional(),

  // ---- subscriptions ----
  /** prefix of Redis pub/sub channels; default derived from the data database (host and name) */
  PUBSUB_NAMESPACE: z.string().regex(/^[A-Za-z0-9:_.-]{1,100}$/, 'letters, digits and : _ . - only').optional(),
  WS_MAX_SUBSCRIPTIONS: int(1, 10_000).default(100),
  WS_KEEPALIVE_MS: int(1000, 600_000).default(12_000),
});

export type Config = Readonly<
  z.infer<typeof schema> & {
    database: { kind: 'pglite'; dataDir: string } | { kind: 'mysql' | 'postgres'; url: string };
    seedDemo: boolean;
    graphiql: boolean;
  }
>;

export class ConfigError extends Error {}

export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const c = result.data;
  if (c.NODE_ENV === 'production' && !c.AUTH_JWT_SECRET && !c.AUTH_JWKS_URL) {
    throw new ConfigError('Invalid environment:\n  AUTH_JWT_SECRET or AUTH_JWKS_URL: required in production (the embedded secret is for development only)');
  }
  const database: Config['database'] = !c.DATABASE_URL
    ? { kind: 'pglite', dataDir: c.DATA_DIR }
    : { kind: c.DATABASE_URL.startsWith('mysql') ? 'mysql' : 'postgres', url: c.DATABASE_URL };
  return Object.freeze({
    ...c,
    database,
    seedDemo: c.SEED_DEMO ?? database.kind === 'pglite',
    graphiql: c.GRAPHIQL ?? c.NODE_ENV !== 'production',
  });
}

/** Redacts credentials from a URL for logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable url>';
  }
}

/** The config of a process entry point (main.ts, worker.ts): a bad variable prints its message and exits 1. */
export function configOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}
