/**
 * Cost-based rate limits on a real Redis (src/graphql/rate-limit.ts): gateways with connections
 * of their own (two in this process, then two processes) share one budget atomically; a Redis that
 * freezes or dies hands over to the insurance (memory) limiter within the timeout. The shared
 * Redis (TEST_REDIS_URL) only ever sees keys of a namespace unique to the test, deleted at the
 * end; the outage runs on a redis-server of the test's own, frozen and killed here by its pid.
 *
 * A services file: it needs TEST_REDIS_URL and the redis-server binary that .ci/run provides.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createRateLimiter, principalKey, type RateLimiter, type RateLimitSettings } from '../../src/graphql/rate-limit.ts';
import { requireRedisServer, requireServices } from '../helpers/services.ts';
import { waitFor, withTimeout } from '../helpers/wait.ts';

const services = requireServices();
const SPENDER = fileURLToPath(new URL('./fixtures/rate-limit-spender.ts', import.meta.url));

const uniqueNamespace = () => `afirgen-test:rl:${randomBytes(6).toString('hex')}`;

/** what the test opened, closed after each test: connections, limiters, processes (by pid), namespaces on the shared Redis */
const opened = { clients: [] as Redis[], limiters: [] as RateLimiter[], children: [] as ChildProcess[], namespaces: [] as string[] };

afterEach(async () => {
  for (const l of opened.limiters.splice(0)) await l.close();
  for (const child of opened.children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(child.pid!, 'SIGKILL');
      await withTimeout(exited, 10_000, `child ${child.pid} to exit after SIGKILL`);
    }
  }
  const namespaces = opened.namespaces.splice(0);
  if (namespaces.length) {
    const raw = new Redis(services.redis);
    try {
      for (const ns of namespaces) {
        const keys = await raw.keys(`${ns}:*`);
        if (keys.length) await raw.del(...keys);
      }
    } finally {
      raw.disconnect();
    }
  }
  for (const c of opened.clients.splice(0)) c.disconnect();
});

async function client(url = services.redis): Promise<Redis> {
  const c = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => 50 });
  c.on('error', () => {}); // reconnection is how a lost Redis shows; an unhandled 'error' would crash the worker
  opened.clients.push(c);
  await c.ping();
  return c;
}

function limiter(settings: RateLimitSettings): RateLimiter {
  const l = createRateLimiter(settings);
  opened.limiters.push(l);
  return l;
}

describe('rate limits shared through Redis', () => {
  it('two gateways with connections of their own share one budget atomically: 200 concurrent spends of 7 at 1000 allow exactly 142', async () => {
    const namespace = uniqueNamespace();
    opened.namespaces.push(namespace);
    const errors: unknown[] = [];
    const settings = { costPerMinute: 1000, globalCostPerSecond: 1_000_000, namespace, timeoutMs: 10_000, onRedisError: (e: unknown) => errors.push(e) };
    const a = limiter({ ...settings, redis: await client() });
    const b = limiter({ ...settings, redis: await client() });
    const principal = 'sub:the-principal-as-given';

    const spends = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).spend(principal, 7)));
    expect(errors).toEqual([]); // Redis answered every one: the count is Redis's, not the insurance's
    expect(spends.filter((s) => s.allowed)).toHaveLength(Math.floor(1000 / 7));
    expect(spends.filter((s) => !s.allowed).every((s) => s.refusedBy === 'principal' && s.retryAfterSeconds >= 1)).toBe(true);
    for (const l of [a, b]) expect(await l.peek(principal)).toMatchObject({ allowed: true, remaining: 1000 - 142 * 7 });

    // What Redis holds: the principal's digest, never the principal; its count as spent (refusals undone), expiring with its window.
    const raw = await client();
    const keys = await raw.keys(`${namespace}:*`);
    expect(keys.filter((k) => k.includes(':cost:p:'))).toEqual([`${namespace}:cost:p:${principalKey(principal)}`]);
    expect(keys.join(' ')).not.toContain('the-principal-as-given');
    expect(await raw.get(`${namespace}:cost:p:${principalKey(principal)}`)).toBe(String(142 * 7));
    const ttl = await raw.pttl(`${namespace}:cost:p:${principalKey(principal)}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);

    // the exhausted principal slows nobody: another one gets its whole budget from either gateway
    expect(await b.spend('ip:10.0.0.9', 1000)).toMatchObject({ allowed: true, remaining: 0 });
    expect(await a.spend('ip:10.0.0.9', 1)).toMatchObject({ allowed: false, refusedBy: 'principal' });
  });

  it('the global ceiling is shared too: what one gateway spent, the other cannot, and the refused principal keeps its points', async () => {
    const namespace = uniqueNamespace();
    opened.namespaces.push(namespace);
    // a ceiling window of 1 s: the spends below run well inside one (a few ms on a local Redis);
    // the ceiling is set high enough that one principal's spend fits, and two do not
    const settings = { costPerMinute: 1000, globalCostPerSecond: 500, namespace, timeoutMs: 10_000 };
    const a = limiter({ ...settings, redis: await client() });
    const b = limiter({ ...settings, redis: await client() });
    let attempt = 0;
    const refused = await waitFor(
      async () => {
        // fresh principals and (the key expires after 1 s) a fresh ceiling window on every attempt
        attempt++;
        const first = await a.spend(`sub:a${attempt}`, 400);
        if (!first.allowed) return null;
        const second = await b.spend(`sub:b${attempt}`, 200);
        if (second.allowed) return null; // a window boundary fell between the two: try again
        expect(second).toMatchObject({ refusedBy: 'global', remaining: 1000, retryAfterSeconds: 1 });
        return `sub:b${attempt}`;
      },
      { timeoutMs: 15_000, intervalMs: 1_100, message: 'a window where gateway A fills the ceiling before B spends' },
    );
    expect(await a.peek(refused)).toMatchObject({ allowed: true, remaining: 1000 }); // given back, as seen from the other gateway
  });

  it('two gateway processes spending against the same Redis together allow exactly one budget', async () => {
    const namespace = uniqueNamespace();
    opened.namespaces.push(namespace);
    const budget = 500;
    const cost = 7;
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', REDIS_URL: services.redis, NAMESPACE: namespace, PRINCIPAL: 'sub:shared', BUDGET: String(budget), COST: String(cost), COUNT: '60' };
    const procs = [0, 1].map(() => {
      const child = spawn(process.execPath, [SPENDER], { env, stdio: ['pipe', 'pipe', 'pipe'] });
      opened.children.push(child);
      const out = { stdout: '', stderr: '', exit: new Promise<number | null>((r) => child.once('exit', (code) => r(code))) };
      child.stdout!.on('data', (d) => (out.stdout += d));
      child.stderr!.on('data', (d) => (out.stderr += d));
      return { child, out };
    });
    for (const p of procs) {
      await waitFor(
        () => {
          if (p.child.exitCode !== null) throw new Error(`spender exited early (${p.child.exitCode}): ${p.out.stderr}`);
          return p.out.stdout.includes('ready\n');
        },
        { timeoutMs: 30_000, intervalMs: 20, message: () => `a spender process to connect (stderr: ${p.out.stderr})` },
      );
    }
    for (const p of procs) p.child.stdin!.end('go\n');
    const results = [];
    for (const p of procs) {
      const code = await withTimeout(p.out.exit, 30_000, 'a spender process to finish');
      expect(code, p.out.stderr).toBe(0);
      results.push(JSON.parse(p.out.stdout.split('\n')[1]!) as { allowed: number; refused: number; redisErrors: string[] });
    }
    expect(results.flatMap((r) => r.redisErrors)).toEqual([]);
    expect(results.reduce((n, r) => n + r.allowed, 0)).toBe(Math.floor(budget / cost));
    expect(results.reduce((n, r) => n + r.refused, 0)).toBe(120 - Math.floor(budget / cost));
    const raw = await client();
    expect(await raw.get(`${namespace}:cost:p:${principalKey('sub:shared')}`)).toBe(String(Math.floor(budget / cost) * cost));
  });
});

/** A redis-server of this test's own on a free port, signalled by its pid only. */
async function scratchRedis() {
  requireRedisServer();
  const port = await new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  opened.children.push(proc);
  const exited = new Promise((r) => proc.once('exit', r));
  const url = `redis://127.0.0.1:${port}`;
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => {});
  await waitFor(
    async () => {
      if (proc.exitCode !== null) throw new Error(`redis-server on port ${port} exited with ${proc.exitCode}`);
      return probe.connect().then(() => true, () => false);
    },
    { timeoutMs: 10_000, intervalMs: 20, message: `redis-server to accept connections on port ${port}` },
  );
  probe.disconnect();
  return {
    url,
    signal: (sig: 'SIGSTOP' | 'SIGCONT') => process.kill(proc.pid!, sig),
    kill: async () => {
      process.kill(proc.pid!, 'SIGKILL');
      await withTimeout(exited, 10_000, `redis-server on port ${port} to exit after SIGKILL`);
    },
  };
}

describe('Redis frozen, then killed: the insurance limiter answers within the timeout', () => {
  it('spends resolve within the timeout, budgets still hold per principal, and every hand-over is reported', async () => {
    const server = await scratchRedis();
    const redis = await client(server.url);
    const errors: unknown[] = [];
    const namespace = uniqueNamespace();
    const rl = limiter({ costPerMinute: 100, globalCostPerSecond: 100_000, namespace, redis, timeoutMs: 100, onRedisError: (e) => errors.push(e) });
    const timed = async (what: string, principal: string, cost: number) => {
      const started = performance.now();
      const spend = await withTimeout(rl.spend(principal, cost), 5_000, what);
      return { spend, ms: performance.now() - started };
    };

    expect((await timed('a spend with Redis up', 'sub:a', 10)).spend).toMatchObject({ allowed: true, remaining: 90 });
    expect(errors).toEqual([]);
    expect(await redis.get(`${namespace}:cost:p:${principalKey('sub:a')}`)).toBe('10');

    server.signal('SIGSTOP'); // connections stay open, nothing answers
    try {
      const frozen = await timed('a spend with Redis frozen', 'sub:a', 10);
      expect(frozen.spend.allowed).toBe(true);
      expect(frozen.ms).toBeGreaterThanOrEqual(90); // Redis was asked first
      expect(frozen.ms).toBeLessThan(2_000); // two commands (principal, ceiling), each given up on after 100 ms
      expect(String(errors[0])).toMatch(/timed out/);
      // not unbounded: the insurance counts this principal's spends (its own count: Redis's 10 is not known here)
      expect((await timed('an over-budget spend with Redis frozen', 'sub:a', 95)).spend).toMatchObject({ allowed: false, refusedBy: 'principal', remaining: 90 });
      // and not refusing everyone: another principal has its budget
      expect((await timed('another principal with Redis frozen', 'sub:b', 100)).spend).toMatchObject({ allowed: true, remaining: 0 });
    } finally {
      server.signal('SIGCONT');
    }

    const before = errors.length;
    await server.kill();
    const down = await timed('a spend with Redis killed', 'sub:c', 5);
    expect(down.spend).toMatchObject({ allowed: true, remaining: 95 });
    expect(down.ms).toBeLessThan(2_000);
    expect(errors.length).toBeGreaterThan(before);
    expect((await timed('a peek with Redis killed', 'sub:c', 1)).spend.allowed).toBe(true);
  });
});
