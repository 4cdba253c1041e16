/**
 * The complainant's contact, passportNumber and dateOfBirth (docs/api.md "Who may do what"): for
 * the FIR's own station, the citizen who submitted it and ADMIN; null for everyone else who may
 * see the FIR (a district admin); and a viewer who may not see the FIR gets no FIR at all. The
 * same on every path a FIR is read by: node, nodes, firByNumber, firs, PoliceStation.firs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../src/db/seed.ts';
import { testApp } from '../helpers/app.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { addFir, authOf, CITIZENS, gid, PRIVATE, pickWorld, type Viewer, type World } from './world.ts';

const COMPLAINANT = `complainant { name contact passportNumber dateOfBirth }`;
const PATHS: Record<string, { query: string; vars: (fir: { id: number; firNumber: string }, station: number) => Record<string, unknown>; pick: (d: any, id: string) => any }> = {
  node: { query: `query($id: ID!) { node(id: $id) { ... on Fir { id ${COMPLAINANT} } } }`, vars: (f) => ({ id: gid('Fir', f.id) }), pick: (d) => d.node },
  nodes: { query: `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Fir { id ${COMPLAINANT} } } }`, vars: (f) => ({ ids: [gid('Fir', f.id)] }), pick: (d) => d.nodes[0] },
  firByNumber: { query: `query($n: String!) { firByNumber(number: $n) { id ${COMPLAINANT} } }`, vars: (f) => ({ n: f.firNumber }), pick: (d) => d.firByNumber },
  firs: {
    query: `query($s: [ID!]) { firs(first: 100, filter: { stationIds: $s }) { edges { node { id ${COMPLAINANT} } } } }`,
    vars: (_f, s) => ({ s: [gid('PoliceStation', s)] }),
    pick: (d, id) => d.firs.edges.find((e: any) => e.node.id === id)?.node ?? null,
  },
  'PoliceStation.firs': {
    query: `query($id: ID!) { node(id: $id) { ... on PoliceStation { firs(first: 100) { edges { node { id ${COMPLAINANT} } } } } } }`,
    vars: (_f, s) => ({ id: gid('PoliceStation', s) }),
    pick: (d, id) => d.node?.firs.edges.find((e: any) => e.node.id === id)?.node ?? null,
  },
};

type Sees = 'private' | 'public' | 'hidden';

const VIEWERS: Array<[string, (w: World) => Viewer, Sees]> = [
  ['ADMIN', () => ({ role: 'ADMIN', sub: 'private-fields-admin' }), 'private'],
  ['an OFFICER of its station', (w) => ({ role: 'OFFICER', sub: w.a.officers[0]! }), 'private'],
  ['the STATION_HOUSE_OFFICER of its station', (w) => ({ role: 'STATION_HOUSE_OFFICER', sub: w.a.sho }), 'private'],
  ['the CITIZEN who submitted it', () => ({ role: 'CITIZEN', sub: CITIZENS[0] }), 'private'],
  ['the DISTRICT_ADMIN of its district', (w) => ({ role: 'DISTRICT_ADMIN', sub: w.a.districtAdmin }), 'public'],
  ['an OFFICER of another station of its district', (w) => ({ role: 'OFFICER', sub: w.a2Officer }), 'hidden'],
  ['an OFFICER of another district', (w) => ({ role: 'OFFICER', sub: w.b.officers[0]! }), 'hidden'],
  ['the STATION_HOUSE_OFFICER of another district', (w) => ({ role: 'STATION_HOUSE_OFFICER', sub: w.b.sho }), 'hidden'],
  ['the DISTRICT_ADMIN of another district', (w) => ({ role: 'DISTRICT_ADMIN', sub: w.b.districtAdmin }), 'hidden'],
  ['another CITIZEN', () => ({ role: 'CITIZEN', sub: CITIZENS[1] }), 'hidden'],
];

describe('complainant private fields per viewer', () => {
  let t: TestDb;
  let api: ReturnType<typeof testApp>;
  let w: World;
  let fir: { id: number; firNumber: string };

  beforeAll(async () => {
    t = await createTestDb('pglite');
    await seedDemoIfEmpty(t.db);
    w = await pickWorld(t.db);
    const row = await addFir(t.db, { stationId: w.a.stationId, status: 'REGISTERED', citizen: CITIZENS[0], registered: true });
    fir = { id: row.id, firNumber: row.firNumber! };
    api = testApp(t);
  });
  afterAll(async () => {
    await t?.drop();
  });

  const rows = VIEWERS.flatMap(([who, viewer, sees]) => Object.keys(PATHS).map((path) => ({ who, viewer, sees, path })));

  it.each(rows)('$who through $path: $sees', async ({ viewer, sees, path }) => {
    const p = PATHS[path]!;
    const res = await api.gql(p.query, p.vars(fir, w.a.stationId), await authOf(viewer(w)));
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
    const got = p.pick(res.body.data, gid('Fir', fir.id));
    if (sees === 'hidden') {
      expect(got ?? null).toBeNull();
      return;
    }
    const hidden = { contact: null, passportNumber: null, dateOfBirth: null };
    expect(got).toEqual({ id: gid('Fir', fir.id), complainant: { name: 'Meera Joshi', ...(sees === 'private' ? PRIVATE : hidden) } });
  });

  it('the anonymous gets no FIR by node and nothing else at all', async () => {
    const anon = await authOf(null);
    for (const [path, p] of Object.entries(PATHS)) {
      const res = await api.gql(p.query, p.vars(fir, w.a.stationId), anon);
      if (path === 'node' || path === 'nodes' || path === 'PoliceStation.firs') {
        expect(res.body.errors).toBeUndefined();
        expect(p.pick(res.body.data, gid('Fir', fir.id)) ?? null).toBeNull();
      } else {
        expect(res.status).toBe(401);
        expect(res.body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
      }
    }
  });

  it("a district admin gets null private fields on every FIR of its district's list", async () => {
    const res = await api.gql(`{ firs(first: 100) { totalCount edges { node { id station { district } ${COMPLAINANT} } } } }`, {}, await authOf({ role: 'DISTRICT_ADMIN', sub: w.a.districtAdmin }));
    expect(res.body.errors).toBeUndefined();
    const nodes = res.body.data.firs.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    for (const n of nodes) {
      expect(n.station.district).toBe(w.a.district);
      expect([n.complainant.contact, n.complainant.passportNumber, n.complainant.dateOfBirth]).toEqual([null, null, null]);
    }
  });
});
