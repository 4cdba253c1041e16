/**
 * A worker process killed (SIGKILL) in the middle of a job: the job is not lost, not run twice,
 * and its event stream stays clean.
 *
 *   gateway (RUN_WORKER=false) + worker #1, MariaDB (throwaway) + pg-boss on PostgreSQL (own schema)
 *   + Redis; JOB_HEARTBEAT_SECONDS=10 (the least allowed), JOB_EXPIRE_SECONDS=15.
 *
 * How a job is made slow at a known stage: the worker's LLM_URL points at the fake model server
 * in this process, which holds a chosen chat-completions request without answering. Two jobs run
 * at once on worker #1 (WORKER_CONCURRENCY=2):
 *  - job 1 is held at its first model call (SUMMARIZE's fir_extraction): only QUEUED is committed;
 *  - job 2 is held at DRAFT_NARRATIVE's call, with SUMMARIZE, RETRIEVE_SECTIONS and CHECK_SECTIONS
 *    committed, so resuming (not redoing committed stages, not writing their events twice) is
 *    tested too.
 * This is a real model-server stall, seen by unmodified code through its real HTTP client, rather
 * than the built-in drafter, whose stages take milliseconds and cannot be caught mid-stage from
 * outside the process.
 *
 * Then: SIGKILL worker #1, start worker #2, release the held requests (their sockets are gone;
 * later requests are answered normally with valid JSON for each of the drafter's schemas).
 * pg-boss notices the dead worker's jobs once their heartbeat is older than 10 s - at its next
 * monitor pass, every 2 s here (src/jobs/boss.ts) - and retries them; worker #2 resumes each
 * at its first stage without committed output and finishes.
 *
 * Real services only (MariaDB, PostgreSQL for pg-boss, Redis). Embedded PGlite has no such case:
 * PGlite is a database inside the gateway process, so no second process (a separate worker) can
 * open it, and killing the one process that runs jobs kills the database with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2eHarness, expectCleanExits, expectRun, FIR_UPDATED_SUBSCRIPTION, gqlData, isolateIds, JOB_QUERY, PROGRESS_SUBSCRIPTION, progressOf, type ServiceProcess, submitComplaint, TEXT_RUN_STAGES, track } from '../helpers/processes.ts';
import { requireServices } from '../helpers/services.ts';
import { waitFor, withTimeout } from '../helpers/wait.ts';

const services = requireServices();
const TEXT = 'मंगलवार सुबह बस अड्डे की भीड़ में किसी ने मेरी जेब से बटुआ निकाल लिया जिसमें आधार कार्ड था।';
const HEARTBEAT_SECONDS = 10;

describe('a worker killed mid-job (MariaDB + PostgreSQL jobs + Redis)', () => {
  const world = new E2eHarness();
  let gateway: ServiceProcess;
  let workerEnv: Record<string, string>;

  beforeAll(async () => {
    await world.start();
    const common = {
      ...(await world.servicesEnv(services, { migrate: false })),
      JOB_HEARTBEAT_SECONDS: String(HEARTBEAT_SECONDS),
      JOB_EXPIRE_SECONDS: '15',
      JOB_RETRY_DELAY_SECONDS: '1',
      JOB_RETRY_DELAY_MAX_SECONDS: '2',
      JOB_POLL_SECONDS: '0.5',
    };
    gateway = await world.procs.gateway({ ...common, RUN_WORKER: 'false' }, 'gateway');
    await isolateIds(world.db!.db, 1);
    workerEnv = { ...common, LLM_URL: world.fake.url, MODEL_TIMEOUT_MS: '120000', MODEL_RETRIES: '0', WORKER_CONCURRENCY: '2' };
  }, 240_000);

  // the survivors stop gracefully (worker #1 was killed by the test)
  afterAll(async () => expectCleanExits(await world.close(), ['worker #1']), 60_000);

  it('the jobs are picked up again after the heartbeat times out and complete exactly once, resuming where they stopped', async () => {
    const first = await world.procs.worker(workerEnv, 'worker #1');
    const stations = await gqlData(gateway.base, '{ stations(first: 1) { edges { node { id } } } }');
    const stationId: string = stations.stations.edges[0].node.id;
    // job 1 stalls in its first model call (SUMMARIZE, nothing committed but QUEUED);
    // job 2 stalls later, in DRAFT_NARRATIVE, with SUMMARIZE..CHECK_SECTIONS committed
    const m1 = `[wk1-${Math.random().toString(36).slice(2, 10)}]`;
    const m2 = `[wk2-${Math.random().toString(36).slice(2, 10)}]`;
    const held1 = world.llm.hold(m1, { schemaName: 'fir_extraction' });
    const held2 = world.llm.hold(m2, { schemaName: 'fir_narrative' });

    const roomClient = world.ws(gateway.base);
    const subClient = world.ws(gateway.base);
    const room = track(roomClient, FIR_UPDATED_SUBSCRIPTION, { stationId });
    const job1 = await submitComplaint(gateway.base, stationId, `${TEXT} ${m1}`);
    const job2 = await submitComplaint(gateway.base, stationId, `${TEXT} ${m2}`);
    const [stalled1, stalled2] = await withTimeout(Promise.all([held1.arrived, held2.arrived]), 60_000, 'worker #1 to reach both stalled model calls');

    const sub1 = track(subClient, PROGRESS_SUBSCRIPTION, { jobId: job1.jobId });
    const sub2 = track(subClient, PROGRESS_SUBSCRIPTION, { jobId: job2.jobId });
    await sub1.waitFor((r) => r.length >= 1, 15_000, 'job 1: QUEUED');
    await sub2.waitFor((r) => r.length >= 4, 15_000, 'job 2: QUEUED..CHECK_SECTIONS');
    expect(progressOf(sub2).map((e) => e.stage)).toEqual(TEXT_RUN_STAGES.slice(0, 4));
    const during1 = await gqlData(gateway.base, JOB_QUERY, { id: job1.jobId });
    const during2 = await gqlData(gateway.base, JOB_QUERY, { id: job2.jobId });
    expect(during1.generationJob).toMatchObject({ status: 'RUNNING', stage: 'QUEUED', attempts: 1 });
    expect(during2.generationJob).toMatchObject({ status: 'RUNNING', stage: 'CHECK_SECTIONS', attempts: 1 });

    await waitFor(() => roomClient.counts.connected === 1, { timeoutMs: 15_000, intervalMs: 20, message: 'the room to be connected' });
    const killed = await first.kill('SIGKILL');
    expect(killed).toEqual({ code: null, signal: 'SIGKILL' });
    const killedAt = performance.now();
    await world.procs.worker(workerEnv, 'worker #2');
    // the stalled calls' clients are gone; every later call is answered
    held1.release();
    held2.release();

    // pg-boss fails the dead worker's jobs at a monitor pass (every 2 s) once their heartbeat is
    // over 10 s old, then worker #2 retries them
    expect(await sub1.waitEnd(150_000, 'job 1 to be run again and finish')).toBe('complete');
    expect(await sub2.waitEnd(60_000, 'job 2 to be run again and finish')).toBe('complete');

    for (const [sub, job] of [
      [sub1, job1],
      [sub2, job2],
    ] as const) {
      expect(sub.error).toBeUndefined();
      const events = progressOf(sub);
      // the stream, exactly: each stage once, seq 1..8 without gap or repeat, one DONE at the end
      expectRun(events, job);
      const seqs = events.map((e) => e.seq);
      expect(new Set(seqs).size).toBe(seqs.length);
      expect(events.filter((e) => e.stage === 'DONE')).toHaveLength(1);
      const running = events.filter((e) => e.status === 'RUNNING').map((e) => e.stage);
      expect(new Set(running).size).toBe(running.length);
      expect(events.some((e) => ['FAILED', 'CANCELLED', 'RETRYING'].includes(e.status))).toBe(false);

      // the stored job: succeeded on its second attempt, events as streamed
      const after = await gqlData(gateway.base, JOB_QUERY, { id: job.jobId });
      expect(after.generationJob).toMatchObject({ status: 'SUCCEEDED', stage: 'DONE', progress: 1, attempts: 2, error: null, fir: { id: job.firId, status: 'GENERATED' } });
      expect(after.generationJob.events).toEqual(events.map((e) => ({ seq: e.seq, stage: e.stage, status: e.status })));
    }

    // the model: the stalled stage asked twice (killed, then again); committed stages never again
    const calls1 = world.llm.requestsFor(m1);
    const calls2 = world.llm.requestsFor(m2);
    expect(calls1.map((r) => r.schemaName)).toEqual(['fir_extraction', 'fir_extraction', 'fir_sections', 'fir_narrative']);
    expect(calls2.map((r) => r.schemaName)).toEqual(['fir_extraction', 'fir_sections', 'fir_narrative', 'fir_narrative']);
    expect(calls1[0]).toBe(stalled1);
    expect(calls2[2]).toBe(stalled2);
    // not picked up again before the dead worker's heartbeat had expired: the 10 s window is the
    // behaviour under test here (JOB_HEARTBEAT_SECONDS reaching pg-boss), read off the fake model
    // server's arrival times; an end-to-end check across processes, not a unit test's timing
    expect(calls1[1]!.at - killedAt).toBeGreaterThanOrEqual((HEARTBEAT_SECONDS - 1) * 1000);
    expect(calls2[3]!.at - killedAt).toBeGreaterThanOrEqual((HEARTBEAT_SECONDS - 1) * 1000);
    // ...and taken back within 15 s of the kill: pg-boss's heartbeat check runs every 2 s (a fifth
    // of the heartbeat, src/jobs/boss.ts), not its default minute
    console.log(`resumed ${Math.round(calls1[1]!.at - killedAt)} ms and ${Math.round(calls2[3]!.at - killedAt)} ms after the kill`);
    expect(calls1[1]!.at - killedAt).toBeLessThan(15_000);
    expect(calls2[3]!.at - killedAt).toBeLessThan(15_000);

    // each FIR was reported generated once
    await room.waitFor((r) => r.filter((x) => x.data?.firUpdated?.status === 'GENERATED').length >= 2, 15_000, 'the room to see both FIRs generated');
    const generated = room.results.filter((r) => r.data?.firUpdated?.status === 'GENERATED').map((r) => r.data.firUpdated.id);
    expect(generated.sort()).toEqual([job1.firId, job2.firId].sort());
    room.dispose();
  }, 240_000);
});
