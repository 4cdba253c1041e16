/**
 * Cache coherence, as a property: for random sequences of queries and mutations sent by several
 * viewers to two gateways that share one cache store, every answer equals the answer of the same
 * query on a gateway without cache at that moment (no stale read, ever); partial results are never
 * served from the cache; a private document is only ever served from the cache to a viewer scope
 * that fetched it before (viewers never receive another scope's entries). Since issue 13 entries
 * are per viewer scope (src/auth/viewer.ts scopeKey), not per credential: the viewers are ADMIN, an
 * OFFICER of each station and the SHO of the first station, who shares its officer's scope by
 * design. On the in-process store and on Redis (TEST_REDIS_URL; see storeKinds).
 */
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseStore } from '../../src/cache/response-store.ts';
import type { DB } from '../../src/db/types.ts';
import { encodeGlobalId } from '../../src/global-id.ts';
import { adminHeaders, tokenFor } from '../helpers/auth.ts';
import { answerStatements, cachedApp, sharedStores, storeKinds } from '../helpers/cache.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { addOfficer, stationWithFirs, type StationFixture } from '../helpers/fixtures.ts';

const fid = (id: number) => encodeGlobalId('Fir', id);
const stid = (id: number) => encodeGlobalId('PoliceStation', id);

const Q = {
  list: `query L($stations: [ID!], $statuses: [FirStatus!]) { firs(first: 20, filter: { stationIds: $stations, statuses: $statuses }) { totalCount edges { node { id status summary version firNumber } } } }`,
  fir: `query F($id: ID!) { node(id: $id) { ... on Fir { id status summary version firNumber station { id } } } }`,
  firPrivate: `query P($id: ID!) { node(id: $id) { ... on Fir { id version complainant { name } } } }`,
  stats: `query S($stations: [ID!]) { firStats(groupBy: STATUS, filter: { stationIds: $stations }) { key count } }`,
  sectionStats: `query SS($stations: [ID!]) { firStats(groupBy: SECTION, filter: { stationIds: $stations }) { key count } }`,
  search: `query Q($stations: [ID!], $q: String!) { firs(first: 20, filter: { stationIds: $stations, search: $q }) { edges { node { id summary } } } }`,
  recent: `query R($stations: [ID!]) { firs(first: 3, filter: { stationIds: $stations }, orderBy: { field: UPDATED_AT, direction: DESC }) { edges { node { id version } } } }`,
  byIncident: `query I($stations: [ID!]) { firs(first: 3, filter: { stationIds: $stations }, orderBy: { field: INCIDENT_FROM, direction: ASC }) { edges { node { id } } } }`,
  byNumber: `query N($n: String!) { firByNumber(number: $n) { id status } }`,
  partial: `query X($id: ID!) { ok: node(id: $id) { id } bad: node(id: "nope") { id } }`,
};
const M = {
  update: `mutation U($input: UpdateFirInput!) { updateFir(input: $input) { id version summary } }`,
  register: `mutation R($id: ID!) { registerFir(id: $id) { id status firNumber } }`,
  reject: `mutation J($id: ID!) { rejectFir(id: $id, reason: "No cognizable offence") { id status } }`,
  bulk: `mutation B($input: BulkUpdateFirStatusInput!) { bulkUpdateFirStatus(input: $input) { firs { id status } } }`,
};

type Mutation =
  | { kind: 'update'; gw: number; fir: number; text: string; what: 'summary' | 'name' | 'sections' | 'incident' }
  | { kind: 'register' | 'reject'; gw: number; fir: number }
  | { kind: 'bulk'; gw: number; firs: number[] };

/** FIRs the steps touch: three of each station (of six each), so lists gain and lose members. */
const FIRS = [0, 1, 2, 6, 7, 8];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 2, arbitrary: fc.record({
      kind: fc.constant('update' as const),
      gw: fc.nat(1),
      fir: fc.constantFrom(...FIRS),
      text: fc.constantFrom('a', 'b', 'c'),
      what: fc.constantFrom('summary' as const, 'name' as const, 'sections' as const, 'incident' as const),
    }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('register' as const, 'reject' as const), gw: fc.nat(1), fir: fc.constantFrom(...FIRS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bulk' as const), gw: fc.nat(1), firs: fc.uniqueArray(fc.constantFrom(...FIRS), { minLength: 1, maxLength: 4 }) }) },
);

/** One step: a mutation, then every query of the read set, in an order and through gateways and viewers chosen by `seed`. */
const step = fc.record({ mutation, seed: fc.integer() });

/** Error request ids differ per request by design. */
function withoutRequestIds(body: any) {
  if (!body?.errors) return body;
  return { ...body, errors: body.errors.map((e: any) => ({ ...e, extensions: { ...e.extensions, requestId: undefined } })) };
}

describe.each(storeKinds)('response cache coherence on PGlite (store: %s)', (kind) => {
  let t: TestDb;
  let db: Kysely<DB>;
  let pair: [ResponseStore, ResponseStore];
  beforeAll(async () => {
    t = await createTestDb('pglite');
    db = t.db;
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('every answer equals the uncached answer; private entries stay with their viewer scope', async () => {
    let runs = 0;
    let hits = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        runs++;
        pair = sharedStores(kind);
        const gateways = [cachedApp(t, pair[0]), cachedApp(t, pair[1])];
        const truth = cachedApp(t, null);
        try {
          // Two stations of their own per run, FIRs in every reviewable status.
          const st: StationFixture[] = [
            await stationWithFirs(db, ['UNDER_REVIEW', 'UNDER_REVIEW', 'GENERATED', 'REGISTERED', 'UNDER_REVIEW', 'GENERATED']),
            await stationWithFirs(db, ['UNDER_REVIEW', 'GENERATED', 'UNDER_REVIEW', 'REJECTED', 'GENERATED', 'UNDER_REVIEW']),
          ];
          const firs = st.flatMap((s) => s.firIds);
          // The viewers and their cache scopes: ADMIN, an OFFICER of each station, the SHO of station 0.
          const viewers: Array<{ headers: Record<string, string>; scope: string }> = [
            { headers: await adminHeaders(), scope: 'admin' },
            { headers: { authorization: `Bearer ${await tokenFor('OFFICER', await addOfficer(db, st[0]!.stationId, 'OFFICER'))}` }, scope: 'station 0' },
            { headers: { authorization: `Bearer ${await tokenFor('OFFICER', await addOfficer(db, st[1]!.stationId, 'OFFICER'))}` }, scope: 'station 1' },
            {
              headers: { authorization: `Bearer ${await tokenFor('STATION_HOUSE_OFFICER', await addOfficer(db, st[0]!.stationId, 'STATION_HOUSE_OFFICER'))}` },
              scope: 'station 0',
            },
          ];
          const sectionIds = (await db.selectFrom('legal_section').select('id').orderBy('id').limit(3).execute()).map((r) => r.id);
          const year = new Date().getFullYear();
          const stationFilters = [[stid(st[0]!.stationId)], [stid(st[1]!.stationId)], null];
          const reads: Array<{ q: keyof typeof Q; vars: Record<string, unknown> }> = [];
          for (const stations of stationFilters) {
            reads.push({ q: 'stats', vars: { stations } }, { q: 'sectionStats', vars: { stations } });
            reads.push({ q: 'search', vars: { stations, q: 'theft' } }, { q: 'recent', vars: { stations } }, { q: 'byIncident', vars: { stations } });
            for (const statuses of [['REGISTERED'], ['UNDER_REVIEW'], null]) reads.push({ q: 'list', vars: { stations, statuses } });
          }
          for (const i of FIRS) {
            reads.push({ q: 'fir', vars: { id: fid(firs[i]!) } }, { q: 'firPrivate', vars: { id: fid(firs[i]!) } });
          }
          for (const s of st) for (const n of [1, 2]) reads.push({ q: 'byNumber', vars: { n: `${s.code}-${year}-0000${n}` } });
          reads.push({ q: 'partial', vars: { id: fid(firs[0]!) } });
          /** per private document+variables: the viewer scopes that have fetched it */
          const fetchedBy = new Map<string, Set<string>>();
          for (const { mutation: m, seed } of steps) {
            const gw = gateways[m.gw]!;
            if (m.kind === 'update') {
              const id = firs[m.fir]!;
              const row = await db.selectFrom('fir').select(['version']).where('id', '=', id).executeTakeFirstOrThrow();
              const input: Record<string, unknown> = { id: fid(id), expectedVersion: row.version };
              if (m.what === 'name') input.complainant = { name: `Name ${m.text}` };
              else if (m.what === 'summary') input.summary = `summary ${m.text} theft`;
              else if (m.what === 'sections') input.sectionIds = [encodeGlobalId('LegalSection', sectionIds[m.text.charCodeAt(0) % 3]!)];
              else input.incident = { occurredFrom: `2025-0${1 + (m.text.charCodeAt(0) % 3)}-01T00:00:00.000Z` };
              await gw.post(M.update, { input });
            } else if (m.kind === 'bulk') {
              await gw.post(M.bulk, { input: { ids: m.firs.map((i) => fid(firs[i]!)), status: 'UNDER_REVIEW' } });
            } else {
              await gw.post(M[m.kind], { id: fid(firs[m.fir]!) });
            }
            let r = seed >>> 0;
            const rand = (n: number) => {
              r = (Math.imul(r ^ (r >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
              return r % n;
            };
            const order = reads.map((read) => ({ read, k: rand(1 << 20) })).sort((a, b) => a.k - b.k);
            for (const { read } of order) {
              const viewer = viewers[rand(viewers.length)]!;
              const headers = viewer.headers;
              t.queries.length = 0;
              const got = await gateways[rand(2)]!.post(Q[read.q], read.vars, headers);
              // (an officer token's row may be read for authentication; that is not answering)
              const servedFromCache = answerStatements(t.queries).length === 0;
              hits += servedFromCache ? 1 : 0;
              const want = await truth.post(Q[read.q], read.vars, headers);
              expect(withoutRequestIds(got.json), `${read.q} ${JSON.stringify(read.vars)} after ${JSON.stringify(m)}`).toEqual(withoutRequestIds(want.json));
              if (read.q === 'partial') expect(servedFromCache).toBe(false);
              if (read.q === 'firPrivate') {
                const key = JSON.stringify(read.vars);
                const seen = fetchedBy.get(key) ?? new Set();
                if (servedFromCache) expect(seen.has(viewer.scope), `a viewer of ${viewer.scope} got another scope's entry`).toBe(true);
                seen.add(viewer.scope);
                fetchedBy.set(key, seen);
              }
            }
          }
        } finally {
          await pair[0].close();
          if (pair[1] !== pair[0]) await pair[1].close();
        }
      }),
      { numRuns: 20 },
    );
    expect(runs).toBeGreaterThan(0);
    // The property is only worth something if answers did come from the cache.
    expect(hits).toBeGreaterThan(runs * 10);
  });
});
