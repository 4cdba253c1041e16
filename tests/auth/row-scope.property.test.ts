/**
 * Row rules as properties (docs/api.md "Who may do what": lists and counts stay consistent). For
 * random viewers (OFFICER/STATION_HOUSE_OFFICER of random stations, DISTRICT_ADMIN of random
 * districts, citizens with and without submissions, ADMIN), random filters (statuses, stations),
 * orders and page sizes:
 *  - walking `firs(first: n, after)` to the end yields exactly the FIRs the viewer may see, worked
 *    out here from the tables (station_id, the district of the station, submitted_by), with no
 *    duplicates and no holes, and `totalCount` is that number on every page;
 *  - `firStats(groupBy: STATUS | STATION)` counts the same FIRs (DISTRICT_ADMIN, ADMIN; FORBIDDEN
 *    for the rest);
 *  - `PoliceStation.firs` (alone, and batched over a page of stations) holds the viewer's FIRs of
 *    that station only: empty with totalCount 0 for a station outside its scope.
 */
import fc from 'fast-check';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenKey, type Role } from '../../src/auth/viewer.ts';
import { seedDemoIfEmpty } from '../../src/db/seed.ts';
import type { DB } from '../../src/db/types.ts';
import { FIR_STATUSES } from '../../src/fir/fir.status.ts';
import { decodeIdOf } from '../../src/global-id.ts';
import { testRuntime, type TestRuntime } from '../helpers/runtime.ts';
import { addFir, authOf, CITIZENS, gid, pickWorld } from './world.ts';

const NOBODY = 'citizen:submitted-nothing@example.in';

const FIRS = `query($first: Int, $after: String, $last: Int, $before: String, $filter: FirFilter, $orderBy: FirOrder) {
  firs(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { id } }
  }
}`;
const STATS = `query($filter: FirFilter, $by: FirStatsGroupBy!) { firStats(groupBy: $by, filter: $filter) { key count } }`;
const STATION_FIRS = `query($id: ID!, $first: Int!, $filter: FirFilter) {
  node(id: $id) { ... on PoliceStation { firs(first: $first, filter: $filter) { totalCount edges { node { id } } } } }
}`;
const STATIONS_FIRS = `query($filter: FirFilter) { stations(first: 50) { edges { node { id firs(first: 3, filter: $filter) { totalCount edges { node { id } } } } } } }`;

interface Row {
  id: number;
  station_id: number;
  status: string;
  submitted_by: string | null;
}
type ViewerSpec = { role: Role; sub: string | number };

describe('row rules: pages, counts and nested lists hold exactly what the viewer may see', () => {
  let t: TestRuntime;
  let db: Kysely<DB>;
  let firs: Row[];
  let districtOf: Map<number, string>;
  let officers: Array<{ id: number; station_id: number | null; role: string }>;

  beforeAll(async () => {
    t = await testRuntime('pglite', { worker: false, env: { RESPONSE_CACHE: 'false' } });
    db = t.db.db;
    await seedDemoIfEmpty(db);
    await pickWorld(db); // a second station in one district
    const stations = (await db.selectFrom('police_station').select('id').orderBy('id').execute()).map((s) => s.id);
    // Two citizens submit through the API (their complaints and FIRs are stored under their key)...
    const submissions: Array<[string, number]> = [
      [CITIZENS[0], stations[0]!],
      [CITIZENS[0], stations[1]!],
      [CITIZENS[0], stations[4]!],
      [CITIZENS[1], stations[0]!],
      [CITIZENS[1], stations[6]!],
    ];
    for (const [citizen, station] of submissions) {
      const res = await t.gql(
        `mutation($input: SubmitComplaintInput!) { submitComplaint(input: $input) { fir { id } } }`,
        { input: { stationId: gid('PoliceStation', station), text: `Complaint of ${citizen}: my phone was stolen on the bus.` } },
        await authOf({ role: 'CITIZEN', sub: citizen }),
      );
      expect(res.body.errors).toBeUndefined();
      decodeIdOf('Fir', res.body.data.submitComplaint.fir.id);
    }
    // ...and, as the pipeline and officers would have moved them on, FIRs of theirs in other statuses.
    for (const [i, status] of ['REGISTERED', 'UNDER_REVIEW', 'GENERATED', 'REJECTED', 'FAILED', 'DRAFT'].entries()) {
      await addFir(db, { stationId: stations[(i * 3) % stations.length]!, status, citizen: CITIZENS[i % 2]!, registered: status === 'REGISTERED' });
    }
    firs = await db.selectFrom('fir').select(['id', 'station_id', 'status', 'submitted_by']).execute();
    districtOf = new Map((await db.selectFrom('police_station').select(['id', 'district']).execute()).map((s) => [s.id, s.district]));
    officers = await db.selectFrom('officer').select(['id', 'station_id', 'role']).orderBy('id').execute();
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The row rule, worked out from the tables (not through src/db/scope.ts). */
  function mayRead(v: ViewerSpec): (r: Row) => boolean {
    const officer = typeof v.sub === 'number' ? officers.find((o) => o.id === v.sub)! : null;
    switch (v.role) {
      case 'ADMIN':
        return () => true;
      case 'CITIZEN':
        return (r) => r.submitted_by === citizenKey(String(v.sub));
      case 'DISTRICT_ADMIN':
        return (r) => districtOf.get(r.station_id) === districtOf.get(officer!.station_id!);
      default:
        return (r) => r.station_id === officer!.station_id;
    }
  }

  function arbitraries() {
    const byRole = (role: string) => officers.filter((o) => o.role === role).map((o) => o.id);
    const stationIds = [...districtOf.keys()].sort((a, b) => a - b);
    const viewer: fc.Arbitrary<ViewerSpec> = fc.oneof(
      fc.record({ role: fc.constant<Role>('OFFICER'), sub: fc.constantFrom(...byRole('OFFICER')) }),
      fc.record({ role: fc.constant<Role>('STATION_HOUSE_OFFICER'), sub: fc.constantFrom(...byRole('STATION_HOUSE_OFFICER')) }),
      fc.record({ role: fc.constant<Role>('DISTRICT_ADMIN'), sub: fc.constantFrom(...byRole('DISTRICT_ADMIN')) }),
      fc.record({ role: fc.constant<Role>('CITIZEN'), sub: fc.constantFrom<string>(CITIZENS[0], CITIZENS[1], NOBODY) }),
      fc.record({ role: fc.constant<Role>('ADMIN'), sub: fc.constant('row-scope-admin') }),
    );
    const filter = fc.record({
      statuses: fc.option(fc.subarray([...FIR_STATUSES], { minLength: 1 }), { nil: undefined, freq: 2 }),
      stationIds: fc.option(fc.subarray(stationIds, { minLength: 1, maxLength: 3 }), { nil: undefined, freq: 2 }),
      /** add one of the viewer's own stations to a station filter (else most filters miss its rows) */
      own: fc.option(fc.nat(), { nil: undefined }),
      search: fc.option(fc.constantFrom('stolen', 'phone', 'scooter', 'mobile'), { nil: undefined, freq: 4 }),
    });
    const orderBy = fc.option(
      fc.record({ field: fc.constantFrom('CREATED_AT', 'UPDATED_AT', 'INCIDENT_FROM', 'FIR_NUMBER'), direction: fc.constantFrom('ASC', 'DESC') }),
      { nil: undefined },
    );
    return fc
      .record({ viewer, filter, orderBy, first: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 30 })), station: fc.constantFrom(...stationIds), ownStation: fc.boolean() })
      .map(({ viewer, filter: { own, ...filter }, ownStation, station, ...rest }) => {
        const mine = [...new Set(firs.filter(mayRead(viewer)).map((r) => r.station_id))].sort((a, b) => a - b);
        const pick = (k: number) => mine[k % mine.length]!;
        if (filter.stationIds && own !== undefined && mine.length) filter.stationIds = [...new Set([...filter.stationIds, pick(own)])];
        return { ...rest, viewer, filter, station: ownStation && mine.length ? pick(station) : station };
      });
  }

  type Filter = { statuses?: string[]; stationIds?: number[]; search?: string };
  const gqlFilter = (f: Filter) => ({
    ...(f.search ? { search: f.search } : {}),
    ...(f.statuses ? { statuses: f.statuses } : {}),
    ...(f.stationIds ? { stationIds: f.stationIds.map((id) => gid('PoliceStation', id)) } : {}),
  });
  const matches = (f: Filter) => (r: Row) =>
    (!f.statuses || f.statuses.includes(r.status)) && (!f.stationIds || f.stationIds.includes(r.station_id));

  /**
   * Every page of `firs` forwards (first/after) or backwards (last/before), in the order received:
   * checks totalCount on every page and full pages before the last.
   */
  async function walk(headers: Record<string, string>, vars: Record<string, unknown>, n: number, backwards: boolean, total?: number): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; ; page++) {
      expect(page, 'the walk does not end').toBeLessThan(200);
      const res: { body: { data?: any; errors?: unknown } } = await t.gql(FIRS, { ...vars, ...(backwards ? { last: n, before: cursor } : { first: n, after: cursor }) }, headers);
      expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
      const conn: any = res.body.data.firs;
      if (total !== undefined) expect(conn.totalCount, `totalCount on page ${page}`).toBe(total);
      const ids: string[] = conn.edges.map((e: any) => e.node.id);
      const more = backwards ? conn.pageInfo.hasPreviousPage : conn.pageInfo.hasNextPage;
      expect(ids.length).toBeLessThanOrEqual(n);
      if (more) expect(ids.length, `a short page ${page} that is not the last`).toBe(n);
      if (backwards) seen.unshift(...ids);
      else seen.push(...ids);
      if (!more) return seen;
      cursor = backwards ? conn.pageInfo.startCursor : conn.pageInfo.endCursor;
    }
  }

  it('walking firs to the end (forwards and back) yields exactly the visible set, totalCount agrees on every page, firStats counts it', async () => {
    let runs = 0;
    const admin = await authOf({ role: 'ADMIN', sub: 'row-scope-admin' });
    await fc.assert(
      fc.asyncProperty(arbitraries(), async ({ viewer, filter, orderBy, first }) => {
        runs++;
        const headers = await authOf(viewer);
        const vars = { filter: gqlFilter(filter), orderBy };
        // Full-text matches are the database's to decide: ADMIN's answer (all rows) stands for them.
        const searched = filter.search === undefined ? null : new Set(await walk(admin, vars, 100, false));
        const expected = firs.filter((r) => mayRead(viewer)(r) && matches(filter)(r) && (!searched || searched.has(gid('Fir', r.id))));
        const want = new Set(expected.map((r) => gid('Fir', r.id)));
        // At most ~25 pages a walk: big sets (ADMIN, a district) get bigger pages.
        const n = Math.min(100, Math.max(first, Math.ceil(want.size / 25)));
        const forwards = await walk(headers, vars, n, false, want.size);
        expect(new Set(forwards).size, 'duplicates across pages').toBe(forwards.length);
        expect([...forwards].sort()).toEqual([...want].sort());
        // Backwards from the end: the same FIRs in the same order.
        expect(await walk(headers, vars, n, true, want.size)).toEqual(forwards);

        for (const by of ['STATUS', 'STATION'] as const) {
          const stats = await t.gql(STATS, { filter: vars.filter, by }, headers);
          if (viewer.role !== 'DISTRICT_ADMIN' && viewer.role !== 'ADMIN') {
            expect(stats.status).toBe(403);
            expect(stats.body.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
            continue;
          }
          expect(stats.body.errors).toBeUndefined();
          const buckets = Object.fromEntries(stats.body.data.firStats.map((b: any) => [b.key, b.count]));
          const counts: Record<string, number> = {};
          for (const r of expected) {
            const key = by === 'STATUS' ? r.status : gid('PoliceStation', r.station_id);
            counts[key] = (counts[key] ?? 0) + 1;
          }
          expect(buckets, `firStats(groupBy: ${by})`).toEqual(counts);
        }
      }),
      { numRuns: 40 },
    );
    expect(runs).toBe(40);
  });

  it('PoliceStation.firs holds the viewer’s FIRs of that station only (none outside its scope), alone and batched', async () => {
    let outside = 0;
    await fc.assert(
      // (no full-text search here: the first property covers it)
      fc.asyncProperty(arbitraries(), async ({ viewer, filter: { search: _search, ...filter }, first, station }) => {
        const headers = await authOf(viewer);
        const visible = firs.filter((r) => mayRead(viewer)(r) && matches(filter)(r));
        const here = new Set(visible.filter((r) => r.station_id === station).map((r) => gid('Fir', r.id)));
        if (!firs.some((r) => r.station_id === station && mayRead(viewer)(r))) outside++;
        const res = await t.gql(STATION_FIRS, { id: gid('PoliceStation', station), first, filter: gqlFilter(filter) }, headers);
        expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
        const conn = res.body.data.node.firs;
        expect(conn.totalCount).toBe(here.size);
        const ids: string[] = conn.edges.map((e: any) => e.node.id);
        expect(ids.length).toBe(Math.min(first, here.size));
        for (const id of ids) expect(here.has(id), `${id} is not the viewer's FIR of station ${station}`).toBe(true);

        const batched = await t.gql(STATIONS_FIRS, { filter: gqlFilter(filter) }, headers);
        expect(batched.body.errors, JSON.stringify(batched.body.errors)).toBeUndefined();
        for (const { node } of batched.body.data.stations.edges) {
          const sid = decodeIdOf('PoliceStation', node.id);
          const mine = new Set(visible.filter((r) => r.station_id === sid).map((r) => gid('Fir', r.id)));
          expect(node.firs.totalCount, `station ${sid}`).toBe(mine.size);
          expect(node.firs.edges.length).toBe(Math.min(3, mine.size));
          for (const e of node.firs.edges) expect(mine.has(e.node.id)).toBe(true);
        }
      }),
      { numRuns: 30 },
    );
    // The property is about stations outside the scope too: some runs must have picked one.
    expect(outside).toBeGreaterThan(0);
  });
});
