/**
 * Child processes for end-to-end tests: the gateway (`node src/main.ts`) and the worker
 * (`node src/worker.ts`), started the way production starts them, each with an explicit minimal
 * environment (nothing of the test runner's leaks in: no DATABASE_URL, no NODE_OPTIONS).
 *
 *   const procs = new ProcessGroup();
 *   const gw = await procs.gateway({ DATA_DIR: dir, SEED_DEMO: 'true' });   // waits for GET /ready = 200
 *   const worker = await procs.worker({ DATABASE_URL: …, JOBS_DATABASE_URL: …, PGBOSS_SCHEMA: … });
 *   await worker.kill('SIGKILL');
 *   ...
 *   afterAll(() => procs.stopAll());
 *
 * Ports: PORT=0 by default, so the OS picks a free port without a race; the port is read from the
 * process's own start-up log line ("serving …" / "worker running", both at info level), then the
 * process counts as started once GET /ready answers 200. Every byte of stdout and stderr is kept
 * (tests check the logs for leaked complaint text) and quoted in every start-up failure.
 *
 * Only processes started here are ever signalled, by their own pid: stopAll() in afterAll, and a
 * last-resort SIGKILL of survivors when the test worker process exits.
 *
 * Also here, shared by the tests that drive these processes (tests/e2e/subscriptions,
 * multi-process, worker-kill):
 *  - gql()/submitComplaint(): GraphQL over HTTP with plain fetch;
 *  - wsClient()/track(): graphql-ws (or graphql-sse) operations recorded as they arrive, with
 *    bounded waits; expectRun() checks a generation job's whole event stream;
 *  - isolateIds()/dropBossSchema()/servicesEnv(): throwaway data on the real services;
 *  - fakeLlm(): programs the fake model server (tests/helpers/fake-model-server.ts) to answer the
 *    LLM drafter's three JSON schemas validly and to hold chosen requests until released, so a
 *    job can be parked inside a stage.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { type Client as WsClient, createClient as createWsClient } from 'graphql-ws';
import pg from 'pg';
import { expect } from 'vitest';
import WebSocket from 'ws';
import { dialectOf } from '../../src/db/dialect.ts';
import type { FakeModelServer, RecordedRequest } from './fake-model-server.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const GATEWAY_SCRIPT = join(ROOT, 'src/main.ts');
export const WORKER_SCRIPT = join(ROOT, 'src/worker.ts');

/** Start-up on a busy 2-core machine (migrations, seeding 300 FIRs on PGlite) can take a while. */
export const START_TIMEOUT_MS = 150_000;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A port nobody listens on right now (for tests that need one before starting anything). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** A minimal, explicit environment plus `extra`. */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? tmpdir() };
  if (process.env.TMPDIR) env.TMPDIR = process.env.TMPDIR;
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

/** A lower-case pg-boss schema name of our own (dropped by the test that made it). */
export function uniqueSchema(prefix = 'pgboss_e2e'): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Rejects with `label` if `promise` does not settle within `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${label}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `check` (every `intervalMs`) until it returns a truthy value; bounded by `timeoutMs`. */
export async function waitUntil<T>(check: () => T | Promise<T>, timeoutMs: number, label: string, intervalMs = 200): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${label}${last ? ` (last error: ${String(last)})` : ''}`);
    await sleep(intervalMs);
  }
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort when a test run is torn down abruptly: no orphaned servers holding ports and DBs.
  process.once('exit', () => {
    for (const child of live) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
}

export type Role = 'gateway' | 'worker';

export class ServiceProcess {
  readonly proc: ChildProcess;
  readonly role: Role;
  readonly name: string;
  stdout = '';
  stderr = '';
  readonly exited: Promise<Exit>;
  /** set once started: http://127.0.0.1:<port> */
  base = '';
  port = 0;
  #waiters = new Set<() => void>();

  constructor(role: Role, name: string, env: NodeJS.ProcessEnv) {
    this.role = role;
    this.name = name;
    installExitHook();
    this.proc = spawn(process.execPath, [role === 'gateway' ? GATEWAY_SCRIPT : WORKER_SCRIPT], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(this.proc);
    const wake = () => {
      for (const w of this.#waiters) w();
    };
    this.proc.stdout!.setEncoding('utf8').on('data', (s: string) => {
      this.stdout += s;
      wake();
    });
    this.proc.stderr!.setEncoding('utf8').on('data', (s: string) => {
      this.stderr += s;
      wake();
    });
    this.exited = new Promise((resolve) =>
      this.proc.once('exit', (code, signal) => {
        live.delete(this.proc);
        resolve({ code, signal });
      }),
    );
    void this.exited.then(wake);
  }

  get running(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  get pid(): number {
    return this.proc.pid!;
  }

  /** stdout and stderr together */
  get output(): string {
    return this.stdout + this.stderr;
  }

  /** Parsed JSON log lines of stdout (pino). */
  get logLines(): Array<Record<string, any>> {
    const out: Array<Record<string, any>> = [];
    for (const line of this.stdout.split('\n')) {
      if (!line.trim().startsWith('{')) continue;
      try {
        out.push(JSON.parse(line));
      } catch {
        // a line cut in the middle of a write
      }
    }
    return out;
  }

  /** The last `chars` characters of the output, for failure messages. */
  tail(chars = 4000): string {
    const all = `--- ${this.name} stdout ---\n${this.stdout}\n--- ${this.name} stderr ---\n${this.stderr}`;
    return all.length > chars ? `…${all.slice(-chars)}` : all;
  }

  /** Resolves with the first log line matching `match`; rejects on exit or timeout. */
  waitForLog(match: (line: Record<string, any>) => boolean, timeoutMs: number, label = 'log line'): Promise<Record<string, any>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`${this.name}: timed out after ${timeoutMs} ms waiting for ${label}\n${this.tail()}`));
      }, timeoutMs);
      const check = () => {
        const line = this.logLines.find(match);
        if (line) {
          finish();
          resolve(line);
        } else if (!this.running) {
          finish();
          reject(new Error(`${this.name}: exited (code ${this.proc.exitCode}, signal ${this.proc.signalCode}) before ${label}\n${this.tail()}`));
        }
      };
      const finish = () => {
        clearTimeout(timer);
        this.#waiters.delete(check);
      };
      this.#waiters.add(check);
      check();
    });
  }

  /** Waits for the start-up line carrying the port, then for GET /ready = 200. */
  async ready(timeoutMs = START_TIMEOUT_MS): Promise<this> {
    const deadline = Date.now() + timeoutMs;
    const msg = this.role === 'gateway' ? /^serving / : /^worker running$/;
    const line = await this.waitForLog((l) => typeof l.msg === 'string' && msg.test(l.msg) && typeof l.port === 'number', timeoutMs, 'the start-up log line with the port');
    this.port = line.port;
    this.base = `http://127.0.0.1:${this.port}`;
    let last = '';
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.name}: exited before /ready answered 200\n${this.tail()}`);
      try {
        const res = await fetch(`${this.base}/ready`, { signal: AbortSignal.timeout(5_000) });
        last = `${res.status} ${await res.text()}`;
        if (res.status === 200) return this;
      } catch (err) {
        last = String(err);
      }
      await sleep(200);
    }
    throw new Error(`${this.name}: /ready did not answer 200 within ${timeoutMs} ms (last: ${last})\n${this.tail()}`);
  }

  /** Sends `signal` to this child only and waits (bounded) for its exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL', timeoutMs = 15_000): Promise<Exit> {
    if (this.running) this.proc.kill(signal);
    return withTimeout(this.exited, timeoutMs, `${this.name} to exit after ${signal}`);
  }

  /** SIGTERM (graceful), then SIGKILL if it has not exited within `timeoutMs`. */
  async stop(timeoutMs = 15_000): Promise<Exit> {
    if (!this.running) return this.exited;
    this.proc.kill('SIGTERM');
    const exit = await Promise.race([this.exited, sleep(timeoutMs).then(() => null)]);
    if (exit) return exit;
    this.proc.kill('SIGKILL');
    return this.exited;
  }
}

/** The processes of one test file; stopAll() in afterAll. */
export class ProcessGroup {
  readonly all: ServiceProcess[] = [];
  #count = 0;

  /** Spawns without waiting. LOG_LEVEL defaults to info (the port is read from the log). */
  spawn(role: Role, env: Record<string, string | undefined>, name?: string): ServiceProcess {
    const full = childEnv({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'development', ...env });
    if (!['info', 'debug', 'trace'].includes(full.LOG_LEVEL!)) throw new Error('ProcessGroup needs LOG_LEVEL info, debug or trace (the port is read from the start-up log)');
    const p = new ServiceProcess(role, name ?? `${role}#${++this.#count}`, full);
    this.all.push(p);
    return p;
  }

  /** `node src/main.ts`, ready (GET /ready = 200). */
  gateway(env: Record<string, string | undefined>, name?: string, timeoutMs?: number): Promise<ServiceProcess> {
    return this.spawn('gateway', env, name).ready(timeoutMs);
  }

  /** `node src/worker.ts`, ready (GET /ready = 200). */
  worker(env: Record<string, string | undefined>, name?: string, timeoutMs?: number): Promise<ServiceProcess> {
    return this.spawn('worker', env, name).ready(timeoutMs);
  }

  /** Graceful stop of everything still running (SIGKILL after `timeoutMs`). */
  async stopAll(timeoutMs = 10_000): Promise<void> {
    await Promise.all(this.all.map((p) => p.stop(timeoutMs).catch(() => undefined)));
  }

  /** Everything every process wrote, for log checks. */
  get output(): string {
    return this.all.map((p) => p.output).join('\n');
  }
}

// ───────────────────────────── GraphQL over HTTP ─────────────────────────────

export interface GqlResponse {
  status: number;
  headers: Headers;
  body: any;
}

/** POST /graphql with plain fetch. */
export async function gql(base: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GqlResponse> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = { raw: text };
  }
  return { status: res.status, headers: res.headers, body };
}

/** `data` of a successful operation; throws with the errors otherwise. */
export async function gqlData(base: string, query: string, variables?: Record<string, unknown>): Promise<any> {
  const r = await gql(base, query, variables);
  if (r.status !== 200 || r.body.errors || !r.body.data) throw new Error(`GraphQL request failed (${r.status}): ${JSON.stringify(r.body).slice(0, 2000)}`);
  return r.body.data;
}

export const SUBMIT = `mutation Submit($input: SubmitComplaintInput!) {
  submitComplaint(input: $input) { complaint { id } fir { id status station { id } } job { id status stage } }
}`;

export interface Submitted {
  firId: string;
  jobId: string;
  stationId: string;
}

export async function submitComplaint(base: string, stationId: string, text: string, language = 'hi'): Promise<Submitted> {
  const data = await gqlData(base, SUBMIT, { input: { stationId, text, language } });
  const p = data.submitComplaint;
  return { firId: p.fir.id, jobId: p.job.id, stationId: p.fir.station.id };
}

// ───────────────────────────── throwaway data on MySQL ─────────────────────────────

/**
 * Random ids far apart from other test databases' ids.
 *
 * Redis pub/sub channels are global to the Redis server (the db number does not scope them), and
 * the gateway names them only by topic and id ("generation:progress:<jobId>",
 * "fir:updated:<stationId>"). Test files running at the same time against the same Redis would
 * otherwise all have job 1 and station 1 and receive each other's events. Tests that use Redis
 * therefore put their stations and jobs on random ids.
 */
export function randomIdBase(): number {
  return randomInt(10_000_000, 2_000_000_000);
}

/**
 * Puts `count` police stations on random ids (see randomIdBase) and moves the generation_job id
 * sequence to a random start, in an already migrated throwaway database. Returns the station ids.
 */
export async function isolateIds(db: Kysely<any>, count = 2): Promise<number[]> {
  const base = randomIdBase();
  const ids = Array.from({ length: count }, (_, i) => base + i);
  const now = new Date();
  await db
    .insertInto('police_station')
    .values(ids.map((id, i) => ({ id, code: `E2E${id}`, name: `E2E Station ${i + 1}`, district: 'Pune', state: 'Maharashtra', created_at: now })))
    .execute();
  const jobStart = randomIdBase();
  if (dialectOf(db) === 'mysql') await sql.raw(`alter table generation_job auto_increment = ${jobStart}`).execute(db);
  else await sql`select setval(pg_get_serial_sequence('generation_job', 'id'), ${jobStart})`.execute(db);
  return ids;
}

/** Drops a pg-boss schema this test created (never anything else). */
export async function dropBossSchema(url: string, schema: string): Promise<void> {
  if (!/^pgboss_e2e_[a-z0-9_]+$/.test(schema)) throw new Error(`refusing to drop schema ${schema}: not one of ours`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

/** The environment for the real services, or null when the test URLs are not set. */
export function servicesEnv(): { mysql: string; jobs: string; redis: string } | null {
  const mysql = process.env.TEST_MYSQL_URL;
  const jobs = process.env.TEST_JOBS_DATABASE_URL ?? process.env.TEST_POSTGRES_URL;
  const redis = process.env.TEST_REDIS_URL;
  return mysql && jobs && redis ? { mysql, jobs, redis } : null;
}

// ───────────────────────────── subscriptions ─────────────────────────────

/** What graphql-ws and graphql-sse clients have in common. */
export interface SubscribingClient {
  subscribe(payload: { query: string; variables?: Record<string, unknown> }, sink: { next(v: any): void; error(e: unknown): void; complete(): void }): () => void;
}

export interface Tracked {
  /** every `next` payload, in arrival order */
  results: any[];
  /** the `error` of the sink (graphql-ws: an array of GraphQL errors, or a CloseEvent) */
  error: unknown;
  state: 'open' | 'complete' | 'error';
  /** settles when the server completes the operation or errors it */
  ended: Promise<'complete' | 'error'>;
  /** stops listening (sends `complete` to the server) */
  dispose(): void;
  /** waits until `check(results)` holds; rejects if the operation ends first or on timeout */
  waitFor(check: (results: any[]) => boolean, timeoutMs: number, label: string): Promise<void>;
  /** waits for the end; rejects on timeout */
  waitEnd(timeoutMs: number, label: string): Promise<'complete' | 'error'>;
}

export function track(client: SubscribingClient, query: string, variables?: Record<string, unknown>): Tracked {
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const w of [...waiters]) w();
  };
  let settle!: (s: 'complete' | 'error') => void;
  const t: Tracked = {
    results: [],
    error: undefined,
    state: 'open',
    ended: new Promise((r) => (settle = r)),
    dispose: () => undefined,
    waitFor(check, timeoutMs, label) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(test);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${label}; got ${JSON.stringify(t.results).slice(0, 1500)} (${t.state})`));
        }, timeoutMs);
        const test = () => {
          if (check(t.results)) {
            clearTimeout(timer);
            waiters.delete(test);
            resolve();
          } else if (t.state !== 'open') {
            clearTimeout(timer);
            waiters.delete(test);
            reject(new Error(`the operation ended (${t.state}: ${describeError(t.error)}) before ${label}; got ${JSON.stringify(t.results).slice(0, 1500)}`));
          }
        };
        waiters.add(test);
        test();
      });
    },
    waitEnd(timeoutMs, label) {
      return withTimeout(t.ended, timeoutMs, `${label} to end; got ${JSON.stringify(t.results).slice(0, 1500)}`);
    },
  };
  t.dispose = client.subscribe(
    { query, variables },
    {
      next: (v) => {
        t.results.push(v);
        wake();
      },
      error: (e) => {
        t.error = e;
        t.state = 'error';
        settle('error');
        wake();
      },
      complete: () => {
        if (t.state === 'open') t.state = 'complete';
        settle('complete');
        wake();
      },
    },
  );
  return t;
}

export function describeError(e: unknown): string {
  if (e === undefined) return 'no error';
  if (Array.isArray(e)) return JSON.stringify(e);
  if (e && typeof e === 'object' && 'code' in e && 'reason' in e) return `close ${(e as any).code} ${(e as any).reason}`;
  return String(e);
}

/** The GraphQL errors of a finished operation: from `next` payloads and from an `error` message. */
export function errorsOf(t: Tracked): any[] {
  const fromResults = t.results.flatMap((r) => (Array.isArray(r?.errors) ? r.errors : []));
  const fromError = Array.isArray(t.error) ? t.error : [];
  return [...fromResults, ...fromError];
}

/** graphql-ws over the `ws` package, one connection per client, no reconnects. */
export function wsClient(base: string, options: { lazy?: boolean } = {}): WsClient & { counts: { connected: number; closed: number } } {
  const counts = { connected: 0, closed: 0 };
  const client = createWsClient({
    url: `${base.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: options.lazy ?? true,
    onNonLazyError: () => undefined,
    on: { closed: () => void counts.closed++, connected: () => void counts.connected++ },
  });
  return Object.assign(client, { counts });
}

export const PROGRESS_SUBSCRIPTION = `subscription Progress($jobId: ID!, $after: Int) {
  generationProgress(jobId: $jobId, after: $after) { seq at jobId status stage progress message fir { id status } }
}`;
export const FIR_UPDATED_SUBSCRIPTION = `subscription FirUpdated($stationId: ID!) { firUpdated(stationId: $stationId) { id status station { id } } }`;
export const JOB_QUERY = `query Job($id: ID!) {
  generationJob(id: $id) { status stage progress attempts error { code } fir { id status } events { seq stage status } }
}`;

/** The stages and statuses of a text complaint's successful run, seq 1..8. */
export const TEXT_RUN_STAGES = ['QUEUED', 'SUMMARIZE', 'RETRIEVE_SECTIONS', 'CHECK_SECTIONS', 'DRAFT_NARRATIVE', 'ASSEMBLE', 'VALIDATE', 'DONE'];
export const TEXT_RUN_STATUSES = ['QUEUED', 'RUNNING', 'RUNNING', 'RUNNING', 'RUNNING', 'RUNNING', 'RUNNING', 'SUCCEEDED'];

/** The GenerationEvent payloads of a tracked generationProgress subscription (no errors allowed). */
export function progressOf(t: Tracked): any[] {
  return t.results.map((r) => {
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data.generationProgress;
  });
}

/** The whole successful run of a text complaint, from seq `from` on, exactly. */
export function expectRun(events: any[], ids: { jobId: string; firId: string }, from = 1): void {
  expect(events.map((e) => e.seq)).toEqual(TEXT_RUN_STAGES.map((_, i) => i + 1).slice(from - 1));
  expect(events.map((e) => e.stage)).toEqual(TEXT_RUN_STAGES.slice(from - 1));
  expect(events.map((e) => e.status)).toEqual(TEXT_RUN_STATUSES.slice(from - 1));
  for (const e of events) expect(e.jobId).toBe(ids.jobId);
  const progress = events.map((e) => e.progress);
  expect(progress).toEqual([...progress].sort((a, b) => a - b));
  const last = events.at(-1);
  expect(last.progress).toBe(1);
  expect(last.fir).toEqual({ id: ids.firId, status: 'GENERATED' });
  for (const e of events.slice(0, -1)) expect(e.fir).toBeNull();
  for (const e of events) expect(Number.isNaN(Date.parse(e.at))).toBe(false);
}

// ───────────────────────────── the fake LLM ─────────────────────────────

/** A valid answer to each JSON schema the LLM drafter (src/models/llm-drafter.ts) asks for. */
export function llmAnswer(req: RecordedRequest): unknown {
  const schema = req.json?.response_format?.json_schema?.schema;
  switch (req.schemaName) {
    case 'fir_extraction':
      return {
        summary: 'The complainant reports that a mobile phone was stolen from a bag at a crowded market.',
        language: 'hi',
        complainant: {
          name: null,
          dateOfBirth: null,
          nationality: null,
          fatherOrHusbandName: null,
          address: null,
          contact: null,
          passportNumber: null,
          occupation: null,
        },
        incident: {
          occurredFrom: null,
          occurredTo: null,
          place: 'market',
          address: null,
          description: 'A mobile phone was stolen from the complainant’s bag.',
          delayReason: null,
        },
        suspects: [],
        witnesses: [],
        property: [{ description: 'mobile phone', valueInr: null }],
        amountsInr: [],
      };
    case 'fir_sections': {
      // sections may only be chosen from the candidates, sent as an enum in the schema
      const choices: unknown = schema?.properties?.sections?.items?.properties?.section?.enum;
      if (!Array.isArray(choices) || choices.length === 0) throw new Error(`fir_sections request without candidate enum: ${JSON.stringify(schema)?.slice(0, 500)}`);
      return { sections: [{ section: choices[0], confidence: 0.9 }] };
    }
    case 'fir_narrative':
      return { narrative: 'The complainant states that a mobile phone was stolen from a bag at a crowded market.' };
    default:
      throw new Error(`fake LLM: unexpected schema ${req.schemaName}`);
  }
}

interface Hold {
  match: (req: RecordedRequest, text: string) => boolean;
  /** hold only the first matching request */
  once: boolean;
  used: boolean;
  arrived: Promise<RecordedRequest>;
  onArrive: (r: RecordedRequest) => void;
  released: Promise<void>;
  release: () => void;
}

export interface HeldRequest {
  /** resolves with the request once it has arrived (the worker is then inside the stage) */
  arrived: Promise<RecordedRequest>;
  /** lets the held request (and any later match) be answered normally */
  release(): void;
}

export interface FakeLlm {
  /**
   * Holds chat requests whose prompt contains `marker` (and, if given, asks for `schemaName`)
   * until release(). `once` (default true): only the first matching request is held.
   */
  hold(marker: string, options?: { schemaName?: string; once?: boolean }): HeldRequest;
  /** chat requests whose prompt contains `marker` */
  requestsFor(marker: string, schemaName?: string): RecordedRequest[];
  /** releases every hold (teardown) */
  releaseAll(): void;
}

function promptOf(req: RecordedRequest): string {
  const messages: unknown = req.json?.messages;
  return Array.isArray(messages) ? messages.map((m: any) => String(m?.content ?? '')).join('\n') : '';
}

/** Programs `fake` to answer every chat request validly, holding the requests chosen with hold(). */
export function fakeLlm(fake: FakeModelServer): FakeLlm {
  const holds: Hold[] = [];
  fake.setBehaviour(async (req) => {
    if (req.kind !== 'chat') return { type: 'fail', status: 404 };
    const text = promptOf(req);
    for (const h of holds) {
      if ((h.once && h.used) || !h.match(req, text)) continue;
      h.used = true;
      h.onArrive(req);
      await h.released;
    }
    return { type: 'ok', content: llmAnswer(req) };
  });
  return {
    hold(marker, options = {}) {
      let onArrive!: (r: RecordedRequest) => void;
      let release!: () => void;
      const arrived = new Promise<RecordedRequest>((r) => (onArrive = r));
      const released = new Promise<void>((r) => (release = r));
      const h: Hold = {
        match: (req, text) => text.includes(marker) && (!options.schemaName || req.schemaName === options.schemaName),
        once: options.once ?? true,
        used: false,
        arrived,
        onArrive,
        released,
        release,
      };
      holds.push(h);
      return { arrived, release };
    },
    requestsFor(marker, schemaName) {
      return fake.requests.filter((r) => r.kind === 'chat' && promptOf(r).includes(marker) && (!schemaName || r.schemaName === schemaName));
    },
    releaseAll() {
      for (const h of holds) h.release();
    },
  };
}
