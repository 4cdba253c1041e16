/**
 * Cost-based rate limits in memory (src/graphql/rate-limit.ts), on a fake clock: budgets spent by
 * cost, refusals that consume nothing, the global ceiling, the 429 error and the IETF headers, a
 * model-based property test, and the insurance limiter answering for a Redis that is not ready or
 * does not answer (a fake client: the real Redis is rate-limit.services.test.ts).
 */
import fc from 'fast-check';
import { GraphQLError } from 'graphql';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRateLimiter, principalKey, rateLimitedError, rateLimitHeaders, type RateLimiter, type Spend } from '../../src/graphql/rate-limit.ts';
import { withTimeout } from '../helpers/wait.ts';

const T0 = new Date('2030-01-01T00:00:00Z');
const memory = (costPerMinute: number, globalCostPerSecond = 1_000_000_000) => createRateLimiter({ costPerMinute, globalCostPerSecond, namespace: 'test:rl' });

describe('rate limits in memory (fake clock)', () => {
  let limiter: RateLimiter;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    vi.setSystemTime(T0);
  });
  afterEach(async () => {
    await limiter?.close();
    vi.useRealTimers();
  });

  it('remaining goes down by each cost (rounded up, at least 1) and the reset counts down', async () => {
    limiter = memory(100);
    expect(await limiter.peek('ip:10.0.0.1')).toEqual({ allowed: true, limit: 100, remaining: 100, resetSeconds: 0, retryAfterSeconds: 0 });
    expect(await limiter.spend('ip:10.0.0.1', 30)).toEqual({ allowed: true, limit: 100, remaining: 70, resetSeconds: 60, retryAfterSeconds: 0 });
    vi.advanceTimersByTime(18_000);
    expect(await limiter.spend('ip:10.0.0.1', 20)).toMatchObject({ allowed: true, remaining: 50, resetSeconds: 42 });
    expect((await limiter.spend('ip:10.0.0.1', 0.2)).remaining).toBe(49);
    expect((await limiter.spend('ip:10.0.0.1', 0)).remaining).toBe(48);
    expect((await limiter.spend('ip:10.0.0.1', -5)).remaining).toBe(47);
    expect((await limiter.spend('ip:10.0.0.1', 2.1)).remaining).toBe(44);
    await expect(limiter.spend('ip:10.0.0.1', Number.NaN)).rejects.toThrow(RangeError);
    expect(await limiter.peek('ip:10.0.0.1')).toMatchObject({ allowed: true, remaining: 44, resetSeconds: 42 });
  });

  it('an exhausted budget is refused (429, RATE_LIMITED, Retry-After until the cost fits) and the refusal consumes nothing', async () => {
    limiter = memory(100);
    expect((await limiter.spend('sub:alice', 60)).allowed).toBe(true);
    vi.advanceTimersByTime(15_000);
    const refused = await limiter.spend('sub:alice', 50);
    expect(refused).toEqual({ allowed: false, refusedBy: 'principal', limit: 100, remaining: 40, resetSeconds: 45, retryAfterSeconds: 45 });

    const err = rateLimitedError(refused);
    expect(err).toBeInstanceOf(GraphQLError);
    expect(err.extensions).toEqual({
      code: 'RATE_LIMITED',
      http: { status: 429, headers: { 'retry-after': '45', 'ratelimit-policy': '"cost";q=100;w=60', ratelimit: '"cost";r=40;t=45' } },
    });
    expect(err.message).toMatch(/retry after 45 s/);

    // the refused 50 was not counted: the 40 left still go through, then nothing does
    expect(await limiter.spend('sub:alice', 40)).toMatchObject({ allowed: true, remaining: 0 });
    expect(await limiter.spend('sub:alice', 1)).toMatchObject({ allowed: false, refusedBy: 'principal', remaining: 0, retryAfterSeconds: 45 });
    expect(await limiter.peek('sub:alice')).toMatchObject({ allowed: false, refusedBy: 'principal', remaining: 0, retryAfterSeconds: 45 });

    // Retry-After is exact: a second early is still refused, on time the cost fits
    vi.advanceTimersByTime(44_999);
    expect(await limiter.spend('sub:alice', 50)).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    vi.advanceTimersByTime(1);
    expect(await limiter.spend('sub:alice', 50)).toEqual({ allowed: true, limit: 100, remaining: 50, resetSeconds: 60, retryAfterSeconds: 0 });
  });

  it('a cost larger than the whole budget (or the whole ceiling) is refused without consuming anything', async () => {
    limiter = memory(100, 500);
    expect(await limiter.spend('sub:bob', 101)).toEqual({ allowed: false, refusedBy: 'principal', limit: 100, remaining: 100, resetSeconds: 0, retryAfterSeconds: 60 });
    expect(await limiter.spend('sub:bob', 100)).toMatchObject({ allowed: true, remaining: 0 });

    limiter = memory(1000, 500);
    expect(await limiter.spend('sub:carol', 501)).toMatchObject({ allowed: false, refusedBy: 'global', remaining: 1000, retryAfterSeconds: 1 });
    expect(await limiter.spend('sub:carol', 500)).toMatchObject({ allowed: true, remaining: 500 }); // neither budget was touched
  });

  it('the global ceiling refuses, gives the principal its points back, and resets every second', async () => {
    limiter = memory(1000, 100);
    expect((await limiter.spend('sub:a', 80)).allowed).toBe(true);
    expect(await limiter.spend('sub:b', 30)).toEqual({ allowed: false, refusedBy: 'global', limit: 1000, remaining: 1000, resetSeconds: 60, retryAfterSeconds: 1 });
    expect(rateLimitedError(await limiter.spend('sub:b', 30)).message).toMatch(/capacity/);
    expect(await limiter.peek('sub:b')).toMatchObject({ allowed: true, remaining: 1000 });
    expect(await limiter.spend('sub:b', 20)).toMatchObject({ allowed: true, remaining: 980 }); // the ceiling's 100 exactly
    expect((await limiter.spend('sub:a', 1)).refusedBy).toBe('global');
    vi.advanceTimersByTime(1_000);
    expect(await limiter.spend('sub:b', 30)).toMatchObject({ allowed: true, remaining: 950 });
  });

  it('a principal over its own budget never touches the ceiling, so another still gets through', async () => {
    limiter = memory(50, 100);
    expect((await limiter.spend('ip:10.0.0.1', 50)).allowed).toBe(true);
    for (let i = 0; i < 20; i++) expect((await limiter.spend('ip:10.0.0.1', 40)).refusedBy).toBe('principal');
    // had the 20 refusals reached the ceiling, the next 50 would not fit in its 100
    expect(await limiter.spend('ip:10.0.0.2', 50)).toEqual({ allowed: true, limit: 50, remaining: 0, resetSeconds: 60, retryAfterSeconds: 0 });
    expect(await limiter.peek('ip:10.0.0.3')).toMatchObject({ allowed: true, remaining: 50 });
  });

  it('refuses budgets that are not positive integers', () => {
    expect(() => memory(0)).toThrow(RangeError);
    expect(() => memory(10, 1.5)).toThrow(RangeError);
  });
});

// ---- property: the limiter is the model of two fixed windows, and principals are independent ----

interface Step {
  principal: string;
  cost: number;
  /** the clock moves this much before the spend */
  advanceMs: number;
}
type Expected = Omit<Spend, 'limit'>;

/** Two fixed windows (each opens at its first spend) where a refusal consumes nothing: what spend() must answer. */
class Model {
  private principals = new Map<string, { start: number; used: number }>();
  private global: { start: number; used: number } | null = null;
  private readonly limit: number;
  private readonly ceiling: number;
  constructor(limit: number, ceiling: number) {
    this.limit = limit;
    this.ceiling = ceiling;
  }
  spend(now: number, principal: string, raw: number): Expected {
    const cost = Math.max(1, Math.ceil(raw));
    let mine = this.principals.get(principal);
    if (mine && now >= mine.start + 60_000) mine = undefined;
    const reset = () => (mine ? Math.ceil((mine.start + 60_000 - now) / 1000) : 0);
    const refuse = (refusedBy: 'principal' | 'global', retryAfterSeconds: number): Expected => ({ allowed: false, refusedBy, remaining: this.limit - (mine?.used ?? 0), resetSeconds: reset(), retryAfterSeconds });
    if (cost > this.limit) return refuse('principal', 60);
    if (cost > this.ceiling) return refuse('global', 1);
    if (!mine) this.principals.set(principal, (mine = { start: now, used: 0 }));
    if (mine.used + cost > this.limit) return refuse('principal', Math.max(1, reset()));
    if (!this.global || now >= this.global.start + 1000) this.global = { start: now, used: 0 };
    if (this.global.used + cost > this.ceiling) return refuse('global', Math.max(1, Math.ceil((this.global.start + 1000 - now) / 1000)));
    mine.used += cost;
    this.global.used += cost;
    return { allowed: true, remaining: this.limit - mine.used, resetSeconds: reset(), retryAfterSeconds: 0 };
  }
  /** the window the principal's last spend counted in (its start), for the budget invariant */
  windowOf(principal: string): number | undefined {
    return this.principals.get(principal)?.start;
  }
}

/** Runs `steps` on a fresh limiter from T0; `only` spends for one principal but still moves the clock for every step. */
async function run(limit: number, ceiling: number, steps: Step[], only?: string): Promise<Array<Spend | null>> {
  vi.clearAllTimers();
  vi.setSystemTime(T0);
  const limiter = memory(limit, ceiling);
  const out: Array<Spend | null> = [];
  for (const s of steps) {
    vi.advanceTimersByTime(s.advanceMs);
    out.push(only === undefined || s.principal === only ? await limiter.spend(s.principal, s.cost) : null);
  }
  await limiter.close();
  return out;
}

const LIMIT = 100;
const step = fc.record({
  principal: fc.constantFrom('sub:a', 'sub:b', 'ip:10.0.0.1', 'ip:10.0.0.2'),
  cost: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 130, noNaN: true })),
  advanceMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 0, max: 30_000 })),
});

describe('property: random spends of random principals', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('every answer is the model\'s; no principal spends over its budget in a window; without a global refusal each principal is answered as if it were alone', async () => {
    let independenceChecked = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 60 }), fc.oneof(fc.integer({ min: 40, max: 300 }), fc.constant(1_000_000_000)), async (steps, ceiling) => {
        const got = await run(LIMIT, ceiling, steps);
        const model = new Model(LIMIT, ceiling);
        const spentIn = new Map<string, number>(); // principal@window -> allowed cost
        let now = T0.getTime();
        steps.forEach((s, i) => {
          now += s.advanceMs;
          const expected = model.spend(now, s.principal, s.cost);
          expect(got[i], `step ${i}: ${JSON.stringify(s)}`).toEqual({ ...expected, limit: LIMIT });
          if (expected.allowed) {
            const w = `${s.principal}@${model.windowOf(s.principal)}`;
            spentIn.set(w, (spentIn.get(w) ?? 0) + Math.max(1, Math.ceil(s.cost)));
          }
        });
        for (const [w, spent] of spentIn) expect(spent, w).toBeLessThanOrEqual(LIMIT);

        if (got.some((r) => r?.refusedBy === 'global')) return;
        independenceChecked++;
        for (const principal of new Set(steps.map((s) => s.principal))) {
          const alone = await run(LIMIT, 1_000_000_000, steps, principal);
          steps.forEach((s, i) => {
            if (s.principal === principal) expect(alone[i], `${principal} at step ${i}`).toEqual(got[i]);
          });
        }
      }),
      { numRuns: 150 },
    );
    expect(independenceChecked).toBeGreaterThan(20);
  });
});

describe('RateLimit headers (draft-ietf-httpapi-ratelimit-headers)', () => {
  const spend: Spend = { allowed: true, limit: 20_000, remaining: 19_950, resetSeconds: 42, retryAfterSeconds: 0 };
  it('an allowed spend: policy and state, no Retry-After', () => {
    expect(rateLimitHeaders(spend)).toEqual({ 'ratelimit-policy': '"cost";q=20000;w=60', ratelimit: '"cost";r=19950;t=42' });
  });
  it('a refusal adds Retry-After, never below 1 s', () => {
    expect(rateLimitHeaders({ ...spend, allowed: false, refusedBy: 'principal', remaining: 0, retryAfterSeconds: 42 })).toEqual({
      'ratelimit-policy': '"cost";q=20000;w=60',
      ratelimit: '"cost";r=0;t=42',
      'retry-after': '42',
    });
    expect(rateLimitHeaders({ ...spend, allowed: false, refusedBy: 'global', retryAfterSeconds: 0 })['retry-after']).toBe('1');
    const headers = (rateLimitedError({ ...spend, allowed: false, refusedBy: 'global', retryAfterSeconds: 0 }).extensions.http as { headers: Record<string, string> }).headers;
    expect(headers['retry-after']).toBe('1');
  });
  it('principal keys are digests, never the principal itself', () => {
    const k = principalKey('sub:eyJhbGciOiJIUzI1NiJ9.secret');
    expect(k).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(k).not.toContain('secret');
    expect(principalKey('sub:eyJhbGciOiJIUzI1NiJ9.secret')).toBe(k);
    expect(principalKey('ip:10.0.0.1')).not.toBe(principalKey('ip:10.0.0.2'));
  });
});

// ---- the insurance limiter (a fake ioredis client; the real one in rate-limit.services.test.ts) ----

/** An ioredis stand-in: `status` as ioredis reports it; every command either fails or never answers. */
function fakeRedis(status: 'ready' | 'reconnecting', commands: 'fail' | 'hang'): Redis {
  const answer = () => (commands === 'hang' ? new Promise(() => {}) : Promise.reject(new Error('Connection is closed.')));
  const client: Record<string, unknown> = {
    status,
    defineCommand(name: string) {
      client[name] = answer;
    },
    multi() {
      const chain = { get: () => chain, pttl: () => chain, exec: answer };
      return chain;
    },
  };
  return client as unknown as Redis;
}

describe('Redis away: the insurance (memory) limiter answers', () => {
  it('a client that is not ready is not waited for; the budgets still hold, per principal', async () => {
    const errors: unknown[] = [];
    const limiter = createRateLimiter({ costPerMinute: 50, globalCostPerSecond: 1000, namespace: 'test:rl', redis: fakeRedis('reconnecting', 'hang'), onRedisError: (e) => errors.push(e) });
    expect(await limiter.spend('sub:a', 30)).toMatchObject({ allowed: true, remaining: 20 });
    expect(await limiter.spend('sub:a', 30)).toMatchObject({ allowed: false, refusedBy: 'principal', remaining: 20 });
    expect(await limiter.spend('sub:a', 20)).toMatchObject({ allowed: true, remaining: 0 });
    expect(await limiter.spend('sub:b', 50)).toMatchObject({ allowed: true, remaining: 0 });
    expect(await limiter.peek('sub:a')).toMatchObject({ allowed: false, remaining: 0 });
    expect(errors.length).toBeGreaterThanOrEqual(5);
    expect(String(errors[0])).toMatch(/not ready/);
    await limiter.close();
  });

  it('a Redis that fails every command: answered by the insurance, nothing thrown', async () => {
    const errors: unknown[] = [];
    const limiter = createRateLimiter({ costPerMinute: 10, globalCostPerSecond: 1000, namespace: 'test:rl', redis: fakeRedis('ready', 'fail'), onRedisError: (e) => errors.push(e) });
    expect(await limiter.spend('sub:a', 10)).toMatchObject({ allowed: true, remaining: 0 });
    expect(await limiter.spend('sub:a', 1)).toMatchObject({ allowed: false, refusedBy: 'principal' });
    expect(String(errors[0])).toMatch(/Connection is closed/);
    await limiter.close();
  });

  it('a Redis that never answers: each spend resolves after about timeoutMs, with the timeout reported', async () => {
    const errors: unknown[] = [];
    const limiter = createRateLimiter({ costPerMinute: 10, globalCostPerSecond: 1000, namespace: 'test:rl', redis: fakeRedis('ready', 'hang'), timeoutMs: 30, onRedisError: (e) => errors.push(e) });
    const started = performance.now();
    expect(await withTimeout(limiter.spend('sub:a', 4), 2_000, 'a spend while Redis hangs')).toMatchObject({ allowed: true, remaining: 6 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(25); // it did ask Redis first
    expect(await withTimeout(limiter.spend('sub:a', 7), 2_000, 'a refused spend while Redis hangs')).toMatchObject({ allowed: false, remaining: 6 });
    expect(String(errors[0])).toMatch(/timed out/);
    await limiter.close();
  });

  it('a failing error counter does not change the answer', async () => {
    const limiter = createRateLimiter({ costPerMinute: 10, globalCostPerSecond: 1000, namespace: 'test:rl', redis: fakeRedis('ready', 'fail'), onRedisError: () => { throw new Error('metrics down'); } });
    expect(await limiter.spend('sub:a', 3)).toMatchObject({ allowed: true, remaining: 7 });
    await limiter.close();
  });
});
