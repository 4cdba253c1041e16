/**
 * Failure handling of generation jobs, on every dialect, against a whole running system whose
 * LLM is the fake model server:
 *  (a) a retryable stage failure: a RETRYING event, then the job resumes at the failed stage
 *      (earlier stages are not run again) and succeeds;
 *  (b) a non-retryable failure (injected, or a 4xx from the model server) fails the job at once
 *      with a JobError { code, message, retryable: false } and the FIR FAILED, no retry;
 *  (c) the model server down: the circuit breaker opens (the server stops receiving requests),
 *      pg-boss retries with growing backoff, and the job ends FAILED naming the attempts;
 *  (d) MySQL outbox: a relay that dies between send and delete sends again; pg-boss dedupes by
 *      id and the job runs exactly once;
 *  (e) the enqueue belongs to the submit's transaction: a rollback leaves no pg-boss job (and,
 *      on MySQL, no outbox row).
 *
 * Retries are picked up by the workers' own polling (JOB_POLL_SECONDS): a retry becoming due
 * sends no NOTIFY, so these tests also check that workers poll at that interval.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.ts';
import { insertReturningId } from '../../src/db/dialect.ts';
import type { Stage } from '../../src/generation/pipeline.ts';
import { decodeIdOf, encodeGlobalId } from '../../src/global-id.ts';
import { bossJobId, GENERATION_QUEUE } from '../../src/jobs/boss.ts';
import { transactionalEnqueuer } from '../../src/jobs/enqueue.ts';
import { ModelError } from '../../src/models/types.ts';
import { createRuntime, type Runtime } from '../../src/runtime.ts';
import { createTestDb, dialects, type TestDb } from '../helpers/db.ts';
import { type Behaviour, drafterAnswer, type FakeModelServer, type RecordedRequest, startFakeModelServer } from '../helpers/fake-model-server.ts';
import { complaintMarkers, runtimeEnv, waitFor } from '../helpers/runtime.ts';

// ───────────────────────────── helpers ─────────────────────────────

interface GqlBody {
  data?: any;
  errors?: Array<{ message: string; extensions: { code: string; [k: string]: unknown } }>;
}

async function gql(rt: Runtime, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GqlBody> {
  const res = await rt.app!.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as GqlBody;
}

async function data(rt: Runtime, query: string, variables?: Record<string, unknown>): Promise<any> {
  const body = await gql(rt, query, variables);
  if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);
const ALL_STAGES = ['SUMMARIZE', 'RETRIEVE_SECTIONS', 'CHECK_SECTIONS', 'DRAFT_NARRATIVE', 'ASSEMBLE', 'VALIDATE'];

const THEFT = 'On 10/03/2025 at about 7:30 pm my mobile phone worth Rs. 12,999 was stolen from my pocket at Sanganeri Gate bus stand, Jaipur.';

const SUBMIT = /* GraphQL */ `
  mutation Submit($input: SubmitComplaintInput!) {
    submitComplaint(input: $input) { fir { id } job { id } }
  }
`;

const JOB = /* GraphQL */ `
  query Job($id: ID!) {
    generationJob(id: $id) {
      id status stage progress attempts finishedAt
      error { code message retryable }
      events { seq at stage status progress message fir { id status } }
      fir { id status }
    }
  }
`;

/** A working LLM: schema-valid answers; a complaint containing "#reject" is refused with HTTP 400. */
function llm(req: RecordedRequest): Behaviour {
  const prompt = JSON.stringify(req.json?.messages ?? []);
  if (prompt.includes('#reject')) return { type: 'fail', status: 400, body: { error: { message: 'bad request', type: 'invalid_request_error' } } };
  const content = drafterAnswer(req);
  if (content) return { type: 'ok', content };
  return { type: 'fail', status: 400 };
}

// ───────────────────────────── tests ─────────────────────────────

describe.each(dialects)('generation faults (%s)', (dialect) => {
  let db: TestDb;
  let rt: Runtime;
  let env: Record<string, string>;
  let fake: FakeModelServer;
  let station: string;
  const calls: Array<{ jobId: number; stage: Stage }> = [];
  const retriedOnce = new Set<number>();
  /** (d): the first relay send of the armed job "crashes" after the send */
  const relayFault = { armed: false, jobId: null as number | null, sends: 0, outboxAttemptsSeen: [] as number[] };

  // db is set in beforeAll
  const markerOf = complaintMarkers(() => db);


  async function beforeStage(stage: Stage, jobId: number) {
    calls.push({ jobId, stage });
    const marker = await markerOf(jobId);
    if (marker === 'retry-once' && stage === 'CHECK_SECTIONS' && !retriedOnce.has(jobId)) {
      retriedOnce.add(jobId);
      throw new ModelError('MODEL_SERVER_ERROR', 'model server llm@test answered HTTP 503 (injected)', true);
    }
    if (marker === 'fatal' && stage === 'DRAFT_NARRATIVE') {
      throw new ModelError('VALIDATION_FAILED', 'The drafted FIR is invalid: injected by the test', false);
    }
  }

  async function afterRelaySend(jobId: number) {
    if (!relayFault.armed) return;
    relayFault.jobId ??= jobId;
    if (jobId !== relayFault.jobId) return;
    const row = await db.db.selectFrom('job_outbox').select('relay_attempts').where('job_id', '=', jobId).executeTakeFirst();
    relayFault.outboxAttemptsSeen.push(row ? Number(row.relay_attempts) : -1);
    relayFault.sends++;
    if (relayFault.sends === 1) throw new Error('outbox relay died between send and delete (injected)');
  }

  /** SQL on the database holding pg-boss (the data database, or MySQL's separate jobs database). */
  async function bossSql(text: string, values: unknown[] = []): Promise<any[]> {
    return (await rt.boss.getDb().executeSql(text, values)).rows;
  }

  async function submit(text: string) {
    const body = await gql(rt, SUBMIT, { input: { stationId: station, text } });
    expect(body.errors ?? [], JSON.stringify(body.errors)).toEqual([]);
    const p = body.data.submitComplaint;
    return { firId: p.fir.id as string, jobId: p.job.id as string, id: decodeIdOf('GenerationJob', p.job.id) };
  }

  async function waitTerminal(id: number, timeoutMs = 30_000): Promise<string> {
    return waitFor(
      `job ${id} to end`,
      async () => {
        const row = await db.db.selectFrom('generation_job').select('status').where('id', '=', id).executeTakeFirst();
        return row && TERMINAL.has(row.status) ? row.status : null;
      },
      timeoutMs,
    );
  }

  async function bossJob(id: number) {
    return waitFor(`pg-boss to settle job ${id}`, async () => {
      const job = await rt.boss.getJobById(GENERATION_QUEUE, bossJobId(id));
      return job && ['completed', 'failed', 'cancelled'].includes(job.state) ? job : null;
    });
  }

  async function countRows(table: 'job_outbox' | 'generation_job' | 'complaint' | 'fir' | 'generation_event'): Promise<number> {
    const row = await db.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  beforeAll(async () => {
    fake = await startFakeModelServer();
    fake.setBehaviour(llm);
    db = await createTestDb(dialect);
    const stationId = await insertReturningId(db.db, 'police_station', {
      code: `F${randomBytes(3).toString('hex').toUpperCase()}`,
      name: 'Faults Station',
      district: 'Jaipur',
      state: 'Rajasthan',
      created_at: new Date(),
    });
    station = encodeGlobalId('PoliceStation', stationId);
    env = runtimeEnv(db, {
      LLM_URL: fake.url,
      // These tests are about retries and failure reporting; the built-in fallback for model
      // faults has its own tests (llm-fallback.test.ts).
      LLM_FALLBACK: 'false',
      MODEL_RETRIES: '1',
      MODEL_TIMEOUT_MS: '5000',
      MODEL_BREAKER_THRESHOLD: '2',
      MODEL_BREAKER_HALF_OPEN_MS: '120000',
      JOB_RETRY_LIMIT: '2',
      JOB_RETRY_DELAY_SECONDS: '1',
      JOB_RETRY_DELAY_MAX_SECONDS: '8',
    });
    rt = await createRuntime(parseConfig(env), {
      log: pino({ level: 'silent' }),
      worker: true,
      gateway: true,
      database: db,
      hooks: { beforeStage, afterRelaySend },
    });
  });

  afterAll(async () => {
    await rt?.close();
    await fake?.close();
    if (dialect === 'mysql' && env) {
      const client = new pg.Client({ connectionString: env.JOBS_DATABASE_URL });
      await client.connect();
      await client.query(`drop schema if exists "${env.PGBOSS_SCHEMA}" cascade`).finally(() => client.end());
    }
    await db?.drop();
  });

  it('(a) a retryable failure at CHECK_SECTIONS: RETRYING, then resumes at CHECK_SECTIONS and succeeds', async () => {
    {
      const j = await submit(`#retry-once ${THEFT}`);
      // between the attempts the job shows RETRYING with a retryable error
      const between = await waitFor('the job to be RETRYING', async () => {
        const job = (await data(rt, JOB, { id: j.jobId })).generationJob;
        return job.status === 'RETRYING' || TERMINAL.has(job.status) ? job : null;
      });
      expect(between.status).toBe('RETRYING');
      expect(between.stage).toBe('CHECK_SECTIONS');
      expect(between.error).toEqual({ code: 'MODEL_SERVER_ERROR', message: expect.stringMatching(/503/), retryable: true });
      expect(between.fir.status).toBe('GENERATING');

      expect(await waitTerminal(j.id)).toBe('SUCCEEDED');
      const job = (await data(rt, JOB, { id: j.jobId })).generationJob;
      expect(job.events.map((e: any) => [e.stage, e.status])).toEqual([
        ['QUEUED', 'QUEUED'],
        ['SUMMARIZE', 'RUNNING'],
        ['RETRIEVE_SECTIONS', 'RUNNING'],
        ['CHECK_SECTIONS', 'RETRYING'],
        ['CHECK_SECTIONS', 'RUNNING'],
        ['DRAFT_NARRATIVE', 'RUNNING'],
        ['ASSEMBLE', 'RUNNING'],
        ['VALIDATE', 'RUNNING'],
        ['DONE', 'SUCCEEDED'],
      ]);
      expect(job.events.map((e: any) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      const progress = job.events.map((e: any) => e.progress);
      for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1]);
      expect(job.events[3].message).toMatch(/attempt 1 of 3/);
      expect(job.events.at(-1).fir).toEqual({ id: j.firId, status: 'GENERATED' });
      expect(job).toMatchObject({ status: 'SUCCEEDED', attempts: 2, error: null, fir: { status: 'GENERATED' } });
      // stages before the failure ran once; the failed one twice
      const ran = calls.filter((c) => c.jobId === j.id).map((c) => c.stage);
      expect(ran).toEqual(['SUMMARIZE', 'RETRIEVE_SECTIONS', 'CHECK_SECTIONS', 'CHECK_SECTIONS', 'DRAFT_NARRATIVE', 'ASSEMBLE', 'VALIDATE']);
      const boss = await bossJob(j.id);
      expect(boss).toMatchObject({ state: 'completed', retryCount: 1 });
    }
  });

  it('(b) a non-retryable failure fails the job at once: JobError retryable false, FIR FAILED, no retry', async () => {
    const j = await submit(`#fatal ${THEFT}`);
    expect(await waitTerminal(j.id)).toBe('FAILED');
    const boss = await bossJob(j.id);
    expect(boss).toMatchObject({ state: 'completed', retryCount: 0 });
    const job = (await data(rt, JOB, { id: j.jobId })).generationJob;
    expect(job.error).toEqual({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/DRAFT_NARRATIVE.*injected by the test/), retryable: false });
    expect(job).toMatchObject({ status: 'FAILED', stage: 'DRAFT_NARRATIVE', attempts: 1, fir: { status: 'FAILED' } });
    expect(job.finishedAt).not.toBeNull();
    expect(job.events.map((e: any) => [e.stage, e.status])).toEqual([
      ['QUEUED', 'QUEUED'],
      ['SUMMARIZE', 'RUNNING'],
      ['RETRIEVE_SECTIONS', 'RUNNING'],
      ['CHECK_SECTIONS', 'RUNNING'],
      ['DRAFT_NARRATIVE', 'FAILED'],
    ]);
    expect(job.events.at(-1).fir).toEqual({ id: j.firId, status: 'FAILED' });
    expect(job.events.at(-1).progress).toBe(job.events.at(-2).progress);
    expect(calls.filter((c) => c.jobId === j.id && c.stage === 'DRAFT_NARRATIVE')).toHaveLength(1);
  });

  it('(b) a 4xx from the model server is not retried: one request, JobError MODEL_REQUEST_REJECTED', async () => {
    fake.reset();
    const j = await submit(`#reject ${THEFT}`);
    expect(await waitTerminal(j.id)).toBe('FAILED');
    const boss = await bossJob(j.id);
    expect(boss).toMatchObject({ state: 'completed', retryCount: 0 });
    const job = (await data(rt, JOB, { id: j.jobId })).generationJob;
    expect(job.error).toEqual({ code: 'MODEL_REQUEST_REJECTED', message: expect.stringMatching(/SUMMARIZE.*HTTP 400/), retryable: false });
    // the complaint text never appears in the error
    expect(job.error.message).not.toMatch(/Sanganeri/);
    expect(job).toMatchObject({ status: 'FAILED', attempts: 1, fir: { status: 'FAILED' } });
    expect(job.events.map((e: any) => e.status)).toEqual(['QUEUED', 'FAILED']);
    expect(fake.requests.filter((r) => r.kind === 'chat')).toHaveLength(1);
  });

  it.skipIf(dialect !== 'mysql')('(d) the outbox relay dying between send and delete: resent, deduped by id, run exactly once', async () => {
    expect(rt.relay).not.toBeNull();
    await waitFor('an empty outbox', async () => (await countRows('job_outbox')) === 0);
    relayFault.armed = true;
    const j = await submit(`Relay crash. ${THEFT}`);
    await waitFor('the relay to send the job twice', async () => relayFault.sends >= 2, 15_000);
    const state = () => JSON.stringify({ job: j.id, relayFault });
    expect(relayFault.jobId, state()).toBe(j.id);
    // the row survived the crash and was sent again (relay_attempts 1, then 2)
    expect(relayFault.outboxAttemptsSeen, state()).toEqual([1, 2]);
    await waitFor('the outbox to empty', async () => (await countRows('job_outbox')) === 0);
    const status = await waitTerminal(j.id);
    expect(status, JSON.stringify((await data(rt, JOB, { id: j.jobId })).generationJob)).toBe('SUCCEEDED');
    await bossJob(j.id);
    // give a duplicate (if any) the time to run
    await new Promise((r) => setTimeout(r, 1500));
    relayFault.armed = false;

    const rows = await bossSql(`select id, state, retry_count from "${env.PGBOSS_SCHEMA}".job where name = $1 and (id = $2 or data->>'jobId' = $3)`, [
      GENERATION_QUEUE,
      bossJobId(j.id),
      String(j.id),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: bossJobId(j.id), state: 'completed', retry_count: 0 });
    const job = (await data(rt, JOB, { id: j.jobId })).generationJob;
    expect(job).toMatchObject({ status: 'SUCCEEDED', attempts: 1 });
    expect(job.events.filter((e: any) => e.stage === 'DONE')).toHaveLength(1);
    expect(job.events.map((e: any) => e.stage)).toEqual(['QUEUED', ...ALL_STAGES, 'DONE']);
    expect(calls.filter((c) => c.jobId === j.id).map((c) => c.stage)).toEqual(ALL_STAGES);
  });

  it.skipIf(dialect === 'mysql')('(e) transactionalEnqueuer: a rolled-back transaction leaves no pg-boss job', async () => {
    const enqueuer = transactionalEnqueuer(rt.boss);
    expect(enqueuer.mode).toBe('transactional');
    const schemaJob = sql.table(`${env.PGBOSS_SCHEMA}.job`);
    const [rolledBack, committed] = [900_001 + Math.floor(Math.random() * 1000), 910_001 + Math.floor(Math.random() * 1000)];
    await expect(
      db.db.transaction().execute(async (trx) => {
        await enqueuer.enqueue(trx, { id: rolledBack, priority: 'HIGH' });
        const inside = await sql<{ n: number }>`select count(*)::int as n from ${schemaJob} where id = ${bossJobId(rolledBack)}`.execute(trx);
        expect(inside.rows[0]!.n).toBe(1); // really written, in this transaction
        throw new Error('roll back (test)');
      }),
    ).rejects.toThrow('roll back (test)');
    expect(await rt.boss.getJobById(GENERATION_QUEUE, bossJobId(rolledBack))).toBeNull();
    expect((await bossSql(`select count(*)::int as n from "${env.PGBOSS_SCHEMA}".job where id = $1`, [bossJobId(rolledBack)]))[0].n).toBe(0);

    // control: the same call committed does create the job
    await db.db.transaction().execute(async (trx) => enqueuer.enqueue(trx, { id: committed, priority: 'LOW' }));
    const sent = await rt.boss.getJobById(GENERATION_QUEUE, bossJobId(committed));
    expect(sent).toMatchObject({ data: { jobId: committed }, priority: 0 });
    // no generation_job row exists for it: the worker skips it
    await bossJob(committed);
  });

  it('(e) a submit whose transaction fails after the enqueue leaves no complaint, job, outbox row or pg-boss job', async () => {
    const before = {
      complaint: await countRows('complaint'),
      fir: await countRows('fir'),
      job: await countRows('generation_job'),
      outbox: await countRows('job_outbox'),
      boss: (await bossSql(`select count(*)::int as n from "${env.PGBOSS_SCHEMA}".job where name = $1`, [GENERATION_QUEUE]))[0].n,
    };
    // the audit insert (the last write, after the enqueue, in the same transaction) is made to
    // fail for this one request, by its request id
    const requestId = `block-${randomBytes(6).toString('hex')}`;
    await sql`alter table audit_log add constraint t_block_submit check (request_id is null or request_id <> ${sql.lit(requestId)})`.execute(db.db);
    try {
      const body = await gql(rt, SUBMIT, { input: { stationId: station, text: `Rolled back. ${THEFT}` } }, { 'x-request-id': requestId });
      expect(body.data?.submitComplaint ?? null).toBeNull();
      expect(body.errors?.[0]?.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await sql`alter table audit_log drop constraint t_block_submit`.execute(db.db);
    }
    if (rt.relay) await rt.relay.idle();
    await new Promise((r) => setTimeout(r, 300));
    const after = {
      complaint: await countRows('complaint'),
      fir: await countRows('fir'),
      job: await countRows('generation_job'),
      outbox: await countRows('job_outbox'),
      boss: (await bossSql(`select count(*)::int as n from "${env.PGBOSS_SCHEMA}".job where name = $1`, [GENERATION_QUEUE]))[0].n,
    };
    expect(after).toEqual(before);
    // and a submit works again once the constraint is gone
    const j = await submit(`After the rollback. ${THEFT}`);
    expect(await waitTerminal(j.id)).toBe('SUCCEEDED');
  });

  it('(c) the model server down: breaker opens, pg-boss retries with growing backoff, the job ends FAILED naming the attempts', async () => {
    fake.reset();
    fake.setBehaviour({ type: 'fail', status: 503 });
    const j = await submit(`#down The model server is down. ${THEFT}`);
    expect(await waitTerminal(j.id, 40_000)).toBe('FAILED');
    const job = (await data(rt, JOB, { id: j.jobId })).generationJob;
    expect(job.events.map((e: any) => [e.stage, e.status])).toEqual([
      ['QUEUED', 'QUEUED'],
      ['SUMMARIZE', 'RETRYING'],
      ['SUMMARIZE', 'RETRYING'],
      ['SUMMARIZE', 'FAILED'],
    ]);
    expect(job.events[1].message).toMatch(/attempt 1 of 3/);
    expect(job.events[2].message).toMatch(/attempt 2 of 3/);
    expect(job).toMatchObject({ status: 'FAILED', attempts: 3, fir: { status: 'FAILED' } });
    expect(job.events.at(-1).fir).toEqual({ id: j.firId, status: 'FAILED' });
    expect(job.error.retryable).toBe(true);
    expect(job.error.code).toBe('MODEL_UNAVAILABLE');
    expect(job.error.message).toMatch(/after 3 attempts/);
    expect(job.error.message).toMatch(/SUMMARIZE/);
    expect(job.error.message).toMatch(/circuit open after 2 consecutive failures/);

    // The first attempt made MODEL_RETRIES + 1 = 2 requests; they opened the breaker, and while it
    // was open (attempts 2 and 3) the server received nothing.
    const chat = fake.requests.filter((r) => r.kind === 'chat');
    expect(chat).toHaveLength(2);
    const firstRetrying = Date.parse(job.events[1].at);
    for (const r of chat) expect(performance.timeOrigin + r.at).toBeLessThanOrEqual(firstRetrying + 50);

    // pg-boss backoff (retryDelay 1 s, exponential with jitter): the wait before retry n is in
    // [2^(n-1), 2^n) s, so the gaps between attempts grow: >= 1 s, then >= 2 s.
    const at = job.events.map((e: any) => Date.parse(e.at));
    const gap1 = at[2] - at[1];
    const gap2 = at[3] - at[2];
    expect(gap1).toBeGreaterThanOrEqual(950);
    expect(gap1).toBeLessThan(6_000);
    expect(gap2).toBeGreaterThanOrEqual(1_950);
    expect(gap2).toBeLessThan(10_000);
    expect(gap2).toBeGreaterThan(gap1 - 1000); // growth, within a poll's slack under load

    const boss = await bossJob(j.id);
    expect(boss).toMatchObject({ state: 'completed', retryCount: 2 });
  });

  it('no job is left QUEUED, RUNNING or RETRYING and the outbox is empty', async () => {
    const open = await db.db.selectFrom('generation_job').select(['id', 'status']).where('status', 'not in', [...TERMINAL]).execute();
    expect(open).toEqual([]);
    expect(await countRows('job_outbox')).toBe(0);
  });
});
