/**
 * The built-in drafter stands in for a failing model (LLM_FALLBACK, on by default), so a job is
 * never lost to a model fault, and the FIR records which drafter made it:
 *  - a model that answers garbage (invalid JSON even after the client's repair): at once, no retry;
 *  - a model server that is down: pg-boss retries with backoff first; the last attempt falls back;
 *  - a healthy model: the LLM drafts, `draftedBy` is 'llm'.
 * Against a whole running system whose LLM is the fake model server (a real HTTP server speaking
 * the OpenAI chat-completions protocol), on every dialect.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeIdOf} from '../../src/global-id.ts';
import { createTestDb, dialects, type TestDb } from '../helpers/db.ts';
import { drafterAnswer, type FakeModelServer, startFakeModelServer } from '../helpers/fake-model-server.ts';
import { addStation } from '../helpers/fixtures.ts';
import { jobEnd, startRuntime, type TestRuntime } from '../helpers/runtime.ts';

const THEFT = 'On 10/03/2025 at about 7:30 pm my mobile phone worth Rs. 12,999 was stolen from my pocket at Sanganeri Gate bus stand, Jaipur.';

const SUBMIT = /* GraphQL */ `
  mutation Submit($input: SubmitComplaintInput!) {
    submitComplaint(input: $input) { fir { id } job { id } }
  }
`;
const JOB = /* GraphQL */ `
  query Job($id: ID!) {
    generationJob(id: $id) {
      status attempts error { code }
      events { stage status }
      fir { status draftedBy narrative sections { confidence section { number } } }
    }
  }
`;

describe.each(dialects)('LLM fallback to the built-in drafter (%s)', (dialect) => {
  let db: TestDb;
  let t: TestRuntime;
  let fake: FakeModelServer;
  let station: string;

  async function run(text: string) {
    // a text of its own each time: the LLM client caches answers by prompt, and a cached healthy
    // answer would hide the fault under test
    const unique = `${text} (Ref. ${randomBytes(4).toString('hex')})`;
    const submitted = (await t.data(SUBMIT, { input: { stationId: station, text: unique } })).submitComplaint;
    await jobEnd(db, decodeIdOf('GenerationJob', submitted.job.id), 40_000);
    return (await t.data(JOB, { id: submitted.job.id })).generationJob;
  }

  beforeAll(async () => {
    fake = await startFakeModelServer();
    db = await createTestDb(dialect);
    station = (await addStation(db.db, 'Fallback Station')).gid;
    t = await startRuntime(db, {
      env: {
        LLM_URL: fake.url,
        MODEL_RETRIES: '0',
        MODEL_TIMEOUT_MS: '5000',
        // the breaker would hide the server's answers from the later tests
        MODEL_BREAKER_THRESHOLD: '100',
        JOB_RETRY_LIMIT: '1',
        JOB_RETRY_DELAY_SECONDS: '1',
        JOB_RETRY_DELAY_MAX_SECONDS: '2',
      },
    });
  });

  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await db?.drop();
  });

  it('a healthy model drafts the FIR: draftedBy is llm', async () => {
    fake.reset();
    fake.setBehaviour((req) => {
      const content = drafterAnswer(req);
      return content ? { type: 'ok', content } : { type: 'fail', status: 400 };
    });
    const job = await run(THEFT);
    expect(job).toMatchObject({ status: 'SUCCEEDED', attempts: 1, fir: { status: 'GENERATED', draftedBy: 'llm' } });
    expect(fake.requests.filter((r) => r.kind === 'chat').length).toBeGreaterThan(0);
  });

  it('a model answering garbage: the built-in drafter drafts at once, on the first attempt', async () => {
    fake.reset();
    fake.setBehaviour({ type: 'garbage' });
    const job = await run(THEFT);
    expect(job.status).toBe('SUCCEEDED');
    expect(job.attempts).toBe(1);
    expect(job.fir.status).toBe('GENERATED');
    expect(job.fir.draftedBy).toBe('builtin (fallback from llm: MODEL_BAD_OUTPUT at SUMMARIZE)');
    // the built-in drafter's own answer: theft, with the built-in narrative
    expect(job.fir.sections[0].section.number).toBe('303(2)');
    expect(job.fir.narrative).toMatch(/Brief facts of the case/);
    expect(job.events.map((e: any) => e.status)).not.toContain('RETRYING');
  });

  it('a model server that is down: retried with backoff first, then the last attempt falls back', async () => {
    fake.reset();
    fake.setBehaviour({ type: 'fail', status: 503 });
    const job = await run(THEFT);
    expect(job.status).toBe('SUCCEEDED');
    expect(job.attempts).toBe(2);
    expect(job.events.map((e: any) => [e.stage, e.status]).slice(0, 2)).toEqual([
      ['QUEUED', 'QUEUED'],
      ['SUMMARIZE', 'RETRYING'],
    ]);
    expect(job.fir.draftedBy).toMatch(/^builtin \(fallback from llm: MODEL_(?:SERVER_ERROR|UNAVAILABLE) at SUMMARIZE\)$/);
    expect(job.fir.sections.length).toBeGreaterThan(0);
  });
});
