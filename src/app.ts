/**
 * The Yoga app: schema + plugins in request-path order. Adapters (database, logger, metrics) come
 * in from the composition root (main.ts) or from tests; nothing here reads the environment.
 */
import { createPubSub, createYoga, type YogaServerInstance } from 'graphql-yoga';
import { type Kysely, sql } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from './db/types.ts';
import { type Context, createContext } from './graphql/context.ts';
import { useBodyLimit } from './graphql/plugins/use-body-limit.ts';
import { maskError, useErrorCodes } from './graphql/plugins/use-error-codes.ts';
import { useMetrics } from './graphql/plugins/use-metrics.ts';
import { useOpsEndpoints } from './graphql/plugins/use-ops-endpoints.ts';
import { requestIdOf, useRequestId } from './graphql/plugins/use-request-id.ts';
import { useSqlCount } from './graphql/plugins/use-sql-count.ts';
import { schema } from './graphql/schema/index.ts';
import type { GenerationDeps } from './generation/generation.service.ts';
import { createMetrics, type Metrics } from './observability/metrics.ts';
import type { AppPubSub } from './pubsub.ts';

export interface AppOptions {
  db: Kysely<DB>;
  log: Logger;
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
}

export type App = YogaServerInstance<Record<string, unknown>, Context>;

export function createApp(options: AppOptions): App {
  const metrics = options.metrics ?? createMetrics();
  const log = options.log;
  const pubsub = options.pubsub ?? options.generation?.pubsub ?? createPubSub();
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: options.graphiql ? { title: 'AFIRGen GraphQL' } : false,
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
    context: ({ request }) => {
      const requestId = requestIdOf(request);
      return createContext({ db: options.db, log: log.child({ requestId }), requestId, pubsub, generation: options.generation ?? null });
    },
    plugins: [
      useRequestId(),
      useOpsEndpoints({
        registry: metrics.registry,
        ready: async () => void (await sql`select 1`.execute(options.db)),
        draining: options.draining,
      }),
      useBodyLimit({ maxBytes: options.maxBodyBytes ?? 2 * 1024 * 1024 }),
      useErrorCodes(log),
      useMetrics(metrics),
      useSqlCount({ expose: options.exposeSqlCount ?? false, observe: (n) => metrics.sqlStatements.observe(n) }),
    ],
  });
}
