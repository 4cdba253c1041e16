/**
 * Shared by the tests of tests/auth: the viewers of the seeded demo data set (an officer, a second
 * officer and the SHO of station A, the district admin of A's district, staff of a station B of
 * another district, two citizens), FIRs inserted for a test with the fields the contract is about
 * (station, status, submitted_by, complainant private fields), the outcome class of an answer and
 * a Yoga SSE reader for the subscribe step of subscriptions.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { citizenKey, type Role } from '../../src/auth/viewer.ts';
import { insertReturningId } from '../../src/db/dialect.ts';
import type { DB } from '../../src/db/types.ts';
import { encodeGlobalId } from '../../src/global-id.ts';
import type { FetchLike, GqlResponse } from '../helpers/graphql.ts';
import { tokenFor } from '../helpers/auth.ts';
import { waitFor } from '../helpers/wait.ts';

export const gid = encodeGlobalId;
export const CITIZENS = ['citizen:asha@example.in', 'citizen:ravi@example.in'] as const;

export interface Staff {
  stationId: number;
  district: string;
  sho: number;
  officers: number[];
  /** the DISTRICT_ADMIN of the station's district */
  districtAdmin: number;
}

export interface World {
  /** station A: OFFICER/SHO viewers' own; A2: another station of A's district */
  a: Staff;
  a2: number;
  /** an OFFICER of station A2 */
  a2Officer: number;
  /** station B, of another district */
  b: Staff;
  /** officer id of the seeded ADMIN row */
  adminOfficer: number;
}

/**
 * Station A (two officers or more, an SHO, a district admin) and B of another district, from the
 * seeded rows, and A2: a second station of A's district (the demo seed has one per district), with
 * an officer and a few FIRs of its own, inserted here.
 */
export async function pickWorld(db: Kysely<DB>): Promise<World> {
  const stations = await db.selectFrom('police_station').select(['id', 'district', 'state']).orderBy('id').execute();
  const officers = await db.selectFrom('officer').select(['id', 'station_id', 'role']).orderBy('id').execute();
  const district = new Map(stations.map((s) => [s.id, s.district]));
  const staffOf = (stationId: number): Staff | null => {
    const here = officers.filter((o) => o.station_id === stationId);
    const sho = here.find((o) => o.role === 'STATION_HOUSE_OFFICER');
    const da = officers.find((o) => o.role === 'DISTRICT_ADMIN' && o.station_id != null && district.get(o.station_id) === district.get(stationId));
    const plain = here.filter((o) => o.role === 'OFFICER').map((o) => o.id);
    if (!sho || !da || plain.length < 2) return null;
    return { stationId, district: district.get(stationId)!, sho: sho.id, officers: plain, districtAdmin: da.id };
  };
  const staffed = stations.filter((s) => staffOf(s.id));
  const first = staffed[0];
  const b = staffed.find((s) => s.district !== first?.district);
  if (!first || !b) throw new Error('the seed has no two districts with fully staffed stations');
  const a2 = await insertReturningId(db, 'police_station', { code: `A2${randomBytes(3).toString('hex').toUpperCase()}`, name: 'Second station of the district', district: first.district, state: first.state, created_at: new Date() });
  const a2Officer = await insertReturningId(db, 'officer', { station_id: a2, name: 'Kavita Rao', rank: 'Sub-Inspector', badge_number: `A2-${randomBytes(4).toString('hex')}`, role: 'OFFICER', created_at: new Date() });
  for (const status of ['UNDER_REVIEW', 'REGISTERED', 'GENERATED']) await addFir(db, { stationId: a2, status, registered: status === 'REGISTERED' });
  const adminOfficer = officers.find((o) => o.role === 'ADMIN')!.id;
  return { a: staffOf(first.id)!, a2, a2Officer, b: staffOf(b.id)!, adminOfficer };
}

export type Viewer = { role: Role; sub: string | number } | null;

/** Authorization header of a viewer (`''`: the anonymous, see tests/helpers/auth.ts withAuth). */
export async function authOf(viewer: Viewer): Promise<Record<string, string>> {
  if (!viewer) return { authorization: '' };
  return { authorization: `Bearer ${await tokenFor(viewer.role, viewer.sub)}` };
}

export interface FirSeed {
  stationId: number;
  status: string;
  /** the citizen's sub (stored as citizenKey(sub)) */
  citizen?: string | null;
  registered?: boolean;
}

export const PRIVATE = { contact: '+91 90000 11111', passportNumber: 'Z1234567', dateOfBirth: '1988-04-12' };

/** A FIR (and its complaint) inserted as the pipeline would leave it; its id, number and complaint id. */
export async function addFir(db: Kysely<DB>, seed: FirSeed): Promise<{ id: number; complaintId: number; firNumber: string | null }> {
  const now = new Date();
  const submittedBy = seed.citizen ? citizenKey(seed.citizen) : null;
  const complaintId = await insertReturningId(db, 'complaint', {
    station_id: seed.stationId,
    source: 'TEXT',
    language: 'en',
    text: 'My scooter was stolen from outside the market on Sunday evening.',
    received_at: now,
    submitted_by: submittedBy,
  });
  const firNumber = seed.registered ? `AUTH-${randomBytes(5).toString('hex')}` : null;
  const id = await insertReturningId(db, 'fir', {
    station_id: seed.stationId,
    complaint_id: complaintId,
    status: seed.status,
    fir_number: firNumber,
    complainant_name: 'Meera Joshi',
    complainant_contact: PRIVATE.contact,
    complainant_passport_number: PRIVATE.passportNumber,
    complainant_dob: PRIVATE.dateOfBirth,
    complainant_address: '7 Station Road',
    incident_from: new Date('2025-02-01T18:00:00Z'),
    incident_place: 'Market',
    incident_description: 'A scooter was stolen.',
    acts: '["BNS"]',
    summary: 'Scooter theft',
    narrative: 'The complainant parked the scooter and found it gone.',
    suspects: '[]',
    witnesses: '[]',
    submitted_by: submittedBy,
    version: 1,
    registered_at: seed.registered ? now : null,
    created_at: now,
    updated_at: now,
  });
  return { id, complaintId, firNumber };
}

export type Outcome = 'data' | 'none' | 'FORBIDDEN' | 'UNAUTHENTICATED';

/** null, an empty list, a list of nulls, a connection with totalCount 0: "fewer rows" */
export function isEmpty(v: unknown): boolean {
  if (v == null) return true;
  if (Array.isArray(v)) return v.every(isEmpty);
  if (typeof v === 'object' && 'totalCount' in (v as object)) return (v as { totalCount: number }).totalCount === 0;
  return false;
}

/** The outcome class of an answer: its error code with the HTTP status checked, else data or none by `pick`. */
export function outcomeOf(res: { status: number; body: GqlResponse['body'] }, pick: (data: any) => unknown): string {
  const errors = res.body.errors ?? [];
  if (errors.length) {
    const codes = [...new Set(errors.map((e) => e.extensions?.code))].join(',');
    const want = codes === 'FORBIDDEN' ? 403 : codes === 'UNAUTHENTICATED' ? 401 : -1;
    return res.status === want ? codes : `${codes} (HTTP ${res.status}): ${errors[0]!.message}`;
  }
  if (res.status !== 200) return `HTTP ${res.status} without errors`;
  return isEmpty(pick(res.body.data)) ? 'none' : 'data';
}

/**
 * The subscribe step over Yoga's SSE (one POST, `Accept: text/event-stream`): the HTTP status and
 * the first `next` event. `trigger` runs between polls until an event arrives (a write that should
 * reach the subscription, repeated in case the first one came before the subscriber was listening).
 */
export async function sseFirst(
  fetchFn: FetchLike,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
  trigger?: () => Promise<unknown>,
): Promise<{ status: number; body: GqlResponse['body'] }> {
  const ac = new AbortController();
  const auth: Record<string, string> = headers.authorization ? { authorization: headers.authorization } : {};
  const res = await fetchFn('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...auth },
    body: JSON.stringify({ query, variables }),
    signal: ac.signal,
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  let ended = false;
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buf += decoder.decode(value, { stream: true });
    }
  })()
    .catch(() => undefined)
    .finally(() => (ended = true));
  try {
    const body = await waitFor(
      async () => {
        const m = /event: next\ndata: (.*)\n\n/.exec(buf);
        if (m) return JSON.parse(m[1]!) as GqlResponse['body'];
        if (ended) return { errors: [{ message: `stream ended without an event: ${buf}`, extensions: { code: 'NO_EVENT', requestId: '' } }] };
        if (trigger && res.status === 200) await trigger();
        return null;
      },
      { timeoutMs: 20_000, intervalMs: 100, message: `a first SSE event of ${query}` },
    );
    return { status: res.status, body };
  } finally {
    ac.abort();
    await reader.cancel().catch(() => undefined);
    await pump;
  }
}
