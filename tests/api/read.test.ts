/**
 * The read API per dialect, through the real Yoga app over a seeded database. Every expected
 * result is derived from the rows with our own SQL (or, for full-text search, from the rows'
 * words), never from hard-coded counts.
 */
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/types.ts';
import { decodeGlobalId, encodeGlobalId } from '../../src/global-id.ts';
import { testApp } from '../helpers/app.ts';
import { adminHeaders } from '../helpers/auth.ts';
import type { TestDb } from '../helpers/db.ts';
import { dialects, seededDb } from '../helpers/fixtures.ts';

const STATUSES = ['DRAFT', 'GENERATING', 'GENERATED', 'UNDER_REVIEW', 'REGISTERED', 'REJECTED', 'FAILED'] as const;

const num = (globalId: string) => Number(decodeGlobalId(globalId).id);
const typeOf = (globalId: string) => decodeGlobalId(globalId).typename;

/** Words as a full-text index sees them: runs of letters, marks and digits, compared lower-case. */
function words(text: string | null | undefined): string[] {
  if (!text) return [];
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}\p{Cf}]+/u)
    .filter(Boolean);
}

/** Every term is a prefix of some word of the document. */
function docMatches(docWords: string[], terms: string[]): boolean {
  return terms.every((t) => docWords.some((w) => w.startsWith(t.toLowerCase())));
}

interface FirTextRow {
  id: number;
  created_at: Date;
  summary: string | null;
  narrative: string | null;
  text: string | null;
  transcript: string | null;
}

const FIR_PAGE = /* GraphQL */ `
  query Page($filter: FirFilter, $orderBy: FirOrder, $after: String) {
    firs(first: 100, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id } }
    }
  }
`;

describe.each(dialects)('read API (%s)', (name) => {
  let t: TestDb;
  let db: Kysely<DB>;
  let api: ReturnType<typeof testApp>;

  beforeAll(async () => {
    t = await seededDb(name);
    db = t.db;
    api = testApp(t);
  });
  afterAll(async () => {
    await t?.drop();
  });

  /** The `n` values of `column` most often found in `table` (ties by value), from the rows themselves. */
  async function mostCommon(table: 'fir' | 'fir_section', column: 'station_id' | 'section_id', n: number): Promise<number[]> {
    const rows = await db
      .selectFrom(table as 'fir')
      .select([column as 'station_id', (eb) => eb.fn.countAll().as('n')])
      .groupBy(column as 'station_id')
      .orderBy('n', 'desc')
      .orderBy(column as 'station_id')
      .limit(n)
      .execute();
    return rows.map((r) => Number((r as Record<string, unknown>)[column]));
  }

  /** Every FIR id the API lists for a filter/order, paging with `after` until the end. */
  async function listAll(filter?: Record<string, unknown>, orderBy?: Record<string, unknown>) {
    const ids: number[] = [];
    let after: string | null = null;
    let total = -1;
    for (let page = 0; page < 100; page++) {
      const d: any = await api.data(FIR_PAGE, { filter, orderBy, after });
      if (total === -1) total = d.firs.totalCount;
      else expect(d.firs.totalCount).toBe(total);
      for (const e of d.firs.edges) ids.push(num(e.node.id));
      if (!d.firs.pageInfo.hasNextPage) {
        expect(d.firs.pageInfo.endCursor).toBe(d.firs.edges.at(-1)?.cursor ?? null);
        return { ids, total };
      }
      after = d.firs.pageInfo.endCursor;
    }
    throw new Error('did not reach the last page');
  }

  /** Ids of FIRs matching `where`, newest first (the default order), by our own SQL. */
  async function expectedIds(where: (qb: any) => any = (q) => q): Promise<number[]> {
    const rows = await where(db.selectFrom('fir').select('fir.id')).orderBy('fir.created_at', 'desc').orderBy('fir.id', 'desc').execute();
    return rows.map((r: { id: number | string }) => Number(r.id));
  }

  async function expectFilter(filter: Record<string, unknown>, expected: number[], { nonEmpty = true } = {}) {
    if (nonEmpty) expect(expected.length, 'the filter should select something, or the check proves little').toBeGreaterThan(0);
    const got = await listAll(filter);
    expect(got.ids).toEqual(expected);
    expect(got.total).toBe(expected.length);
  }

  async function firTexts(): Promise<FirTextRow[]> {
    const rows = await db
      .selectFrom('fir')
      .innerJoin('complaint', 'complaint.id', 'fir.complaint_id')
      .select(['fir.id', 'fir.created_at', 'fir.summary', 'fir.narrative', 'complaint.text', 'complaint.transcript'])
      .orderBy('fir.created_at', 'desc')
      .orderBy('fir.id', 'desc')
      .execute();
    return rows.map((r) => ({ ...r, id: Number(r.id) })) as FirTextRow[];
  }

  /** FIR ids a full-text search should return: all terms in the FIR's text, or all in its complaint's. */
  function searchOracle(rows: FirTextRow[], search: string): number[] {
    const terms = words(search);
    return rows
      .filter((r) => docMatches([...words(r.summary), ...words(r.narrative)], terms) || docMatches([...words(r.text), ...words(r.transcript)], terms))
      .map((r) => r.id);
  }

  // ---------------------------------------------------------------------------------------------

  describe('firs', () => {
    it('lists every FIR newest first with the right totalCount', async () => {
      const expected = await expectedIds();
      expect(expected.length).toBeGreaterThan(100); // more than one page
      const got = await listAll();
      expect(got.ids).toEqual(expected);
      expect(got.total).toBe(expected.length);
    });

    it('pages backwards with last/before to the same sequence', async () => {
      const expected = await expectedIds();
      const ids: number[] = [];
      let before: string | null = null;
      for (let i = 0; i < 100; i++) {
        const d: any = await api.data(
          'query($before: String) { firs(last: 37, before: $before) { pageInfo { hasPreviousPage startCursor } edges { node { id } } } }',
          { before },
        );
        ids.unshift(...d.firs.edges.map((e: any) => num(e.node.id)));
        if (!d.firs.pageInfo.hasPreviousPage) break;
        before = d.firs.pageInfo.startCursor;
      }
      expect(ids).toEqual(expected);
    });

    it.each([
      ['CREATED_AT', 'ASC'],
      ['UPDATED_AT', 'DESC'],
      ['UPDATED_AT', 'ASC'],
      ['INCIDENT_FROM', 'DESC'],
      ['FIR_NUMBER', 'ASC'],
      ['FIR_NUMBER', 'DESC'],
    ] as const)('orders by %s %s like SQL does (nulls last ascending)', async (field, direction) => {
      const column = { CREATED_AT: 'created_at', UPDATED_AT: 'updated_at', INCIDENT_FROM: 'incident_from', FIR_NUMBER: 'fir_number' }[field];
      const dir = direction === 'ASC' ? sql.raw('asc') : sql.raw('desc');
      const rows = await db
        .selectFrom('fir')
        .select('id')
        .orderBy(sql`case when ${sql.ref(column)} is null then 1 else 0 end ${dir}`)
        .orderBy(sql`${sql.ref(column)} ${dir}`)
        .orderBy(sql`id ${dir}`)
        .execute();
      const got = await listAll(undefined, { field, direction });
      expect(got.ids).toEqual(rows.map((r) => Number(r.id)));
    });

    it('filters by each status, and by several', async () => {
      for (const status of STATUSES) {
        await expectFilter({ statuses: [status] }, await expectedIds((q) => q.where('fir.status', '=', status)));
      }
      await expectFilter(
        { statuses: ['REGISTERED', 'REJECTED'] },
        await expectedIds((q) => q.where('fir.status', 'in', ['REGISTERED', 'REJECTED'])),
      );
      await expectFilter({ statuses: [] }, [], { nonEmpty: false });
    });

    it('filters by stations', async () => {
      const ids = await mostCommon('fir', 'station_id', 3);
      await expectFilter({ stationIds: [encodeGlobalId('PoliceStation', ids[0]!)] }, await expectedIds((q) => q.where('fir.station_id', '=', ids[0])));
      await expectFilter(
        { stationIds: ids.map((id) => encodeGlobalId('PoliceStation', id)) },
        await expectedIds((q) => q.where('fir.station_id', 'in', ids)),
      );
      // a station that does not exist, and an empty list, match nothing
      await expectFilter({ stationIds: [encodeGlobalId('PoliceStation', 2_000_000_000)] }, [], { nonEmpty: false });
      await expectFilter({ stationIds: [] }, [], { nonEmpty: false });
    });

    it('filters by creation time: createdFrom inclusive, createdTo exclusive', async () => {
      const all = await db.selectFrom('fir').select(['id', 'created_at']).orderBy('created_at').orderBy('id').execute();
      const from = all[Math.floor(all.length / 4)]!;
      const to = all[Math.floor((all.length * 3) / 4)]!;
      const fromIso = new Date(from.created_at).toISOString();
      const toIso = new Date(to.created_at).toISOString();

      const between = await expectedIds((q) => q.where('fir.created_at', '>=', new Date(fromIso)).where('fir.created_at', '<', new Date(toIso)));
      expect(between).toContain(Number(from.id));
      expect(between).not.toContain(Number(to.id));
      await expectFilter({ createdFrom: fromIso, createdTo: toIso }, between);
      await expectFilter({ createdFrom: fromIso }, await expectedIds((q) => q.where('fir.created_at', '>=', new Date(fromIso))));
      await expectFilter({ createdTo: toIso }, await expectedIds((q) => q.where('fir.created_at', '<', new Date(toIso))));

      // the same instant written with an offset means the same thing
      const ist = new Date(new Date(fromIso).getTime() + 330 * 60_000).toISOString().replace('Z', '+05:30');
      await expectFilter({ createdFrom: ist, createdTo: toIso }, between);

      // an empty window
      await expectFilter({ createdFrom: toIso, createdTo: fromIso }, [], { nonEmpty: false });
    });

    it('filters by legal sections (any of them)', async () => {
      const ids = await mostCommon('fir_section', 'section_id', 2);
      const having = (sectionIds: number[]) =>
        expectedIds((q) => q.where('fir.id', 'in', db.selectFrom('fir_section').select('fir_id').where('section_id', 'in', sectionIds)));
      await expectFilter({ sectionIds: [encodeGlobalId('LegalSection', ids[0]!)] }, await having([ids[0]!]));
      const both = await having(ids);
      const first = await having([ids[0]!]);
      expect(both.length).toBeGreaterThan(first.length);
      await expectFilter({ sectionIds: ids.map((id) => encodeGlobalId('LegalSection', id)) }, both);
    });

    it('full-text search over narrative, summary and complaint (English, prefixes)', async () => {
      const rows = await firTexts();
      for (const search of ['theft', 'Theft', 'THEF', 'mobile phone']) {
        const expected = searchOracle(rows, search);
        await expectFilter({ search }, expected);
      }
      await expectFilter({ search: 'zzqxjkwv' }, [], { nonEmpty: false });
    });

    it('full-text search finds Devanagari (Hindi, Marathi) and Tamil words as written', async () => {
      const rows = await firTexts();
      const complaints = await db.selectFrom('complaint').select(['language', 'text', 'transcript']).execute();
      const picked: string[] = [];
      for (const [lang, script] of [
        ['hi', /^\p{Script=Devanagari}{4,}$/u],
        ['mr', /^\p{Script=Devanagari}{4,}$/u],
        ['ta', /^\p{Script=Tamil}{4,}$/u],
      ] as const) {
        // a word of that script that picks out some FIRs but not most
        const candidates = new Map<string, number>();
        for (const c of complaints.filter((c) => c.language === lang)) {
          for (const w of words(`${c.text ?? ''} ${c.transcript ?? ''}`)) if (script.test(w)) candidates.set(w, 0);
        }
        const sorted = [...candidates.keys()].sort();
        const word = sorted.find((w) => {
          const n = searchOracle(rows, w).length;
          return n >= 2 && n <= rows.length / 3;
        });
        expect(word, `a ${lang} word to search for`).toBeDefined();
        picked.push(word!);
      }
      picked.push('चोरी'); // "theft", in most Hindi theft complaints
      for (const search of picked) {
        const expected = searchOracle(rows, search);
        await expectFilter({ search }, expected);
      }
    });

    it('combines filters (AND)', async () => {
      const rows = await firTexts();
      const stations = (await db.selectFrom('police_station').select('id').orderBy('id').limit(10).execute()).map((r) => Number(r.id));
      const all = await db.selectFrom('fir').select('created_at').orderBy('created_at').execute();
      const from = new Date(all[Math.floor(all.length / 5)]!.created_at);
      const searchIds = new Set(searchOracle(rows, 'theft'));
      const expected = (
        await expectedIds((q) =>
          q
            .where('fir.status', 'in', ['REGISTERED', 'UNDER_REVIEW'])
            .where('fir.station_id', 'in', stations)
            .where('fir.created_at', '>=', from),
        )
      ).filter((id) => searchIds.has(id));
      await expectFilter(
        {
          statuses: ['REGISTERED', 'UNDER_REVIEW'],
          stationIds: stations.map((id) => encodeGlobalId('PoliceStation', id)),
          createdFrom: from.toISOString(),
          search: 'theft',
        },
        expected,
      );
    });

    it('returns FIR fields equal to the stored row', async () => {
      const row = await db
        .selectFrom('fir')
        .innerJoin('police_station', 'police_station.id', 'fir.station_id')
        .select(['fir.id', 'fir.fir_number', 'fir.status', 'fir.summary', 'fir.version', 'fir.created_at', 'fir.complainant_name', 'police_station.code'])
        .where('fir.status', '=', 'REGISTERED')
        .orderBy('fir.id')
        .executeTakeFirstOrThrow();
      const d = await api.data(
        'query($id: ID!) { node(id: $id) { ... on Fir { id firNumber status summary version createdAt complainant { name } station { code } acts } } }',
        { id: encodeGlobalId('Fir', row.id) },
      );
      expect(d.node).toEqual({
        id: encodeGlobalId('Fir', row.id),
        firNumber: row.fir_number,
        status: row.status,
        summary: row.summary,
        version: row.version,
        createdAt: new Date(row.created_at).toISOString(),
        complainant: { name: row.complainant_name },
        station: { code: row.code },
        acts: expect.any(Array),
      });
    });
  });

  // ---------------------------------------------------------------------------------------------

  describe('firByNumber', () => {
    it('finds a registered FIR by its number, which has the documented format', async () => {
      const rows = await db
        .selectFrom('fir')
        .innerJoin('police_station', 'police_station.id', 'fir.station_id')
        .select(['fir.id', 'fir.fir_number', 'fir.registered_at', 'fir.station_id', 'police_station.code'])
        .where('fir.status', '=', 'REGISTERED')
        .orderBy('fir.id')
        .execute();
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) {
        const year = new Date(r.registered_at!).getUTCFullYear();
        expect(r.fir_number).toMatch(new RegExp(`^${r.code}-${year}-\\d{5}$`));
      }
      // gapless per station and year
      const serials = new Map<string, number[]>();
      for (const r of rows) {
        const m = /^(.*)-(\d{4})-(\d{5})$/.exec(r.fir_number!)!;
        const key = `${m[1]}-${m[2]}`;
        serials.set(key, [...(serials.get(key) ?? []), Number(m[3])]);
      }
      for (const [key, list] of serials) expect(list.sort((a, b) => a - b), key).toEqual(list.map((_, i) => i + 1));

      for (const r of [rows[0]!, rows.at(-1)!]) {
        const d = await api.data('query($n: String!) { firByNumber(number: $n) { id firNumber status station { id code } } }', { n: r.fir_number });
        expect(d.firByNumber).toEqual({
          id: encodeGlobalId('Fir', r.id),
          firNumber: r.fir_number,
          status: 'REGISTERED',
          station: { id: encodeGlobalId('PoliceStation', r.station_id), code: r.code },
        });
      }
    });

    it('is null for an unknown number, and no FIR without a number is found', async () => {
      const some = await db.selectFrom('fir').select('fir_number').where('fir_number', 'is not', null).executeTakeFirstOrThrow();
      const unknown = some.fir_number!.replace(/\d{5}$/, '99999');
      for (const n of [unknown, 'XX-2024-00001', '', 'null']) {
        const d = await api.data('query($n: String!) { firByNumber(number: $n) { id } }', { n });
        expect(d.firByNumber, n).toBeNull();
      }
    });
  });

  // ---------------------------------------------------------------------------------------------

  describe('node / nodes', () => {
    let jobId: number;
    let firId: number;

    beforeAll(async () => {
      firId = Number((await db.selectFrom('fir').select('id').where('status', '=', 'GENERATED').orderBy('id').executeTakeFirstOrThrow()).id);
      const values = {
        fir_id: firId,
        status: 'SUCCEEDED',
        stage: 'DONE',
        progress: 1,
        attempts: 1,
        priority: 'HIGH',
        queued_at: new Date('2025-01-02T03:04:05.678Z'),
        started_at: new Date('2025-01-02T03:04:06.000Z'),
        finished_at: new Date('2025-01-02T03:05:00.000Z'),
      };
      jobId = await insertId(db, name, 'generation_job', values);
    });

    it('resolves every Node type by global id to the stored row', async () => {
      const station = await db.selectFrom('police_station').select(['id', 'code', 'name', 'district', 'state']).orderBy('id').executeTakeFirstOrThrow();
      const officer = await db.selectFrom('officer').select(['id', 'name', 'badge_number', 'role', 'station_id']).orderBy('id').executeTakeFirstOrThrow();
      const complaint = await db.selectFrom('complaint').select(['id', 'source', 'language', 'text', 'transcript', 'received_at']).orderBy('id', 'desc').executeTakeFirstOrThrow();
      const legal = await db.selectFrom('legal_section').select(['id', 'act', 'number', 'title']).where('number', '=', '303(2)').executeTakeFirstOrThrow();
      const fir = await db.selectFrom('fir').select(['id', 'status', 'complaint_id']).where('id', '=', firId).executeTakeFirstOrThrow();

      const q = `query($id: ID!) { node(id: $id) { __typename id
        ... on PoliceStation { code name district state }
        ... on Officer { name badgeNumber role station { id } }
        ... on Complaint { source language text transcript receivedAt }
        ... on LegalSection { act number title ipcEquivalents }
        ... on Fir { status complaint { id } latestJob { id } }
        ... on GenerationJob { jobStatus: status stage progress attempts priority queuedAt fir { id } }
      } }`;
      const get = async (id: string) => (await api.data(q, { id })).node;

      expect(await get(encodeGlobalId('PoliceStation', station.id))).toEqual({
        __typename: 'PoliceStation',
        id: encodeGlobalId('PoliceStation', station.id),
        code: station.code,
        name: station.name,
        district: station.district,
        state: station.state,
      });
      expect(await get(encodeGlobalId('Officer', officer.id))).toEqual({
        __typename: 'Officer',
        id: encodeGlobalId('Officer', officer.id),
        name: officer.name,
        badgeNumber: officer.badge_number,
        role: officer.role,
        station: officer.station_id == null ? null : { id: encodeGlobalId('PoliceStation', officer.station_id) },
      });
      expect(await get(encodeGlobalId('Complaint', complaint.id))).toEqual({
        __typename: 'Complaint',
        id: encodeGlobalId('Complaint', complaint.id),
        source: complaint.source,
        language: complaint.language,
        text: complaint.text,
        transcript: complaint.transcript,
        receivedAt: new Date(complaint.received_at).toISOString(),
      });
      const legalNode = await get(encodeGlobalId('LegalSection', legal.id));
      expect(legalNode).toMatchObject({ __typename: 'LegalSection', act: 'BNS', number: '303(2)', title: legal.title });
      expect(legalNode.ipcEquivalents).toContain('379');
      expect(await get(encodeGlobalId('Fir', fir.id))).toEqual({
        __typename: 'Fir',
        id: encodeGlobalId('Fir', fir.id),
        status: fir.status,
        complaint: { id: encodeGlobalId('Complaint', fir.complaint_id) },
        latestJob: { id: encodeGlobalId('GenerationJob', jobId) },
      });
      expect(await get(encodeGlobalId('GenerationJob', jobId))).toEqual({
        __typename: 'GenerationJob',
        id: encodeGlobalId('GenerationJob', jobId),
        jobStatus: 'SUCCEEDED',
        stage: 'DONE',
        progress: 1,
        attempts: 1,
        priority: 'HIGH',
        queuedAt: '2025-01-02T03:04:05.678Z',
        fir: { id: encodeGlobalId('Fir', firId) },
      });
      const job = await api.data('query($id: ID!) { generationJob(id: $id) { id status } }', { id: encodeGlobalId('GenerationJob', jobId) });
      expect(job.generationJob).toEqual({ id: encodeGlobalId('GenerationJob', jobId), status: 'SUCCEEDED' });
    });

    it('returns null for a well-formed id of a missing row or an unknown type', async () => {
      for (const id of [
        encodeGlobalId('Fir', 2_147_483_647),
        encodeGlobalId('PoliceStation', 999_999),
        encodeGlobalId('Officer', 999_999),
        encodeGlobalId('Complaint', 999_999),
        encodeGlobalId('LegalSection', 999_999),
        encodeGlobalId('GenerationJob', 999_999),
        encodeGlobalId('Nope', 1),
      ]) {
        const r = await api.gql('query($id: ID!) { node(id: $id) { id } }', { id });
        expect(r.body.errors, typeOf(id)).toBeUndefined();
        expect(r.body.data.node, typeOf(id)).toBeNull();
      }
      const job = await api.data('query($id: ID!) { generationJob(id: $id) { id } }', { id: encodeGlobalId('GenerationJob', 999_999) });
      expect(job.generationJob).toBeNull();
    });

    it('nodes() resolves a mix of types in order, with null for missing ones, batched', async () => {
      const ids = [
        encodeGlobalId('Fir', firId),
        encodeGlobalId('PoliceStation', 1),
        encodeGlobalId('Fir', 2_000_000_000),
        encodeGlobalId('Officer', 1),
        encodeGlobalId('Complaint', 1),
        encodeGlobalId('LegalSection', 1),
        encodeGlobalId('GenerationJob', jobId),
        encodeGlobalId('Fir', firId),
        encodeGlobalId('Nope', 3),
      ];
      const r = await api.gql('query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }', { ids });
      expect(r.body.errors).toBeUndefined();
      const expected = await Promise.all(
        ids.map(async (id) => {
          const { typename, id: key } = decodeGlobalId(id);
          const table = { Fir: 'fir', PoliceStation: 'police_station', Officer: 'officer', Complaint: 'complaint', LegalSection: 'legal_section', GenerationJob: 'generation_job' }[typename];
          if (!table) return null;
          const row = await db.selectFrom(table as 'fir').select('id').where('id', '=', Number(key)).executeTakeFirst();
          return row ? { __typename: typename, id } : null;
        }),
      );
      expect(expected.filter(Boolean).length).toBe(7);
      expect(r.body.data.nodes).toEqual(expected);
      // one statement per type at most, never one per id
      expect(r.body.extensions.sqlStatements).toBeLessThanOrEqual(6);
      expect((await api.data('{ nodes(ids: []) { id } }')).nodes).toEqual([]);
    });
  });

  // ---------------------------------------------------------------------------------------------

  describe('stations', () => {
    const STATIONS = 'query($filter: StationFilter, $after: String) { stations(first: 100, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { node { id code name district state } } } }';

    async function stationIds(filter?: Record<string, unknown>) {
      const ids: number[] = [];
      let after: string | null = null;
      let total = 0;
      for (let i = 0; i < 20; i++) {
        const d: any = await api.data(STATIONS, { filter, after });
        total = d.stations.totalCount;
        ids.push(...d.stations.edges.map((e: any) => num(e.node.id)));
        if (!d.stations.pageInfo.hasNextPage) break;
        after = d.stations.pageInfo.endCursor;
      }
      expect(total).toBe(ids.length);
      return ids;
    }

    it('filters by state, district and search like our own SQL / prefix match', async () => {
      const all = (await db.selectFrom('police_station').select(['id', 'code', 'name', 'district', 'state']).orderBy('id').execute()).map((s) => ({
        ...s,
        id: Number(s.id),
      }));
      expect(await stationIds()).toEqual(all.map((s) => s.id));

      const state = all[0]!.state;
      const district = all.find((s) => s.state === state)!.district;
      const byState = (await db.selectFrom('police_station').select('id').where('state', '=', state).orderBy('id').execute()).map((r) => Number(r.id));
      expect(byState.length).toBeGreaterThan(0);
      expect(byState.length).toBeLessThan(all.length);
      expect(await stationIds({ state })).toEqual(byState);
      const byDistrict = (await db.selectFrom('police_station').select('id').where('district', '=', district).orderBy('id').execute()).map((r) => Number(r.id));
      expect(await stationIds({ district })).toEqual(byDistrict);
      const both = (
        await db.selectFrom('police_station').select('id').where('state', '=', state).where('district', '=', district).orderBy('id').execute()
      ).map((r) => Number(r.id));
      expect(await stationIds({ state, district })).toEqual(both);
      expect(await stationIds({ state: 'Atlantis' })).toEqual([]);

      // search: a case-insensitive prefix of the name, or the exact code
      const target = all[all.length - 1]!;
      const prefix = target.name.slice(0, 3).toLowerCase();
      const byPrefix = all.filter((s) => s.name.toLowerCase().startsWith(prefix) || s.code === prefix.toUpperCase()).map((s) => s.id);
      expect(byPrefix).toContain(target.id);
      expect(await stationIds({ search: prefix })).toEqual(byPrefix);
      expect(await stationIds({ search: target.code.toLowerCase() })).toEqual([target.id]);
      expect(await stationIds({ search: target.code })).toEqual([target.id]);
      // LIKE wildcards are literal
      expect(await stationIds({ search: '%' })).toEqual(all.filter((s) => s.name.startsWith('%')).map((s) => s.id));
      expect(await stationIds({ search: '_' })).toEqual(all.filter((s) => s.name.startsWith('_')).map((s) => s.id));
    });

    it('nests each station\'s FIRs (newest first, with totalCount) and officers', async () => {
      const d = await api.data(`{
        stations(first: 6) {
          edges { node { id
            firs(first: 3) { totalCount pageInfo { hasNextPage } edges { node { id station { id } } } }
            registered: firs(first: 2, filter: { statuses: [REGISTERED] }) { totalCount edges { node { id status } } }
            officers { id name role station { id } }
          } }
        }
      }`);
      expect(d.stations.edges.length).toBe(6);
      for (const { node } of d.stations.edges) {
        const sid = num(node.id);
        const firs = await expectedIds((q) => q.where('fir.station_id', '=', sid));
        expect(node.firs.totalCount).toBe(firs.length);
        expect(node.firs.edges.map((e: any) => num(e.node.id))).toEqual(firs.slice(0, 3));
        expect(node.firs.pageInfo.hasNextPage).toBe(firs.length > 3);
        for (const e of node.firs.edges) expect(e.node.station.id).toBe(node.id);

        const reg = await expectedIds((q) => q.where('fir.station_id', '=', sid).where('fir.status', '=', 'REGISTERED'));
        expect(node.registered.totalCount).toBe(reg.length);
        expect(node.registered.edges.map((e: any) => num(e.node.id))).toEqual(reg.slice(0, 2));

        const officers = await db.selectFrom('officer').select(['id', 'name', 'role']).where('station_id', '=', sid).orderBy('id').execute();
        expect(officers.length).toBeGreaterThan(0);
        expect(node.officers).toEqual(
          officers.map((o) => ({ id: encodeGlobalId('Officer', o.id), name: o.name, role: o.role, station: { id: node.id } })),
        );
      }
    });
  });

  // ---------------------------------------------------------------------------------------------

  describe('legal sections', () => {
    it('search "theft" finds BNS 303(2), and matches our own word search', async () => {
      const d = await api.data('{ legalSections(first: 100, search: "theft") { totalCount edges { node { id act number title } } } }');
      const numbers = d.legalSections.edges.map((e: any) => e.node.number);
      expect(numbers).toContain('303(2)');
      const rows = await db.selectFrom('legal_section').select(['id', 'title', 'description', 'keywords']).orderBy('id').execute();
      const expected = rows
        .filter((r) => docMatches([...words(r.title), ...words(r.description), ...words(r.keywords)], ['theft']))
        .map((r) => Number(r.id));
      expect(d.legalSections.totalCount).toBe(expected.length);
      expect(d.legalSections.edges.map((e: any) => num(e.node.id)).sort((a: number, b: number) => a - b)).toEqual(expected);
    });

    it('filters by act and pages through all of them in statute (id) order', async () => {
      const bns = (await db.selectFrom('legal_section').select('id').where('act', '=', 'BNS').orderBy('id').execute()).map((r) => Number(r.id));
      expect(bns.length).toBeGreaterThan(100);
      const ids: number[] = [];
      let after: string | null = null;
      for (let i = 0; i < 20; i++) {
        const d: any = await api.data(
          'query($after: String) { legalSections(first: 50, after: $after, act: "BNS") { totalCount pageInfo { hasNextPage endCursor } edges { node { id act } } } }',
          { after },
        );
        expect(d.legalSections.totalCount).toBe(bns.length);
        for (const e of d.legalSections.edges) {
          expect(e.node.act).toBe('BNS');
          ids.push(num(e.node.id));
        }
        if (!d.legalSections.pageInfo.hasNextPage) break;
        after = d.legalSections.pageInfo.endCursor;
      }
      expect(ids).toEqual(bns);
      const none = await api.data('{ legalSections(act: "NOPE") { totalCount edges { node { id } } } }');
      expect(none.legalSections).toEqual({ totalCount: 0, edges: [] });
    });

    it.each([
      ['379', '303(2)'],
      ['420', '318(4)'],
      ['302', '103(1)'],
      ['IPC 379', '303(2)'],
      ['ipc 420', '318(4)'],
      [' 302 ', '103(1)'],
    ])('legalSectionsForIpc(%j) -> BNS %s, as the equivalence table says', async (input, bnsNumber) => {
      const d = await api.data('query($s: String!) { legalSectionsForIpc(ipcSection: $s) { id act number ipcEquivalents } }', { s: input });
      const numbers = d.legalSectionsForIpc.map((s: any) => s.number);
      expect(numbers).toContain(bnsNumber);
      const ipc = input.trim().replace(/^ipc\s*/i, '');
      const expected = await db
        .selectFrom('ipc_bns_equivalence')
        .innerJoin('legal_section', 'legal_section.id', 'ipc_bns_equivalence.section_id')
        .select(['legal_section.id', 'legal_section.number'])
        .where('ipc_bns_equivalence.ipc_section', '=', ipc)
        .orderBy('legal_section.id')
        .execute();
      expect(d.legalSectionsForIpc.map((s: any) => num(s.id))).toEqual(expected.map((r) => Number(r.id)));
      for (const s of d.legalSectionsForIpc) {
        expect(s.act).toBe('BNS');
        expect(s.ipcEquivalents).toContain(ipc);
      }
    });

    it('normalises IPC input: " 498a " and "IPC 498A" equal "498A"', async () => {
      const q = 'query($s: String!) { legalSectionsForIpc(ipcSection: $s) { id number } }';
      const canonical = (await api.data(q, { s: '498A' })).legalSectionsForIpc;
      expect(canonical.length).toBeGreaterThan(0);
      const expected = await db
        .selectFrom('ipc_bns_equivalence')
        .select('section_id')
        .where('ipc_section', '=', '498A')
        .orderBy('section_id')
        .execute();
      expect(canonical.map((s: any) => num(s.id))).toEqual(expected.map((r) => Number(r.section_id)));
      for (const s of [' 498a ', 'IPC 498A', 'ipc498a', '498 A']) {
        expect((await api.data(q, { s })).legalSectionsForIpc, s).toEqual(canonical);
      }
      expect((await api.data(q, { s: '99999' })).legalSectionsForIpc).toEqual([]);
    });
  });

  // ---------------------------------------------------------------------------------------------

  describe('firStats', () => {
    type Bucket = { key: string; label: string | null; count: number };
    const STATS = 'query($g: FirStatsGroupBy!, $f: FirFilter) { firStats(groupBy: $g, filter: $f) { key label count } }';
    const byKey = (a: Bucket, b: Bucket) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

    function expectCountOrder(buckets: Bucket[]) {
      for (let i = 1; i < buckets.length; i++) expect(buckets[i - 1]!.count).toBeGreaterThanOrEqual(buckets[i]!.count);
    }

    it('STATUS equals SQL GROUP BY status', async () => {
      const rows = await sql<{ k: string; n: number }>`select status as k, count(*) as n from fir group by status`.execute(db);
      const expected = rows.rows.map((r) => ({ key: r.k, label: null, count: Number(r.n) }));
      const got: Bucket[] = (await api.data(STATS, { g: 'STATUS' })).firStats;
      expect([...got].sort(byKey)).toEqual(expected.sort(byKey));
      expectCountOrder(got);
      expect(got.reduce((a, b) => a + b.count, 0)).toBe(Number((await db.selectFrom('fir').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n));
    });

    it('STATION equals SQL GROUP BY station, keys are station ids, labels names', async () => {
      const rows = await sql<{ k: number; name: string; n: number }>`
        select f.station_id as k, s.name as name, count(*) as n
        from fir f join police_station s on s.id = f.station_id group by f.station_id, s.name`.execute(db);
      const expected = rows.rows.map((r) => ({ key: encodeGlobalId('PoliceStation', Number(r.k)), label: r.name, count: Number(r.n) }));
      const got: Bucket[] = (await api.data(STATS, { g: 'STATION' })).firStats;
      expect([...got].sort(byKey)).toEqual(expected.sort(byKey));
      expectCountOrder(got);
    });

    it('SECTION equals SQL GROUP BY section', async () => {
      const rows = await sql<{ k: number; act: string; num: string; title: string; n: number }>`
        select x.section_id as k, l.act as act, l.number as num, l.title as title, count(*) as n
        from fir_section x join fir f on f.id = x.fir_id join legal_section l on l.id = x.section_id
        group by x.section_id, l.act, l.number, l.title`.execute(db);
      const expected = rows.rows.map((r) => ({ key: encodeGlobalId('LegalSection', Number(r.k)), label: `${r.act} ${r.num} ${r.title}`, count: Number(r.n) }));
      expect(expected.length).toBeGreaterThan(1);
      const got: Bucket[] = (await api.data(STATS, { g: 'SECTION' })).firStats;
      expect([...got].sort(byKey)).toEqual(expected.sort(byKey));
      expectCountOrder(got);
    });

    it('DAY equals the UTC calendar days of created_at, ascending', async () => {
      const rows = await db.selectFrom('fir').select('created_at').execute();
      const counts = new Map<string, number>();
      for (const r of rows) {
        const day = new Date(r.created_at).toISOString().slice(0, 10);
        counts.set(day, (counts.get(day) ?? 0) + 1);
      }
      const expected = [...counts].map(([key, count]) => ({ key, label: null, count })).sort(byKey);
      const got: Bucket[] = (await api.data(STATS, { g: 'DAY' })).firStats;
      expect(got).toEqual(expected);
    });

    it('applies the filter before grouping', async () => {
      const stations = (await db.selectFrom('police_station').select('id').orderBy('id').limit(8).execute()).map((r) => Number(r.id));
      const filter = { statuses: ['REGISTERED', 'REJECTED'], stationIds: stations.map((id) => encodeGlobalId('PoliceStation', id)) };
      const rows = await db
        .selectFrom('fir_section')
        .innerJoin('fir', 'fir.id', 'fir_section.fir_id')
        .select(['fir_section.section_id', (eb) => eb.fn.countAll().as('n')])
        .where('fir.status', 'in', ['REGISTERED', 'REJECTED'])
        .where('fir.station_id', 'in', stations)
        .groupBy('fir_section.section_id')
        .execute();
      const expected = rows.map((r) => ({ key: encodeGlobalId('LegalSection', Number(r.section_id)), count: Number(r.n) })).sort((a, b) => (a.key < b.key ? -1 : 1));
      expect(expected.length).toBeGreaterThan(0);
      const got: Bucket[] = (await api.data(STATS, { g: 'SECTION', f: filter })).firStats;
      expect(got.map(({ key, count }) => ({ key, count })).sort((a, b) => (a.key < b.key ? -1 : 1))).toEqual(expected);

      const status = await sql<{ k: string; n: number }>`select status as k, count(*) as n from fir where status in ('REGISTERED', 'REJECTED') and station_id in (${sql.join(stations)}) group by status`.execute(db);
      const gotStatus: Bucket[] = (await api.data(STATS, { g: 'STATUS', f: filter })).firStats;
      expect([...gotStatus].sort(byKey)).toEqual(status.rows.map((r) => ({ key: r.k, label: null, count: Number(r.n) })).sort(byKey));

      const empty: Bucket[] = (await api.data(STATS, { g: 'DAY', f: { statuses: [] } })).firStats;
      expect(empty).toEqual([]);
    });
  });

  // ---------------------------------------------------------------------------------------------

  describe('Indian-language text', () => {
    const dialect = name;
    // Hindi, Marathi, Tamil; a nukta written both precomposed (U+0958) and decomposed (U+0915 U+093C),
    // which must not be normalised; ZWJ/ZWNJ; an emoji with a skin tone and ZWJ sequence; a CJK
    // character outside the BMP; the rupee sign.
    const hindi = 'मेरा मोबाइल फ़ोन अनोखाशब्दक्ष चोरी हो गया। क़ानून \u0958 \u0915\u093C';
    const marathi = 'माझी सोन्याची साखळी हिसकावली; क्‍ष र्‍य (ZWJ) क्‌ष (ZWNJ)';
    const tamil = 'என் கைப்பை திருடப்பட்டது — சென்னை';
    const astral = '🚓👮🏽‍♀️ 𠜎 ₹62,999';
    const person = 'श्रीमती सुनीता देशमुख / திருமதி லக்ஷ்மி 🙏';
    const father = 'रामचंद्र देशमुख';
    const complaintText = `${hindi}\n${marathi}\n${tamil}\n${astral}`;
    const summary = `${marathi} ${astral}`;
    const narrative = `${tamil} ${hindi} ${astral}`;
    let firId: number;
    let complaintId: number;

    beforeAll(async () => {
      const station = await db.selectFrom('police_station').select('id').orderBy('id').executeTakeFirstOrThrow();
      const now = new Date();
      complaintId = await insertId(db, dialect, 'complaint', {
        station_id: station.id,
        source: 'TEXT',
        language: 'hi',
        text: complaintText,
        transcript: null,
        media_ref: null,
        media_type: null,
        received_at: now,
      });
      firId = await insertId(db, dialect, 'fir', {
        station_id: station.id,
        complaint_id: complaintId,
        status: 'UNDER_REVIEW',
        complainant_name: person,
        complainant_father_or_husband_name: father,
        complainant_address: marathi,
        incident_place: tamil,
        acts: '["BNS"]',
        summary,
        narrative,
        suspects: JSON.stringify([{ name: astral, description: hindi }]),
        witnesses: '[]',
        created_at: now,
        updated_at: now,
      });
    });

    it('stores the strings byte for byte', async () => {
      const len = await sql<{ a: number; b: number; c: number }>`
        select octet_length(text) as a, (select octet_length(complainant_name) from fir where id = ${firId}) as b,
               (select octet_length(summary) from fir where id = ${firId}) as c
        from complaint where id = ${complaintId}`.execute(db);
      expect(Number(len.rows[0]!.a)).toBe(Buffer.byteLength(complaintText, 'utf8'));
      expect(Number(len.rows[0]!.b)).toBe(Buffer.byteLength(person, 'utf8'));
      expect(Number(len.rows[0]!.c)).toBe(Buffer.byteLength(summary, 'utf8'));
    });

    it('reads them back through the API exactly (strings and UTF-8 bytes)', async () => {
      const query = `query($id: ID!) { node(id: $id) { ... on Fir {
        summary narrative complainant { name fatherOrHusbandName address }
        incident { place } suspects { name description }
        complaint { text language }
      } } }`;
      const res = await api.app.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(await adminHeaders()) },
        body: JSON.stringify({ query, variables: { id: encodeGlobalId('Fir', firId) } }),
      });
      const raw = Buffer.from(await res.arrayBuffer());
      expect(res.headers.get('content-type')).toMatch(/charset=utf-8/i);
      const body = JSON.parse(raw.toString('utf8'));
      expect(body.errors).toBeUndefined();
      const fir = body.data.node;
      const pairs: Array<[string, string]> = [
        [fir.summary, summary],
        [fir.narrative, narrative],
        [fir.complainant.name, person],
        [fir.complainant.fatherOrHusbandName, father],
        [fir.complainant.address, marathi],
        [fir.incident.place, tamil],
        [fir.suspects[0].name, astral],
        [fir.suspects[0].description, hindi],
        [fir.complaint.text, complaintText],
      ];
      for (const [got, want] of pairs) {
        expect(got).toBe(want);
        expect(Buffer.from(got, 'utf8').equals(Buffer.from(want, 'utf8'))).toBe(true);
        expect(got.normalize('NFC') === got).toBe(want.normalize('NFC') === want); // not normalised on the way
      }
      // the response carries the raw UTF-8 (no lossy escaping) of strings without JSON escapes
      for (const s of [summary, narrative, person, tamil, astral]) expect(raw.includes(Buffer.from(s, 'utf8')), s).toBe(true);
      expect(fir.complaint.language).toBe('hi');
    });

    it('is found by searching a Devanagari word it contains', async () => {
      for (const search of ['अनोखाशब्दक्ष', 'अनोखाशब्द', 'திருடப்பட்டது']) {
        const got = await listAll({ search });
        expect(got.ids, search).toContain(firId);
        expect(got.ids).toEqual(searchOracle(await firTexts(), search));
      }
    });

    it('can be found through the nested station list and firByNumber stays null for it', async () => {
      const d = await api.data('query($id: ID!) { node(id: $id) { ... on Fir { firNumber station { firs(first: 1) { edges { node { id complainant { name } } } } } } } }', {
        id: encodeGlobalId('Fir', firId),
      });
      expect(d.node.firNumber).toBeNull();
      // newest FIR of the station is this one
      expect(d.node.station.firs.edges[0].node).toEqual({ id: encodeGlobalId('Fir', firId), complainant: { name: person } });
    });
  });

  it('viewer is null without authentication', async () => {
    const r = await api.gql('{ viewer { id name } }');
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data).toEqual({ viewer: null });
  });
});

/** Inserts one row and returns its generated id (RETURNING on Postgres, insertId on MySQL). */
async function insertId(db: Kysely<DB>, dialect: string, table: 'generation_job' | 'complaint' | 'fir', values: Record<string, unknown>): Promise<number> {
  if (dialect === 'mysql') {
    const r = await db.insertInto(table).values(values as any).executeTakeFirstOrThrow();
    return Number(r.insertId);
  }
  const row = await db
    .insertInto(table)
    .values(values as any)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
