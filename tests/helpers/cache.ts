/**
 * The Yoga app with a response cache, wired the way src/runtime.ts wires it (FIR changes of
 * mutations invalidate through the after-commit path, fir.changes.ts), and a twin without cache over the same database.
 */
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import pino from 'pino';
import { createApp } from '../../src/app.ts';
import { testAuth } from './auth.ts';
import { createMemoryStore, createRedisStore, type ResponseStore } from '../../src/cache/response-store.ts';
import type { TestDb } from './db.ts';
import { postJson } from './graphql.ts';
import { freePort } from './processes.ts';
import { requireRedisServer } from './services.ts';
import { waitFor, withTimeout } from './wait.ts';

/** a never-repeating Redis key prefix, so test runs sharing a Redis never meet */
export function uniqueNamespace(prefix: string): string {
  return `${prefix}:${randomBytes(6).toString('hex')}`;
}

export const TTL = { ttlMs: 60_000, ttlLegalMs: 3_600_000, ttlFirMs: 300_000, ttlStatsMs: 120_000 };

export function memoryStore(): ResponseStore {
  return createMemoryStore({ maxEntries: 5000 });
}

export function redisStore(url: string, namespace = uniqueNamespace('afirgen-test:cache'), timeoutMs = 200): ResponseStore {
  return createRedisStore({ url, namespace, timeoutMs, versionTtlMs: 3_600_000 });
}

/** A cache entry that stays fresh for a minute, for tests of the stores themselves. */
export const entry = (body: string) => ({ body, etag: 'W/"x"', expiresAt: Date.now() + 60_000, private: false });

export type StoreKind = 'memory' | 'redis';

/**
 * The stores the cache tests run on, like `dialects` for databases: the in-process store always,
 * Redis too when TEST_REDIS_URL is set (.ci/run sets it).
 */
export const storeKinds: StoreKind[] = ['memory', ...(process.env.TEST_REDIS_URL ? (['redis'] as const) : [])];

export function makeStore(kind: StoreKind, namespace?: string): ResponseStore {
  return kind === 'memory' ? memoryStore() : redisStore(process.env.TEST_REDIS_URL!, namespace);
}

/** The stores of two gateways sharing a cache: one in-process store (one process), or two Redis clients of one namespace (two processes). */
export function sharedStores(kind: StoreKind): [ResponseStore, ResponseStore] {
  if (kind === 'memory') {
    const m = memoryStore();
    return [m, m];
  }
  const ns = uniqueNamespace('afirgen-test:coherence');
  return [makeStore(kind, ns), makeStore(kind, ns)];
}

/**
 * The statements of `queries` other than the authenticator's read of an officer's row (officer
 * tokens are checked against their row, src/auth/authenticate.ts, remembered for a few seconds):
 * what answering the operation itself cost. A cache hit has none.
 */
export function answerStatements(queries: readonly string[]): string[] {
  return queries.filter((q) => !OFFICER_IDENTITY.test(q));
}
const OFFICER_IDENTITY = /^select [`"]officer[`"]\.[`"]id[`"], [`"]officer[`"]\.[`"]role[`"], .* from [`"]officer[`"] left join [`"]police_station[`"] .* where [`"]officer[`"]\.[`"]id[`"] = (\$1|\?)$/i;

export interface Client {
  /** POST a GraphQL operation; `headers` adds request headers */
  post(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; text: string; json: any }>;
}

export function cachedApp(db: TestDb, store: ResponseStore | null) {
  const app = createApp({
    db: db.db,
    log: pino({ level: 'silent' }),
    auth: testAuth,
    responseCache: store ? { store, ...TTL } : null,
  });
  const client: Client = {
    async post(query, variables, headers = {}) {
      const res = await postJson(app.fetch, 'http://localhost/graphql', { query, variables }, { headers });
      return { status: res.status, headers: res.headers, text: res.text, json: res.text ? res.body : null };
    },
  };
  return { app, ...client };
}

/** A private redis-server on a free port, which a test may kill, freeze and start again (needs the redis-server binary). */
export class ScratchRedis {
  port = 0;
  private proc: ChildProcess | null = null;
  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    requireRedisServer();
    if (!this.port) this.port = await freePort();
    const proc = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    this.proc = proc;
    await waitFor(
      async () => {
        if (proc.exitCode !== null) throw new Error(`redis-server on port ${this.port} exited with ${proc.exitCode}`);
        return canConnect(this.port);
      },
      { timeoutMs: 10_000, intervalMs: 20, message: `redis-server to accept connections on port ${this.port}` },
    );
  }
  /** SIGSTOP freezes the server with its connections open (a Redis that stops answering). */
  signal(sig: 'SIGSTOP' | 'SIGCONT'): void {
    this.proc?.kill(sig);
  }
  async stop(): Promise<void> {
    const p = this.proc;
    this.proc = null;
    if (!p || p.exitCode != null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await withTimeout(exited, 10_000, `redis-server on port ${this.port} to exit after SIGKILL`);
  }
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect(port, '127.0.0.1');
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}
