/**
 * Token rules for subscriptions, against a real server over TCP: node:http with the app's handler
 * and graphql-ws attached (src/graphql/websocket.ts, as src/main.ts composes them), on a seeded
 * PGlite, spoken to with the real `graphql-ws` client (`ws` sockets), the `graphql-sse` client and
 * plain fetch (Yoga's built-in SSE: POST with Accept: text/event-stream).
 *
 *  - graphql-ws: the token comes in connection_init's payload; no token is the anonymous (accepted,
 *    but refused UNAUTHENTICATED by every subscription), a bad one closes the socket with 4403;
 *    an officer gets firUpdated of its own station, FORBIDDEN for another station and for
 *    generationProgress of another station's job; a socket whose token expires is closed 4403;
 *  - SSE: the same rules from the Authorization header; a stream whose token has expired ends
 *    with UNAUTHENTICATED at its next event.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient as createSseClient } from 'graphql-sse';
import { type Client, createClient } from 'graphql-ws';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type App, closeApp, createApp, createHttpHandler } from '../../src/app.ts';
import { seedDemoIfEmpty } from '../../src/db/seed.ts';
import { EDITABLE_STATUSES } from '../../src/fir/fir.status.ts';
import { appendEvent, lockJob } from '../../src/generation/generation.repository.ts';
import { encodeGlobalId } from '../../src/global-id.ts';
import { attachWebSocket } from '../../src/graphql/websocket.ts';
import { adminToken, testAuth, tokenFor } from '../helpers/auth.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { queuedJob } from '../helpers/fixtures.ts';
import { httpClient } from '../helpers/graphql.ts';
import { errorsOf, FIR_UPDATED_SUBSCRIPTION, PROGRESS_SUBSCRIPTION, type Tracked, track } from '../helpers/processes.ts';
import { waitFor } from '../helpers/wait.ts';

const QUICK = 10_000;
const UPDATE = 'mutation Update($input: UpdateFirInput!) { updateFir(input: $input) { id version } }';
const expOf = (token: string): number => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')).exp;

interface Officer {
  id: number;
  gid: string;
  stationId: number;
  stationGid: string;
}

describe('subscriptions over a real server: graphql-ws and SSE take the token rules of HTTP', () => {
  let db: TestDb;
  let app: App;
  let server: Server;
  let ws: ReturnType<typeof attachWebSocket>;
  let base: string;
  let a: Officer;
  let b: Officer;
  /** an editable FIR of station A, its current version (updateFir bumps it) */
  const fir = { id: 0, gid: '', version: 0 };
  /** a job (with one stored QUEUED event) of a FIR of station B */
  let jobB: string;
  const clients: Array<{ dispose(): void | Promise<void> }> = [];
  const log = pino({ level: 'silent' });

  beforeAll(async () => {
    db = await createTestDb('pglite');
    await seedDemoIfEmpty(db.db);
    const officers = await db.db.selectFrom('officer').select(['id', 'station_id']).where('role', '=', 'OFFICER').orderBy('id').execute();
    const officerOf = (o: { id: number; station_id: number | null }): Officer => ({
      id: o.id,
      gid: encodeGlobalId('Officer', o.id),
      stationId: o.station_id!,
      stationGid: encodeGlobalId('PoliceStation', o.station_id!),
    });
    a = officerOf(officers[0]!);
    b = officerOf(officers.find((o) => o.station_id !== a.stationId)!);
    const row = await db.db
      .selectFrom('fir')
      .select(['id', 'version'])
      .where('station_id', '=', a.stationId)
      .where('status', 'in', [...EDITABLE_STATUSES])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    Object.assign(fir, { id: row.id, gid: encodeGlobalId('Fir', row.id), version: row.version });
    const firB = await db.db.selectFrom('fir').select('id').where('station_id', '=', b.stationId).orderBy('id').executeTakeFirstOrThrow();
    const jobId = await queuedJob(db.db, firB.id);
    await db.db.transaction().execute(async (trx) => {
      await lockJob(trx, jobId);
      await appendEvent(trx, jobId, firB.id, { status: 'QUEUED', stage: 'QUEUED', progress: 0, message: null });
    });
    jobB = encodeGlobalId('GenerationJob', jobId);

    app = createApp({ db: db.db, log, auth: testAuth });
    server = createServer(createHttpHandler(app));
    ws = attachWebSocket(server, app, { maxSubscriptions: 10, keepAliveMs: 30_000, log });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });

  afterAll(async () => {
    await ws?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    if (app) await closeApp(app);
    await db?.drop();
  });

  /** A graphql-ws client sending `authorization` in connection_init (none when undefined); its close events. */
  function wsClient(authorization?: string) {
    const seen = { connected: 0, closes: [] as Array<{ code: number; reason: string; at: number }> };
    const client: Client = createClient({
      url: `${base.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      // one socket per client for the whole test, even between subscriptions
      lazyCloseTimeout: 60_000,
      ...(authorization === undefined ? {} : { connectionParams: { authorization } }),
      on: {
        connected: () => void seen.connected++,
        closed: (e) => void seen.closes.push({ code: (e as { code: number }).code, reason: String((e as { reason?: string }).reason ?? ''), at: Date.now() }),
      },
    });
    clients.push(client);
    return Object.assign(seen, { client });
  }

  function sseClient(authorization?: string) {
    const client = createSseClient({ url: `${base}/graphql`, retryAttempts: 0, headers: authorization === undefined ? {} : { authorization } });
    clients.push(client);
    return client;
  }

  const firUpdated = (client: Parameters<typeof track>[0], station: Officer) => track(client, FIR_UPDATED_SUBSCRIPTION, { stationId: station.stationGid });
  const codes = (t: Tracked) => errorsOf(t).map((e) => e.extensions?.code);

  /** Edits the FIR of station A over HTTP as `token`'s viewer (its station's officer, or ADMIN). */
  async function editFir(token: string) {
    const res = await httpClient(base).gql(UPDATE, { input: { id: fir.gid, expectedVersion: fir.version, summary: `edited ${fir.version + 1}` } }, { authorization: `Bearer ${token}` });
    expect(res.body.errors, res.text).toBeUndefined();
    fir.version = res.body.data.updateFir.version;
  }

  /** Edits the FIR until `done` holds: a subscription that has just been sent may not be listening yet. */
  async function editUntil(token: string, done: () => boolean, label: string) {
    await waitFor(
      async () => {
        if (done()) return true;
        await editFir(token);
        return false;
      },
      { timeoutMs: QUICK, intervalMs: 100, message: label },
    );
  }

  describe('graphql-ws', () => {
    it('without a token the connection is the anonymous: accepted, and every subscription is refused UNAUTHENTICATED', async () => {
      const anon = wsClient();
      const updates = firUpdated(anon.client, a);
      // graphql-ws hands a refused subscribe its errors as a result, then completes it
      await updates.waitEnd(QUICK, 'the anonymous firUpdated');
      expect(codes(updates)).toEqual(['UNAUTHENTICATED']);
      const progress = track(anon.client, PROGRESS_SUBSCRIPTION, { jobId: jobB });
      await progress.waitEnd(QUICK, 'the anonymous generationProgress');
      expect(codes(progress)).toEqual(['UNAUTHENTICATED']);
      expect(progress.results.filter((r) => r.data?.generationProgress)).toEqual([]);
      expect(anon.connected).toBe(1);
      expect(anon.closes).toEqual([]);
    });

    it.each([
      ['a forged token (another secret)', () => tokenFor('OFFICER', 1, { secret: 'an-attackers-secret-an-attackers-secret-0123' }).then((t) => `Bearer ${t}`)],
      ['an expired token', () => tokenFor('ADMIN', 'test-admin', { expiresIn: Math.floor(Date.now() / 1000) - 3600 }).then((t) => `Bearer ${t}`)],
      ['an alg none token', async () => `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'test-admin', role: 'ADMIN', exp: 4102444800 })).toString('base64url')}.`],
      ['Basic credentials', async () => `Basic ${Buffer.from('admin:admin').toString('base64')}`],
      ['a token without "Bearer"', () => adminToken()],
      ['a role the officer row does not have', () => tokenFor('STATION_HOUSE_OFFICER', a.id).then((t) => `Bearer ${t}`)],
      ['an officer that does not exist', () => tokenFor('OFFICER', 2_000_000_000).then((t) => `Bearer ${t}`)],
    ])('refused (%s): the socket is closed with 4403 before anything runs', async (_name, make) => {
      const authorization = await make();
      const c = wsClient(authorization);
      const updates = firUpdated(c.client, a);
      expect(await updates.waitEnd(QUICK, 'the refused connection')).toBe('error');
      expect((updates.error as { code?: number }).code).toBe(4403);
      expect(updates.results).toEqual([]);
      expect(c.connected).toBe(0);
      expect(c.closes.map((e) => e.code)).toEqual([4403]);
      expect(c.closes[0]!.reason).not.toContain(authorization.split(' ').pop()!);
    });

    it("an officer's firUpdated of its own station delivers the station's changes", async () => {
      const officer = await tokenFor('OFFICER', a.id);
      const c = wsClient(`Bearer ${officer}`);
      const updates = firUpdated(c.client, a);
      await editUntil(officer, () => updates.results.length > 0, 'a firUpdated event for the officer');
      expect(updates.state).toBe('open');
      expect(errorsOf(updates)).toEqual([]);
      expect(updates.results[0].data.firUpdated).toEqual({ id: fir.gid, status: expect.any(String), station: { id: a.stationGid } });
      expect(c.connected).toBe(1);
    });

    it('firUpdated of another station is FORBIDDEN; the connection stays usable', async () => {
      const c = wsClient(`Bearer ${await tokenFor('OFFICER', b.id)}`);
      const other = firUpdated(c.client, a);
      await other.waitEnd(QUICK, 'firUpdated of another station');
      expect(codes(other)).toEqual(['FORBIDDEN']);
      // the same socket still serves what the officer may see (its own station's job)
      const own = track(c.client, PROGRESS_SUBSCRIPTION, { jobId: jobB });
      await own.waitFor((r) => r.length >= 1, QUICK, "the replayed event of the officer's own job");
      expect(own.results[0].data.generationProgress).toMatchObject({ seq: 1, status: 'QUEUED', jobId: jobB });
      expect(c.closes).toEqual([]);
    });

    it("generationProgress of another station's job is FORBIDDEN for an OFFICER (and given to ADMIN)", async () => {
      const c = wsClient(`Bearer ${await tokenFor('OFFICER', a.id)}`);
      const progress = track(c.client, PROGRESS_SUBSCRIPTION, { jobId: jobB });
      await progress.waitEnd(QUICK, "generationProgress of another station's job");
      expect(codes(progress)).toEqual(['FORBIDDEN']);
      expect(progress.results.filter((r) => r.data?.generationProgress)).toEqual([]);
      const admin = wsClient(`Bearer ${await adminToken()}`);
      const all = track(admin.client, PROGRESS_SUBSCRIPTION, { jobId: jobB });
      await all.waitFor((r) => r.length >= 1, QUICK, 'the replayed event for ADMIN');
      expect(all.results[0].data.generationProgress).toMatchObject({ seq: 1, status: 'QUEUED' });
    });

    it('a socket whose token expires is closed with 4403 at its expiry', async () => {
      // 8 s: long enough that a loaded CI machine acknowledges the connection well before expiry
      // (exp has 1 s granularity, so '3s' could leave barely 2 s).
      const token = await tokenFor('OFFICER', a.id, { expiresIn: '8s' });
      const expiresAt = expOf(token) * 1000;
      const c = wsClient(`Bearer ${token}`);
      const updates = firUpdated(c.client, a);
      await waitFor(() => c.connected === 1, { timeoutMs: QUICK, intervalMs: 10, message: 'the connection to be acknowledged' });
      expect(Date.now()).toBeLessThan(expiresAt);
      await waitFor(() => c.closes.length > 0, { timeoutMs: 30_000, intervalMs: 20, message: 'the socket to be closed after the token expired' });
      expect(c.closes.map((e) => e.code)).toEqual([4403]);
      // not before the token stopped being valid (the clock skew accepts a token, it does not extend the socket)
      expect(c.closes[0]!.at).toBeGreaterThanOrEqual(expiresAt - 20);
      expect(c.closes[0]!.at).toBeLessThan(expiresAt + 5_000);
      // The subscription ends in error with the socket; the close code itself is asserted above
      // (under load the client may surface the close as its own error object rather than the event).
      expect(await updates.waitEnd(QUICK, 'the subscription of the closed socket')).toBe('error');
    });
  });

  describe('SSE (Yoga built-in, distinct connections)', () => {
    /** One subscription as a raw POST with Accept: text/event-stream, read to its end. */
    async function rawSse(authorization?: string) {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ query: FIR_UPDATED_SUBSCRIPTION, variables: { stationId: a.stationGid } }),
        signal: AbortSignal.timeout(QUICK),
      });
      const text = await res.text();
      const events = [...text.matchAll(/^event: (\w+)\ndata: ?(.*)$/gm)].map((m) => ({ event: m[1], data: m[2] ? JSON.parse(m[2]) : null }));
      return { status: res.status, headers: res.headers, text, events };
    }

    it('no token: firUpdated is refused UNAUTHENTICATED and the stream ends', async () => {
      const res = await rawSse();
      expect(res.status).toBe(401);
      expect(res.events.map((e) => e.event)).toEqual(['next', 'complete']);
      expect(res.events[0]!.data.errors.map((e: any) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
      expect(res.events[0]!.data.data ?? null).toBeNull();
    });

    it.each([
      ['a forged token', () => tokenFor('OFFICER', 1, { secret: 'an-attackers-secret-an-attackers-secret-0123' }), 'The token could not be verified'],
      ['an expired token', () => tokenFor('OFFICER', 1, { expiresIn: Math.floor(Date.now() / 1000) - 3600 }), 'The token has expired'],
      ['a role the officer row does not have', () => tokenFor('DISTRICT_ADMIN', a.id), "The token's role is not the officer's role"],
    ])('%s: 401, UNAUTHENTICATED, the stream ends and never quotes the token', async (_name, make, message) => {
      const token = await make();
      const res = await rawSse(`Bearer ${token}`);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(res.events.map((e) => e.event)).toEqual(['next', 'complete']);
      expect(res.events[0]!.data.errors.map((e: any) => [e.extensions.code, e.message])).toEqual([['UNAUTHENTICATED', message]]);
      expect(res.text).not.toContain(token);
      expect(res.text).not.toContain(token.split('.')[2]);
    });

    it("an officer's token: its own station streams, another station is FORBIDDEN", async () => {
      const officer = await tokenFor('OFFICER', a.id);
      const own = firUpdated(sseClient(`Bearer ${officer}`), a);
      await editUntil(officer, () => own.results.length > 0, 'a firUpdated event over SSE');
      expect(errorsOf(own)).toEqual([]);
      expect(own.results[0].data.firUpdated).toMatchObject({ id: fir.gid, station: { id: a.stationGid } });
      const other = firUpdated(sseClient(`Bearer ${await tokenFor('OFFICER', b.id)}`), a);
      expect(await other.waitEnd(QUICK, 'the refused SSE subscription')).toBe('error');
      // graphql-sse turns the 403 answer into a NetworkError; the raw answer has the error
      expect((other.error as { response?: Response }).response?.status).toBe(403);
      const raw = await rawSse(`Bearer ${await tokenFor('OFFICER', b.id)}`);
      expect(raw.status).toBe(403);
      expect(raw.events.map((e) => e.event)).toEqual(['next', 'complete']);
      expect(raw.events[0]!.data.errors.map((e: any) => e.extensions.code)).toEqual(['FORBIDDEN']);
    });

    it('a stream whose token expires ends with UNAUTHENTICATED at the next event', async () => {
      const token = await tokenFor('OFFICER', a.id, { expiresIn: '4s' });
      const expiresAt = expOf(token) * 1000;
      const stream = firUpdated(sseClient(`Bearer ${token}`), a);
      const admin = await adminToken();
      // events flow while the token is valid ...
      await editUntil(admin, () => stream.results.some((r) => r.data?.firUpdated) || stream.state !== 'open', 'an event before the token expires');
      // ... and the first one after its expiry ends the stream instead of being delivered
      await waitFor(
        async () => {
          if (stream.state !== 'open') return true;
          await editFir(admin);
          return false;
        },
        { timeoutMs: QUICK, intervalMs: 200, message: 'the stream to end after the token expired' },
      );
      expect(Date.now()).toBeGreaterThanOrEqual(expiresAt);
      const errors = errorsOf(stream);
      expect(errors.map((e) => [e.extensions?.code, e.message])).toEqual([['UNAUTHENTICATED', 'The token has expired']]);
      expect(stream.results.at(-1).errors).toBeDefined();
      expect(stream.results.filter((r) => r.data?.firUpdated).length).toBeGreaterThan(0);
    });
  });
});
