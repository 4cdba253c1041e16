/**
 * Cost-based rate limits. Every principal (token `sub`, else client IP) spends the estimated cost
 * of each operation from a per-minute budget; all principals together spend from a per-second
 * ceiling that protects the database. Built on rate-limiter-flexible, whose consume(key, points)
 * is one atomic Lua script in Redis, so every gateway sharing the Redis shares the budgets.
 *
 * - Order. The principal's budget is spent first; a principal over it is refused before the
 *   global ceiling is touched, so it can never use up what other principals need. When the
 *   principal's spend succeeds but the ceiling refuses, the principal gets its points back.
 * - A refusal consumes nothing. The library's consume counts a refused attempt too; every refused
 *   consume is undone with reward(), so a refused 500-cost query leaves the budget as it was and a
 *   smaller one that fits still goes through. A cost larger than a whole budget is refused without
 *   calling the store at all. (Between a refused consume and its undo, a concurrent spend of the
 *   same principal sees the higher count and may be refused too; never another principal's.)
 * - Redis outage. Each Redis limiter sits in RLWrapperTimeouts (timeoutMs, default 50 ms) with a
 *   RateLimiterMemory as insuranceLimiter: a down, frozen or not-yet-ready Redis (ioredis status
 *   other than 'ready': rejectIfRedisNotReady, nothing waits in the offline queue) is answered by
 *   the same budgets counted in this process, so nobody is refused for Redis's sake and nobody
 *   spends without bound. The insurance sits on the wrapper, not on the Redis limiter: a command
 *   that timed out and fails later does not reach the insurance a second time.
 * - Keys. `<namespace>:cost:p:<sha256 of the principal>` (never the principal as given) and
 *   `<namespace>:cost:g:all`, each expiring with its window (the library's fixed window, which
 *   starts at the first spend).
 * - ioredis is the library's default client: storeClient only (useRedisPackage is for the
 *   `redis` package v4+ and would break ioredis). The client belongs to the caller, who closes it.
 */
import { createHash } from 'node:crypto';
import type { GraphQLError } from 'graphql';
import type { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes, RLWrapperTimeouts } from 'rate-limiter-flexible';
import { AppError } from '../errors.ts';

/** the principal's window, seconds (RATE_LIMIT_COST_PER_MINUTE) */
export const PRINCIPAL_WINDOW_SECONDS = 60;
/** the global ceiling's window, seconds (RATE_LIMIT_GLOBAL_COST_PER_SECOND) */
export const GLOBAL_WINDOW_SECONDS = 1;
/** the policy name in the RateLimit and RateLimit-Policy headers */
export const POLICY_NAME = 'cost';

export interface RateLimitSettings {
  /** per principal, window 60 s */
  costPerMinute: number;
  /** all principals together, window 1 s */
  globalCostPerSecond: number;
  /** null/undefined: in memory (one process). The caller owns (and closes) the client. */
  redis?: Redis | null;
  /** key prefix in Redis, e.g. 'afirgen:rl' */
  namespace: string;
  /** Redis command budget in ms before the insurance (memory) limiter answers; default 50 */
  timeoutMs?: number;
  /** called each time Redis failed or was too slow and the insurance limiter answered instead (for a counter) */
  onRedisError?: (err: unknown) => void;
}

export interface Spend {
  allowed: boolean;
  /** which budget refused (when !allowed) */
  refusedBy?: 'principal' | 'global';
  /** the principal's budget (costPerMinute) */
  limit: number;
  /** what is left of it after this spend (>= 0) */
  remaining: number;
  /** until the principal's window resets (integer, >= 0; 0 when no window is open) */
  resetSeconds: number;
  /** when !allowed: seconds until this cost fits (integer >= 1); 0 when allowed */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** spends `cost` from the principal's budget and the global one; a cost larger than the whole budget is refused without consuming */
  spend(principal: string, cost: number): Promise<Spend>;
  /** the budget without spending (for headers on answers that cost nothing) */
  peek(principal: string): Promise<Spend>;
  close(): Promise<void>;
}

type Limiter = RateLimiterAbstract | RLWrapperTimeouts;

/** the one internal of RateLimiterInsuredAbstract used here: where a store error turns into an insurance call */
type HandleError = (this: RLWrapperTimeouts, err: unknown, ...rest: unknown[]) => void;

/** RLWrapperTimeouts that reports each store failure (error or timeout) before its insurance limiter answers */
class ReportingTimeouts extends RLWrapperTimeouts {
  onStoreError: (err: unknown) => void = () => {};
  // not in the library's types: RateLimiterInsuredAbstract routes every store error through it
  _handleError(err: unknown, ...rest: unknown[]): void {
    if (!(err instanceof RateLimiterRes)) {
      try {
        this.onStoreError(err);
      } catch {
        // a failing counter must not change the answer
      }
    }
    (RLWrapperTimeouts.prototype as unknown as { _handleError: HandleError })._handleError.call(this, err, ...rest);
  }
}

function budget(points: number, duration: number, keyPrefix: string, settings: RateLimitSettings): Limiter {
  if (!settings.redis) return new RateLimiterMemory({ points, duration, keyPrefix });
  const wrapper = new ReportingTimeouts({
    limiter: new RateLimiterRedis({ storeClient: settings.redis, points, duration, keyPrefix, rejectIfRedisNotReady: true }),
    timeoutMs: settings.timeoutMs ?? 50,
    insuranceLimiter: new RateLimiterMemory({ points, duration, keyPrefix }),
  });
  if (settings.onRedisError) wrapper.onStoreError = settings.onRedisError;
  return wrapper;
}

/** The library rejects a refused consume with a RateLimiterRes, anything else is an error. */
async function consume(limiter: Limiter, key: string, points: number): Promise<{ ok: boolean; res: RateLimiterRes }> {
  try {
    return { ok: true, res: await limiter.consume(key, points) };
  } catch (err) {
    if (err instanceof RateLimiterRes) return { ok: false, res: err };
    throw err;
  }
}

const seconds = (ms: number) => Math.max(0, Math.ceil(ms / 1000));

export function principalKey(principal: string): string {
  return createHash('sha256').update(principal).digest('base64url').slice(0, 32);
}

function positiveInt(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

export function createRateLimiter(settings: RateLimitSettings): RateLimiter {
  const limit = positiveInt('costPerMinute', settings.costPerMinute);
  const ceiling = positiveInt('globalCostPerSecond', settings.globalCostPerSecond);
  const principals = budget(limit, PRINCIPAL_WINDOW_SECONDS, `${settings.namespace}:cost:p`, settings);
  const global = budget(ceiling, GLOBAL_WINDOW_SECONDS, `${settings.namespace}:cost:g`, settings);
  const GLOBAL_KEY = 'all';

  /** the principal's state from a RateLimiterRes (or none: no window open) */
  function state(res: RateLimiterRes | null, consumedAdjust = 0) {
    // no window open (a memory record past its expiry is one whose timer has not run yet)
    if (!res || res.msBeforeNext <= 0) return { remaining: limit, resetSeconds: 0 };
    const consumed = Math.max(0, res.consumedPoints - consumedAdjust);
    return { remaining: Math.min(limit, Math.max(0, limit - consumed)), resetSeconds: seconds(res.msBeforeNext) };
  }

  async function peek(principal: string): Promise<Spend> {
    const { remaining, resetSeconds } = state(await principals.get(principalKey(principal)));
    if (remaining > 0) return { allowed: true, limit, remaining, resetSeconds, retryAfterSeconds: 0 };
    return { allowed: false, refusedBy: 'principal', limit, remaining, resetSeconds, retryAfterSeconds: Math.max(1, resetSeconds) };
  }

  async function spend(principal: string, rawCost: number): Promise<Spend> {
    if (Number.isNaN(rawCost)) throw new RangeError('cost must be a number, got NaN');
    const cost = Math.max(1, Math.ceil(rawCost));
    const key = principalKey(principal);

    // Never fits, whatever was spent: refused without touching either budget.
    if (cost > limit || cost > ceiling) {
      const now = await peek(principal);
      const refusedBy = cost > limit ? 'principal' : 'global';
      const retryAfterSeconds = refusedBy === 'principal' ? PRINCIPAL_WINDOW_SECONDS : GLOBAL_WINDOW_SECONDS;
      return { ...now, allowed: false, refusedBy, retryAfterSeconds };
    }

    const mine = await consume(principals, key, cost);
    if (!mine.ok) {
      await principals.reward(key, cost); // the refused attempt was counted: undo it
      const { remaining, resetSeconds } = state(mine.res, cost);
      return { allowed: false, refusedBy: 'principal', limit, remaining, resetSeconds, retryAfterSeconds: Math.max(1, resetSeconds) };
    }

    const all = await consume(global, GLOBAL_KEY, cost);
    if (!all.ok) {
      await Promise.all([global.reward(GLOBAL_KEY, cost), principals.reward(key, cost)]);
      const { remaining, resetSeconds } = state(mine.res, cost);
      return { allowed: false, refusedBy: 'global', limit, remaining, resetSeconds, retryAfterSeconds: Math.max(1, seconds(all.res.msBeforeNext)) };
    }

    const { remaining, resetSeconds } = state(mine.res);
    return { allowed: true, limit, remaining, resetSeconds, retryAfterSeconds: 0 };
  }

  return {
    spend,
    peek,
    // Memory limiters expire their keys on unref'd timers; the Redis client is the caller's.
    close: async () => {},
  };
}

/**
 * RateLimit-Policy and RateLimit header values (draft-ietf-httpapi-ratelimit-headers), e.g.
 * `RateLimit-Policy: "cost";q=20000;w=60` and `RateLimit: "cost";r=19950;t=42`, plus Retry-After
 * when refused. Header names in lower case (HTTP/2 style; Headers are case-insensitive).
 */
export function rateLimitHeaders(spend: Spend): Record<string, string> {
  const headers: Record<string, string> = {
    'ratelimit-policy': `"${POLICY_NAME}";q=${spend.limit};w=${PRINCIPAL_WINDOW_SECONDS}`,
    ratelimit: `"${POLICY_NAME}";r=${spend.remaining};t=${spend.resetSeconds}`,
  };
  if (!spend.allowed) headers['retry-after'] = String(Math.max(1, spend.retryAfterSeconds));
  return headers;
}

/** the GraphQLError for a refusal: code RATE_LIMITED, extensions { code: 'RATE_LIMITED', http: { status: 429, headers: { 'retry-after': ..., ...rateLimitHeaders } } } */
export function rateLimitedError(spend: Spend): GraphQLError {
  const retryAfter = Math.max(1, spend.retryAfterSeconds);
  const message =
    spend.refusedBy === 'global'
      ? `The gateway is at its capacity; retry after ${retryAfter} s`
      : `Rate limit exceeded: this operation costs more than is left of your budget (${spend.remaining} of ${spend.limit} per minute); retry after ${retryAfter} s`;
  return new AppError('RATE_LIMITED', message, {
    http: { status: 429, headers: { ...rateLimitHeaders({ ...spend, allowed: false }), 'retry-after': String(retryAfter) } },
  });
}
