/**
 * Failure handling of generation jobs, on every configured dialect, against a whole running
 * system whose LLM is the fake model server:
 *  (a) a retryable stage failure: a RETRYING event, then the job resumes at the failed stage
 *      (earlier stages are not run again) and succeeds;
 *  (b) a non-retryable failure (injected, or a 4xx from the model server) fails the job at once
 *      with a JobError { code, message, retryable: false } and the FIR FAILED, no retry;
 *  (c) the model server down with waiting for it turned off (JOB_DEPENDENCY_WAIT_MAX_SECONDS=0,
 *      set by useFaultSystem; waiting is model-outage.test.ts): the circuit breaker opens (the
 *      server stops receiving requests), pg-boss retries with growing backoff, and the job ends
 *      FAILED naming the attempts;
 *  (d) the outbox relay (a jobs database apart from the data database) dying between send and
 *      delete: in faults.services.test.ts, where that configuration is guaranteed;
 *  (e) the enqueue belongs to the transaction: transactionalEnqueuer on the database that holds
 *      pg-boss leaves no job when rolled back; a submit that fails after the enqueue leaves no
 *      complaint, job, outbox row or pg-boss job.
 *
 * Retries are picked up by the workers' own polling (JOB_POLL_SECONDS): a retry becoming due
 * sends no NOTIFY, so these tests also check that workers poll at that interval.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { bossJobId, GENERATION_QUEUE } from '../../src/jobs/boss.ts';
import { transactionalEnqueuer } from '../../src/jobs/enqueue.ts';
import { dialects } from '../helpers/db.ts';
import { FAULTS_JOB as JOB, FAULTS_SUBMIT, THEFT, useFaultSystem } from '../helpers/generation.ts';
import { bossDatabase, countRows, TERMINAL_JOB_STATUSES as TERMINAL } from '../helpers/runtime.ts';
import { waitFor } from '../helpers/wait.ts';

// ───────────────────────────── tests ─────────────────────────────

describe.each(dialects)('generation faults (%s)', (dialect) => {
  const sys = useFaultSystem(dialect);
  const { submit, waitTerminal, bossJob, bossSql } = sys;

  it('(a) a retryable failure at CHECK_SECTIONS: RETRYING, then resumes at CHECK_SECTIONS and succeeds', async () => {
    {
      const j = await submit(`#retry-once ${THEFT}`);
      // between the attempts the job shows RETRYING with a retryable error
      const between = await waitFor(
        async () => {
          const job = (await sys.t.data(JOB, { id: j.jobId })).generationJob;
          return job.status === 'RETRYING' || TERMINAL.has(job.status) ? job : null;
        },
        { intervalMs: 20, message: 'the job to be RETRYING' },
      );
      expect(between.status).toBe('RETRYING');
      expect(between.stage).toBe('CHECK_SECTIONS');
      expect(between.error).toEqual({ code: 'MODEL_SERVER_ERROR', message: expect.stringMatching(/503/), retryable: true });
      expect(between.fir.status).toBe('GENERATING');

      const job = await sys.endedJob(j);
      expect(job.status).toBe('SUCCEEDED');
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
      const ran = sys.calls.filter((c) => c.jobId === j.id).map((c) => c.stage);
      expect(ran).toEqual(['SUMMARIZE', 'RETRIEVE_SECTIONS', 'CHECK_SECTIONS', 'CHECK_SECTIONS', 'DRAFT_NARRATIVE', 'ASSEMBLE', 'VALIDATE']);
      const boss = await bossJob(j.id);
      expect(boss).toMatchObject({ state: 'completed', retryCount: 1 });
    }
  });

  it('(b) a non-retryable failure fails the job at once: JobError retryable false, FIR FAILED, no retry', async () => {
    const j = await submit(`#fatal ${THEFT}`);
    const job = await sys.endedJob(j);
    expect(job.status).toBe('FAILED');
    expect(await bossJob(j.id)).toMatchObject({ state: 'completed', retryCount: 0 });
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
    expect(sys.calls.filter((c) => c.jobId === j.id && c.stage === 'DRAFT_NARRATIVE')).toHaveLength(1);
  });

  it('(b) a 4xx from the model server is not retried: one request, JobError MODEL_REQUEST_REJECTED', async () => {
    sys.fake.reset();
    const j = await submit(`#reject ${THEFT}`);
    const job = await sys.endedJob(j);
    expect(job.status).toBe('FAILED');
    expect(await bossJob(j.id)).toMatchObject({ state: 'completed', retryCount: 0 });
    expect(job.error).toEqual({ code: 'MODEL_REQUEST_REJECTED', message: expect.stringMatching(/SUMMARIZE.*HTTP 400/), retryable: false });
    // the complaint text never appears in the error
    expect(job.error.message).not.toMatch(/Sanganeri/);
    expect(job).toMatchObject({ status: 'FAILED', attempts: 1, fir: { status: 'FAILED' } });
    expect(job.events.map((e: any) => e.status)).toEqual(['QUEUED', 'FAILED']);
    expect(sys.fake.requests.filter((r) => r.kind === 'chat')).toHaveLength(1);
  });

  it('(e) transactionalEnqueuer on the database holding pg-boss: a rolled-back transaction leaves no pg-boss job', async () => {
    // The data database itself where pg-boss lives there (PGlite, PostgreSQL: the runtime's own
    // enqueuer), the separate jobs database otherwise (MySQL: the runtime uses the outbox).
    expect(sys.rt.generation.jobs.mode).toBe(sys.env.JOBS_DATABASE_URL ? 'outbox' : 'transactional');
    const bossDb = await bossDatabase(sys.t);
    try {
      const enqueuer = transactionalEnqueuer(sys.rt.boss);
      expect(enqueuer.mode).toBe('transactional');
      const schemaJob = sql.table(`${sys.env.PGBOSS_SCHEMA}.job`);
      const [rolledBack, committed] = [900_001 + Math.floor(Math.random() * 1000), 910_001 + Math.floor(Math.random() * 1000)];
      await expect(
        bossDb.db.transaction().execute(async (trx) => {
          await enqueuer.enqueue(trx, { id: rolledBack, priority: 'HIGH' });
          const inside = await sql<{ n: number }>`select count(*)::int as n from ${schemaJob} where id = ${bossJobId(rolledBack)}`.execute(trx);
          expect(inside.rows[0]!.n).toBe(1); // really written, in this transaction
          throw new Error('roll back (test)');
        }),
      ).rejects.toThrow('roll back (test)');
      expect(await sys.rt.boss.getJobById(GENERATION_QUEUE, bossJobId(rolledBack))).toBeNull();
      expect((await bossSql(`select count(*)::int as n from "${sys.env.PGBOSS_SCHEMA}".job where id = $1`, [bossJobId(rolledBack)]))[0].n).toBe(0);

      // control: the same call committed does create the job
      await bossDb.db.transaction().execute(async (trx) => enqueuer.enqueue(trx, { id: committed, priority: 'LOW' }));
      const sent = await sys.rt.boss.getJobById(GENERATION_QUEUE, bossJobId(committed));
      expect(sent).toMatchObject({ data: { jobId: committed }, priority: 0 });
      // no generation_job row exists for it: the worker skips it
      await bossJob(committed);
    } finally {
      await bossDb.close();
    }
  });

  it('(e) a submit whose transaction fails after the enqueue leaves no complaint, job, outbox row or pg-boss job', async () => {
    const before = {
      complaint: await countRows(sys.db, 'complaint'),
      fir: await countRows(sys.db, 'fir'),
      job: await countRows(sys.db, 'generation_job'),
      outbox: await countRows(sys.db, 'job_outbox'),
      boss: (await bossSql(`select count(*)::int as n from "${sys.env.PGBOSS_SCHEMA}".job where name = $1`, [GENERATION_QUEUE]))[0].n,
    };
    // the audit insert (the last write, after the enqueue, in the same transaction) is made to
    // fail for this one request, by its request id
    const requestId = `block-${randomBytes(6).toString('hex')}`;
    await sql`alter table audit_log add constraint t_block_submit check (request_id is null or request_id <> ${sql.lit(requestId)})`.execute(sys.db.db);
    try {
      const res = await sys.t.gql(FAULTS_SUBMIT, { input: { stationId: sys.station, text: `Rolled back. ${THEFT}` } }, { 'x-request-id': requestId });
      expect(res.body.data?.submitComplaint ?? null).toBeNull();
      expect(res.body.errors?.[0]?.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await sql`alter table audit_log drop constraint t_block_submit`.execute(sys.db.db);
    }
    // The answer came after the rollback; with an outbox, a relay pass after it must find nothing.
    if (sys.rt.relay) {
      sys.rt.relay.kick();
      await sys.rt.relay.idle();
    }
    const after = {
      complaint: await countRows(sys.db, 'complaint'),
      fir: await countRows(sys.db, 'fir'),
      job: await countRows(sys.db, 'generation_job'),
      outbox: await countRows(sys.db, 'job_outbox'),
      boss: (await bossSql(`select count(*)::int as n from "${sys.env.PGBOSS_SCHEMA}".job where name = $1`, [GENERATION_QUEUE]))[0].n,
    };
    expect(after).toEqual(before);
    // and a submit works again once the constraint is gone
    const j = await submit(`After the rollback. ${THEFT}`);
    expect(await waitTerminal(j.id)).toBe('SUCCEEDED');
  });

  it('(c) the model server down: breaker opens, pg-boss retries with growing backoff, the job ends FAILED naming the attempts', async () => {
    sys.fake.reset();
    sys.fake.setBehaviour({ type: 'fail', status: 503 });
    const j = await submit(`#down The model server is down. ${THEFT}`);
    const job = await sys.endedJob(j, 40_000);
    expect(job.status).toBe('FAILED');
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
    // was open (attempts 2 and 3) the server received nothing: the chat requests the server had
    // seen when each attempt began.
    expect(sys.fake.requests.filter((r) => r.kind === 'chat')).toHaveLength(2);
    expect(sys.calls.filter((c) => c.jobId === j.id).map((c) => [c.stage, c.chatRequests])).toEqual([
      ['SUMMARIZE', 0],
      ['SUMMARIZE', 2],
      ['SUMMARIZE', 2],
    ]);

    // The backoff is the behaviour here, read from the events' stored timestamps: pg-boss backoff (retryDelay 1 s, exponential with jitter): the wait before retry n is in
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
    const open = await sys.db.db.selectFrom('generation_job').select(['id', 'status']).where('status', 'not in', [...TERMINAL]).execute();
    expect(open).toEqual([]);
    expect(await countRows(sys.db, 'job_outbox')).toBe(0);
  });
});
