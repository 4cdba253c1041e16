/**
 * The Yoga app: schema + plugins in request-path order. Adapters (database, logger, metrics) come
 * in from the composition root (main.ts) or from tests; nothing here reads the environment.
 */
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
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
import { createMetrics, type Metrics } from './observability/metrics.ts';

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
}

export type App = YogaServerInstance<Record<string, unknown>, Context>;

export function createApp(options: AppOptions): App {
  const metrics = options.metrics ?? createMetrics();
  const log = options.log;
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: options.graphiql ? { title: 'AFIRGen GraphQL' } : false,
    maskedErrors: { maskError: maskError(log) },
    logging: {
      debug: (...a) => log.debug(a.map(String).join(' ')),
      info: (...a) => log.info(a.map(String).join(' ')),
      warn: (...a) => log.warn(a.map(String).join(' ')),
      error: (...a) => log.error(a.map((x) => (x instanceof Error ? x.name : String(x))).join(' ')),
    },
    context: ({ request }) => {
      const requestId = requestIdOf(request);
      return createContext({ db: options.db, log: log.child({ requestId }), requestId });
    },
    plugins: [
      useRequestId(),
      useOpsEndpoints({
        registry: metrics.registry,
        ready: async () => void (await sql`select 1`.execute(options.db)),
        draining: options.draining,
      }),
      useBodyLimit({ maxBytes: options.maxBodyBytes ?? 2 * 1024 * 1024 }),
      useErrorCodes(),
      useMetrics(metrics),
      useSqlCount({ expose: options.exposeSqlCount ?? false, observe: (n) => metrics.sqlStatements.observe(n) }),
    ],
  });
}
