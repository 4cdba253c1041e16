/**
 * (d) of the generation faults (faults.test.ts has the others): the outbox relay, used whenever
 * pg-boss lives in a jobs database apart from the data database. A relay that dies between
 * sending a job to pg-boss and deleting its outbox row sends it again; pg-boss dedupes by the
 * job's deterministic id, and the job runs exactly once.
 *
 * Both configurations that have an outbox, each guaranteed here by the services environment:
 * MariaDB data + pg-boss on TEST_JOBS_DATABASE_URL, and PostgreSQL data + pg-boss on
 * TEST_JOBS_DATABASE_URL (a database of its own, so not transactional either).
 */
import { describe, expect, it } from 'vitest';
import { bossJobId, GENERATION_QUEUE } from '../../src/jobs/boss.ts';
import { ALL_STAGES, FAULTS_JOB as JOB, THEFT, useFaultSystem } from '../helpers/generation.ts';
import { countRows } from '../helpers/runtime.ts';
import { requireServices } from '../helpers/services.ts';
import { waitFor } from '../helpers/wait.ts';

const services = requireServices();

describe.each(['mysql', 'postgres'] as const)('the outbox relay (%s data, pg-boss in the jobs database)', (dialect) => {
  /** the first relay send of the armed job "crashes" after the send */
  const relayFault = { armed: false, jobId: null as number | null, sends: 0, outboxAttemptsSeen: [] as number[] };
  const sys = useFaultSystem(dialect, {
    env: { JOBS_DATABASE_URL: services.jobs },
    async afterRelaySend(jobId) {
      if (!relayFault.armed) return;
      relayFault.jobId ??= jobId;
      if (jobId !== relayFault.jobId) return;
      const row = await sys.db.db.selectFrom('job_outbox').select('relay_attempts').where('job_id', '=', jobId).executeTakeFirst();
      relayFault.outboxAttemptsSeen.push(row ? Number(row.relay_attempts) : -1);
      relayFault.sends++;
      if (relayFault.sends === 1) throw new Error('outbox relay died between send and delete (injected)');
    },
  });
  const outboxEmpty = async () => (await countRows(sys.db, 'job_outbox')) === 0;

  it('(d) the outbox relay dying between send and delete: resent, deduped by id, run exactly once', async () => {
    expect(sys.rt.generation.jobs.mode).toBe('outbox');
    expect(sys.rt.relay).not.toBeNull();
    await waitFor(outboxEmpty, { message: 'an empty outbox' });
    relayFault.armed = true;
    const j = await sys.submit(`Relay crash. ${THEFT}`);
    await waitFor(() => relayFault.sends >= 2, { timeoutMs: 15_000, intervalMs: 20, message: 'the relay to send the job twice' });
    const state = () => JSON.stringify({ job: j.id, relayFault });
    expect(relayFault.jobId, state()).toBe(j.id);
    // the row survived the crash and was sent again (relay_attempts 1, then 2)
    expect(relayFault.outboxAttemptsSeen, state()).toEqual([1, 2]);
    await waitFor(outboxEmpty, { message: 'the outbox to empty' });
    const status = await sys.waitTerminal(j.id);
    expect(status, JSON.stringify((await sys.t.data(JOB, { id: j.jobId })).generationJob)).toBe('SUCCEEDED');
    await sys.bossJob(j.id);
    // Nothing is left to send: a relay pass now finds an empty outbox, so every send (and any
    // duplicate pg-boss job it could have made) has happened by the time of the checks below.
    sys.rt.relay!.kick();
    await sys.rt.relay!.idle();
    expect(await outboxEmpty()).toBe(true);
    expect(relayFault.sends, state()).toBe(2);
    relayFault.armed = false;

    const rows = await sys.bossSql(`select id, state, retry_count from "${sys.env.PGBOSS_SCHEMA}".job where name = $1 and (id = $2 or data->>'jobId' = $3)`, [
      GENERATION_QUEUE,
      bossJobId(j.id),
      String(j.id),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: bossJobId(j.id), state: 'completed', retry_count: 0 });
    const job = (await sys.t.data(JOB, { id: j.jobId })).generationJob;
    expect(job).toMatchObject({ status: 'SUCCEEDED', attempts: 1 });
    expect(job.events.filter((e: any) => e.stage === 'DONE')).toHaveLength(1);
    expect(job.events.map((e: any) => e.stage)).toEqual(['QUEUED', ...ALL_STAGES, 'DONE']);
    expect(sys.calls.filter((c) => c.jobId === j.id).map((c) => c.stage)).toEqual(ALL_STAGES);
  });
});
