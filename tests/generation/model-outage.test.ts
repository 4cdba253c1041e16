/**
 * A model server outage does not fail the jobs submitted during it (issue 14): the job waits for
 * the server without spending its pg-boss retries, shows that it waits, and completes when the
 * server answers again; only an outage longer than JOB_DEPENDENCY_WAIT_MAX_SECONDS fails it.
 *
 * The configuration makes the old behaviour fail fast, so a regression shows: one pg-boss retry
 * (JOB_RETRY_LIMIT 1) and a breaker that opens after 2 failures. Pauses are capped at 1 s
 * (JOB_DEPENDENCY_RETRY_MAX_SECONDS) and the breaker half-opens after 1 s, so an outage of many
 * tries fits in seconds; the 15-minute case is the same code with a larger limit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dependencyDelay } from '../../src/generation/pipeline.ts';
import { bossJobId, GENERATION_QUEUE } from '../../src/jobs/boss.ts';
import { dialects } from '../helpers/db.ts';
import { startFakeModelServer } from '../helpers/fake-model-server.ts';
import { FAULTS_JOB as JOB, faultyLlm, THEFT, useFaultSystem } from '../helpers/generation.ts';
import { expectNoErrors } from '../helpers/graphql.ts';
import { TERMINAL_JOB_STATUSES as TERMINAL } from '../helpers/runtime.ts';
import { waitFor } from '../helpers/wait.ts';

const WAIT_MAX_SECONDS = 12;

describe('dependencyDelay', () => {
  it('is at least 1 s, never above the cap, and at least half the uncapped backoff', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3600 }), fc.integer({ min: 1, max: 3600 }), fc.integer({ min: 0, max: 1000 }), (first, cap, tries) => {
        const d = dependencyDelay({ maxSeconds: 900, retryDelaySeconds: first, retryMaxSeconds: cap }, tries);
        const full = Math.min(cap, first * 2 ** Math.min(tries, 20));
        return d >= 1 && d <= Math.max(1, full) && d >= Math.floor(full / 2);
      }),
    );
  });
});

describe.each(dialects)('model server outage (%s)', (dialect) => {
  // `#db-down` complaints: the database "refuses connections" at SUMMARIZE six times (a driver
  // error as mysql2/pg raise it), more than JOB_RETRY_LIMIT would survive.
  const dbRefusals = new Map<number, number>();
  const sys = useFaultSystem(dialect, {
    beforeStage: (stage, jobId, marker) => {
      if (marker !== 'db-down' || stage !== 'SUMMARIZE') return;
      const n = dbRefusals.get(jobId) ?? 0;
      if (n >= 6) return;
      dbRefusals.set(jobId, n + 1);
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED', errno: -111 });
    },
    env: {
      JOB_DEPENDENCY_WAIT_MAX_SECONDS: String(WAIT_MAX_SECONDS),
      JOB_DEPENDENCY_RETRY_MAX_SECONDS: '1',
      JOB_RETRY_LIMIT: '1',
      MODEL_BREAKER_HALF_OPEN_MS: '1000',
    },
  });
  const job = async (id: string) => (await sys.t.data(JOB, { id })).generationJob;
  const waitingEvents = (j: any) => j.events.filter((e: any) => e.status === 'RETRYING' && /waiting for the model server/.test(e.message));

  it('a job submitted while the server answers 503 waits through many tries and completes once it is back', async () => {
    sys.fake.reset();
    sys.fake.setBehaviour({ type: 'fail', status: 503 });
    const j = await sys.submit(`The model server is down. ${THEFT}`);

    // More tries than pg-boss retries would ever allow (2 attempts), with the job still waiting.
    const waiting = await waitFor(
      async () => {
        const now = await job(j.jobId);
        if (TERMINAL.has(now.status)) throw new Error(`the job ended ${now.status} during the outage: ${JSON.stringify(now.error)}`);
        return waitingEvents(now).length >= 4 ? now : null;
      },
      { timeoutMs: 20_000, intervalMs: 50, message: 'four waiting events' },
    );
    expect(waiting.fir.status).toBe('GENERATING');
    expect(waiting.error).toMatchObject({ retryable: true });
    expect(['MODEL_UNAVAILABLE', 'MODEL_SERVER_ERROR']).toContain(waiting.error.code);
    // the breaker keeps the server from being hammered: at most a request per try (plus the
    // MODEL_RETRIES one) while it is down
    const chat = sys.fake.requests.filter((r) => r.kind === 'chat').length;
    expect(chat).toBeLessThanOrEqual(2 * (waitingEvents(waiting).length + 1));

    sys.fake.setBehaviour(faultyLlm);
    const ended = await sys.endedJob(j, 20_000);
    expect(ended.status).toBe('SUCCEEDED');
    expect(ended.fir.status).toBe('GENERATED');
    // every try was a stage boundary resume: SUMMARIZE ran to completion once
    expect(ended.events.filter((e: any) => e.stage === 'SUMMARIZE' && e.status === 'RUNNING')).toHaveLength(1);
    const seqs = ended.events.map((e: any) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);

    // No retry was spent: the first pg-boss job and every continuation completed at retryCount 0.
    const boss = await sys.bossSql(`select id, state, retry_count from "${sys.env.PGBOSS_SCHEMA}".job where name = $1 and data->>'jobId' = $2 order by created_on`, [
      GENERATION_QUEUE,
      String(j.id),
    ]);
    expect(boss.length).toBeGreaterThanOrEqual(5);
    expect(boss[0].id).toBe(bossJobId(j.id));
    expect(boss.every((b: any) => b.state === 'completed' && b.retry_count === 0)).toBe(true);
    expect(boss.map((b: any) => b.id)).toEqual(boss.map((_: any, i: number) => bossJobId(j.id, i)));
  });

  it('the database unreachable during a job: the job waits for it without spending retries, then completes', async () => {
    sys.fake.reset();
    const j = await sys.submit(`#db-down The database restarts. ${THEFT}`);
    const ended = await sys.endedJob(j, 30_000);
    expect(ended.status).toBe('SUCCEEDED');
    expect(dbRefusals.get(j.id)).toBe(6);
    const boss = await sys.bossSql(`select id, state, retry_count from "${sys.env.PGBOSS_SCHEMA}".job where name = $1 and data->>'jobId' = $2 order by created_on`, [
      GENERATION_QUEUE,
      String(j.id),
    ]);
    expect(boss.map((b: any) => b.id)).toEqual(Array.from({ length: 7 }, (_, i) => bossJobId(j.id, i)));
    expect(boss.every((b: any) => b.state === 'completed' && b.retry_count === 0)).toBe(true);
    // nothing could be recorded while the database was away: the events are those of one clean run
    expect(ended.events.map((e: any) => e.status)).toEqual(['QUEUED', 'RUNNING', 'RUNNING', 'RUNNING', 'RUNNING', 'RUNNING', 'RUNNING', 'SUCCEEDED']);
  });

  it('cancelling a waiting job ends it CANCELLED at once, and its continuation does nothing', async () => {
    sys.fake.reset();
    sys.fake.setBehaviour({ type: 'fail', status: 503 });
    const j = await sys.submit(`Cancel me while I wait. ${THEFT}`);
    await waitFor(async () => waitingEvents(await job(j.jobId)).length >= 1, { timeoutMs: 15_000, intervalMs: 50, message: 'a waiting event' });
    const res = await sys.t.gql(`mutation($id: ID!) { cancelGeneration(jobId: $id) { id status } }`, { id: j.jobId });
    expectNoErrors(res);
    const ended = await sys.endedJob(j, 10_000);
    expect(ended.status).toBe('CANCELLED');
    expect(ended.fir.status).toBe('DRAFT');
    // the continuation queued before the cancel runs and adds nothing
    await waitFor(
      async () => {
        const rows = await sys.bossSql(`select state from "${sys.env.PGBOSS_SCHEMA}".job where name = $1 and data->>'jobId' = $2`, [GENERATION_QUEUE, String(j.id)]);
        return rows.length > 0 && rows.every((r: any) => r.state === 'completed');
      },
      { timeoutMs: 10_000, message: 'every pg-boss job of the cancelled job completed' },
    );
    const after = await job(j.jobId);
    expect(after.events.length).toBe(ended.events.length);
    expect(after.status).toBe('CANCELLED');
  });

  it(`an outage longer than JOB_DEPENDENCY_WAIT_MAX_SECONDS (${WAIT_MAX_SECONDS} s, server unreachable) fails the job, naming how long it waited`, async () => {
    sys.fake.reset();
    const port = sys.fake.port;
    await sys.fake.close(); // connection refused from now on
    try {
      const j = await sys.submit(`The model server is gone. ${THEFT}`);
      const started = Date.now();
      const ended = await sys.endedJob(j, (WAIT_MAX_SECONDS + 15) * 1000);
      expect(Date.now() - started).toBeGreaterThanOrEqual((WAIT_MAX_SECONDS - 1) * 1000);
      expect(ended.status).toBe('FAILED');
      expect(ended.fir.status).toBe('FAILED');
      expect(ended.error.retryable).toBe(true);
      expect(ended.error.message).toMatch(/model server was unavailable for \d+ s \(the limit is 12 s\)/);
      expect(waitingEvents(ended).length).toBeGreaterThanOrEqual(3);
    } finally {
      sys.fake = await startFakeModelServer({ port });
      sys.fake.setBehaviour(faultyLlm);
    }
  });
});
