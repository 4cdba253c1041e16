/**
 * "Cached responses are never shared between two viewers who would see different data"
 * (docs/api.md). A gateway WITH the response cache (in-process store), served over a real socket
 * so cache hits take the HTTP fast path (src/graphql/http-fast-path.ts), against a twin without
 * cache over the same database. Random sequences of reads (one document and variables asked by
 * several viewers in a row: the officers of a station, the SHO, other stations' staff, district
 * admins, citizens, ADMINs, the anonymous) and writes through the cached gateway (updateFir by
 * ADMIN or the station's officer, registerFir by the SHO, bulkUpdateFirStatus, submitComplaint by
 * a citizen or an officer, cancelGeneration and retryGeneration of those jobs; the generation
 * service is a runtime's, without worker, wired to the gateway's cache as src/runtime.ts wires it):
 * every answer equals the uncached answer the same viewer gets at that moment. Viewers of one
 * scope share entries (checked by the hit counter); `viewer` (the signed-in officer) is checked on
 * its own.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, createHttpHandler } from '../../src/app.ts';
import { firChangeTags } from '../../src/cache/invalidation.ts';
import type { ResponseStore } from '../../src/cache/response-store.ts';
import { seedDemoIfEmpty } from '../../src/db/seed.ts';
import { createFirChanges } from '../../src/fir/fir.changes.ts';
import { decodeIdOf } from '../../src/global-id.ts';
import { createMetrics, type Metrics } from '../../src/observability/metrics.ts';
import { testAuth } from '../helpers/auth.ts';
import { memoryStore, TTL } from '../helpers/cache.ts';
import type { TestDb } from '../helpers/db.ts';
import { postJson } from '../helpers/graphql.ts';
import { testRuntime, type TestRuntime } from '../helpers/runtime.ts';
import { addFir, authOf, CITIZENS, gid, pickWorld, type Viewer, type World } from './world.ts';

const log = pino({ level: 'silent' });
const COMPLAINANT = 'complainant { name contact passportNumber dateOfBirth }';

const Q = {
  list: `query L($s: [ID!]) { firs(first: 8, filter: { stationIds: $s }) { totalCount edges { node { id status summary version ${COMPLAINANT} } } } }`,
  fir: `query F($id: ID!) { node(id: $id) { id ... on Fir { status summary version firNumber station { id } ${COMPLAINANT} } } }`,
  byNumber: `query N($n: String!) { firByNumber(number: $n) { id status ${COMPLAINANT} } }`,
  stations: `query S { stations(first: 25) { edges { node { id name officers { id name } firs(first: 2) { totalCount edges { node { id summary } } } } } } }`,
  officer: `query O($id: ID!) { node(id: $id) { id ... on Officer { name role station { id } } } }`,
  nodes: `query M($ids: [ID!]!) { nodes(ids: $ids) { id ... on Fir { summary ${COMPLAINANT} } ... on Complaint { text } ... on Officer { name } } }`,
  stats: `query T { firStats(groupBy: STATUS) { key count } }`,
  job: `query J($id: ID!) { generationJob(id: $id) { id status fir { id status } } }`,
  ipc: `query I { legalSectionsForIpc(ipcSection: "379") { id number } }`,
};
const VIEWER = `query V { viewer { id name role } }`;
const M = {
  update: `mutation U($input: UpdateFirInput!) { updateFir(input: $input) { id version } }`,
  register: `mutation R($id: ID!) { registerFir(id: $id) { id status } }`,
  bulk: `mutation B($input: BulkUpdateFirStatusInput!) { bulkUpdateFirStatus(input: $input) { firs { id status } } }`,
  submit: `mutation C($input: SubmitComplaintInput!) { submitComplaint(input: $input) { fir { id } job { id } } }`,
  cancel: `mutation X($id: ID!) { cancelGeneration(jobId: $id) { id status } }`,
  retry: `mutation Y($id: ID!) { retryGeneration(firId: $id) { id status } }`,
};

/** Error request ids differ per request by design. */
function comparable(body: any) {
  if (!body?.errors) return body;
  return { ...body, errors: body.errors.map((e: any) => ({ ...e, extensions: { ...e.extensions, requestId: undefined } })) };
}

async function hits(metrics: Metrics): Promise<number> {
  return (await metrics.responseCache.get()).values.filter((v) => v.labels.outcome === 'hit').reduce((n, v) => n + v.value, 0);
}

/**
 * A cached gateway on a socket of its own (fresh store), its FIR writes and the generation
 * service's invalidating that store (one after-commit path, as src/runtime.ts wires them).
 */
async function cachedGateway(rt: TestRuntime): Promise<{ url: string; metrics: Metrics; store: ResponseStore; close(): Promise<void> }> {
  const store = memoryStore();
  const metrics = createMetrics();
  const generation = rt.rt.generation;
  const changes = createFirChanges({ pubsub: generation.pubsub, invalidate: (c) => store.invalidate(firChangeTags(c)), log });
  const app = createApp({ db: rt.db.db, log, auth: testAuth, metrics, responseCache: { store, ...TTL }, generation: { ...generation, changes }, changes });
  const server: Server = createServer(createHttpHandler(app));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    metrics,
    store,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await store.close();
    },
  };
}

describe('response cache never hands one viewer another viewer’s answer (HTTP fast path)', () => {
  let rt: TestRuntime;
  let t: TestDb;
  let w: World;
  let truth: ReturnType<typeof createApp>;
  let viewers: Array<[string, Viewer]>;

  beforeAll(async () => {
    rt = await testRuntime('pglite', { worker: false, env: { RESPONSE_CACHE: 'false' } });
    t = rt.db;
    await seedDemoIfEmpty(t.db);
    w = await pickWorld(t.db);
    truth = createApp({ db: t.db, log, auth: testAuth });
    viewers = [
      ['anonymous', null],
      ['ADMIN', { role: 'ADMIN', sub: 'cache-admin' }],
      ['ADMIN (an officer sub)', { role: 'ADMIN', sub: gid('Officer', w.adminOfficer) }],
      ['OFFICER A#1', { role: 'OFFICER', sub: w.a.officers[0]! }],
      ['OFFICER A#2', { role: 'OFFICER', sub: w.a.officers[1]! }],
      ['SHO A', { role: 'STATION_HOUSE_OFFICER', sub: w.a.sho }],
      ['OFFICER A2', { role: 'OFFICER', sub: w.a2Officer }],
      ['OFFICER B', { role: 'OFFICER', sub: w.b.officers[0]! }],
      ['SHO B', { role: 'STATION_HOUSE_OFFICER', sub: w.b.sho }],
      ['DISTRICT_ADMIN A', { role: 'DISTRICT_ADMIN', sub: w.a.districtAdmin }],
      ['DISTRICT_ADMIN B', { role: 'DISTRICT_ADMIN', sub: w.b.districtAdmin }],
      ['CITIZEN 1', { role: 'CITIZEN', sub: CITIZENS[0] }],
      ['CITIZEN 2', { role: 'CITIZEN', sub: CITIZENS[1] }],
    ];
  });
  afterAll(async () => {
    await rt?.close();
  });

  const ask = async (url: string, query: string, variables: Record<string, unknown>, viewer: Viewer) =>
    postJson(fetch, url, { query, variables }, { headers: await authOf(viewer), timeoutMs: 30_000 });
  const truthOf = async (query: string, variables: Record<string, unknown>, viewer: Viewer) => postJson(truth.fetch, 'http://localhost/graphql', { query, variables }, { headers: await authOf(viewer) });

  /** FIRs of this run: stations A, A2 and B, some a citizen's, some registered (for firByNumber). */
  async function runFixtures() {
    const add = (stationId: number, status: string, citizen?: string) => addFir(t.db, { stationId, status, citizen, registered: status === 'REGISTERED' });
    const firs = [
      await add(w.a.stationId, 'UNDER_REVIEW', CITIZENS[0]),
      await add(w.a.stationId, 'GENERATED'),
      await add(w.a.stationId, 'REGISTERED', CITIZENS[0]),
      await add(w.a2, 'UNDER_REVIEW'),
      await add(w.b.stationId, 'UNDER_REVIEW', CITIZENS[1]),
      await add(w.b.stationId, 'REGISTERED'),
    ];
    const stationOf = [w.a, w.a, w.a, null, w.b, w.b];
    return { firs, stationOf };
  }

  const step = fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('read' as const), q: fc.constantFrom(...(Object.keys(Q) as Array<keyof typeof Q>)), v: fc.nat(5), who: fc.array(fc.nat(12), { minLength: 2, maxLength: 5 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('update' as const), fir: fc.nat(5), byAdmin: fc.boolean(), what: fc.constantFrom('summary' as const, 'contact' as const), text: fc.constantFrom('x', 'y') }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('register' as const, 'bulk' as const), fir: fc.nat(5) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('submit' as const), by: fc.nat(2) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('cancel' as const, 'retry' as const), job: fc.nat(3), byAdmin: fc.boolean() }) },
  );

  it('every answer equals the uncached answer of the same viewer; cache hits happen', async () => {
    let total = 0;
    let served = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 14 }), async (steps) => {
        const { firs, stationOf } = await runFixtures();
        const gw = await cachedGateway(rt);
        const station = (i: number) => [w.a.stationId, w.a2, w.b.stationId][i % 3]!;
        const varsOf = (q: keyof typeof Q, v: number): Record<string, unknown> => {
          const fir = firs[v]!;
          if (q === 'list') return { s: v % 4 === 3 ? null : [gid('PoliceStation', station(v))] };
          if (q === 'fir') return { id: gid('Fir', fir.id) };
          if (q === 'byNumber') return { n: (firs[v < 3 ? 2 : 5]!.firNumber)! };
          if (q === 'officer') return { id: gid('Officer', [w.a.officers[0]!, w.a.sho, w.a2Officer, w.b.officers[0]!, w.a.districtAdmin, w.b.sho][v]!) };
          if (q === 'nodes') return { ids: [gid('Fir', fir.id), gid('Complaint', fir.complaintId), gid('Officer', w.a.officers[v % 2]!)] };
          if (q === 'job') return { id: gid('GenerationJob', jobs.length ? jobs[v % jobs.length]!.job : 999_999) };
          return {};
        };
        /** complaints submitted in this run: the job, its FIR and the station's staff */
        const jobs: Array<{ job: number; fir: number; staff: typeof w.a }> = [];
        const writer: Viewer = { role: 'ADMIN', sub: 'cache-writer' };
        try {
          for (const s of steps) {
            if (s.kind === 'read') {
              const vars = varsOf(s.q, s.v);
              for (const who of s.who) {
                const [name, viewer] = viewers[who]!;
                const got = await ask(gw.url, Q[s.q], vars, viewer);
                const want = await truthOf(Q[s.q], vars, viewer);
                total++;
                expect(got.status, `${name}: ${s.q} ${JSON.stringify(vars)}`).toBe(want.status);
                expect(comparable(got.body), `${name}: ${s.q} ${JSON.stringify(vars)} (cache-control ${got.headers.get('cache-control')})`).toEqual(comparable(want.body));
              }
              continue;
            }
            if (s.kind === 'submit') {
              const [by, staff]: [Viewer, typeof w.a] = [
                [{ role: 'CITIZEN', sub: CITIZENS[0] }, w.a],
                [{ role: 'CITIZEN', sub: CITIZENS[1] }, w.b],
                [{ role: 'OFFICER', sub: w.a.officers[0]! }, w.a],
              ][s.by] as [Viewer, typeof w.a];
              const res = await ask(gw.url, M.submit, { input: { stationId: gid('PoliceStation', staff.stationId), text: 'My motorcycle was taken from the parking lot at night.' } }, by);
              const p = res.body.data.submitComplaint;
              jobs.push({ job: decodeIdOf('GenerationJob', p.job.id), fir: decodeIdOf('Fir', p.fir.id), staff });
              continue;
            }
            if (s.kind === 'cancel' || s.kind === 'retry') {
              const j = jobs[s.job % Math.max(1, jobs.length)];
              if (!j) continue;
              const by: Viewer = s.byAdmin ? writer : { role: 'OFFICER', sub: j.staff.officers[1]! };
              if (s.kind === 'cancel') await ask(gw.url, M.cancel, { id: gid('GenerationJob', j.job) }, by);
              else {
                const res = await ask(gw.url, M.retry, { id: gid('Fir', j.fir) }, by);
                if (res.body.data?.retryGeneration) j.job = decodeIdOf('GenerationJob', res.body.data.retryGeneration.id);
              }
              continue;
            }
            if (!('fir' in s)) continue;
            const fir = firs[s.fir]!;
            const staff = stationOf[s.fir];
            if (s.kind === 'update') {
              const { version } = await t.db.selectFrom('fir').select('version').where('id', '=', fir.id).executeTakeFirstOrThrow();
              const input: Record<string, unknown> = { id: gid('Fir', fir.id), expectedVersion: version };
              if (s.what === 'summary') input.summary = `summary ${s.text} ${version}`;
              else input.complainant = { contact: `+91 98${version}${s.text === 'x' ? 1 : 2}00 00000` };
              const by: Viewer = s.byAdmin || !staff ? writer : { role: 'OFFICER', sub: staff.officers[0]! };
              await ask(gw.url, M.update, { input }, by);
            } else if (s.kind === 'register') {
              await ask(gw.url, M.register, { id: gid('Fir', fir.id) }, staff ? { role: 'STATION_HOUSE_OFFICER', sub: staff.sho } : writer);
            } else {
              await ask(gw.url, M.bulk, { input: { ids: [gid('Fir', fir.id), gid('Fir', firs[1]!.id)], status: 'UNDER_REVIEW' } }, writer);
            }
          }
          served += await hits(gw.metrics);
        } finally {
          await gw.close();
        }
      }),
      { numRuns: 25 },
    );
    // Only worth something if answers did come from the cache.
    expect(served).toBeGreaterThan(total / 10);
  });

  it('officers and the SHO of one station share entries; a district admin of that station’s district gets its own', async () => {
    const gw = await cachedGateway(rt);
    try {
      const { firs } = await runFixtures();
      const vars = { s: [gid('PoliceStation', w.a.stationId)] };
      const [, a1] = viewers[3]!;
      const [, a2] = viewers[4]!;
      const [, sho] = viewers[5]!;
      const [, da] = viewers[9]!;
      const first = await ask(gw.url, Q.list, vars, a1);
      const before = await hits(gw.metrics);
      const second = await ask(gw.url, Q.list, vars, a2);
      const third = await ask(gw.url, Q.list, vars, sho);
      expect(await hits(gw.metrics)).toBe(before + 2);
      expect(second.text).toBe(first.text);
      expect(third.text).toBe(first.text);
      const mine = first.body.data.firs.edges.find((e: any) => e.node.id === gid('Fir', firs[0]!.id)).node;
      expect(mine.complainant.contact).not.toBeNull();
      // The district admin's scope is another: a miss, and contacts null.
      const district = await ask(gw.url, Q.list, vars, da);
      expect(await hits(gw.metrics)).toBe(before + 2);
      const seen = district.body.data.firs.edges.find((e: any) => e.node.id === gid('Fir', firs[0]!.id)).node;
      expect(seen.complainant).toMatchObject({ contact: null, passportNumber: null, dateOfBirth: null });
      expect(comparable(district.body)).toEqual(comparable((await truthOf(Q.list, vars, da)).body));
    } finally {
      await gw.close();
    }
  });

  it('`viewer` is the signed-in officer for every viewer, whatever another viewer of its scope asked before', async () => {
    const gw = await cachedGateway(rt);
    try {
      // Same scope key (station A; ADMIN): two officers, an officer and its SHO, two ADMINs.
      for (const who of [3, 4, 5, 1, 2]) {
        const [name, viewer] = viewers[who]!;
        const got = await ask(gw.url, VIEWER, {}, viewer);
        const want = await truthOf(VIEWER, {}, viewer);
        expect(comparable(got.body), `${name} (cache-control ${got.headers.get('cache-control')})`).toEqual(comparable(want.body));
      }
    } finally {
      await gw.close();
    }
  });
});
