/**
 * The Yoga app with a response cache, wired the way src/runtime.ts wires it (FIR changes of
 * mutations invalidate through onFirsChanged), and a twin without cache over the same database.
 */
import { randomBytes } from 'node:crypto';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { freePort } from './processes.ts';
import pino from 'pino';
import { createApp } from '../../src/app.ts';
import { createMemoryStore, createRedisStore, type ResponseStore } from '../../src/cache/response-store.ts';
import { firChangeTags } from '../../src/cache/tags.ts';
import type { TestDb } from './db.ts';

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

export interface Client {
  /** POST a GraphQL operation; `headers` adds request headers */
  post(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; text: string; json: any }>;
}

export function cachedApp(db: TestDb, store: ResponseStore | null) {
  const app = createApp({
    db: db.db,
    log: pino({ level: 'silent' }),
    responseCache: store ? { store, ...TTL } : null,
    onFirsChanged: store ? (changes) => store.invalidate(firChangeTags(changes)) : null,
  });
  const client: Client = {
    async post(query, variables, headers = {}) {
      const res = await app.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : null };
    },
  };
  return { app, ...client };
}

/** A private redis-server on a free port, which a test may kill and start again. */
export class ScratchRedis {
  port = 0;
  private proc: ChildProcess | null = null;
  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    if (!this.port) this.port = await freePort();
    this.proc = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (await canConnect(this.port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('redis-server did not start');
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
    await exited;
  }
}

export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect(port, '127.0.0.1');
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}
