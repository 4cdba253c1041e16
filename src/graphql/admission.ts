/**
 * Admission: what every request meets before it is answered, by Yoga's plugin chain
 * (plugins/use-admission.ts), by the HTTP fast path that serves cache hits before Yoga
 * (http-fast-path.ts) and by graphql-ws subscriptions (websocket.ts) alike:
 *
 *  1. authentication: the Authorization header's token verified (401 UNAUTHENTICATED otherwise);
 *  2. limits: depth, aliases, directives, tokens and estimated cost (400 BAD_USER_INPUT with
 *     `extensions.limit`); trusted documents from the manifests skip the static ones;
 *  3. rate limit: the principal (token sub, else client IP) spends the operation's cost from its
 *     budget (429 RATE_LIMITED with Retry-After); RateLimit headers go on every answer.
 *
 * One module, so no path can admit what another would refuse. Refusals are counted
 * (graphql_refused_total) and logged with their reason, never with the token.
 */
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { Authenticator } from '../auth/authenticate.ts';
import { AuthError } from '../auth/tokens.ts';
import { principalOf, type Viewer } from '../auth/viewer.ts';
import { AppError } from '../errors.ts';
import type { Metrics } from '../observability/metrics.ts';
import { type Limits, limitError } from './limits.ts';
import { type RateLimiter, rateLimitHeaders, rateLimitedError } from './rate-limit.ts';

export interface AdmissionOptions {
  authenticator: Authenticator;
  /** null: no limits (tests of other things only; the runtime always has them) */
  limits: Limits | null;
  /** null: no rate limit (RATE_LIMIT=false) */
  rateLimiter: RateLimiter | null;
  metrics?: Metrics;
  log: Logger;
  /** whether a document is one of the trusted manifests' (skips the static limits) */
  isTrusted?: (query: string) => boolean;
}

export interface OperationParams {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
}

export type Verdict =
  | { ok: true; viewer: Viewer; cost: number; headers: Record<string, string> }
  | { ok: false; status: number; error: GraphQLError; headers: Record<string, string> };

export interface Admission {
  /** the viewer of an Authorization header, or the 401 */
  authenticate(authorization: string | null | undefined): Promise<{ ok: true; viewer: Viewer } | { ok: false; status: 401; error: GraphQLError }>;
  /** limits and rate limit for an operation of an authenticated viewer */
  admitOperation(viewer: Viewer, clientIp: string | null, params: OperationParams): Promise<Verdict>;
  /** authenticate, then admitOperation */
  admit(authorization: string | null | undefined, clientIp: string | null, params: OperationParams): Promise<Verdict>;
  /** a subscription event about to be delivered spends `cost`; the refusal ends the stream */
  spendEvent(viewer: Viewer, clientIp: string | null, cost: number): Promise<GraphQLError | null>;
}

/**
 * Benchmarks only (load/read/bench.ts "without" runs): admits everything as ADMIN, no limits, no
 * rate limit. Never reachable from the environment; only a program building its own runtime can
 * ask for it (load/lib/unguarded-gateway.ts).
 */
export function unguardedAdmission(): Admission {
  const viewer: Viewer = { role: 'ADMIN', sub: 'benchmark', officerId: null, stationId: null, district: null, state: null, expiresAt: null };
  return {
    authenticate: async () => ({ ok: true, viewer }),
    admitOperation: async (v) => ({ ok: true, viewer: v, cost: 1, headers: {} }),
    admit: async () => ({ ok: true, viewer, cost: 1, headers: {} }),
    spendEvent: async () => null,
  };
}

export function createAdmission(options: AdmissionOptions): Admission {
  const { limits, rateLimiter, metrics, log } = options;
  const refused = (status: number, reason: string) => {
    metrics?.refused.inc({ status: String(status), reason });
    log.info({ status, reason }, 'request refused');
  };

  async function authenticate(authorization: string | null | undefined) {
    try {
      return { ok: true as const, viewer: await options.authenticator.authenticate(authorization) };
    } catch (err) {
      if (!(err instanceof AuthError)) throw err;
      refused(401, err.reason);
      return {
        ok: false as const,
        status: 401 as const,
        error: new AppError('UNAUTHENTICATED', err.message, { reason: err.reason, http: { status: 401, headers: { 'www-authenticate': 'Bearer' } } }),
      };
    }
  }

  async function admitOperation(viewer: Viewer, clientIp: string | null, params: OperationParams): Promise<Verdict> {
    let cost = 1;
    if (limits && typeof params.query === 'string') {
      const verdict = limits.check({
        query: params.query,
        operationName: typeof params.operationName === 'string' ? params.operationName : null,
        variables: params.variables,
        trusted: options.isTrusted?.(params.query) ?? false,
      });
      if (!verdict.ok) {
        refused(400, verdict.limit);
        return { ok: false, status: 400, error: limitError(verdict.limit, verdict.message), headers: {} };
      }
      cost = verdict.cost;
    }
    if (!rateLimiter) return { ok: true, viewer, cost, headers: {} };
    const spend = await rateLimiter.spend(principalOf(viewer, clientIp), cost);
    const headers = rateLimitHeaders(spend);
    if (!spend.allowed) {
      refused(429, spend.refusedBy ?? 'principal');
      return { ok: false, status: 429, error: rateLimitedError(spend), headers };
    }
    return { ok: true, viewer, cost, headers };
  }

  return {
    authenticate,
    admitOperation,
    async admit(authorization, clientIp, params) {
      const who = await authenticate(authorization);
      if (!who.ok) return { ...who, headers: {} };
      return admitOperation(who.viewer, clientIp, params);
    },
    async spendEvent(viewer, clientIp, cost) {
      if (!rateLimiter) return null;
      const spend = await rateLimiter.spend(principalOf(viewer, clientIp), cost);
      if (spend.allowed) return null;
      refused(429, `event-${spend.refusedBy ?? 'principal'}`);
      return rateLimitedError(spend);
    },
  };
}
