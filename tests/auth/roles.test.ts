/**
 * Who may do what (docs/api.md "Who may do what"), as a table: every role against every query,
 * mutation and subscription, on targets of its own station (district, own submission) and of
 * another, each answer classed as data, none (fewer rows: null, empty, totalCount 0), FORBIDDEN
 * (HTTP 403) or UNAUTHENTICATED (HTTP 401). Writes that are refused change nothing; writes that
 * are allowed do change their row. Through a whole runtime (generation service, no worker: jobs
 * stay queued), response cache off (its scoping has its own tests, cache-scope.property.test.ts).
 * The complainant's private fields per viewer are in private-fields.test.ts.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../src/db/seed.ts';
import type { DB } from '../../src/db/types.ts';
import { decodeIdOf } from '../../src/global-id.ts';
import { tokenFor } from '../helpers/auth.ts';
import { queuedJob } from '../helpers/fixtures.ts';
import { testRuntime, type TestRuntime } from '../helpers/runtime.ts';
import { addFir, authOf, CITIZENS, gid, type Outcome, outcomeOf, pickWorld, sseFirst, type Viewer, type World } from './world.ts';

type RoleName = 'anonymous' | 'CITIZEN' | 'OFFICER' | 'STATION_HOUSE_OFFICER' | 'DISTRICT_ADMIN' | 'ADMIN';
type Side = 'own' | 'other';
type Kind = 'fir' | 'complaint' | 'job' | 'officer';

const ROLES: RoleName[] = ['anonymous', 'CITIZEN', 'OFFICER', 'STATION_HOUSE_OFFICER', 'DISTRICT_ADMIN', 'ADMIN'];
const SIDES: Side[] = ['own', 'other'];

/** Station A's viewers (the district admin of A's district, the first citizen): "own" is A's side. */
const viewerOf = (role: RoleName, w: World): Viewer =>
  ({
    anonymous: null,
    CITIZEN: { role: 'CITIZEN', sub: CITIZENS[0] },
    OFFICER: { role: 'OFFICER', sub: w.a.officers[0]! },
    STATION_HOUSE_OFFICER: { role: 'STATION_HOUSE_OFFICER', sub: w.a.sho },
    DISTRICT_ADMIN: { role: 'DISTRICT_ADMIN', sub: w.a.districtAdmin },
    ADMIN: { role: 'ADMIN', sub: 'roles-test-admin' },
  })[role] as Viewer;

// ---- the contract ----

/** Reads: ADMIN all; a citizen its own submissions and no officers; station staff and district admin their side. */
function sees(role: RoleName, side: Side, kind: Kind): Outcome {
  if (role === 'ADMIN') return 'data';
  if (role === 'CITIZEN') return kind === 'officer' || side === 'other' ? 'none' : 'data';
  return side === 'own' ? 'data' : 'none';
}
type Rule = (role: RoleName, side: Side) => Outcome;
const signedIn = (rule: Rule): Rule => (role, side) => (role === 'anonymous' ? 'UNAUTHENTICATED' : rule(role, side));
/** node/nodes: no error for the anonymous, only nothing (it may read LegalSection nodes alone) */
const byNode = (rule: Rule): Rule => (role, side) => (role === 'anonymous' ? 'none' : rule(role, side));
const reads = (kind: Kind) => (role: RoleName, side: Side) => sees(role, side, kind);
const staffOfOwnStation: Rule = signedIn((role, side) => (role === 'ADMIN' || (['OFFICER', 'STATION_HOUSE_OFFICER'].includes(role) && side === 'own') ? 'data' : 'FORBIDDEN'));
const shoOfOwnStation: Rule = signedIn((role, side) => (role === 'ADMIN' || (role === 'STATION_HOUSE_OFFICER' && side === 'own') ? 'data' : 'FORBIDDEN'));

interface Target {
  station: number;
  fir: { id: number; complaintId: number; firNumber: string | null };
  job: number;
  officer: number;
  citizen: string;
}

interface ReadOp {
  query: string;
  vars?: (x: Target) => Record<string, unknown>;
  pick: (data: any) => unknown;
  /** side-less operations are one row per role */
  sided: boolean;
  rule: Rule;
}

const READS: Record<string, ReadOp> = {
  firs: {
    query: `query($s: [ID!]) { firs(first: 50, filter: { stationIds: $s }) { totalCount edges { node { id } } } }`,
    vars: (x) => ({ s: [gid('PoliceStation', x.station)] }),
    pick: (d) => d.firs,
    sided: true,
    rule: signedIn(reads('fir')),
  },
  firByNumber: {
    query: `query($n: String!) { firByNumber(number: $n) { id } }`,
    vars: (x) => ({ n: x.fir.firNumber }),
    pick: (d) => d.firByNumber,
    sided: true,
    rule: signedIn(reads('fir')),
  },
  firStats: {
    query: `query($s: [ID!]) { firStats(groupBy: STATUS, filter: { stationIds: $s }) { key count } }`,
    vars: (x) => ({ s: [gid('PoliceStation', x.station)] }),
    pick: (d) => d.firStats,
    sided: true,
    rule: signedIn((role, side) => (role === 'ADMIN' ? 'data' : role === 'DISTRICT_ADMIN' ? (side === 'own' ? 'data' : 'none') : 'FORBIDDEN')),
  },
  generationJob: {
    query: `query($id: ID!) { generationJob(id: $id) { id status fir { id } } }`,
    vars: (x) => ({ id: gid('GenerationJob', x.job) }),
    pick: (d) => d.generationJob,
    sided: true,
    rule: signedIn(reads('job')),
  },
  'node(Fir)': { query: `query($id: ID!) { node(id: $id) { id ... on Fir { status } } }`, vars: (x) => ({ id: gid('Fir', x.fir.id) }), pick: (d) => d.node, sided: true, rule: byNode(reads('fir')) },
  'node(Complaint)': {
    query: `query($id: ID!) { node(id: $id) { id ... on Complaint { text } } }`,
    vars: (x) => ({ id: gid('Complaint', x.fir.complaintId) }),
    pick: (d) => d.node,
    sided: true,
    rule: byNode(reads('complaint')),
  },
  'node(GenerationJob)': {
    query: `query($id: ID!) { node(id: $id) { id ... on GenerationJob { status } } }`,
    vars: (x) => ({ id: gid('GenerationJob', x.job) }),
    pick: (d) => d.node,
    sided: true,
    rule: byNode(reads('job')),
  },
  'node(Officer)': {
    query: `query($id: ID!) { node(id: $id) { id ... on Officer { name role } } }`,
    vars: (x) => ({ id: gid('Officer', x.officer) }),
    pick: (d) => d.node,
    sided: true,
    rule: byNode(reads('officer')),
  },
  'node(PoliceStation)': {
    query: `query($id: ID!) { node(id: $id) { id ... on PoliceStation { name } } }`,
    vars: (x) => ({ id: gid('PoliceStation', x.station) }),
    pick: (d) => d.node,
    sided: true,
    rule: byNode(() => 'data'),
  },
  'PoliceStation.firs': {
    query: `query($id: ID!) { node(id: $id) { ... on PoliceStation { firs(first: 5) { totalCount edges { node { id } } } } } }`,
    vars: (x) => ({ id: gid('PoliceStation', x.station) }),
    pick: (d) => d.node?.firs,
    sided: true,
    rule: byNode(reads('fir')),
  },
  'PoliceStation.officers': {
    query: `query($id: ID!) { node(id: $id) { ... on PoliceStation { officers { id } } } }`,
    vars: (x) => ({ id: gid('PoliceStation', x.station) }),
    pick: (d) => d.node?.officers,
    sided: true,
    rule: byNode(reads('officer')),
  },
  nodes: {
    query: `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
    vars: (x) => ({ ids: [gid('Fir', x.fir.id), gid('Complaint', x.fir.complaintId), gid('GenerationJob', x.job)] }),
    pick: (d) => d.nodes,
    sided: true,
    rule: byNode(reads('fir')),
  },
  'node(LegalSection)': { query: `query($id: ID!) { node(id: $id) { id ... on LegalSection { number } } }`, vars: () => ({ id: gid('LegalSection', 1) }), pick: (d) => d.node, sided: false, rule: () => 'data' },
  stations: { query: `{ stations(first: 5) { totalCount edges { node { id name } } } }`, pick: (d) => d.stations, sided: false, rule: signedIn(() => 'data') },
  viewer: {
    query: `{ viewer { id role } }`,
    pick: (d) => d.viewer,
    sided: false,
    rule: (role) => (['OFFICER', 'STATION_HOUSE_OFFICER', 'DISTRICT_ADMIN'].includes(role) ? 'data' : 'none'),
  },
  legalSections: { query: `{ legalSections(first: 3) { edges { node { id number } } } }`, pick: (d) => d.legalSections.edges, sided: false, rule: () => 'data' },
  legalSectionsForIpc: { query: `{ legalSectionsForIpc(ipcSection: "379") { id number } }`, pick: (d) => d.legalSectionsForIpc, sided: false, rule: () => 'data' },
};

/** What a write is done on (made fresh for each row), and the part of the database it changes. */
interface WriteOp {
  query: string;
  prepare: (db: Kysely<DB>, x: Target) => Promise<{ vars: Record<string, unknown>; state: () => Promise<unknown> }>;
  pick: (data: any) => unknown;
  rule: Rule;
}

const firState = (db: Kysely<DB>, id: number) => () => db.selectFrom('fir').select(['status', 'version', 'summary']).where('id', '=', id).executeTakeFirst();
const freshFir = async (db: Kysely<DB>, x: Target, status: string) => (await addFir(db, { stationId: x.station, status, citizen: x.citizen })).id;

const WRITES: Record<string, WriteOp> = {
  submitComplaint: {
    query: `mutation($input: SubmitComplaintInput!) { submitComplaint(input: $input) { fir { id } job { id } complaint { id } } }`,
    prepare: async (db, x) => ({
      vars: { input: { stationId: gid('PoliceStation', x.station), text: 'Someone took my bicycle from the bus stand yesterday evening.' } },
      state: async () => (await db.selectFrom('complaint').select((eb) => eb.fn.countAll().as('n')).where('station_id', '=', x.station).executeTakeFirstOrThrow()).n,
    }),
    pick: (d) => d.submitComplaint,
    rule: signedIn((role, side) => (role === 'ADMIN' || role === 'CITIZEN' || (['OFFICER', 'STATION_HOUSE_OFFICER'].includes(role) && side === 'own') ? 'data' : 'FORBIDDEN')),
  },
  updateFir: {
    query: `mutation($input: UpdateFirInput!) { updateFir(input: $input) { id version } }`,
    prepare: async (db, x) => {
      const id = await freshFir(db, x, 'UNDER_REVIEW');
      return { vars: { input: { id: gid('Fir', id), expectedVersion: 1, summary: 'edited in the roles test' } }, state: firState(db, id) };
    },
    pick: (d) => d.updateFir,
    rule: staffOfOwnStation,
  },
  retryGeneration: {
    query: `mutation($id: ID!) { retryGeneration(firId: $id) { id status } }`,
    prepare: async (db, x) => {
      const id = await freshFir(db, x, 'FAILED');
      return { vars: { id: gid('Fir', id) }, state: firState(db, id) };
    },
    pick: (d) => d.retryGeneration,
    rule: staffOfOwnStation,
  },
  cancelGeneration: {
    query: `mutation($id: ID!) { cancelGeneration(jobId: $id) { id status } }`,
    prepare: async (db, x) => {
      const job = await queuedJob(db, await freshFir(db, x, 'GENERATING'));
      return { vars: { id: gid('GenerationJob', job) }, state: () => db.selectFrom('generation_job').select(['status', 'cancel_requested']).where('id', '=', job).executeTakeFirst() };
    },
    pick: (d) => d.cancelGeneration,
    rule: staffOfOwnStation,
  },
  registerFir: {
    query: `mutation($id: ID!) { registerFir(id: $id) { id status firNumber } }`,
    prepare: async (db, x) => {
      const id = await freshFir(db, x, 'UNDER_REVIEW');
      return { vars: { id: gid('Fir', id) }, state: firState(db, id) };
    },
    pick: (d) => d.registerFir,
    rule: shoOfOwnStation,
  },
  rejectFir: {
    query: `mutation($id: ID!) { rejectFir(id: $id, reason: "No cognizable offence is disclosed") { id status } }`,
    prepare: async (db, x) => {
      const id = await freshFir(db, x, 'UNDER_REVIEW');
      return { vars: { id: gid('Fir', id) }, state: firState(db, id) };
    },
    pick: (d) => d.rejectFir,
    rule: shoOfOwnStation,
  },
  bulkUpdateFirStatus: {
    query: `mutation($input: BulkUpdateFirStatusInput!) { bulkUpdateFirStatus(input: $input) { firs { id status } } }`,
    prepare: async (db, x) => {
      const id = await freshFir(db, x, 'GENERATED');
      return { vars: { input: { ids: [gid('Fir', id)], status: 'UNDER_REVIEW' } }, state: firState(db, id) };
    },
    pick: (d) => d.bulkUpdateFirStatus.firs,
    rule: shoOfOwnStation,
  },
};

const readRows = Object.entries(READS).flatMap(([op, r]) =>
  ROLES.flatMap((role) => (r.sided ? SIDES : (['-'] as const)).map((side) => ({ op, role, side, expected: r.rule(role, side === '-' ? 'own' : side) }))),
);
const writeRows = Object.entries(WRITES).flatMap(([op, r]) => ROLES.flatMap((role) => SIDES.map((side) => ({ op, role, side, expected: r.rule(role, side) }))));
/** generationProgress: a job the viewer may read (a district admin's: of its district); another is refused, not empty */
const progressRule = signedIn((role, side) => (sees(role, side, 'job') === 'data' ? 'data' : 'FORBIDDEN'));
const subscriptionRows = ROLES.flatMap((role) =>
  SIDES.flatMap((side) => [
    { op: 'firUpdated', role, side, expected: staffOfOwnStation(role, side) },
    { op: 'generationProgress', role, side, expected: progressRule(role, side) },
  ]),
);

describe('who may do what: every role against every operation', () => {
  let t: TestRuntime;
  let db: Kysely<DB>;
  let w: World;
  const targets = {} as Record<Side, Target>;

  beforeAll(async () => {
    t = await testRuntime('pglite', { worker: false, env: { RESPONSE_CACHE: 'false' } });
    db = t.db.db;
    await seedDemoIfEmpty(db);
    w = await pickWorld(db);
    const sides: Array<[Side, number, string, number]> = [
      ['own', w.a.stationId, CITIZENS[0], w.a.officers[1]!],
      ['other', w.b.stationId, CITIZENS[1], w.b.officers[0]!],
    ];
    for (const [side, station, citizen, officer] of sides) {
      const fir = await addFir(db, { stationId: station, status: 'REGISTERED', citizen, registered: true });
      // The citizen's job is made through the API, so its QUEUED event is stored (generationProgress replays it).
      const res = await t.gql(`mutation($input: SubmitComplaintInput!) { submitComplaint(input: $input) { job { id } } }`, { input: { stationId: gid('PoliceStation', station), text: 'My purse was snatched near the temple gate this morning.' } }, await authOf({ role: 'CITIZEN', sub: citizen }));
      expect(res.body.errors).toBeUndefined();
      targets[side] = { station, fir, job: decodeIdOf('GenerationJob', res.body.data.submitComplaint.job.id), officer, citizen };
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(readRows)('$role: $op ($side) -> $expected', async ({ op, role, side, expected }) => {
    const r = READS[op]!;
    const res = await t.gql(r.query, r.vars?.(targets[side === 'other' ? 'other' : 'own']), await authOf(viewerOf(role, w)));
    expect(outcomeOf(res, r.pick), JSON.stringify(res.body).slice(0, 500)).toBe(expected);
    if (op === 'viewer' && expected === 'data') expect(res.body.data.viewer).toEqual({ id: gid('Officer', viewerOf(role, w)!.sub), role });
  });

  it.each(writeRows)('$role: $op ($side) -> $expected', async ({ op, role, side, expected }) => {
    const r = WRITES[op]!;
    const { vars, state } = await r.prepare(db, targets[side]);
    const before = await state();
    const res = await t.gql(r.query, vars, await authOf(viewerOf(role, w)));
    expect(outcomeOf(res, r.pick), JSON.stringify(res.body).slice(0, 500)).toBe(expected);
    // A refused write changes nothing; an allowed one changes its row.
    if (expected === 'data') expect(await state()).not.toEqual(before);
    else expect(await state()).toEqual(before);
  });

  it.each(subscriptionRows)('$role: subscribe to $op ($side) -> $expected', async ({ op, role, side, expected }) => {
    const x = targets[side];
    const headers = await authOf(viewerOf(role, w));
    let res;
    if (op === 'firUpdated') {
      const fir = await addFir(db, { stationId: x.station, status: 'UNDER_REVIEW' });
      const admin = await authOf({ role: 'ADMIN', sub: 'roles-test-writer' });
      let version = 1;
      res = await sseFirst(t.rt.app!.fetch, `subscription($s: ID!) { firUpdated(stationId: $s) { id status } }`, { s: gid('PoliceStation', x.station) }, headers, async () => {
        const upd = await t.gql(`mutation($input: UpdateFirInput!) { updateFir(input: $input) { version } }`, { input: { id: gid('Fir', fir.id), expectedVersion: version, summary: `edit ${version}` } }, admin);
        version = upd.body.data.updateFir.version;
      });
    } else {
      res = await sseFirst(t.rt.app!.fetch, `subscription($id: ID!) { generationProgress(jobId: $id) { seq status jobId } }`, { id: gid('GenerationJob', x.job) }, headers);
    }
    expect(outcomeOf(res, (d) => d[op]), JSON.stringify(res.body).slice(0, 500)).toBe(expected);
    if (expected === 'data' && op === 'generationProgress') expect(res.body.data!.generationProgress).toMatchObject({ seq: 1, status: 'QUEUED', jobId: gid('GenerationJob', x.job) });
  });

  it('STATION_HOUSE_OFFICER: bulkUpdateFirStatus over its own and another station FIR is refused whole', async () => {
    const own = await freshFir(db, targets.own, 'GENERATED');
    const other = await freshFir(db, targets.other, 'GENERATED');
    const res = await t.gql(WRITES.bulkUpdateFirStatus!.query, { input: { ids: [gid('Fir', own), gid('Fir', other)], status: 'UNDER_REVIEW' } }, await authOf(viewerOf('STATION_HOUSE_OFFICER', w)));
    expect(outcomeOf(res, (d) => d.bulkUpdateFirStatus)).toBe('FORBIDDEN');
    const rows = await db.selectFrom('fir').select('status').where('id', 'in', [own, other]).execute();
    expect(rows.map((r) => r.status)).toEqual(['GENERATED', 'GENERATED']);
  });

  // An ADMIN's sub is "any stable id" (docs/api.md): one shaped like an Officer id that no officer has is one too.
  it.each([
    ['any id', 'roles-test-admin-2'],
    ['an Officer-shaped id no officer has', gid('Officer', 987_654)],
  ])('ADMIN whose sub is %s: submitComplaint and updateFir -> data', async (_label, sub) => {
    const headers = await authOf({ role: 'ADMIN', sub });
    const { vars } = await WRITES.submitComplaint!.prepare(db, targets.own);
    const submitted = await t.gql(WRITES.submitComplaint!.query, vars, headers);
    expect(outcomeOf(submitted, (d) => d.submitComplaint), JSON.stringify(submitted.body).slice(0, 300)).toBe('data');
    const update = await WRITES.updateFir!.prepare(db, targets.own);
    const updated = await t.gql(WRITES.updateFir!.query, update.vars, headers);
    expect(outcomeOf(updated, (d) => d.updateFir), JSON.stringify(updated.body).slice(0, 300)).toBe('data');
  });

  /** Tokens that must not get in, whatever they ask for (public reference data too). */
  const badTokens: Array<[string, () => Promise<string>]> = [
    ['a forged signature', async () => `Bearer ${await tokenFor('ADMIN', 'mallory', { secret: 'not-the-secret-of-this-service-0123456789' })}`],
    ['an expired token', async () => `Bearer ${await tokenFor('ADMIN', 'late', { expiresIn: Math.floor(Date.now() / 1000) - 3600 })}`],
    ['an OFFICER claim for the SHO (role mismatch)', async () => `Bearer ${await tokenFor('OFFICER', w.a.sho)}`],
    ['a STATION_HOUSE_OFFICER claim for a plain officer (raised role)', async () => `Bearer ${await tokenFor('STATION_HOUSE_OFFICER', w.a.officers[0]!)}`],
    ['an officer id that does not exist', async () => `Bearer ${await tokenFor('OFFICER', 987654)}`],
    ['an unknown role', async () => `Bearer ${await tokenFor('SUPERUSER' as never, 'x')}`],
    ['not a bearer token', async () => 'Basic dXNlcjpwYXNz'],
    ['garbage', async () => 'Bearer not.a.jwt'],
  ];
  it.each(badTokens.flatMap(([label, token]) => ['firs', 'legalSections', 'generationProgress'].map((op) => ({ label, token, op }))))(
    '$label: $op -> UNAUTHENTICATED',
    async ({ token, op }) => {
      const headers = { authorization: await token() };
      const res =
        op === 'generationProgress'
          ? await sseFirst(t.rt.app!.fetch, `subscription($id: ID!) { generationProgress(jobId: $id) { seq } }`, { id: gid('GenerationJob', targets.own.job) }, headers)
          : await t.gql(READS[op]!.query, READS[op]!.vars?.(targets.own), headers);
      expect(outcomeOf(res, () => null), JSON.stringify(res.body).slice(0, 300)).toBe('UNAUTHENTICATED');
    },
  );
});
