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
 * Also here, shared by the tests that drive these processes (tests/e2e/*):
 *  - gql()/gqlData()/submitComplaint(): GraphQL over HTTP (tests/helpers/graphql.ts);
 *  - wsClient()/track(): graphql-ws (or graphql-sse) operations recorded as they arrive, with
 *    bounded waits; expectRun() checks a generation job's whole event stream;
 *  - E2eHarness: the fake LLM, the processes, the clients and the throwaway data of one test file
 *    (a MariaDB database, a pg-boss schema on the jobs database, ids isolated for Redis), and
 *    their teardown;
 *  - fakeLlm(): programs the fake model server (tests/helpers/fake-model-server.ts) to answer the
 *    LLM drafter's three JSON schemas validly and to hold chosen requests until released, so a
 *    job can be parked inside a stage.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import { type Client as WsClient, createClient as createWsClient } from 'graphql-ws';
import { expect } from 'vitest';
import WebSocket from 'ws';
import { dialectOf } from '../../src/db/dialect.ts';
import { createTestDb, dropBossSchema, type TestDb } from './db.ts';
import { drafterAnswer, type FakeModelServer, type RecordedRequest, startFakeModelServer } from './fake-model-server.ts';
import { type GqlResponse, httpClient } from './graphql.ts';
import type { Services } from './services.ts';
import { waitFor, withTimeout } from './wait.ts';
import { TEST_AUTH_ENV, withAuth } from './auth.ts';

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

  constructor(role: Role, name: string, env: NodeJS.ProcessEnv) {
    this.role = role;
    this.name = name;
    installExitHook();
    this.proc = spawn(process.execPath, [role === 'gateway' ? GATEWAY_SCRIPT : WORKER_SCRIPT], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(this.proc);
    this.proc.stdout!.setEncoding('utf8').on('data', (s: string) => void (this.stdout += s));
    this.proc.stderr!.setEncoding('utf8').on('data', (s: string) => void (this.stderr += s));
    this.exited = new Promise((resolve) =>
      this.proc.once('exit', (code, signal) => {
        live.delete(this.proc);
        resolve({ code, signal });
      }),
    );
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
    return waitFor(
      () => {
        const line = this.logLines.find(match);
        if (line) return line;
        if (!this.running) throw new Error(`${this.name}: exited (code ${this.proc.exitCode}, signal ${this.proc.signalCode}) before ${label}\n${this.tail()}`);
        return undefined;
      },
      { timeoutMs, intervalMs: 20, message: () => `${this.name}: ${label}\n${this.tail()}` },
    );
  }

  /** Waits for the start-up line carrying the port, then for GET /ready = 200. */
  async ready(timeoutMs = START_TIMEOUT_MS): Promise<this> {
    const deadline = Date.now() + timeoutMs;
    const msg = this.role === 'gateway' ? /^serving / : /^worker running$/;
    const line = await this.waitForLog((l) => typeof l.msg === 'string' && msg.test(l.msg) && typeof l.port === 'number', timeoutMs, 'the start-up log line with the port');
    this.port = line.port;
    this.base = `http://127.0.0.1:${this.port}`;
    let last = '';
    await waitFor(
      async () => {
        if (!this.running) throw new Error(`${this.name}: exited before /ready answered 200\n${this.tail()}`);
        try {
          const res = await fetch(`${this.base}/ready`, { signal: AbortSignal.timeout(5_000) });
          last = `${res.status} ${await res.text()}`;
          return res.status === 200;
        } catch (err) {
          last = String(err); // not listening yet
          return false;
        }
      },
      { timeoutMs: Math.max(1, deadline - Date.now()), intervalMs: 200, message: () => `${this.name}: /ready to answer 200 (last: ${last})\n${this.tail()}` },
    );
    return this;
  }

  /** Sends `signal` to this child only and waits (bounded) for its exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL', timeoutMs = 15_000): Promise<Exit> {
    if (this.running) this.proc.kill(signal);
    return withTimeout(this.exited, timeoutMs, `${this.name} to exit after ${signal}`);
  }

  /**
   * SIGTERM (graceful), then SIGKILL if it has not exited within `timeoutMs`: the exit then says
   * `signal: 'SIGKILL'`, so a test that expects `{ code: 0, signal: null }` fails on a stop that
   * did not finish within the budget.
   */
  async stop(timeoutMs = 15_000): Promise<Exit> {
    if (!this.running) return this.exited;
    this.proc.kill('SIGTERM');
    try {
      return await withTimeout(this.exited, timeoutMs, `${this.name} to exit after SIGTERM`);
    } catch {
      this.proc.kill('SIGKILL');
      return this.exited;
    }
  }
}

/** The processes of one test file; stopAll() in afterAll. */
export class ProcessGroup {
  readonly all: ServiceProcess[] = [];
  #count = 0;

  /** Spawns without waiting. LOG_LEVEL defaults to info (the port is read from the log). */
  spawn(role: Role, env: Record<string, string | undefined>, name?: string): ServiceProcess {
    // Tokens signed with TEST_AUTH_SECRET (tests/helpers/auth.ts); budgets too large to meet unless a test sets its own.
    const full = childEnv({
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
      ...TEST_AUTH_ENV,
      RATE_LIMIT_COST_PER_MINUTE: '1000000000',
      RATE_LIMIT_GLOBAL_COST_PER_SECOND: '1000000000',
      ...env,
    });
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

export type { GqlResponse } from './graphql.ts';

/** POST /graphql of the server at `base` with plain fetch. */
export function gql(base: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GqlResponse> {
  return httpClient(base).gql(query, variables, headers);
}

/** `data` of a successful operation; throws with the errors otherwise. */
export function gqlData(base: string, query: string, variables?: Record<string, unknown>): Promise<any> {
  return httpClient(base).data(query, variables);
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
  let settle!: (s: 'complete' | 'error') => void;
  const got = () => `got ${JSON.stringify(t.results).slice(0, 1500)} (${t.state})`;
  const t: Tracked = {
    results: [],
    error: undefined,
    state: 'open',
    ended: new Promise((r) => (settle = r)),
    dispose: () => undefined,
    async waitFor(check, timeoutMs, label) {
      await waitFor(
        () => {
          if (check(t.results)) return true;
          if (t.state !== 'open') throw new Error(`the operation ended (${t.state}: ${describeError(t.error)}) before ${label}; ${got()}`);
          return false;
        },
        { timeoutMs, intervalMs: 10, message: () => `${label}; ${got()}` },
      );
    },
    waitEnd(timeoutMs, label) {
      return withTimeout(t.ended, timeoutMs, `${label} to end; ${got()}`);
    },
  };
  t.dispose = client.subscribe(
    { query, variables },
    {
      next: (v) => void t.results.push(v),
      error: (e) => {
        t.error = e;
        t.state = 'error';
        settle('error');
      },
      complete: () => {
        if (t.state === 'open') t.state = 'complete';
        settle('complete');
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

/**
 * graphql-ws over the `ws` package, one connection per client, no reconnects; `connection_init`
 * carries the ADMIN token unless `authorization` is given (`''`: none, the anonymous).
 */
export function wsClient(base: string, options: { lazy?: boolean; authorization?: string } = {}): WsClient & { counts: { connected: number; closed: number } } {
  const counts = { connected: 0, closed: 0 };
  const client = createWsClient({
    url: `${base.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: async () => withAuth(options.authorization === undefined ? {} : { authorization: options.authorization }),
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
    const content = drafterAnswer(req);
    if (!content) throw new Error(`fake LLM: unexpected schema ${req.schemaName}`);
    return { type: 'ok', content };
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

// ───────────────────────────── one test file's world ─────────────────────────────

/**
 * What an end-to-end test file starts and must take down again: the fake model server with the
 * fake LLM on it, the processes, the WebSocket clients, and the throwaway data (a MariaDB
 * database and a pg-boss schema on the real services, or an embedded DATA_DIR).
 *
 *   const world = new E2eHarness();
 *   beforeAll(async () => {
 *     await world.start();
 *     const env = await world.servicesEnv(requireServices(), { migrate: false });
 *     gw = await world.procs.gateway({ ...env, LLM_URL: world.fake.url });
 *   });
 *   afterAll(async () => expectCleanExits(await world.close()));
 */
export class E2eHarness {
  readonly procs = new ProcessGroup();
  fake!: FakeModelServer;
  llm!: FakeLlm;
  db: TestDb | undefined;
  #services: Services | undefined;
  #bossSchema: string | undefined;
  #dataDir: string | undefined;
  readonly #clients: Array<{ dispose(): void | Promise<void> }> = [];

  async start(): Promise<this> {
    this.fake = await startFakeModelServer();
    this.llm = fakeLlm(this.fake);
    return this;
  }

  /**
   * A throwaway MariaDB database (migrated unless `migrate: false`, then a gateway migrates it)
   * and a pg-boss schema of our own on the jobs database: DATABASE_URL, JOBS_DATABASE_URL,
   * REDIS_URL, PGBOSS_SCHEMA and SEED_DEMO=false for the processes.
   */
  async servicesEnv(services: Services, options: { migrate?: boolean } = {}): Promise<Record<string, string>> {
    this.#services = services;
    this.db = await createTestDb('mysql', { migrate: options.migrate ?? true });
    this.#bossSchema = uniqueSchema();
    return { DATABASE_URL: this.db.url!, JOBS_DATABASE_URL: services.jobs, REDIS_URL: services.redis, PGBOSS_SCHEMA: this.#bossSchema, SEED_DEMO: 'false' };
  }

  /** Embedded PGlite in a fresh DATA_DIR, seeded with the demo data. */
  embeddedEnv(): Record<string, string> {
    this.#dataDir = mkdtempSync(join(tmpdir(), 'afirgen-e2e-'));
    return { DATA_DIR: this.#dataDir, SEED_DEMO: 'true' };
  }

  /** A graphql-ws client of `base`, disposed by close(). */
  ws(base: string, options: { lazy?: boolean } = {}): ReturnType<typeof wsClient> {
    const client = wsClient(base, options);
    this.#clients.push(client);
    return client;
  }

  /** Takes everything down; returns how each process ended, by name. */
  async close(): Promise<Array<{ name: string } & Exit>> {
    this.llm?.releaseAll();
    await Promise.all(this.#clients.map((c) => c.dispose()));
    const exits = await Promise.all(this.procs.all.map(async (p) => ({ name: p.name, ...(await p.stop(15_000)) })));
    await this.fake?.close();
    await this.db?.drop();
    if (this.#bossSchema && this.#services) await dropBossSchema(this.#services.jobs, this.#bossSchema);
    if (this.#dataDir) rmSync(this.#dataDir, { recursive: true, force: true });
    return exits;
  }
}

/** Every process stopped gracefully (exit code 0 on SIGTERM), except those named in `killed`. */
export function expectCleanExits(exits: Array<{ name: string } & Exit>, killed: string[] = []): void {
  for (const exit of exits) if (!killed.includes(exit.name)) expect(exit).toEqual({ name: exit.name, code: 0, signal: null });
}
