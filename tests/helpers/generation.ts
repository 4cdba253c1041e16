/**
 * The generation fault tests' system (tests/generation/faults*.test.ts): a whole runtime of one
 * configuration whose LLM is the fake model server, with fault hooks steered by a `#marker` in the
 * complaint text:
 *  - `#retry-once`: CHECK_SECTIONS fails once with a retryable model error;
 *  - `#fatal`: DRAFT_NARRATIVE fails with a non-retryable error;
 *  - `#reject`: the model server answers HTTP 400.
 * Every beforeStage call is recorded with the number of chat requests the model server had seen
 * by then, so a test can tell which attempt made which request without looking at clocks.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Stage } from '../../src/generation/pipeline.ts';
import { decodeIdOf } from '../../src/global-id.ts';
import { bossJobId, GENERATION_QUEUE } from '../../src/jobs/boss.ts';
import { ModelError } from '../../src/models/types.ts';
import type { Runtime } from '../../src/runtime.ts';
import { createTestDb, type DialectName, type TestDb } from './db.ts';
import { type Behaviour, drafterAnswer, type FakeModelServer, type RecordedRequest, startFakeModelServer } from './fake-model-server.ts';
import { addStation } from './fixtures.ts';
import { expectNoErrors } from './graphql.ts';
import { complaintMarkers, jobEnd, startRuntime, type TestRuntime } from './runtime.ts';
import { waitFor } from './wait.ts';

export const ALL_STAGES = ['SUMMARIZE', 'RETRIEVE_SECTIONS', 'CHECK_SECTIONS', 'DRAFT_NARRATIVE', 'ASSEMBLE', 'VALIDATE'];

export const THEFT = 'On 10/03/2025 at about 7:30 pm my mobile phone worth Rs. 12,999 was stolen from my pocket at Sanganeri Gate bus stand, Jaipur.';

export const FAULTS_SUBMIT = /* GraphQL */ `
  mutation Submit($input: SubmitComplaintInput!) {
    submitComplaint(input: $input) { fir { id } job { id } }
  }
`;

export const FAULTS_JOB = /* GraphQL */ `
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
export function faultyLlm(req: RecordedRequest): Behaviour {
  const prompt = JSON.stringify(req.json?.messages ?? []);
  if (prompt.includes('#reject')) return { type: 'fail', status: 400, body: { error: { message: 'bad request', type: 'invalid_request_error' } } };
  const content = drafterAnswer(req);
  if (content) return { type: 'ok', content };
  return { type: 'fail', status: 400 };
}

export interface FaultSystem {
  db: TestDb;
  t: TestRuntime;
  rt: Runtime;
  env: Record<string, string>;
  fake: FakeModelServer;
  /** global id of the station complaints are filed at */
  station: string;
  /** every beforeStage call, with the chat requests the model server had received by then */
  calls: Array<{ jobId: number; stage: Stage; chatRequests: number }>;
  submit(text: string): Promise<{ firId: string; jobId: string; id: number }>;
  /** the job's final status, once it has ended */
  waitTerminal(id: number, timeoutMs?: number): Promise<string>;
  /** the job (FAULTS_JOB) once it has ended */
  endedJob(j: { id: number; jobId: string }, timeoutMs?: number): Promise<any>;
  /** the pg-boss job, once pg-boss has settled it */
  bossJob(id: number): Promise<any>;
  /** SQL on the database holding pg-boss (the data database, or a separate jobs database) */
  bossSql(text: string, values?: unknown[]): Promise<any[]>;
}

/**
 * Registers beforeAll/afterAll that start the system on a throwaway database of `dialect` (and
 * take it down); the returned object is filled in by beforeAll.
 */
export function useFaultSystem(
  dialect: DialectName,
  options: {
    env?: Record<string, string>;
    afterRelaySend?: (jobId: number) => void | Promise<void>;
    /** more faults, run after the built-in markers' (the complaint's `#marker`, if any) */
    beforeStage?: (stage: Stage, jobId: number, marker: string | null) => void | Promise<void>;
  } = {},
): FaultSystem {
  const retriedOnce = new Set<number>();
  const sys = { calls: [] } as unknown as FaultSystem;
  const markerOf = complaintMarkers(() => sys.db);

  async function beforeStage(stage: Stage, jobId: number) {
    sys.calls.push({ jobId, stage, chatRequests: sys.fake.requests.filter((r) => r.kind === 'chat').length });
    const marker = await markerOf(jobId);
    if (marker === 'retry-once' && stage === 'CHECK_SECTIONS' && !retriedOnce.has(jobId)) {
      retriedOnce.add(jobId);
      throw new ModelError('MODEL_SERVER_ERROR', 'model server llm@test answered HTTP 503 (injected)', true);
    }
    if (marker === 'fatal' && stage === 'DRAFT_NARRATIVE') {
      throw new ModelError('VALIDATION_FAILED', 'The drafted FIR is invalid: injected by the test', false);
    }
    await options.beforeStage?.(stage, jobId, marker ?? null);
  }

  Object.assign(sys, {
    async submit(text: string) {
      const res = await sys.t.gql(FAULTS_SUBMIT, { input: { stationId: sys.station, text } });
      expectNoErrors(res);
      const p = res.body.data.submitComplaint;
      return { firId: p.fir.id as string, jobId: p.job.id as string, id: decodeIdOf('GenerationJob', p.job.id) };
    },
    waitTerminal: (id: number, timeoutMs = 30_000) => jobEnd(sys.db, id, timeoutMs),
    async endedJob(j: { id: number; jobId: string }, timeoutMs = 30_000) {
      await jobEnd(sys.db, j.id, timeoutMs);
      return (await sys.t.data(FAULTS_JOB, { id: j.jobId })).generationJob;
    },
    bossJob: (id: number) =>
      waitFor(
        async () => {
          const job = await sys.rt.boss.getJobById(GENERATION_QUEUE, bossJobId(id));
          return job && ['completed', 'failed', 'cancelled'].includes(job.state) ? job : null;
        },
        { message: `pg-boss to settle job ${id}` },
      ),
    bossSql: async (text: string, values: unknown[] = []) => (await sys.rt.boss.getDb().executeSql(text, values)).rows,
  } satisfies Partial<FaultSystem>);

  beforeAll(async () => {
    sys.fake = await startFakeModelServer();
    sys.fake.setBehaviour(faultyLlm);
    sys.db = await createTestDb(dialect);
    sys.station = (await addStation(sys.db.db, 'Faults Station')).gid;
    sys.t = await startRuntime(sys.db, {
      env: {
        LLM_URL: sys.fake.url,
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
        // These tests are about pg-boss retries: model outages spend them (model-outage.test.ts
        // covers waiting for the server without spending retries).
        JOB_DEPENDENCY_WAIT_MAX_SECONDS: '0',
        ...options.env,
      },
      hooks: { beforeStage, afterRelaySend: options.afterRelaySend },
    });
    sys.rt = sys.t.rt;
    sys.env = sys.t.env;
  });

  afterAll(async () => {
    await sys.t?.close();
    await sys.fake?.close();
    await sys.db?.drop();
  });

  return sys;
}
