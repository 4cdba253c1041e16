/**
 * Steering generation jobs through the real Yoga app, on every dialect:
 *  - priorities: jobs queued while no worker runs start URGENT, HIGH, NORMAL, LOW on a worker of
 *    concurrency 1, whatever order they were submitted in;
 *  - cancelGeneration: a QUEUED job ends CANCELLED at once (FIR back to DRAFT) and is never run;
 *    a RUNNING job stops at its next stage boundary; a finished job is BAD_USER_INPUT;
 *  - retryGeneration: a FAILED (or cancelled, DRAFT) FIR gets a new job that succeeds; a
 *    GENERATED FIR is BAD_USER_INPUT;
 *  - a backlog drains promptly: after each job the worker polls again within JOB_POLL_SECONDS
 *    (pg-boss's default 30 s NOTIFY backstop would leave queued jobs waiting).
 *
 * The runtime starts without workers; the test starts the worker itself (startGenerationWorker on
 * the runtime's pg-boss with the deps runtime.ts builds) so it controls concurrency and the
 * beforeStage hook. Which job a hook acts on is decided by a marker in the complaint text, read
 * from the database, so it never races with the submit's answer.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stage } from '../../src/generation/pipeline.ts';
import { decodeIdOf, encodeGlobalId } from '../../src/global-id.ts';
import { bossJobId, GENERATION_QUEUE } from '../../src/jobs/boss.ts';
import { startGenerationWorker } from '../../src/jobs/generation-worker.ts';
import { createModels } from '../../src/models/index.ts';
import { ModelError } from '../../src/models/types.ts';
import type { Runtime } from '../../src/runtime.ts';
import { createTestDb, dialects, type TestDb } from '../helpers/db.ts';
import { addStation } from '../helpers/fixtures.ts';
import { expectError, expectNoErrors } from '../helpers/graphql.ts';
import { complaintMarkers, countRows, jobEnd, startRuntime, TERMINAL_JOB_STATUSES as TERMINAL, type TestRuntime } from '../helpers/runtime.ts';
import { deferred, type Deferred, waitFor, withTimeout } from '../helpers/wait.ts';

const THEFT =
  'I, Ramesh Kumar, resident of H.No. 45, Gandhi Nagar, Jaipur, state that on 10/03/2025 at around 7:30 pm my mobile phone worth Rs. 12,999 was stolen from my pocket at Sanganeri Gate bus stand.';

const SUBMIT = /* GraphQL */ `
  mutation Submit($input: SubmitComplaintInput!) {
    submitComplaint(input: $input) { fir { id status } job { id status priority } }
  }
`;

const JOB = /* GraphQL */ `
  query Job($id: ID!) {
    generationJob(id: $id) {
      id status stage progress attempts priority startedAt finishedAt
      error { code message retryable }
      events { seq stage status progress message fir { id status } }
      fir { id status version latestJob { id } }
    }
  }
`;

const CANCEL = 'mutation($id: ID!) { cancelGeneration(jobId: $id) { id status stage finishedAt fir { id status } } }';
const RETRY = 'mutation($fir: ID!, $p: JobPriority) { retryGeneration(firId: $fir, priority: $p) { id status priority fir { id status } } }';

// ───────────────────────────── tests ─────────────────────────────

describe.each(dialects)('generation jobs (%s)', (dialect) => {
  let db: TestDb;
  let t: TestRuntime;
  let rt: Runtime;
  let env: Record<string, string>;
  let station: string;
  /** every beforeStage call, in order */
  const calls: Array<{ jobId: number; stage: Stage }> = [];
  /** held stage: the hook waits on `release` after resolving `reached` */
  let hold: { marker: string; stage: Stage; reached: Deferred<number>; release: Deferred<void> } | null = null;
  const failedOnce = new Set<string>();

  // db is set in beforeAll
  const markerOf = complaintMarkers(() => db);

  async function beforeStage(stage: Stage, jobId: number) {
    calls.push({ jobId, stage });
    const marker = await markerOf(jobId);
    if (hold && hold.marker === marker && hold.stage === stage) {
      hold.reached.resolve(jobId);
      await hold.release.promise;
    }
    if (marker === 'fail-validation' && stage === 'DRAFT_NARRATIVE' && !failedOnce.has(marker)) {
      failedOnce.add(marker);
      throw new ModelError('VALIDATION_FAILED', 'The drafted FIR is invalid: injected by the test', false);
    }
  }

  async function submit(text: string, priority?: string) {
    const res = await t.gql(SUBMIT, { input: { stationId: station, text, ...(priority ? { priority } : {}) } });
    expectNoErrors(res);
    const p = res.body.data.submitComplaint;
    return { firId: p.fir.id as string, jobId: p.job.id as string, id: decodeIdOf('GenerationJob', p.job.id), payload: p };
  }

  const waitTerminal = (jobGid: string) => jobEnd(db, decodeIdOf('GenerationJob', jobGid));
  const outboxCount = () => countRows(db, 'job_outbox');

  async function bossState(jobId: number): Promise<string | null> {
    const job = await rt.boss.getJobById(GENERATION_QUEUE, bossJobId(jobId));
    return job?.state ?? null;
  }

  beforeAll(async () => {
    db = await createTestDb(dialect);
    station = (await addStation(db.db, 'Jobs Station')).gid;
    t = await startRuntime(db, { worker: false });
    ({ rt, env } = t);
  });

  afterAll(async () => {
    hold?.release.resolve(undefined);
    await t?.close();
    await db?.drop();
  });

  const jobs: Record<string, { firId: string; jobId: string; id: number }> = {};
  const silent = pino({ level: 'silent' });

  /** The worker runtime.ts would start, with concurrency 1 and the test's beforeStage hook. */
  function startWorker() {
    return startGenerationWorker(
      rt.boss,
      { db: rt.database.db, drafter: createModels(rt.config, silent).drafter, pubsub: rt.generation.pubsub, log: silent, beforeStage, changes: rt.generation.changes },
      { concurrency: 1, pollingIntervalSeconds: Number(env.JOB_POLL_SECONDS) },
    );
  }

  async function waitAll(ids: number[], timeoutMs: number) {
    await waitFor(
      async () => {
        const rows = await db.db.selectFrom('generation_job').select('status').where('id', 'in', ids).execute();
        return rows.length === ids.length && rows.every((r) => TERMINAL.has(r.status));
      },
      { timeoutMs, intervalMs: 100, message: `jobs ${ids} to end` },
    );
  }

  it('a QUEUED job is cancelled at once: final event CANCELLED, FIR back to DRAFT', async () => {
    const j = await submit(`Cancel me while queued. ${THEFT}`);
    expect(j.payload.job.status).toBe('QUEUED');
    jobs.cancelled = j;
    const body = (await t.gql(CANCEL, { id: j.jobId })).body;
    expect(body.errors ?? [], JSON.stringify(body.errors)).toEqual([]);
    expect(body.data.cancelGeneration).toMatchObject({ id: j.jobId, status: 'CANCELLED', fir: { id: j.firId, status: 'DRAFT' } });
    expect(body.data.cancelGeneration.finishedAt).not.toBeNull();
    const job = (await t.data(JOB, { id: j.jobId })).generationJob;
    expect(job.events.map((e: any) => [e.seq, e.status])).toEqual([
      [1, 'QUEUED'],
      [2, 'CANCELLED'],
    ]);
    expect(job.events[1].fir).toEqual({ id: j.firId, status: 'DRAFT' });
    expect(job.events[0].fir).toBeNull();
    expect(job.attempts).toBe(0);
    expect(job.startedAt).toBeNull();
    expect(job.fir.status).toBe('DRAFT');
    if (rt.relay) await waitFor(async () => (await outboxCount()) === 0, { message: 'the outbox relay to send the job' });
    expect(await bossState(j.id)).toBe('created'); // still in pg-boss: the worker must skip it
  });

  it('the job cancelled while queued is never run once a worker starts', async () => {
    const j = jobs.cancelled!;
    await startWorker();
    await waitFor(async () => (await bossState(j.id)) === 'completed', { timeoutMs: 20_000, message: 'pg-boss to dispose of the cancelled job' });
    expect(calls.filter((c) => c.jobId === j.id)).toEqual([]);
    const job = (await t.data(JOB, { id: j.jobId })).generationJob;
    expect(job).toMatchObject({ status: 'CANCELLED', attempts: 0, startedAt: null });
    expect(job.events.map((e: any) => e.status)).toEqual(['QUEUED', 'CANCELLED']);
    expect(job.fir.status).toBe('DRAFT');
  });

  it('a RUNNING job stops at the next stage boundary when cancelled', async () => {
    hold = { marker: 'hold', stage: 'CHECK_SECTIONS', reached: deferred<number>(), release: deferred<void>() };
    const j = await submit(`#hold ${THEFT}`);
    const heldJob = await withTimeout(hold.reached.promise, 20_000, 'the job to reach CHECK_SECTIONS');
    expect(heldJob).toBe(j.id);
    const body = (await t.gql(CANCEL, { id: j.jobId })).body;
    expect(body.errors ?? [], JSON.stringify(body.errors)).toEqual([]);
    // not cancelled yet: it is in the middle of a stage
    expect(body.data.cancelGeneration).toMatchObject({ status: 'RUNNING', finishedAt: null, fir: { status: 'GENERATING' } });
    const flag = await db.db.selectFrom('generation_job').select('cancel_requested').where('id', '=', j.id).executeTakeFirstOrThrow();
    expect(Boolean(flag.cancel_requested)).toBe(true);
    hold.release.resolve(undefined);

    expect(await waitTerminal(j.jobId)).toBe('CANCELLED');
    await waitFor(async () => (await bossState(j.id)) === 'completed', { message: 'pg-boss to finish the attempt' });
    hold = null;
    const job = (await t.data(JOB, { id: j.jobId })).generationJob;
    const stages = job.events.map((e: any) => e.stage);
    const statuses = job.events.map((e: any) => e.status);
    // the stage in flight may finish; nothing after it runs
    expect([
      ['QUEUED', 'SUMMARIZE', 'RETRIEVE_SECTIONS', 'CHECK_SECTIONS'],
      ['QUEUED', 'SUMMARIZE', 'RETRIEVE_SECTIONS'],
    ]).toContainEqual(stages.slice(0, -1));
    expect(statuses.at(-1)).toBe('CANCELLED');
    expect(statuses.slice(1, -1).every((s: string) => s === 'RUNNING')).toBe(true);
    expect(job.events.map((e: any) => e.seq)).toEqual(job.events.map((_: unknown, i: number) => i + 1));
    const last = job.events.at(-1);
    expect(last.fir).toEqual({ id: j.firId, status: 'DRAFT' });
    expect(last.progress).toBe(job.events.at(-2).progress);
    expect(last.progress).toBeLessThan(1);
    expect(calls.filter((c) => c.jobId === j.id).map((c) => c.stage)).toEqual(['SUMMARIZE', 'RETRIEVE_SECTIONS', 'CHECK_SECTIONS']);
    expect(job).toMatchObject({ status: 'CANCELLED', attempts: 1, error: null });
    expect(job.finishedAt).not.toBeNull();
    expect(job.fir.status).toBe('DRAFT');
    // nothing is drafted into the FIR after cancellation
    const fir = await db.db.selectFrom('fir').select(['narrative', 'summary']).where('id', '=', decodeIdOf('Fir', j.firId)).executeTakeFirstOrThrow();
    expect(fir).toEqual({ narrative: null, summary: null });
    jobs.running = j;
  });

  it('retryGeneration of a FAILED FIR creates a new job that succeeds', async () => {
    const j = await submit(`#fail-validation ${THEFT}`);
    expect(await waitTerminal(j.jobId)).toBe('FAILED');
    const failed = (await t.data(JOB, { id: j.jobId })).generationJob;
    expect(failed.fir.status).toBe('FAILED');
    expect(failed.error).toMatchObject({ code: 'VALIDATION_FAILED', retryable: false });

    const body = (await t.gql(RETRY, { fir: j.firId, p: 'HIGH' })).body;
    expect(body.errors ?? [], JSON.stringify(body.errors)).toEqual([]);
    const retried = body.data.retryGeneration;
    expect(retried.id).not.toBe(j.jobId);
    expect(retried).toMatchObject({ priority: 'HIGH', fir: { id: j.firId } });
    expect(await waitTerminal(retried.id)).toBe('SUCCEEDED');
    const job = (await t.data(JOB, { id: retried.id })).generationJob;
    expect(job.events.map((e: any) => e.stage)).toEqual(['QUEUED', 'SUMMARIZE', 'RETRIEVE_SECTIONS', 'CHECK_SECTIONS', 'DRAFT_NARRATIVE', 'ASSEMBLE', 'VALIDATE', 'DONE']);
    expect(job.events.at(-1).fir).toEqual({ id: j.firId, status: 'GENERATED' });
    expect(job.fir).toMatchObject({ status: 'GENERATED', latestJob: { id: retried.id } });
    expect(job.attempts).toBe(1);
    // the failed job keeps its history
    const old = (await t.data(JOB, { id: j.jobId })).generationJob;
    expect(old).toMatchObject({ status: 'FAILED', error: { code: 'VALIDATION_FAILED' } });
    const strip = (events: any[]) => events.map(({ fir, ...e }) => ({ ...e, fir: fir?.id ?? null }));
    expect(strip(old.events)).toEqual(strip(failed.events));
    expect(old.events.at(-1).fir).toEqual({ id: j.firId, status: 'GENERATED' }); // the FIR as it is now
    jobs.generated = { firId: j.firId, jobId: retried.id, id: decodeIdOf('GenerationJob', retried.id) };
  });

  it('retryGeneration of a cancelled (DRAFT) FIR creates a new job that succeeds', async () => {
    const j = jobs.running!;
    const retried = (await t.data(RETRY, { fir: j.firId })).retryGeneration;
    expect(retried.priority).toBe('NORMAL');
    expect(await waitTerminal(retried.id)).toBe('SUCCEEDED');
    const job = (await t.data(JOB, { id: retried.id })).generationJob;
    expect(job.fir).toMatchObject({ status: 'GENERATED', latestJob: { id: retried.id } });
  });

  it('retryGeneration of a GENERATED FIR is BAD_USER_INPUT and changes nothing', async () => {
    const j = jobs.generated!;
    const before = (await t.data(JOB, { id: j.jobId })).generationJob.fir;
    expect(before.status).toBe('GENERATED');
    const count = await db.db.selectFrom('generation_job').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expectError(await t.gql(RETRY, { fir: j.firId }), 'BAD_USER_INPUT', /GENERATED/);
    expectError(await t.gql(RETRY, { fir: encodeGlobalId('Fir', 999_999) }), 'NOT_FOUND');
    const after = (await t.data(JOB, { id: j.jobId })).generationJob.fir;
    expect(after).toEqual(before);
    const countAfter = await db.db.selectFrom('generation_job').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(countAfter.n)).toBe(Number(count.n));
  });

  it('cancelling a finished job is BAD_USER_INPUT naming its status; an unknown job is NOT_FOUND', async () => {
    expectError(await t.gql(CANCEL, { id: jobs.generated!.jobId }), 'BAD_USER_INPUT', /SUCCEEDED/);
    expectError(await t.gql(CANCEL, { id: jobs.cancelled!.jobId }), 'BAD_USER_INPUT', /CANCELLED/);
    expectError(await t.gql(CANCEL, { id: encodeGlobalId('GenerationJob', 999_999) }), 'NOT_FOUND');
    expectError(await t.gql(CANCEL, { id: jobs.generated!.firId }), 'BAD_USER_INPUT');
    const job = (await t.data(JOB, { id: jobs.generated!.jobId })).generationJob;
    expect(job.status).toBe('SUCCEEDED');
    expect(job.events.at(-1).status).toBe('SUCCEEDED');
    expect(job.fir.status).toBe('GENERATED');
  });

  it('jobs queued while no worker runs start URGENT, HIGH, NORMAL, LOW on a worker of concurrency 1', async () => {
    await rt.boss.offWork(GENERATION_QUEUE);
    const ids: Record<string, number> = {};
    // submitted lowest first: a FIFO queue would run them in the opposite order
    for (const p of ['LOW', 'NORMAL', 'HIGH', 'URGENT']) {
      const j = await submit(`Priority ${p}. ${THEFT}`, p);
      expect(j.payload.job).toMatchObject({ status: 'QUEUED', priority: p });
      ids[p] = j.id;
    }
    if (rt.relay) await waitFor(async () => (await outboxCount()) === 0, { message: 'the outbox relay to send every job' });
    for (const id of Object.values(ids)) expect(await bossState(id)).toBe('created');
    const mark = calls.length;

    await startWorker();
    await waitAll(Object.values(ids), 20_000);
    for (const id of Object.values(ids)) {
      const row = await db.db.selectFrom('generation_job').select('status').where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.status).toBe('SUCCEEDED');
    }
    const mine = calls.slice(mark);
    const firstStage = mine.filter((c) => c.stage === 'SUMMARIZE').map((c) => c.jobId);
    expect(firstStage).toEqual(['URGENT', 'HIGH', 'NORMAL', 'LOW'].map((p) => ids[p]));
    // one at a time: each job's stages all ran before the next job's first
    const runs = mine.map((c) => c.jobId).filter((id, i, all) => i === 0 || all[i - 1] !== id);
    expect(runs).toEqual(firstStage);
    const rows = await db.db.selectFrom('generation_job').select(['id', 'started_at', 'finished_at']).where('id', 'in', firstStage).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (let i = 1; i < firstStage.length; i++) {
      const prev = byId.get(firstStage[i - 1]!)!;
      const cur = byId.get(firstStage[i]!)!;
      expect(new Date(cur.started_at!).getTime()).toBeGreaterThanOrEqual(new Date(prev.finished_at!).getTime());
    }
  });

  it('no job is left QUEUED or RUNNING and the outbox is empty', async () => {
    const open = await db.db.selectFrom('generation_job').select(['id', 'status']).where('status', 'not in', [...TERMINAL]).execute();
    expect(open).toEqual([]);
    expect(await outboxCount()).toBe(0);
  });

  it('a backlog drains without waiting for pg-boss NOTIFY backstop polls', async () => {
    // Two jobs queued while no worker runs; a worker started afterwards must run both promptly.
    // (The worker asks pg-boss to poll every JOB_POLL_SECONDS, but with LISTEN/NOTIFY on, pg-boss
    // polls only every notifyPollingIntervalSeconds, default 30 s, after each job.)
    await rt.boss.offWork(GENERATION_QUEUE);
    const a = await submit(`Backlog one. ${THEFT}`);
    const b = await submit(`Backlog two. ${THEFT}`);
    if (rt.relay) await waitFor(async () => (await outboxCount()) === 0, { message: 'the outbox relay to send every job' });
    await startWorker();
    await waitAll([a.id, b.id], 12_000);
  });

});
