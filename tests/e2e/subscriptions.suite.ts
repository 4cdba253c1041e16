/**
 * Subscriptions end to end, through the real server: `node src/main.ts` in a child process,
 * spoken to over TCP with plain fetch (mutations, queries), the graphql-ws client (WebSocket on
 * /graphql), the graphql-sse client (Yoga's built-in SSE, "distinct connections mode": one POST
 * with Accept: text/event-stream per operation) and raw `ws` sockets (keep-alive pings).
 *
 * Two setups, the same tests (this suite):
 *  - embedded (subscriptions.test.ts): fresh DATA_DIR, PGlite, in-process pg-boss and pub/sub,
 *    SEED_DEMO=true;
 *  - the real services (subscriptions.services.test.ts): MariaDB (throwaway database) + pg-boss
 *    on PostgreSQL (own schema) + Redis pub/sub. Stations are inserted on random ids instead of
 *    seeded: Redis channels are global to the server, so ids shared with other test databases
 *    would cross-deliver (see isolateIds).
 *
 * The gateway's LLM_URL points at the fake model server in this process (answers valid JSON for
 * the drafter's three schemas). That is what lets a test park a job inside a stage (hold the
 * model's answer) and so know which events are replayed and which can only arrive after the
 * subscription started, and reconnect while the job is still running. Without it the built-in drafter finishes a job in a few
 * hundred milliseconds and "live" could not be told from "replayed".
 *
 * One gateway per setup, started with WS_MAX_SUBSCRIPTIONS=2 and WS_KEEPALIVE_MS=1000 (the
 * minimum): tests that need more than two operations use more than one connection. Every client
 * signs in as ADMIN (tests/helpers/auth.ts): graphql-ws in `connection_init`, SSE and HTTP in the
 * Authorization header.
 */
import { createClient as createSseClient } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { E2eHarness, errorsOf, expectCleanExits, expectRun, FIR_UPDATED_SUBSCRIPTION, gqlData, PROGRESS_SUBSCRIPTION, progressOf, type ServiceProcess, submitComplaint, TEXT_RUN_STAGES, track } from '../helpers/processes.ts';
import { adminHeaders, adminToken } from '../helpers/auth.ts';
import { waitFor, withTimeout } from '../helpers/wait.ts';

/** Distinctive enough that finding it in a log can only mean the complaint was logged. */
const SENTENCE = 'कल शाम सब्ज़ी मंडी के पास मेरी नीली साइकिल जिस पर अनोखीघंटी लगी थी चोरी हो गई।';

const PROGRESS = PROGRESS_SUBSCRIPTION;
const FIR_UPDATED = FIR_UPDATED_SUBSCRIPTION;
const STAGES = TEXT_RUN_STAGES;

const LIVE_TIMEOUT = 45_000;
const QUICK = 15_000;

export interface Setup {
  name: string;
  /** the gateway's storage: DATA_DIR, or DATABASE_URL and the rest (world.embeddedEnv / world.servicesEnv) */
  storage(world: E2eHarness): Promise<Record<string, string>>;
}

/** Registers the suite for one setup (a test file per setup). */
export function subscriptionsSuite(setup: Setup): void {
  describe(`subscriptions through the real server (${setup.name})`, () => {
    const world = new E2eHarness();
    let gw: ServiceProcess;
    let stationA: string;
    let stationB: string;
    /** a job that has finished (set by the first test) */
    let finished: { jobId: string; firId: string } | undefined;
    let marks = 0;
    const mark = () => `[e2e-${++marks}-${Math.random().toString(36).slice(2, 8)}]`;
    const complaint = (m: string) => `${SENTENCE} ${m}`;

    const ws = (options: { lazy?: boolean } = {}) => world.ws(gw.base, options);

    /**
     * Submits a complaint at `station` whose model call for `schemaName` is held: once this
     * returns, the job is parked inside that stage until `held.release()`.
     */
    async function parkedJob(station: string, schemaName: 'fir_extraction' | 'fir_narrative') {
      const m = mark();
      const held = world.llm.hold(m, { schemaName });
      const job = await submitComplaint(gw.base, station, complaint(m));
      await withTimeout(held.arrived, LIVE_TIMEOUT, `the worker to ask the model for ${schemaName}`);
      return { m, held, job };
    }

    function sse() {
      return createSseClient({ url: `${gw.base}/graphql`, retryAttempts: 0, headers: adminHeaders });
    }

    beforeAll(async () => {
      await world.start();
      const env: Record<string, string> = {
        LLM_URL: world.fake.url,
        // a held answer must outlast the test's own waits, not be retried by the client
        MODEL_TIMEOUT_MS: '120000',
        MODEL_RETRIES: '0',
        WS_MAX_SUBSCRIPTIONS: '2',
        WS_KEEPALIVE_MS: '1000',
        JOB_POLL_SECONDS: '0.5',
        LOG_LEVEL: 'debug',
        ...(await setup.storage(world)),
      };
      gw = await world.procs.gateway(env, `gateway (${setup.name})`);
      const data = await gqlData(gw.base, '{ stations(first: 2) { edges { node { id code } } } }');
      const ids = data.stations.edges.map((e: any) => e.node.id);
      expect(ids).toHaveLength(2);
      [stationA, stationB] = ids;
    }, 240_000);

    // a clean, graceful stop (open subscriptions included)
    afterAll(async () => expectCleanExits(await world.close()), 60_000);

    it('(a) graphql-ws: replays the stored events, then streams the rest live in order, ends with the FIR and completes', async () => {
      const { m, held, job } = await parkedJob(stationA, 'fir_extraction');

      // The job is parked inside SUMMARIZE: only QUEUED exists, the rest must follow while subscribed.
      const client = ws();
      const sub = track(client, PROGRESS, { jobId: job.jobId });
      await sub.waitFor((r) => r.length >= 1, QUICK, 'the replayed QUEUED event');
      expect(progressOf(sub).map((e) => [e.seq, e.status, e.stage])).toEqual([[1, 'QUEUED', 'QUEUED']]);
      expect(sub.state).toBe('open');
      const mid = await gqlData(gw.base, 'query($id: ID!) { generationJob(id: $id) { status stage } }', { id: job.jobId });
      expect(mid.generationJob).toEqual({ status: 'RUNNING', stage: 'QUEUED' });

      held.release();
      expect(await sub.waitEnd(LIVE_TIMEOUT, 'the subscription')).toBe('complete');
      expect(sub.error).toBeUndefined();
      expectRun(progressOf(sub), job);
      // the model was asked once per stage: nothing ran twice
      expect(world.llm.requestsFor(m).map((r) => r.schemaName)).toEqual(['fir_extraction', 'fir_sections', 'fir_narrative']);

      // what was streamed is what is stored
      const stored = await gqlData(gw.base, 'query($id: ID!) { generationJob(id: $id) { status stage progress attempts fir { id status } events { seq stage status } } }', {
        id: job.jobId,
      });
      expect(stored.generationJob).toMatchObject({ status: 'SUCCEEDED', stage: 'DONE', progress: 1, attempts: 1, fir: { id: job.firId, status: 'GENERATED' } });
      expect(stored.generationJob.events).toEqual(progressOf(sub).map((e) => ({ seq: e.seq, stage: e.stage, status: e.status })));
      // the complaint text is stored as given (so the log check below is meaningful)
      const fir = await gqlData(gw.base, 'query($id: ID!) { node(id: $id) { ... on Fir { complaint { text } } } }', { id: job.firId });
      expect(fir.node.complaint.text).toBe(complaint(m));
      finished = job;
    }, 90_000);

    it('(b) graphql-sse against Yoga’s built-in SSE: the same events in order, then completes', async () => {
      const { held, job } = await parkedJob(stationB, 'fir_extraction');

      const client = sse();
      try {
        const sub = track(client, PROGRESS, { jobId: job.jobId });
        await sub.waitFor((r) => r.length >= 1, QUICK, 'the replayed QUEUED event over SSE');
        expect(progressOf(sub).map((e) => e.seq)).toEqual([1]);
        held.release();
        expect(await sub.waitEnd(LIVE_TIMEOUT, 'the SSE subscription')).toBe('complete');
        expect(sub.error).toBeUndefined();
        expectRun(progressOf(sub), job);

        // a bad id over SSE: a coded error (with the request id, as over HTTP), then the end
        const bad = track(client, PROGRESS, { jobId: 'garbage' });
        await bad.waitEnd(QUICK, 'the bad SSE subscription');
        const errors = errorsOf(bad);
        expect(errors).toHaveLength(1);
        expect(errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
        expect(typeof errors[0].extensions.requestId).toBe('string');
      } finally {
        client.dispose();
      }

      // the wire format, read with plain fetch: text/event-stream, `next` events, then `complete`
      const res = await fetch(`${gw.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(await adminHeaders()) },
        body: JSON.stringify({ query: PROGRESS, variables: { jobId: job.jobId, after: 6 } }),
        signal: AbortSignal.timeout(QUICK),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const text = await res.text(); // ends because the stream completes
      const events = text
        .split(/\n\n/)
        .map((block) => ({ event: /^event: (.*)$/m.exec(block)?.[1], data: /^data: ?(.*)$/m.exec(block)?.[1] }))
        .filter((e) => e.event);
      expect(events.map((e) => e.event)).toEqual(['next', 'next', 'complete']);
      expect(events.slice(0, 2).map((e) => JSON.parse(e.data!).data.generationProgress.seq)).toEqual([7, 8]);
    }, 90_000);

    it('(c) reconnect: after a dropped connection, `after: k` resumes with exactly the events after k, then completes', async () => {
      // park the job in DRAFT_NARRATIVE: QUEUED, SUMMARIZE, RETRIEVE_SECTIONS, CHECK_SECTIONS are stored
      const { held, job } = await parkedJob(stationA, 'fir_narrative');

      const first = ws();
      const before = track(first, PROGRESS, { jobId: job.jobId });
      await before.waitFor((r) => r.length >= 4, QUICK, 'the four stored events');
      expect(progressOf(before).map((e) => e.stage)).toEqual(STAGES.slice(0, 4));
      expect(before.state).toBe('open');
      await first.dispose(); // the connection drops mid-job

      // the client had processed up to seq 3 when it dropped
      const k = 3;
      const again = track(ws(), PROGRESS, { jobId: job.jobId, after: k });
      await again.waitFor((r) => r.length >= 1, QUICK, 'the replay after reconnecting');
      expect(progressOf(again).map((e) => e.seq)).toEqual([4]);
      held.release();
      expect(await again.waitEnd(LIVE_TIMEOUT, 'the resumed subscription')).toBe('complete');
      expectRun(progressOf(again), job, k + 1);

      // after the job ended: pure replay, for any k
      for (const after of [0, 6, 7]) {
        const replay = track(ws(), PROGRESS, { jobId: job.jobId, after });
        expect(await replay.waitEnd(QUICK, `the replay after ${after}`)).toBe('complete');
        expectRun(progressOf(replay), job, after + 1);
      }
    }, 90_000);

    it('(c) a client that already saw the final event (`after` = last seq) gets an immediate completion, not a hang', async () => {
      expect(finished, 'needs the job of (a)').toBeDefined();
      const sub = track(ws(), PROGRESS, { jobId: finished!.jobId, after: STAGES.length });
      // a hang would fail at the deadline: generationProgress(after: <last seq>) must complete at once
      const ended = await sub.waitEnd(5_000, 'generationProgress(after: <last seq>) on a finished job');
      sub.dispose();
      expect(sub.results).toEqual([]);
      expect(ended).toBe('complete');
    }, 30_000);

    it('(d) firUpdated(stationId) delivers the FIRs of that station only', async () => {
      const roomA = ws();
      const roomB = ws();
      const onA = track(roomA, FIR_UPDATED, { stationId: stationA });
      const onB = track(roomB, FIR_UPDATED, { stationId: stationB });
      // graphql-ws acknowledges connections, not subscriptions: B's job is held until both rooms are
      // connected, and only its GENERATED event (several stages later) is required
      const { held: heldB, job: b } = await parkedJob(stationB, 'fir_extraction');
      await waitFor(() => roomA.counts.connected === 1 && roomB.counts.connected === 1, { timeoutMs: QUICK, intervalMs: 20, message: 'both rooms to be connected' });
      heldB.release();
      await onB.waitFor((r) => r.some((x) => x.data?.firUpdated?.id === b.firId && x.data.firUpdated.status === 'GENERATED'), LIVE_TIMEOUT, 'the FIR at B, GENERATED');
      const a = await submitComplaint(gw.base, stationA, complaint(mark()));
      await onA.waitFor((r) => r.some((x) => x.data?.firUpdated?.id === a.firId && x.data.firUpdated.status === 'GENERATED'), LIVE_TIMEOUT, 'the FIR at A, GENERATED');
      onA.dispose();
      onB.dispose();

      for (const [sub, fir, station] of [
        [onA, a.firId, stationA],
        [onB, b.firId, stationB],
      ] as const) {
        expect(sub.state).toBe('open'); // a room stays open until the client leaves
        for (const r of sub.results) {
          expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
          expect(r.data.firUpdated.id).toBe(fir); // nothing of the other station
          expect(r.data.firUpdated.station.id).toBe(station);
          expect(['GENERATING', 'GENERATED']).toContain(r.data.firUpdated.status);
        }
        expect(sub.results.at(-1).data.firUpdated.status).toBe('GENERATED');
      }
    }, 120_000);

    it('(e) a third concurrent operation on one connection is refused with RATE_LIMITED; the first two keep working', async () => {
      const { held, job } = await parkedJob(stationA, 'fir_extraction');

      const client = ws({ lazy: false });
      const progress = track(client, PROGRESS, { jobId: job.jobId });
      await progress.waitFor((r) => r.length >= 1, QUICK, 'the first operation to run');
      const rooms = track(client, FIR_UPDATED, { stationId: stationA });
      const third = track(client, PROGRESS, { jobId: job.jobId });
      expect(await third.waitEnd(QUICK, 'the third operation')).toBe('error');
      expect(third.results).toEqual([]);
      expect(Array.isArray(third.error), String(third.error)).toBe(true);
      expect((third.error as any[]).map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);

      // the first two are unaffected
      held.release();
      expect(await progress.waitEnd(LIVE_TIMEOUT, 'the first operation')).toBe('complete');
      expectRun(progressOf(progress), job);
      await rooms.waitFor((r) => r.some((x) => x.data?.firUpdated?.id === job.firId && x.data.firUpdated.status === 'GENERATED'), LIVE_TIMEOUT, 'the room to see the FIR');
      expect(rooms.state).toBe('open');

      // a finished operation frees its slot on the connection
      const fourth = track(client, PROGRESS, { jobId: job.jobId, after: 6 });
      expect(await fourth.waitEnd(QUICK, 'an operation after one finished')).toBe('complete');
      expect(progressOf(fourth).map((e) => e.seq)).toEqual([7, 8]);
      rooms.dispose();
      expect(client.counts).toEqual({ connected: 1, closed: 0 });
    }, 120_000);

    it('(e2) the cap holds for a burst: six subscribe messages sent at once get two slots and four RATE_LIMITED', async () => {
      const url = `${gw.base.replace(/^http/, 'ws')}/graphql`;
      const sock = new WebSocket(url, 'graphql-transport-ws');
      try {
        const messages: any[] = [];
        sock.on('message', (m) => messages.push(JSON.parse(String(m))));
        await new Promise((r) => sock.once('open', r));
        sock.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${await adminToken()}` } }));
        await waitFor(() => messages.some((m) => m.type === 'connection_ack'), { timeoutMs: QUICK, intervalMs: 20, message: 'connection_ack' });
        const query = 'subscription($s: ID!) { firUpdated(stationId: $s) { id } }';
        // All six in one tick: they leave in one TCP write and reach the server in one read.
        for (let i = 1; i <= 6; i++) sock.send(JSON.stringify({ id: `s${i}`, type: 'subscribe', payload: { query, variables: { s: stationA } } }));
        await waitFor(() => messages.filter((m) => m.type === 'error').length >= 4, { timeoutMs: QUICK, intervalMs: 20, message: 'four RATE_LIMITED errors' });
        // The other two are live: a FIR change at the station reaches both. Each operation ends
        // at most once, so the errors are final then.
        const live = () => new Set(messages.filter((m) => m.type === 'next').map((m) => m.id));
        await submitComplaint(gw.base, stationA, complaint(mark()));
        await waitFor(() => live().size === 2, { timeoutMs: LIVE_TIMEOUT, intervalMs: 20, message: () => `both admitted operations to see the FIR change: ${JSON.stringify(messages)}` });
        const errors = messages.filter((m) => m.type === 'error');
        expect(errors).toHaveLength(4);
        for (const e of errors) expect(e.payload.map((x: any) => x.extensions?.code)).toEqual(['RATE_LIMITED']);
        expect(new Set(errors.map((e) => e.id)).size).toBe(4);
        for (const e of errors) expect(live().has(e.id)).toBe(false);
      } finally {
        sock.close();
      }
    });

    it('(f) keep-alive: the server pings an idle connection, and drops a peer that does not answer', async () => {
      const url = `${gw.base.replace(/^http/, 'ws')}/graphql`;
      const alive = new WebSocket(url, 'graphql-transport-ws');
      const dead = new WebSocket(url, 'graphql-transport-ws', { autoPong: false });
      try {
        const pings = { alive: 0, dead: 0 };
        alive.on('ping', () => pings.alive++);
        dead.on('ping', () => pings.dead++);
        const init = JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${await adminToken()}` } });
        const acked = (s: WebSocket) =>
          withTimeout(
            new Promise<void>((resolve, reject) => {
              s.once('error', reject);
              s.on('message', (m) => JSON.parse(String(m)).type === 'connection_ack' && resolve());
              s.once('open', () => s.send(init));
            }),
            QUICK,
            'connection_ack',
          );
        await Promise.all([acked(alive), acked(dead)]);
        const deadClosed = new Promise<number>((r) => dead.once('close', (code) => r(code)));

        // WS_KEEPALIVE_MS=1000 is in effect: two pings arrive before the default 12 s interval
        // would have sent the first (the deadline is that bound)
        await waitFor(() => pings.alive >= 2, { timeoutMs: 10_000, intervalMs: 50, message: 'two pings on the idle connection' });
        expect(alive.readyState).toBe(WebSocket.OPEN); // answered pings keep it open

        const code = await withTimeout(deadClosed, 15_000, 'the server to drop the peer that does not answer pings');
        expect(pings.dead).toBeGreaterThanOrEqual(1);
        expect(code).toBe(1006); // terminated, no close handshake
        expect(alive.readyState).toBe(WebSocket.OPEN);
      } finally {
        alive.terminate();
        dead.terminate();
      }
    }, 60_000);

    it('(g) bad subscriptions get coded errors and the connection stays usable', async () => {
      expect(finished, 'needs the job of (a)').toBeDefined();
      const client = ws({ lazy: false });
      const missingJob = Buffer.from('GenerationJob:2000000001').toString('base64url');
      const cases: Array<[string, string, Record<string, unknown>, string]> = [
        ['malformed job id', PROGRESS, { jobId: 'garbage' }, 'BAD_USER_INPUT'],
        ['an id of another type', PROGRESS, { jobId: stationA }, 'BAD_USER_INPUT'],
        ['negative after', PROGRESS, { jobId: finished!.jobId, after: -1 }, 'BAD_USER_INPUT'],
        ['unknown job', PROGRESS, { jobId: missingJob }, 'NOT_FOUND'],
        ['unknown field', 'subscription { generationProgress(jobId: "x") { nope } }', {}, 'BAD_USER_INPUT'],
        ['malformed station id', FIR_UPDATED, { stationId: '!!' }, 'BAD_USER_INPUT'],
      ];
      // one at a time, more than the cap of 2: a failed operation must free its slot
      for (const [label, query, variables, code] of cases) {
        const sub = track(client, query, variables);
        await sub.waitEnd(QUICK, label);
        const errors = errorsOf(sub);
        expect(errors.length, `${label}: ${JSON.stringify(sub.results)} ${JSON.stringify(sub.error)}`).toBeGreaterThanOrEqual(1);
        expect(errors.map((e) => e.extensions?.code), label).toEqual(errors.map(() => code));
        expect(sub.results.some((r) => r.data?.generationProgress || r.data?.firUpdated), label).toBe(false);
      }
      // the same connection still serves two operations at once
      const one = track(client, PROGRESS, { jobId: finished!.jobId, after: 5 });
      const two = track(client, PROGRESS, { jobId: finished!.jobId, after: 6 });
      expect(await one.waitEnd(QUICK, 'a good operation after the bad ones')).toBe('complete');
      expect(await two.waitEnd(QUICK, 'a second good operation')).toBe('complete');
      expect(progressOf(one).map((e) => e.seq)).toEqual([6, 7, 8]);
      expect(progressOf(two).map((e) => e.seq)).toEqual([7, 8]);
      expect(client.counts).toEqual({ connected: 1, closed: 0 });
    }, 60_000);

    it('(g) errors over graphql-ws carry extensions.requestId, as over HTTP and SSE', async () => {
      const sub = track(ws(), PROGRESS, { jobId: 'garbage' });
      await sub.waitEnd(QUICK, 'the bad operation');
      const errors = errorsOf(sub);
      expect(errors).toHaveLength(1);
      expect(errors[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(typeof errors[0].extensions?.requestId, JSON.stringify(errors[0])).toBe('string');
    }, 30_000);

    it('never logs the complaint text', async () => {
      expect(marks).toBeGreaterThan(0);
      const out = gw.output;
      expect(gw.logLines.length).toBeGreaterThan(0);
      // debug logging is on, and operations were logged: the check below looks at real log output
      expect(out).toMatch(/"level":20/);
      expect(out.includes(SENTENCE), 'the complaint sentence appears in the gateway output').toBe(false);
      for (let i = 0; i + 16 <= SENTENCE.length; i += 8) {
        const part = SENTENCE.slice(i, i + 16);
        expect(out.includes(part), `the gateway output contains ${JSON.stringify(part)}`).toBe(false);
      }
    });
  });
}
