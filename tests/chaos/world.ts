/**
 * The chaos suite's system: its own MariaDB (data), PostgreSQL (pg-boss) and Redis on spare
 * ports, the fake model server, three gateways (the third reaches Redis through a TCP proxy, so
 * it alone can be partitioned) and one worker, all real processes started as production starts
 * them. Each gateway keeps its port across restarts, so clients (and graphql-ws reconnects) find
 * it again.
 *
 * The Workload drives it while a scenario injects a fault, and measures what a client sees:
 *  - writers: one per FIR, each write an `updateFir` of the FIR's summary to `chaos <n>` through a
 *    random gateway; a write is acknowledged when its answer has no error;
 *  - readers: `node(id)` of a random FIR on a random gateway (cacheable); a read is stale when it
 *    returns a write number below the last write acknowledged before the read started;
 *  - jobs: a complaint submitted every few hundred ms through a random gateway, each followed by a
 *    generationProgress subscription (graphql-ws, reconnecting) on that gateway;
 *  - every answer is classified: ok, coded error, 503 SERVICE_UNAVAILABLE, other 5xx, uncoded
 *    error (no code, or INTERNAL_SERVER_ERROR), unreachable (connection refused/reset: a gateway
 *    that is down), or timed out (no answer within REQUEST_TIMEOUT_MS: a hang).
 */
import { randomInt } from 'node:crypto';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { Kysely, MysqlDialect } from 'kysely';
import { createPool, type Pool } from 'mysql2';
import WebSocket from 'ws';
import type { DB } from '../../src/db/types.ts';
import { decodeIdOf, encodeGlobalId } from '../../src/global-id.ts';
import { withAuth } from '../helpers/auth.ts';
import { ScratchRedis } from '../helpers/cache.ts';
import { type FakeModelServer, type RecordedRequest, startFakeModelServer } from '../helpers/fake-model-server.ts';
import { stationWithFirs } from '../helpers/fixtures.ts';
import { faultyLlm, THEFT } from '../helpers/generation.ts';
import { freePort, ProcessGroup, type ServiceProcess } from '../helpers/processes.ts';
import { TcpProxy } from '../helpers/tcp-proxy.ts';
import { waitFor } from '../helpers/wait.ts';
import { ScratchMariaDb, ScratchPostgres } from './stores.ts';

export const REQUEST_TIMEOUT_MS = 10_000;
const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

export class ChaosWorld {
  readonly mariadb = new ScratchMariaDb();
  readonly postgres = new ScratchPostgres();
  readonly redis = new ScratchRedis();
  redisProxy!: TcpProxy;
  fake!: FakeModelServer;
  readonly procs = new ProcessGroup();
  gateways: ServiceProcess[] = [];
  worker!: ServiceProcess;
  ports: number[] = [];
  db!: Kysely<DB>;
  #pool!: Pool;
  stationGid = '';
  firIds: number[] = [];
  /** 'down': the model server answers 503 to everything */
  llmMode: 'ok' | 'down' = 'ok';

  async start(firs = 6): Promise<this> {
    await Promise.all([this.mariadb.start(), this.postgres.start(), this.redis.start()]);
    this.redisProxy = await new TcpProxy('127.0.0.1', this.redis.port).start();
    this.fake = await startFakeModelServer();
    // Model answers take a little while, so a worker killed mid-run is caught inside a stage.
    this.fake.setBehaviour((req: RecordedRequest) => {
      if (this.llmMode === 'down') return { type: 'fail', status: 503 };
      const b = faultyLlm(req);
      return b.type === 'ok' ? { ...b, delayMs: 150 } : b;
    });
    this.ports = [await freePort(), await freePort(), await freePort()];
    // The first gateway migrates the database; the others start once it has.
    this.gateways[0] = await this.procs.gateway(this.gatewayEnv(0), 'gateway-1');
    const rest = await Promise.all([1, 2].map((i) => this.procs.gateway(this.gatewayEnv(i), `gateway-${i + 1}`)));
    this.gateways.push(...rest);
    this.worker = await this.procs.worker(this.workerEnv(), 'worker');
    this.#pool = createPool({ uri: this.mariadb.url, connectionLimit: 4, connectTimeout: 2000 });
    this.db = new Kysely<DB>({ dialect: new MysqlDialect({ pool: this.#pool }) });
    const fixture = await stationWithFirs(this.db, Array.from({ length: firs }, () => 'GENERATED'));
    this.stationGid = encodeGlobalId('PoliceStation', fixture.stationId);
    this.firIds = fixture.firIds;
    return this;
  }

  common(): Record<string, string> {
    return {
      DATABASE_URL: this.mariadb.url,
      JOBS_DATABASE_URL: this.postgres.url,
      SEED_DEMO: 'false',
      LLM_URL: this.fake.url,
      // Jobs must wait out a model outage, not be drafted by the fallback.
      LLM_FALLBACK: 'false',
      MODEL_RETRIES: '1',
      MODEL_TIMEOUT_MS: '5000',
      MODEL_BREAKER_THRESHOLD: '3',
      MODEL_BREAKER_HALF_OPEN_MS: '2000',
      JOB_DEPENDENCY_RETRY_MAX_SECONDS: '2',
      JOB_RETRY_DELAY_SECONDS: '1',
      JOB_RETRY_DELAY_MAX_SECONDS: '4',
      JOB_POLL_SECONDS: '1',
      // A frozen database answers 503 within 3 s, well inside the clients' 10 s.
      DB_STATEMENT_TIMEOUT_MS: '3000',
      DB_ACQUIRE_TIMEOUT_MS: '3000',
      LOG_LEVEL: 'info',
      // CHAOS_ENV='{"NAME":"value"}' runs every process with other settings (to try a setting, or
      // to see the suite catch a fault with a protection turned off).
      ...(process.env.CHAOS_ENV ? (JSON.parse(process.env.CHAOS_ENV) as Record<string, string>) : {}),
    };
  }

  gatewayEnv(i: number): Record<string, string> {
    const redis = i === 2 ? `redis://127.0.0.1:${this.redisProxy.port}` : this.redis.url;
    return { ...this.common(), REDIS_URL: redis, RUN_WORKER: 'false', PORT: String(this.ports[i]) };
  }

  workerEnv(): Record<string, string> {
    return { ...this.common(), REDIS_URL: this.redis.url, WORKER_CONCURRENCY: '4' };
  }

  base(i: number): string {
    return `http://127.0.0.1:${this.ports[i]}`;
  }

  /** Starts gateway i again (same port, same environment) once it has exited. */
  async restartGateway(i: number): Promise<void> {
    this.gateways[i] = await this.procs.gateway(this.gatewayEnv(i), `gateway-${i + 1}`);
  }

  async restartWorker(): Promise<void> {
    this.worker = await this.procs.worker(this.workerEnv(), 'worker');
  }

  async close(): Promise<void> {
    await this.procs.stopAll(15_000);
    await this.db?.destroy().catch(() => undefined);
    await this.fake?.close();
    await this.redisProxy?.stop();
    await this.redis.stop();
    await Promise.all([this.mariadb.destroy(), this.postgres.destroy()]);
  }
}

// ───────────────────────────── one answer, classified ─────────────────────────────

export type Outcome = 'ok' | 'coded' | 'unavailable' | 'server-error' | 'uncoded' | 'unreachable' | 'timeout';

export interface Answer {
  outcome: Outcome;
  data?: any;
  code?: string;
  detail?: string;
}

export async function post(base: string, query: string, variables: Record<string, unknown>): Promise<Answer> {
  let res: Response;
  try {
    res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: await withAuth({ 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' }),
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (err) {
    const e = err as Error;
    if (e.name === 'TimeoutError') return { outcome: 'timeout', detail: `${base}: no answer within ${REQUEST_TIMEOUT_MS} ms` };
    return { outcome: 'unreachable', detail: String((e as any).cause?.code ?? e.message) };
  }
  let body: any;
  try {
    body = await res.json();
  } catch (err) {
    if ((err as Error).name === 'TimeoutError') return { outcome: 'timeout', detail: `${base}: body not complete within ${REQUEST_TIMEOUT_MS} ms` };
    // A gateway killed mid-answer
    if (res.status < 500) return { outcome: 'unreachable', detail: `HTTP ${res.status}, body cut` };
    return { outcome: 'server-error', detail: `HTTP ${res.status} with a body that is not JSON` };
  }
  const error = body?.errors?.[0];
  const code: string | undefined = error?.extensions?.code;
  if (res.status === 503 && code === 'SERVICE_UNAVAILABLE' && res.headers.get('retry-after')) return { outcome: 'unavailable', code };
  if (res.status >= 500) return { outcome: 'server-error', code, detail: `HTTP ${res.status}: ${JSON.stringify(body).slice(0, 300)}` };
  if (error) {
    if (!code || code === 'INTERNAL_SERVER_ERROR') return { outcome: 'uncoded', code, detail: JSON.stringify(body.errors).slice(0, 300) };
    return { outcome: 'coded', code, data: body.data };
  }
  return { outcome: 'ok', data: body.data };
}

// ───────────────────────────── the workload ─────────────────────────────

const READ = `query($id: ID!) { node(id: $id) { ... on Fir { id summary version } } }`;
const UPDATE = `mutation($input: UpdateFirInput!) { updateFir(input: $input) { id version summary } }`;
const SUBMIT = `mutation($input: SubmitComplaintInput!) { submitComplaint(input: $input) { job { id } } }`;
const PROGRESS = `subscription($jobId: ID!) { generationProgress(jobId: $jobId) { seq status stage } }`;

const numberOf = (summary: unknown): number => {
  const m = typeof summary === 'string' ? /^chaos (\d+)$/.exec(summary) : null;
  return m ? Number(m[1]) : 0;
};

export interface ScenarioReport {
  scenario: string;
  reads: number;
  /** reads answered from the response cache (gateways' hit counters; a restarted gateway's from 0) */
  cachedReads: number;
  staleReads: number;
  writesAcknowledged: number;
  writesLost: number;
  jobsSubmitted: number;
  jobsSucceeded: number;
  jobsFailed: number;
  jobsLost: number;
  jobsDuplicated: number;
  jobsStuck: number;
  subscriptionsMissingEnd: number;
  unavailable503: number;
  other5xx: number;
  uncoded: number;
  timeouts: number;
  unreachable: number;
  /** fault healed -> every gateway answers a read and a write */
  recoveryMs: number | null;
  /** fault healed -> every acknowledged job ended */
  jobsSettledMs: number | null;
  examples: string[];
}

interface Ack {
  n: number;
  at: number;
}

export class Workload {
  readonly #world: ChaosWorld;
  #running = false;
  readonly #loops: Promise<void>[] = [];
  readonly #acks = new Map<number, Ack[]>();
  readonly #next = new Map<number, number>();
  readonly jobs: Array<{ id: number; gid: string; gateway: number; events: any[]; ended: boolean }> = [];
  readonly #clients: WsClient[] = [];
  readonly counts: Record<Outcome, number> = { ok: 0, coded: 0, unavailable: 0, 'server-error': 0, uncoded: 0, unreachable: 0, timeout: 0 };
  reads = 0;
  stale = 0;
  readonly examples: string[] = [];

  constructor(world: ChaosWorld) {
    this.#world = world;
    for (let i = 0; i < 3; i++) {
      this.#clients.push(
        createWsClient({
          url: `${world.base(i).replace(/^http/, 'ws')}/graphql`,
          webSocketImpl: WebSocket,
          connectionParams: async () => withAuth({}),
          lazy: true,
          // A gateway that went away comes back on the same port: keep trying, resubscribing.
          retryAttempts: Number.POSITIVE_INFINITY,
          shouldRetry: () => true,
          retryWait: async () => new Promise((r) => setTimeout(r, 200 + randomInt(300))),
        }),
      );
    }
  }

  #note(answer: Answer, what: string) {
    this.counts[answer.outcome]++;
    if (['server-error', 'uncoded', 'timeout'].includes(answer.outcome) && this.examples.length < 8) this.examples.push(`${what}: ${answer.outcome} ${answer.detail ?? ''}`);
  }

  #hitsAtStart: number[] = [];

  /** Response-cache hits of each gateway so far (its /metrics); null for one that is down. */
  async #hits(): Promise<Array<number | null>> {
    return Promise.all(
      [0, 1, 2].map(async (g) => {
        try {
          const text = await (await fetch(`${this.#world.base(g)}/metrics`, { signal: AbortSignal.timeout(5_000) })).text();
          let n = 0;
          for (const m of text.matchAll(/^graphql_response_cache_lookups_total\{[^}]*outcome="hit"[^}]*\} (\d+(?:\.\d+)?)/gm)) n += Number(m[1]);
          return n;
        } catch {
          return null;
        }
      }),
    );
  }

  async start(): Promise<void> {
    this.#hitsAtStart = (await this.#hits()).map((n) => n ?? 0);
    this.#running = true;
    for (const id of this.#world.firIds) {
      this.#loops.push(this.#writer(id));
      this.#loops.push(this.#reader());
    }
    this.#loops.push(this.#submitter());
  }

  async stop(): Promise<void> {
    this.#running = false;
    await Promise.all(this.#loops);
    this.#loops.length = 0;
  }

  async #pause(ms: number) {
    await new Promise((r) => setTimeout(r, ms));
  }

  async #writer(firId: number) {
    let version: number | null = null;
    while (this.#running) {
      if (version === null) {
        try {
          const row = await this.#world.db.selectFrom('fir').select(['version', 'summary']).where('id', '=', firId).executeTakeFirstOrThrow();
          version = row.version;
          this.#next.set(firId, Math.max(this.#next.get(firId) ?? 1, numberOf(row.summary) + 1));
        } catch {
          await this.#pause(200); // the database is down: try again
          continue;
        }
      }
      const n = this.#next.get(firId) ?? 1;
      this.#next.set(firId, n + 1);
      const gateway = randomInt(3);
      const answer = await post(this.#world.base(gateway), UPDATE, { input: { id: encodeGlobalId('Fir', firId), expectedVersion: version, summary: `chaos ${n}` } });
      this.#note(answer, `write on gateway-${gateway + 1}`);
      if (answer.outcome === 'ok') {
        version = answer.data.updateFir.version;
        const acks = this.#acks.get(firId) ?? [];
        acks.push({ n, at: Date.now() });
        this.#acks.set(firId, acks);
      } else {
        version = null; // unknown whether it committed: read the version again
        await this.#pause(100);
      }
      await this.#pause(50);
    }
  }

  /** The highest write number acknowledged before `t` for the FIR. */
  #floor(firId: number, t: number): number {
    let max = 0;
    for (const a of this.#acks.get(firId) ?? []) if (a.at <= t && a.n > max) max = a.n;
    return max;
  }

  async #reader() {
    while (this.#running) {
      const firId = this.#world.firIds[randomInt(this.#world.firIds.length)]!;
      const gateway = randomInt(3);
      const started = Date.now();
      const answer = await post(this.#world.base(gateway), READ, { id: encodeGlobalId('Fir', firId) });
      this.#note(answer, `read on gateway-${gateway + 1}`);
      if (answer.outcome === 'ok') {
        this.reads++;
        const got = numberOf(answer.data.node?.summary);
        const floor = this.#floor(firId, started);
        if (got < floor) {
          this.stale++;
          if (this.examples.length < 8) this.examples.push(`stale read on gateway-${gateway + 1}: FIR ${firId} showed write ${got} after write ${floor} was acknowledged`);
        }
      } else {
        await this.#pause(100);
      }
      await this.#pause(20);
    }
  }

  async #submitter() {
    let i = 0;
    while (this.#running) {
      const gateway = i++ % 3;
      const answer = await post(this.#world.base(gateway), SUBMIT, { input: { stationId: this.#world.stationGid, text: `Chaos complaint ${Date.now()}-${i}. ${THEFT}` } });
      this.#note(answer, `submit on gateway-${gateway + 1}`);
      if (answer.outcome === 'ok') {
        const gid = answer.data.submitComplaint.job.id as string;
        const job = { id: decodeIdOf('GenerationJob', gid), gid, gateway, events: [] as any[], ended: false };
        this.jobs.push(job);
        this.#clients[gateway]!.subscribe(
          { query: PROGRESS, variables: { jobId: gid } },
          {
            next: (v: any) => {
              const e = v?.data?.generationProgress;
              if (!e) return;
              job.events.push(e);
              if (TERMINAL.has(e.status)) job.ended = true;
            },
            error: () => undefined,
            complete: () => undefined,
          },
        );
      }
      await this.#pause(300);
    }
  }

  /** Waits until every gateway answers a read and a write (a fault has healed); ms taken. */
  async recovered(timeoutMs = 60_000): Promise<number> {
    const start = Date.now();
    const firId = this.#world.firIds[0]!;
    await waitFor(
      async () => {
        for (let g = 0; g < 3; g++) {
          const read = await post(this.#world.base(g), READ, { id: encodeGlobalId('Fir', firId) });
          if (read.outcome !== 'ok') return false;
          // a write that fails on the version (CONFLICT: another writer won) still proves the path
          const write = await post(this.#world.base(g), UPDATE, { input: { id: encodeGlobalId('Fir', firId), expectedVersion: 0, summary: 'x' } });
          if (write.outcome !== 'coded' && write.outcome !== 'ok') return false;
        }
        return true;
      },
      { timeoutMs, intervalMs: 100, message: 'every gateway to answer a read and a write' },
    );
    return Date.now() - start;
  }

  /** Once stopped: waits for every acknowledged job to end and checks writes and jobs. */
  async report(scenario: string, healedAt: number, recoveryMs: number | null, settleMs = 90_000): Promise<ScenarioReport> {
    const db = this.#world.db;
    const ids = this.jobs.map((j) => j.id);
    let settledAt: number | null = null;
    if (ids.length) {
      try {
        await waitFor(
          async () => {
            const open = await db.selectFrom('generation_job').select('id').where('id', 'in', ids).where('status', 'not in', [...TERMINAL]).execute();
            return open.length === 0;
          },
          { timeoutMs: settleMs, intervalMs: 250, message: 'every acknowledged job to end' },
        );
        settledAt = Date.now();
      } catch {
        settledAt = null;
      }
    }
    const rows = ids.length ? await db.selectFrom('generation_job').select(['id', 'status']).where('id', 'in', ids).execute() : [];
    const status = new Map(rows.map((r) => [r.id, r.status]));
    const events = ids.length ? await db.selectFrom('generation_event').select(['job_id', 'stage', 'status']).where('job_id', 'in', ids).execute() : [];
    const duplicated = new Set<number>();
    const seen = new Set<string>();
    for (const e of events) {
      if (e.status !== 'RUNNING' && !TERMINAL.has(e.status)) continue;
      const key = `${e.job_id}:${TERMINAL.has(e.status) ? 'END' : e.stage}`;
      if (seen.has(key)) duplicated.add(e.job_id);
      seen.add(key);
    }
    // A subscriber of a job that ended gets its end (after reconnects), soon after it ended.
    let missingEnd = 0;
    try {
      await waitFor(() => this.jobs.every((j) => j.ended || !TERMINAL.has(status.get(j.id) ?? '')), { timeoutMs: 15_000, intervalMs: 100 });
    } catch {
      missingEnd = this.jobs.filter((j) => !j.ended && TERMINAL.has(status.get(j.id) ?? '')).length;
      if (this.examples.length < 8) this.examples.push(`subscriptions without the end: ${this.jobs.filter((j) => !j.ended).map((j) => `${j.id}@gateway-${j.gateway + 1}`).slice(0, 5).join(', ')}`);
    }
    // Lost writes: the FIR shows an older write than the last acknowledged one.
    let lost = 0;
    let acknowledged = 0;
    const firs = await db.selectFrom('fir').select(['id', 'summary']).where('id', 'in', this.#world.firIds).execute();
    for (const fir of firs) {
      const acks = this.#acks.get(fir.id) ?? [];
      acknowledged += acks.length;
      const last = Math.max(0, ...acks.map((a) => a.n));
      if (numberOf(fir.summary) < last) {
        lost++;
        if (this.examples.length < 8) this.examples.push(`lost write: FIR ${fir.id} shows ${fir.summary} after write ${last} was acknowledged`);
      }
    }
    const count = (s: string) => ids.filter((id) => status.get(id) === s).length;
    const hitsNow = await this.#hits();
    const cachedReads = hitsNow.reduce<number>((sum, n, g) => sum + Math.max(0, (n ?? 0) - ((n ?? 0) >= this.#hitsAtStart[g]! ? this.#hitsAtStart[g]! : 0)), 0);
    return {
      scenario,
      reads: this.reads,
      cachedReads,
      staleReads: this.stale,
      writesAcknowledged: acknowledged,
      writesLost: lost,
      jobsSubmitted: ids.length,
      jobsSucceeded: count('SUCCEEDED'),
      jobsFailed: count('FAILED'),
      jobsLost: ids.filter((id) => !status.has(id)).length,
      jobsDuplicated: duplicated.size,
      jobsStuck: ids.filter((id) => status.has(id) && !TERMINAL.has(status.get(id)!)).length,
      subscriptionsMissingEnd: missingEnd,
      unavailable503: this.counts.unavailable,
      other5xx: this.counts['server-error'],
      uncoded: this.counts.uncoded,
      timeouts: this.counts.timeout,
      unreachable: this.counts.unreachable,
      recoveryMs,
      jobsSettledMs: settledAt === null ? null : Math.max(0, settledAt - healedAt),
      examples: this.examples,
    };
  }

  async dispose(): Promise<void> {
    await Promise.all(this.#clients.map((c) => c.dispose()));
  }
}

/** What must be zero for a scenario to pass. */
export function failures(r: ScenarioReport): string[] {
  const bad: string[] = [];
  const zero: Array<keyof ScenarioReport> = ['staleReads', 'writesLost', 'jobsFailed', 'jobsLost', 'jobsDuplicated', 'jobsStuck', 'subscriptionsMissingEnd', 'other5xx', 'uncoded', 'timeouts'];
  for (const k of zero) if ((r[k] as number) > 0) bad.push(`${k}=${r[k]}`);
  if (r.recoveryMs === null) bad.push('did not recover');
  if (r.jobsSubmitted > 0 && r.jobsSettledMs === null) bad.push('jobs did not settle');
  return bad;
}

export function table(reports: ScenarioReport[]): string {
  const cols: Array<[string, (r: ScenarioReport) => string]> = [
    ['scenario', (r) => r.scenario],
    ['reads (cached)', (r) => `${r.reads} (${r.cachedReads})`],
    ['stale', (r) => String(r.staleReads)],
    ['writes ack/lost', (r) => `${r.writesAcknowledged}/${r.writesLost}`],
    ['jobs sub/ok/failed', (r) => `${r.jobsSubmitted}/${r.jobsSucceeded}/${r.jobsFailed}`],
    ['jobs lost/dup/stuck', (r) => `${r.jobsLost}/${r.jobsDuplicated}/${r.jobsStuck}`],
    ['subs no end', (r) => String(r.subscriptionsMissingEnd)],
    ['503', (r) => String(r.unavailable503)],
    ['other 5xx', (r) => String(r.other5xx)],
    ['uncoded', (r) => String(r.uncoded)],
    ['timeouts', (r) => String(r.timeouts)],
    ['unreachable', (r) => String(r.unreachable)],
    ['recovery', (r) => (r.recoveryMs === null ? 'never' : `${(r.recoveryMs / 1000).toFixed(1)} s`)],
    ['jobs settled', (r) => (r.jobsSettledMs === null ? 'never' : `${(r.jobsSettledMs / 1000).toFixed(1)} s`)],
    ['result', (r) => (failures(r).length ? `FAIL ${failures(r).join(' ')}` : 'pass')],
  ];
  const rows = [cols.map(([h]) => h), ...reports.map((r) => cols.map(([, f]) => f(r)))];
  const widths = cols.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}
