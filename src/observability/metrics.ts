/** Prometheus metrics (prom-client). Names are the ones deploy/ alerts and dashboards use. */
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  requests: Counter<'operation_type' | 'status'>;
  duration: Histogram<'operation_type'>;
  sqlStatements: Histogram;
  errors: Counter<'code'>;
  responseCache: Counter<'outcome' | 'store'>;
  persisted: Counter<'client' | 'outcome' | 'source'>;
  /** requests refused before execution: 401 (token), 400 (limit), 429 (rate limit); reason without token contents */
  refused: Counter<'status' | 'reason'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new Counter({
      name: 'graphql_requests_total',
      help: 'GraphQL operations by type and outcome',
      labelNames: ['operation_type', 'status'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'GraphQL operation duration',
      labelNames: ['operation_type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    sqlStatements: new Histogram({
      name: 'graphql_sql_statements_per_request',
      help: 'SQL statements issued by one GraphQL operation',
      buckets: [0, 1, 2, 3, 4, 5, 8, 13, 21, 50],
      registers: [registry],
    }),
    errors: new Counter({ name: 'graphql_errors_total', help: 'GraphQL errors by code', labelNames: ['code'], registers: [registry] }),
    responseCache: new Counter({
      name: 'graphql_response_cache_lookups_total',
      help: 'Response cache lookups: hit, miss, or skip (not a cacheable query)',
      labelNames: ['outcome', 'store'],
      registers: [registry],
    }),
    persisted: new Counter({
      name: 'graphql_persisted_operations_total',
      help: 'Persisted operations by client (apollographql-client-name): hit, miss, registered (APQ) or rejected; source manifest or apq',
      labelNames: ['client', 'outcome', 'source'],
      registers: [registry],
    }),
    refused: new Counter({
      name: 'graphql_refused_total',
      help: 'Requests refused before execution by status (401 bad token, 400 over a limit, 429 over a rate limit) and reason',
      labelNames: ['status', 'reason'],
      registers: [registry],
    }),
  };
}
