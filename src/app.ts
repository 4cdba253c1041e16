/**
 * The Yoga app: schema + plugins in request-path order. Adapters (database, logger, metrics) come
 * in from the composition root (main.ts) or from tests; nothing here reads the environment.
 */
import { createHash } from 'node:crypto';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { createPubSub, createYoga, type YogaServerInstance } from 'graphql-yoga';
import { type Kysely, sql } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from './db/types.ts';
import { type Context, createContext } from './graphql/context.ts';
import type { ResponseStore } from './cache/response-store.ts';
import { ReferenceCache } from './legal/reference-cache.ts';
import { firChangeTags } from './cache/invalidation.ts';
import { createFirChanges, type FirChanges } from './fir/fir.changes.ts';
import { useBodyLimit } from './graphql/plugins/use-body-limit.ts';
import type { RequestListener } from 'node:http';
import { withCacheFastPath } from './graphql/http-fast-path.ts';
import { type Compressor, createCompressor, useCompression } from './graphql/plugins/use-compression.ts';
import { createResponseCache, type ResponseCache } from './graphql/plugins/use-response-cache.ts';
import { persistedOf, usePersistedOperations } from './graphql/plugins/use-persisted-operations.ts';
import type { PersistedSettings } from './graphql/persisted/from-config.ts';
import { maskError, useErrorCodes } from './graphql/plugins/use-error-codes.ts';
import { useMetrics } from './graphql/plugins/use-metrics.ts';
import { useOpsEndpoints } from './graphql/plugins/use-ops-endpoints.ts';
import { requestIdOf, useRequestId } from './graphql/plugins/use-request-id.ts';
import { useSqlCount } from './graphql/plugins/use-sql-count.ts';
import { schema } from './graphql/schema.ts';
import type { GenerationDeps } from './generation/generation.service.ts';
import { createMetrics, type Metrics } from './observability/metrics.ts';
import type { AppPubSub } from './pubsub.ts';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createAuthenticator } from './auth/authenticate.ts';
import { createTokenVerifier, type TokenSettings } from './auth/tokens.ts';
import { personalScopeKey, scopeKey } from './auth/viewer.ts';
import { type Admission, createAdmission, unguardedAdmission } from './graphql/admission.ts';
import { createLimits, DEFAULT_LIMITS, type LimitSettings } from './graphql/limits.ts';
import { clientIpOf, useAdmission } from './graphql/plugins/use-admission.ts';
import { createRateLimiter, type RateLimiter, type RateLimitSettings } from './graphql/rate-limit.ts';
import { requestState } from './graphql/request-state.ts';

export interface AppOptions {
  db: Kysely<DB>;
  log: Logger;
  /** how tokens are verified (a secret or a JWKS URL; see src/auth/tokens.ts) */
  auth: TokenSettings;
  /** query limits; the contract's defaults when omitted (null: none, for tests of other things) */
  limits?: LimitSettings | null;
  /** cost budgets; none when omitted or null */
  rateLimit?: RateLimitSettings | null;
  /** benchmarks only: no authentication, limits or rate limit (see unguardedAdmission); no config sets it */
  unguarded?: boolean;
  metrics?: Metrics;
  graphiql?: boolean;
  maxBodyBytes?: number;
  /** add extensions.sqlStatements to results */
  exposeSqlCount?: boolean;
  production?: boolean;
  draining?: () => boolean;
  /** subscriptions fan-out; in-process when omitted */
  pubsub?: AppPubSub;
  /** submit/retry/cancel; mutations answer SERVICE_UNAVAILABLE without it */
  generation?: GenerationDeps | null;
  /** response cache; none when omitted */
  responseCache?: ResponseCacheSettings | null;
  /** persisted operations (manifests, APQ, persisted-only); none when omitted */
  persisted?: PersistedSettings | null;
  /** compress bodies of at least this many bytes (default 1024) */
  compressMinBytes?: number;
  /** the after-commit path of FIR writes; defaults to the generation deps' one, else one over this app's response cache */
  changes?: FirChanges | null;
}

export interface ResponseCacheSettings {
  store: ResponseStore;
  /** default TTL (ms) of a cacheable response */
  ttlMs: number;
  ttlLegalMs: number;
  ttlFirMs: number;
  ttlStatsMs: number;
}

/** Digest of the printed schema: cache keys of a changed schema never meet the old ones. */
export const SCHEMA_HASH = createHash('sha256').update(printSchema(lexicographicSortSchema(schema))).digest('base64url').slice(0, 16);

/**
 * Root fields every viewer (the anonymous too) sees alike: a document of only these is cached once
 * for everybody; every other one per viewer scope (src/auth/viewer.ts scopeKey).
 */
export const PUBLIC_ROOT_FIELDS = ['Query.legalSections', 'Query.legalSectionsForIpc'];

/** Reference data no operation changes (migrations and the seed do): not tagged in cache entries. */
export const REFERENCE_TYPES = ['LegalSection', 'PoliceStation', 'Officer'];

function cacheTtls(s: ResponseCacheSettings): Record<string, number> {
  return {
    LegalSection: s.ttlLegalMs,
    'Query.legalSections': s.ttlLegalMs,
    'Query.legalSectionsForIpc': s.ttlLegalMs,
    Fir: s.ttlFirMs,
    'Query.firStats': s.ttlStatsMs,
    // Job progress changes at every stage and is pushed by subscriptions: never cached.
    GenerationJob: 0,
    GenerationEvent: 0,
  };
}

export type App = YogaServerInstance<Record<string, unknown>, Context>;

/** the response cache and compressor of an app, for its HTTP handler */
const httpParts = new WeakMap<App, { cache: ResponseCache | null; compressor: Compressor; admission: Admission; rateLimiter: RateLimiter | null }>();

/** The admission of an app (graphql-ws subscriptions use the same one as HTTP). */
export function admissionOf(app: App): Admission {
  return httpParts.get(app)!.admission;
}

/** Closes what an app holds beyond its database (the rate limiter's store). */
export async function closeApp(app: App): Promise<void> {
  await httpParts.get(app)?.rateLimiter?.close();
}

/**
 * The node:http request listener of an app: cache hits answered before Yoga when the app has a
 * response cache (src/graphql/http-fast-path.ts), everything else by Yoga.
 */
export function createHttpHandler(app: App): RequestListener {
  const parts = httpParts.get(app);
  if (!parts?.cache) return app;
  const persisted = persistedOf(app);
  return withCacheFastPath(app, {
    cache: parts.cache,
    compressor: parts.compressor,
    admission: parts.admission,
    // Requests by id, and text from persisted-only clients unless it is a manifest document, go
    // through Yoga and the persisted operations rules.
    admits: (params, header) => {
      if (params.documentId != null || (params.extensions as { persistedQuery?: unknown } | undefined)?.persistedQuery != null) return false;
      if (!persisted || typeof params.query !== 'string') return true;
      return !persisted.isPersistedOnly(header('apollographql-client-name')) || persisted.options.manifests.byText(params.query) != null;
    },
  });
}

export function createApp(options: AppOptions): App {
  const metrics = options.metrics ?? createMetrics();
  const log = options.log;
  const pubsub = options.pubsub ?? options.generation?.pubsub ?? createPubSub();
  const compressor = createCompressor({ minBytes: options.compressMinBytes ?? 1024 });
  const reference = new ReferenceCache();
  const persisted0 = options.persisted ?? null;
  const rateLimiter = options.rateLimit ? createRateLimiter(options.rateLimit) : null;
  const admission = options.unguarded ? unguardedAdmission() : createAdmission({
    authenticator: createAuthenticator({ verifier: createTokenVerifier(options.auth), db: options.db }),
    limits: options.limits === null ? null : createLimits(schema, options.limits ?? DEFAULT_LIMITS),
    rateLimiter,
    metrics,
    log,
    isTrusted: (query) => persisted0?.manifests.byText(query) != null,
  });
  const store = options.responseCache?.store;
  const changes =
    options.changes ?? options.generation?.changes ?? createFirChanges({ pubsub, invalidate: store ? (c) => store.invalidate(firChangeTags(c)) : null, log });
  const responseCache = options.responseCache
    ? createResponseCache({
        store: options.responseCache.store,
        schemaHash: SCHEMA_HASH,
        ttlMs: options.responseCache.ttlMs,
        ttlPerCoordinate: cacheTtls(options.responseCache),
        publicRootFields: PUBLIC_ROOT_FIELDS,
        scopeOf: (request) => scopeKey(requestState(request).viewer),
        personalRootFields: ['Query.viewer'],
        personalScopeOf: (request) => personalScopeKey(requestState(request).viewer),
        admitted: (request) => requestState(request).admitted,
        untaggedTypes: REFERENCE_TYPES,
        onLookup: (outcome) => metrics.responseCache.inc({ outcome, store: options.responseCache!.store.kind }),
        // Answered without execution: counted like the executed queries use-metrics sees.
        onServedEarly: (seconds) => {
          metrics.requests.inc({ operation_type: 'query', status: 'ok' });
          metrics.duration.observe({ operation_type: 'query' }, seconds);
        },
        onError: (err) => log.debug({ err: { type: (err as Error)?.name } }, 'response cache error'),
      })
    : null;
  const app = createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    // In production GraphiQL is for ADMIN only (a verified ADMIN token in the Authorization header).
    graphiql: !options.graphiql
      ? false
      : options.production
        ? async (request) => {
            const who = await admission.authenticate(request.headers.get('authorization'));
            return who.ok && who.viewer.role === 'ADMIN' ? { title: 'AFIRGen GraphQL' } : false;
          }
        : { title: 'AFIRGen GraphQL' },
    maskedErrors: { maskError: maskError() },
    // Our /health (use-ops-endpoints) answers; Yoga's built-in one is moved out of the way.
    healthCheckEndpoint: '/.yoga/health',
    logging: {
      debug: (...a) => log.debug(a.map(String).join(' ')),
      info: (...a) => log.info(a.map(String).join(' ')),
      warn: (...a) => log.warn(a.map(String).join(' ')),
      // Unexpected errors are logged by use-error-codes with their request id; this is Yoga's echo.
      error: (...a) => log.debug(a.map((x) => (x instanceof Error ? x.name : String(x))).join(' ')),
    },
    context: (initial) => {
      const { request } = initial;
      const requestId = requestIdOf(request);
      const state = requestState(request);
      const viewer = state.viewer;
      const clientIp = clientIpOf(initial) ?? (initial as { clientIp?: string | null }).clientIp ?? null;
      return createContext({
        viewer,
        spendEvent: () => admission.spendEvent(viewer, clientIp, Math.max(1, state.cost)),
        db: options.db,
        log: log.child({ requestId }),
        requestId,
        pubsub,
        generation: options.generation ?? null,
        changes,
        reference,
      });
    },
    plugins: [
      useRequestId(),
      useOpsEndpoints({
        registry: metrics.registry,
        ready: async () => void (await sql`select 1`.execute(options.db)),
        draining: options.draining,
      }),
      useBodyLimit({ maxBytes: options.maxBodyBytes ?? 1024 * 1024 }),
      // GET and non-JSON (multipart, form) requests must carry one of these headers (docs/api.md).
      useCSRFPrevention({ requestHeaders: ['x-graphql-csrf', 'graphql-preflight'] }),
      useErrorCodes(log),
      useMetrics(metrics),
      useSqlCount({ expose: options.exposeSqlCount ?? false, observe: (n) => metrics.sqlStatements.observe(n) }),
      // Before the response cache: it keys its early hits on params.query, which this fills in for requests by id.
      ...(options.persisted ? [usePersistedOperations({ ...options.persisted, metrics, log })] : []),
      // After persisted operations (an id is a document by then), before the response cache.
      useAdmission({ admission, production: options.production }),
      ...(responseCache ? [responseCache.plugin] : []),
      useCompression({ compressor }),
    ],
  });
  httpParts.set(app, { cache: responseCache, compressor, admission, rateLimiter });
  return app;
}
