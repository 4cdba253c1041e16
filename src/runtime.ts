/**
 * Builds the running system from a Config: database, pub/sub, pg-boss, enqueuer (transactional
 * or outbox + relay), models, workers and the Yoga app. main.ts (gateway), worker.ts and the
 * integration tests all compose the system through here, so they run the same code.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { type App, closeApp, createApp } from './app.ts';
import type { Config } from './config.ts';
import type { DB } from './db/types.ts';
import { connectDatabase, type DatabaseHandle } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { GenerationDeps } from './generation/generation.service.ts';
import type { PipelineDeps, Stage } from './generation/pipeline.ts';
import { type BossTarget, startBoss } from './jobs/boss.ts';
import { type JobEnqueuer, OutboxRelay, outboxEnqueuer, transactionalEnqueuer } from './jobs/enqueue.ts';
import { startGenerationWorker } from './jobs/generation-worker.ts';
import { createModels } from './models/index.ts';
import { createMetrics, type Metrics } from './observability/metrics.ts';
import { createAppPubSub } from './pubsub.ts';
import { createMemoryStore, createRedisStore, type ResponseStore } from './cache/response-store.ts';
import { firChangeTags } from './cache/invalidation.ts';
import { createInvalidationLog, type InvalidationLog, withInvalidationLog } from './cache/invalidation-log.ts';
import { createFirChanges, type FirChanges } from './fir/fir.changes.ts';
import { persistedFromConfig } from './graphql/persisted/from-config.ts';
import { Redis } from 'ioredis';
import { tokenSettings } from './auth/keys.ts';

export interface RuntimeOptions {
  log: Logger;
  /** start generation workers in this process */
  worker: boolean;
  /** build the HTTP app (gateway) */
  gateway: boolean;
  metrics?: Metrics;
  draining?: () => boolean;
  /** tests: fault injection */
  hooks?: { beforeStage?: PipelineDeps['beforeStage']; afterRelaySend?: (jobId: number) => void | Promise<void> };
  /** tests: reuse an already-connected database */
  database?: DatabaseHandle;
  /** benchmarks only: the app without admission (load/lib/unguarded-gateway.ts) */
  unguarded?: boolean;
}

export interface Runtime {
  config: Config;
  database: DatabaseHandle;
  app: App | null;
  generation: GenerationDeps;
  relay: OutboxRelay | null;
  boss: Awaited<ReturnType<typeof startBoss>>;
  metrics: Metrics;
  close(): Promise<void>;
}

export function bossTarget(config: Config, database: DatabaseHandle): { target: BossTarget; transactional: boolean } {
  const jobsUrl = config.JOBS_DATABASE_URL;
  if (jobsUrl) {
    const same = config.database.kind === 'postgres' && sameDatabase(config.database.url, jobsUrl);
    return { target: { url: jobsUrl }, transactional: same };
  }
  if (config.database.kind === 'pglite') return { target: { pglite: database.pglite! }, transactional: true };
  if (config.database.kind === 'postgres') return { target: { url: config.database.url }, transactional: true };
  throw new Error('JOBS_DATABASE_URL is required when DATABASE_URL is MySQL: pg-boss needs PostgreSQL');
}

/** Processes that share the data database (gateways and workers of one deployment) share events. */
export function pubsubNamespace(config: Config): string {
  if (config.PUBSUB_NAMESPACE) return config.PUBSUB_NAMESPACE;
  const identity = config.database.kind === 'pglite' ? `pglite:${config.database.dataDir}` : new URL(config.database.url).host + new URL(config.database.url).pathname;
  return `afirgen:${createHash('sha256').update(identity).digest('hex').slice(0, 12)}`;
}

/**
 * The response cache store: Redis when REDIS_URL is set (shared by gateways and workers, so a job
 * finished by a worker process invalidates what every gateway serves), an in-process LRU otherwise
 * (then only a process with a gateway needs one).
 */
export function createResponseStore(config: Config, log: Logger, gateway: boolean, db: Kysely<DB>): ResponseStore | null {
  if (!config.RESPONSE_CACHE) return null;
  if (config.REDIS_URL) {
    const longest = Math.max(config.CACHE_TTL_MS, config.CACHE_TTL_LEGAL_MS, config.CACHE_TTL_FIR_MS, config.CACHE_TTL_STATS_MS);
    let warned = 0;
    let logWarned = 0;
    // Invalidations Redis missed go through the database to every gateway; its lease gates hits.
    const invalidations: InvalidationLog = createInvalidationLog({
      db,
      deliver: (tags) => shared.invalidate(tags),
      leaseMs: config.CACHE_LEASE_MS,
      pollMs: Math.min(config.CACHE_LOG_POLL_MS, Math.floor(config.CACHE_LEASE_MS / 2)),
      onError: (err) => {
        if (Date.now() - logWarned > 60_000) {
          logWarned = Date.now();
          log.warn({ err: { type: (err as Error)?.name, code: (err as { code?: string })?.code } }, 'response cache: invalidation log unreachable, serving uncached');
        }
      },
    });
    const shared = createRedisStore({
      lease: invalidations,
      url: config.REDIS_URL,
      namespace: config.CACHE_NAMESPACE ?? `${pubsubNamespace(config)}:cache`,
      timeoutMs: config.CACHE_REDIS_TIMEOUT_MS,
      versionTtlMs: 2 * longest,
      onError: (err) => {
        // Served uncached while Redis is away; say so once a minute, not per request.
        if (Date.now() - warned > 60_000) {
          warned = Date.now();
          log.warn({ err: { type: err.name, code: (err as { code?: string }).code } }, 'response cache: Redis unavailable, serving uncached');
        }
      },
    });
    invalidations.start();
    return withInvalidationLog(shared, invalidations);
  }
  return gateway ? createMemoryStore({ maxEntries: config.CACHE_MAX_ENTRIES, maxBytes: config.CACHE_MAX_BYTES }) : null;
}

function sameDatabase(a: string, b: string): boolean {
  const x = new URL(a);
  const y = new URL(b);
  return x.hostname === y.hostname && (x.port || '5432') === (y.port || '5432') && x.pathname === y.pathname;
}

export async function createRuntime(config: Config, options: RuntimeOptions): Promise<Runtime> {
  const { log } = options;
  const metrics = options.metrics ?? createMetrics();
  const database = options.database ?? (await connectDatabase(config.database, config));
  await migrateToLatest(database.db);
  const { pubsub, close: closePubSub } = createAppPubSub(config.REDIS_URL, pubsubNamespace(config));
  const { target, transactional } = bossTarget(config, database);
  const boss = await startBoss(
    target,
    {
      retryLimit: config.JOB_RETRY_LIMIT,
      retryDelaySeconds: config.JOB_RETRY_DELAY_SECONDS,
      retryDelayMaxSeconds: config.JOB_RETRY_DELAY_MAX_SECONDS,
      expireInSeconds: config.JOB_EXPIRE_SECONDS,
      heartbeatSeconds: config.JOB_HEARTBEAT_SECONDS,
      superviseIntervalSeconds: config.JOB_SUPERVISE_SECONDS,
    },
    { schema: config.PGBOSS_SCHEMA, onError: (err) => log.warn({ err: { type: err.name } }, 'pg-boss error') },
  );
  let relay: OutboxRelay | null = null;
  let jobs: JobEnqueuer;
  if (transactional) {
    jobs = transactionalEnqueuer(boss);
  } else {
    relay = new OutboxRelay(database.db, boss, {
      afterSend: options.hooks?.afterRelaySend,
      onError: (err) => log.warn({ err: { type: (err as Error)?.name } }, 'outbox relay failed; will retry'),
    });
    relay.start();
    jobs = outboxEnqueuer(relay);
  }
  const cache = createResponseStore(config, log, options.gateway, database.db);
  // The one after-commit path of every FIR write, shared by the API and the workers of this process.
  const changes: FirChanges = createFirChanges({ pubsub, invalidate: cache ? (c) => cache.invalidate(firChangeTags(c)) : null, log });
  const models = createModels(config, log);
  const persisted = options.gateway ? persistedFromConfig(config, log, pubsubNamespace(config)) : null;
  const generation: GenerationDeps = { db: database.db, pubsub, jobs, media: { asr: !!models.asr, ocr: !!models.ocr }, changes };
  if (options.worker) {
    await startGenerationWorker(
      boss,
      { db: database.db, drafter: models.drafter, fallbackDrafter: models.fallbackDrafter, pubsub, log, asr: models.asr, ocr: models.ocr, beforeStage: options.hooks?.beforeStage, changes,
        dependencyWait: {
          maxSeconds: config.JOB_DEPENDENCY_WAIT_MAX_SECONDS,
          retryDelaySeconds: config.JOB_RETRY_DELAY_SECONDS,
          retryMaxSeconds: config.JOB_DEPENDENCY_RETRY_MAX_SECONDS,
        },
      },
      { concurrency: config.WORKER_CONCURRENCY, pollingIntervalSeconds: config.JOB_POLL_SECONDS },
    );
  }
  // Rate-limit budgets in Redis when there is one (shared by every gateway), else in memory.
  const rateRedis =
    options.gateway && config.RATE_LIMIT && config.REDIS_URL
      ? new Redis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 })
      : null;
  rateRedis?.on('error', () => {}); // answered by the in-memory insurance limiter meanwhile
  const app = options.gateway
    ? createApp({
        db: database.db,
        log,
        auth: tokenSettings(config),
        unguarded: options.unguarded,
        limits: {
          maxDepth: config.MAX_QUERY_DEPTH,
          maxAliases: config.MAX_QUERY_ALIASES,
          maxDirectives: config.MAX_QUERY_DIRECTIVES,
          maxTokens: config.MAX_QUERY_TOKENS,
          maxCost: config.MAX_QUERY_COST,
        },
        rateLimit: config.RATE_LIMIT
          ? {
              costPerMinute: config.RATE_LIMIT_COST_PER_MINUTE,
              globalCostPerSecond: config.RATE_LIMIT_GLOBAL_COST_PER_SECOND,
              redis: rateRedis,
              namespace: `${config.RATE_LIMIT_NAMESPACE ?? pubsubNamespace(config)}:rl`,
            }
          : null,
        metrics,
        graphiql: config.graphiql,
        maxBodyBytes: config.MAX_BODY_BYTES,
        exposeSqlCount: config.EXPOSE_SQL_COUNT,
        production: config.NODE_ENV === 'production',
        draining: options.draining,
        pubsub,
        generation,
        changes,
        compressMinBytes: config.COMPRESS_MIN_BYTES,
        persisted,
        responseCache: cache
          ? { store: cache, ttlMs: config.CACHE_TTL_MS, ttlLegalMs: config.CACHE_TTL_LEGAL_MS, ttlFirMs: config.CACHE_TTL_FIR_MS, ttlStatsMs: config.CACHE_TTL_STATS_MS }
          : null,
      })
    : null;
  return {
    config,
    database,
    app,
    generation,
    relay,
    boss,
    metrics,
    async close() {
      if (app) await closeApp(app);
      rateRedis?.disconnect();
      await relay?.stop();
      // Within the 9 s shutdown deadline of server.ts/worker.ts; a job still running after this stays
      // active in pg-boss and is picked up again once its heartbeat lapses (resumable).
      await boss.stop({ graceful: true, timeout: 5_000 }).catch(() => {});
      await closePubSub();
      await cache?.close();
      await persisted?.close();
      if (!options.database) await database.close();
    },
  };
}

export type { Stage };
