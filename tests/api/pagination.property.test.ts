/**
 * Property tests of the Relay keyset connections `Query.firs` and `PoliceStation.firs`.
 *
 * The oracle is independent of the code under test: it reads the raw rows once with a plain
 * Kysely query (ids, filter columns, sort columns, text), and filters and sorts them in JS with
 * the documented semantics: the order column, nulls last for ASC and first for DESC, ties broken
 * by id in the same direction; createdFrom inclusive, createdTo exclusive.
 *
 * Before the properties run, the seeded rows are perturbed so that every order has ties and
 * nulls to get wrong: the seed's created_at rises with the id (so id order would hide a broken
 * tie-break) and every seeded FIR has an incident time.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';
import type { TestDb } from '../helpers/db.ts';
import { dialects, seededDb } from '../helpers/fixtures.ts';

/**
 * A property stops (keeping any counterexample found so far, shrunk as far as it got) after this
 * long, well inside the 60 s test timeout: a failing walk shrinks slowly, and a property still
 * running after its test timed out would slow every test after it.
 */
const PROPERTY_TIME_LIMIT = 25_000;

const STATUSES = ['DRAFT', 'GENERATING', 'GENERATED', 'UNDER_REVIEW', 'REGISTERED', 'REJECTED', 'FAILED'] as const;
const FIELDS = ['CREATED_AT', 'UPDATED_AT', 'INCIDENT_FROM', 'FIR_NUMBER'] as const;
const DIRECTIONS = ['ASC', 'DESC'] as const;
type Field = (typeof FIELDS)[number];
type Dir = (typeof DIRECTIONS)[number];
interface Order {
  field: Field;
  direction: Dir;
}
const DEFAULT_ORDER: Order = { field: 'CREATED_AT', direction: 'DESC' };

/** Walks are capped at this many pages (the page size grows for big result sets) to bound run time. */
const MAX_PAGES = 12;

/** InnoDB's default full-text stopwords of 4+ letters; never used as search words. */
const STOPWORDS = new Set(['about', 'from', 'that', 'this', 'what', 'when', 'where', 'will', 'with', 'there', 'their']);

interface Row {
  id: number;
  stationId: number;
  status: string;
  createdAt: number;
  updatedAt: number;
  incidentFrom: number | null;
  firNumber: string | null;
  sections: Set<number>;
  /** summary + narrative, and complaint text + transcript */
  firDoc: string;
  complaintDoc: string;
}

interface Filter {
  statuses?: string[];
  stationIds?: string[];
  createdFrom?: string;
  createdTo?: string;
  sectionIds?: string[];
  search?: string;
}

const ms = (v: unknown): number => (v instanceof Date ? v.getTime() : new Date(v as string).getTime());

function sortValue(row: Row, field: Field): number | string | null {
  switch (field) {
    case 'CREATED_AT':
      return row.createdAt;
    case 'UPDATED_AT':
      return row.updatedAt;
    case 'INCIDENT_FROM':
      return row.incidentFrom;
    case 'FIR_NUMBER':
      return row.firNumber;
  }
}

/** The documented order: nulls last ascending (first descending), ties by id in the same direction. */
function compare(order: Order) {
  const sign = order.direction === 'ASC' ? 1 : -1;
  return (a: Row, b: Row): number => {
    const va = sortValue(a, order.field);
    const vb = sortValue(b, order.field);
    let c: number;
    if (va === null || vb === null) c = va === vb ? 0 : va === null ? 1 : -1;
    else c = va < vb ? -1 : va > vb ? 1 : 0;
    if (c === 0) c = a.id - b.id;
    return c * sign;
  };
}

/** "Typename:123" inside the opaque base64url global id. */
function localId(globalId: string, typename: string): number {
  const m = /^([A-Za-z]+):(\d+)$/.exec(Buffer.from(globalId, 'base64url').toString('utf8'));
  if (!m || m[1] !== typename) throw new Error(`not a ${typename} id: ${globalId}`);
  return Number(m[2]);
}

/** An ISO-8601 string of `t` written with the given UTC offset in minutes. */
function isoWithOffset(t: number, offsetMinutes: number): string {
  if (offsetMinutes === 0) return new Date(t).toISOString();
  const local = new Date(t + offsetMinutes * 60_000).toISOString().slice(0, -1);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const WALK = /* GraphQL */ `
  query Walk($first: Int, $after: String, $last: Int, $before: String, $filter: FirFilter, $orderBy: FirOrder, $count: Boolean!) {
    firs(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
      totalCount @include(if: $count)
      edges { cursor node { id } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`;

const STATION_WALK = /* GraphQL */ `
  query StationWalk($id: ID!, $first: Int, $after: String, $last: Int, $before: String, $filter: FirFilter, $count: Boolean!) {
    node(id: $id) {
      ... on PoliceStation {
        firs(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
          totalCount @include(if: $count)
          edges { cursor node { id } }
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        }
      }
    }
  }
`;

const ALL_STATIONS_FIRS = /* GraphQL */ `
  query AllStationFirs($first: Int, $after: String, $filter: FirFilter) {
    stations(first: 100) {
      edges {
        node {
          id
          firs(first: $first, after: $after, filter: $filter) {
            totalCount
            edges { cursor node { id } }
            pageInfo { hasNextPage endCursor }
          }
        }
      }
    }
  }
`;

interface Page {
  totalCount?: number;
  edges: Array<{ cursor: string; node: { id: string } }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

describe.each(dialects)('FIR connections: keyset pagination properties (%s)', (name) => {
  let db: TestDb;
  let api: ReturnType<typeof testApp>;
  let rows: Row[];
  let stationGids: string[];
  let sectionGids: string[];
  let createdTimes: number[];
  let words: string[];

  beforeAll(async () => {
    db = await seededDb(name);
    await perturb(db);
    api = testApp(db);

    const firs = await db.db
      .selectFrom('fir')
      .select(['id', 'station_id', 'status', 'created_at', 'updated_at', 'incident_from', 'fir_number', 'summary', 'narrative', 'complaint_id'])
      .execute();
    const complaints = new Map(
      (await db.db.selectFrom('complaint').select(['id', 'text', 'transcript']).execute()).map((c) => [
        Number(c.id),
        `${c.text ?? ''}\n${c.transcript ?? ''}`,
      ]),
    );
    const links = await db.db.selectFrom('fir_section').select(['fir_id', 'section_id']).execute();
    rows = firs.map((f) => ({
      id: Number(f.id),
      stationId: Number(f.station_id),
      status: f.status,
      createdAt: ms(f.created_at),
      updatedAt: ms(f.updated_at),
      incidentFrom: f.incident_from == null ? null : ms(f.incident_from),
      firNumber: f.fir_number,
      sections: new Set(links.filter((l) => Number(l.fir_id) === Number(f.id)).map((l) => Number(l.section_id))),
      firDoc: `${f.summary ?? ''}\n${f.narrative ?? ''}`,
      complaintDoc: complaints.get(Number(f.complaint_id)) ?? '',
    }));
    createdTimes = [...new Set(rows.map((r) => r.createdAt))].sort((a, b) => a - b);

    // Global ids come from the API.
    const st = await api.data(`{ stations(first: 100) { edges { node { id } } } }`);
    stationGids = st.stations.edges.map((e: any) => e.node.id);
    const sectionSet = new Set<string>();
    let after: string | null = null;
    for (let pageNo = 0; pageNo < 10; pageNo++) {
      const d: any = await api.data(
        `query($after: String) { firs(first: 100, after: $after) { edges { node { sections { section { id } } } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      for (const e of d.firs.edges) for (const s of e.node.sections) sectionSet.add(s.section.id);
      if (!d.firs.pageInfo.hasNextPage) break;
      after = d.firs.pageInfo.endCursor;
    }
    // plus one section that no FIR has, when the knowledge base has one
    const ls = await api.data(`{ legalSections(first: 100) { edges { node { id } } } }`);
    const unused = ls.legalSections.edges.map((e: any) => e.node.id).find((id: string) => !sectionSet.has(id));
    sectionGids = [...sectionSet, ...(unused ? [unused] : [])];

    words = searchWords(rows);
    expect(rows.length).toBeGreaterThan(100);
    const stationCount = await db.db.selectFrom('police_station').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(stationGids.length).toBe(Number(stationCount.n));
    expect(words.length).toBeGreaterThan(10);
  });

  afterAll(async () => {
    await db?.drop();
  });

  function matches(row: Row, f: Filter): boolean {
    if (f.statuses && !f.statuses.includes(row.status)) return false;
    if (f.stationIds && !f.stationIds.some((g) => localId(g, 'PoliceStation') === row.stationId)) return false;
    if (f.createdFrom && !(row.createdAt >= Date.parse(f.createdFrom))) return false;
    if (f.createdTo && !(row.createdAt < Date.parse(f.createdTo))) return false;
    if (f.sectionIds && !f.sectionIds.some((g) => row.sections.has(localId(g, 'LegalSection')))) return false;
    return true;
  }

  function expected(f: Filter, order: Order, stationId?: number): Row[] {
    return rows.filter((r) => matches(r, f) && (stationId === undefined || r.stationId === stationId)).sort(compare(order));
  }

  const ids = (page: Page) => page.edges.map((e) => localId(e.node.id, 'Fir'));

  // ---- arbitraries (built lazily: they need the ids the API handed out) ----

  const orderArb = (): fc.Arbitrary<Order | null> =>
    fc.option(fc.record({ field: fc.constantFrom(...FIELDS), direction: fc.constantFrom(...DIRECTIONS) }), { nil: null, freq: 5 });

  const instantArb = () =>
    fc
      .tuple(fc.nat({ max: createdTimes.length - 1 }), fc.constantFrom(-1, 0, 0, 0, 1), fc.constantFrom(0, 0, 330, -300))
      .map(([i, delta, offset]) => ({ t: createdTimes[i]! + delta, offset }));

  /** A filter key is present about a third of the time, so that most filters match something. */
  const sometimes = <T,>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
    fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: arb, weight: 1 });

  const filterArb = (): fc.Arbitrary<Filter> =>
    fc
      .record({
        // an empty list is valid and matches nothing: rare on purpose
        statuses: sometimes(
          fc.oneof({ arbitrary: fc.constant([] as string[]), weight: 1 }, { arbitrary: fc.subarray<string>([...STATUSES], { minLength: 1 }), weight: 12 }),
        ),
        stationIds: sometimes(fc.subarray(stationGids, { minLength: 1, maxLength: 8 })),
        window: sometimes(
          fc.tuple(fc.option(instantArb(), { nil: undefined }), fc.option(instantArb(), { nil: undefined }), fc.nat({ max: 9 })),
        ),
        sectionIds: sometimes(fc.subarray(sectionGids, { minLength: 1, maxLength: 6 })),
      })
      .map(({ window, ...lists }) => {
        const out: Filter = {};
        for (const [k, v] of Object.entries(lists)) if (v !== undefined) (out as any)[k] = v;
        if (window) {
          const [a, b, roll] = window;
          // from <= to, except now and then an inverted (empty) window
          const [from, to] = a && b && (a.t <= b.t) === roll > 0 ? [a, b] : [b, a];
          if (from) out.createdFrom = isoWithOffset(from.t, from.offset);
          if (to) out.createdTo = isoWithOffset(to.t, to.offset);
        }
        return out;
      });

  async function walkForward(query: string, vars: Record<string, unknown>, want: Row[], size: number, unwrap: (d: any) => Page) {
    const seen: number[] = [];
    let after: string | null = null;
    for (let pageNo = 0; pageNo <= want.length / size + 1; pageNo++) {
      const page = unwrap(await api.data(query, { ...vars, first: size, after, count: pageNo === 0 }));
      const start = seen.length;
      if (pageNo === 0) expect(page.totalCount, 'totalCount').toBe(want.length);
      expect(ids(page), `forward page ${pageNo} (size ${size}) after ${start} rows`).toEqual(want.slice(start, start + size).map((r) => r.id));
      expect(page.pageInfo.hasNextPage, `hasNextPage of forward page ${pageNo}`).toBe(start + size < want.length);
      expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      seen.push(...ids(page));
      if (!page.pageInfo.hasNextPage) {
        expect(seen).toEqual(want.map((r) => r.id));
        expect(new Set(seen).size).toBe(seen.length);
        return page;
      }
      after = page.pageInfo.endCursor;
    }
    throw new Error('forward walk did not end');
  }

  async function walkBackward(query: string, vars: Record<string, unknown>, want: Row[], size: number, unwrap: (d: any) => Page) {
    const seen: number[] = [];
    let before: string | null = null;
    for (let pageNo = 0; pageNo <= want.length / size + 1; pageNo++) {
      const page = unwrap(await api.data(query, { ...vars, last: size, before, count: false }));
      const end = want.length - seen.length;
      const start = Math.max(0, end - size);
      expect(ids(page), `backward page ${pageNo} (size ${size}) ending at row ${end}`).toEqual(want.slice(start, end).map((r) => r.id));
      expect(page.pageInfo.hasPreviousPage, `hasPreviousPage of backward page ${pageNo}`).toBe(start > 0);
      expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      seen.unshift(...ids(page));
      if (!page.pageInfo.hasPreviousPage) {
        expect(seen).toEqual(want.map((r) => r.id));
        return;
      }
      before = page.pageInfo.startCursor;
    }
    throw new Error('backward walk did not end');
  }

  const topLevel = (d: any): Page => d.firs;
  const nested = (d: any): Page => d.node.firs;

  it('walking forward and backward yields every matching row exactly once, in order, with the right totalCount', async () => {
    await fc.assert(
      fc.asyncProperty(orderArb(), filterArb(), fc.integer({ min: 1, max: 25 }), async (order, filter, requested) => {
        const want = expected(filter, order ?? DEFAULT_ORDER);
        const size = Math.max(requested, Math.ceil(want.length / MAX_PAGES));
        const vars = { filter, orderBy: order };
        await walkForward(WALK, vars, want, size, topLevel);
        await walkBackward(WALK, vars, want, size, topLevel);
      }),
      { numRuns: 25, interruptAfterTimeLimit: PROPERTY_TIME_LIMIT },
    );
  });

  it('the oracle sees nulls and ties in every order (the data exercises what it should)', () => {
    expect(rows.some((r) => r.incidentFrom === null)).toBe(true);
    expect(rows.some((r) => r.firNumber === null)).toBe(true);
    for (const field of ['CREATED_AT', 'UPDATED_AT', 'INCIDENT_FROM'] as const) {
      const values = rows.map((r) => sortValue(r, field)).filter((v) => v !== null);
      expect(new Set(values).size, `ties in ${field}`).toBeLessThan(values.length);
    }
    // created_at no longer rises with id, so id order cannot stand in for CREATED_AT order
    const byCreated = expected({}, { field: 'CREATED_AT', direction: 'ASC' }).map((r) => r.id);
    expect(byCreated).not.toEqual([...byCreated].sort((a, b) => a - b));
  });

  it('a cursor from any edge, used as after/before, yields exactly the rows following/preceding it', async () => {
    await fc.assert(
      fc.asyncProperty(
        orderArb(),
        filterArb(),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        fc.integer({ min: 1, max: 30 }),
        async (order, filter, at, at2, k) => {
          const want = expected(filter, order ?? DEFAULT_ORDER);
          fc.pre(want.length > 0);
          // all cursors, 100 at a time
          const edges: Page['edges'] = [];
          let after: string | null = null;
          for (let pageNo = 0; ; pageNo++) {
            expect(pageNo, 'walk of 100-row pages does not end').toBeLessThan(rows.length / 100 + 2);
            const page = topLevel(await api.data(WALK, { filter, orderBy: order, first: 100, after, count: false }));
            edges.push(...page.edges);
            if (!page.pageInfo.hasNextPage) break;
            after = page.pageInfo.endCursor;
          }
          expect(edges.map((e) => localId(e.node.id, 'Fir'))).toEqual(want.map((r) => r.id));
          const i = Math.floor(at * want.length);
          const j = Math.floor(at2 * want.length);
          const vars = { filter, orderBy: order, count: false };

          const next = topLevel(await api.data(WALK, { ...vars, first: k, after: edges[i]!.cursor }));
          expect(ids(next), `first ${k} after #${i}`).toEqual(want.slice(i + 1, i + 1 + k).map((r) => r.id));
          expect(next.pageInfo.hasNextPage).toBe(i + 1 + k < want.length);

          const prev = topLevel(await api.data(WALK, { ...vars, last: k, before: edges[i]!.cursor }));
          expect(ids(prev), `last ${k} before #${i}`).toEqual(want.slice(Math.max(0, i - k), i).map((r) => r.id));
          expect(prev.pageInfo.hasPreviousPage).toBe(i - k > 0);

          // both bounds: the rows strictly between the two cursors
          const [lo, hi] = i <= j ? [i, j] : [j, i];
          const between = topLevel(await api.data(WALK, { ...vars, first: k, after: edges[lo]!.cursor, before: edges[hi]!.cursor }));
          expect(ids(between), `first ${k} after #${lo} before #${hi}`).toEqual(want.slice(lo + 1, Math.min(hi, lo + 1 + k)).map((r) => r.id));
        },
      ),
      { numRuns: 25, interruptAfterTimeLimit: PROPERTY_TIME_LIMIT },
    );
  });

  it('a cursor made for one order is a BAD_USER_INPUT with another order', async () => {
    await fc.assert(
      fc.asyncProperty(
        orderArb(),
        orderArb(),
        fc.constantFrom('after', 'before'),
        fc.nat({ max: 50 }),
        async (made, used, argument, index) => {
          const a = made ?? DEFAULT_ORDER;
          const b = used ?? DEFAULT_ORDER;
          fc.pre(a.field !== b.field || a.direction !== b.direction);
          const page = topLevel(await api.data(WALK, { orderBy: made, first: 51, count: false }));
          const cursor = page.edges[index]!.cursor;
          const res = await api.gql(WALK, { orderBy: used, [argument === 'after' ? 'first' : 'last']: 5, [argument]: cursor, count: false });
          expect(res.body.errors?.length, JSON.stringify(res.body)).toBe(1);
          expect(res.body.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
          expect(res.body.data ?? null).toBeNull();
          // and with the order it was made for, the same cursor is fine
          const ok = await api.gql(WALK, { orderBy: made, [argument === 'after' ? 'first' : 'last']: 5, [argument]: cursor, count: false });
          expect(ok.body.errors).toBeUndefined();
        },
      ),
      { numRuns: 30, interruptAfterTimeLimit: PROPERTY_TIME_LIMIT },
    );
  });

  it('malformed cursors are BAD_USER_INPUT, never a database error', async () => {
    const valid = topLevel(await api.data(WALK, { first: 1, count: false })).edges[0]!.cursor;
    const decoded = JSON.parse(Buffer.from(valid, 'base64url').toString('utf8'));
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const bad = [
      'not a cursor!',
      'AAAA',
      enc([]),
      enc([decoded[0], decoded[1], decoded[2], -1]),
      enc([decoded[0], decoded[1], ['not a date'], decoded[3]]),
      enc([decoded[0], decoded[1], [null], decoded[3]]), // created_at is not nullable
      enc([decoded[0], decoded[1], [], decoded[3]]),
      enc([decoded[0], decoded[1], decoded[2], 'x; drop table fir']),
      'x'.repeat(600),
    ];
    for (const cursor of bad) {
      for (const argument of ['after', 'before'] as const) {
        const res = await api.gql(WALK, { [argument === 'after' ? 'first' : 'last']: 3, [argument]: cursor, count: false });
        expect(res.body.errors?.[0]?.extensions.code, `${argument}: ${cursor}`).toBe('BAD_USER_INPUT');
      }
    }
  });

  it('search: the walk is sound, complete for whole words, ordered, and agrees with one big page and totalCount', async () => {
    const searchArb = fc
      .tuple(fc.subarray(words, { minLength: 1, maxLength: 2 }), fc.boolean(), fc.constantFrom('', ' ', '  '))
      .map(([ws, prefix, pad]) => ({ terms: ws.map((w) => (prefix && w.length > 6 ? w.slice(0, 5) : w)), pad }))
      .filter(({ terms }) => terms.every((t) => !STOPWORDS.has(t)));
    await fc.assert(
      fc.asyncProperty(
        orderArb(),
        searchArb,
        fc.option(fc.subarray([...STATUSES], { minLength: 1 }), { nil: undefined }),
        fc.integer({ min: 1, max: 25 }),
        fc.boolean(),
        async (order, { terms, pad }, statuses, requested, upper) => {
          const text = pad + terms.map((t) => (upper ? t.toUpperCase() : t)).join(' ') + pad;
          const filter: Filter = { search: text, ...(statuses ? { statuses } : {}) };
          const base = expected(statuses ? { statuses } : {}, order ?? DEFAULT_ORDER);
          const lower = terms.map((t) => t.toLowerCase());
          // sound: every word occurs somewhere in the FIR's text or its complaint's
          const loose = new Set(
            base.filter((r) => lower.every((w) => `${r.firDoc}\n${r.complaintDoc}`.toLowerCase().includes(w))).map((r) => r.id),
          );
          // complete: a FIR whose own text (or whose complaint) has every word as a plain word must be found
          const strict = base.filter((r) => [r.firDoc, r.complaintDoc].some((doc) => lower.every((w) => hasWordStartingWith(doc, w))));

          const walked: number[] = [];
          let after: string | null = null;
          let total: number | undefined;
          for (let pageNo = 0; ; pageNo++) {
            expect(pageNo).toBeLessThan(rows.length + 2);
            const size = Math.max(requested, Math.ceil(loose.size / MAX_PAGES));
            const page = topLevel(await api.data(WALK, { filter, orderBy: order, first: size, after, count: pageNo === 0 }));
            if (pageNo === 0) total = page.totalCount;
            expect(page.edges.length).toBeLessThanOrEqual(size);
            if (page.pageInfo.hasNextPage) expect(page.edges.length).toBe(size);
            walked.push(...ids(page));
            if (!page.pageInfo.hasNextPage) break;
            after = page.pageInfo.endCursor;
          }
          expect(new Set(walked).size, 'no FIR twice').toBe(walked.length);
          for (const id of walked) expect(loose.has(id), `FIR ${id} does not contain ${JSON.stringify(terms)}`).toBe(true);
          const walkedSet = new Set(walked);
          for (const r of strict) expect(walkedSet.has(r.id), `FIR ${r.id} contains ${JSON.stringify(terms)} but was not found`).toBe(true);
          // in order: the oracle order restricted to what was found
          expect(walked).toEqual(base.filter((r) => walkedSet.has(r.id)).map((r) => r.id));
          expect(total).toBe(walked.length);
          const big = topLevel(await api.data(WALK, { filter, orderBy: order, first: 100, count: false }));
          expect(ids(big)).toEqual(walked.slice(0, 100));
        },
      ),
      { numRuns: 25, interruptAfterTimeLimit: PROPERTY_TIME_LIMIT },
    );
  });

  it('createdFrom is inclusive and createdTo exclusive, to the millisecond, with any UTC offset', async () => {
    // the busiest instant (a tie made by perturb) and a few ordinary ones
    const counts = new Map<number, number>();
    for (const r of rows) counts.set(r.createdAt, (counts.get(r.createdAt) ?? 0) + 1);
    const busiest = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    for (const t of [busiest, createdTimes[0]!, createdTimes[Math.floor(createdTimes.length / 2)]!, createdTimes.at(-1)!]) {
      for (const offset of [0, 330]) {
        const cases: Array<[Filter, number[]]> = [
          [{ createdFrom: isoWithOffset(t, offset), createdTo: isoWithOffset(t + 1, offset) }, [t]],
          [{ createdFrom: isoWithOffset(t, offset), createdTo: isoWithOffset(t, offset) }, []],
          [{ createdFrom: isoWithOffset(t + 1, offset), createdTo: isoWithOffset(t + 2, offset) }, []],
          [{ createdFrom: isoWithOffset(t - 1, offset), createdTo: isoWithOffset(t, offset) }, []],
        ];
        for (const [filter, instants] of cases) {
          const want = rows.filter((r) => instants.includes(r.createdAt)).sort(compare(DEFAULT_ORDER));
          const page = topLevel(await api.data(WALK, { filter, first: 100, count: true }));
          expect(ids(page), JSON.stringify(filter)).toEqual(want.map((r) => r.id));
          expect(page.totalCount).toBe(want.length);
        }
      }
    }
    expect(counts.get(busiest)).toBeGreaterThan(1);
  });

  it('search with nothing searchable (only punctuation) matches nothing', async () => {
    for (const search of ['', '   ', '!!!', '"*+-<>()~@']) {
      const page = topLevel(await api.data(WALK, { filter: { search }, first: 5, count: true }));
      expect(page.edges, JSON.stringify(search)).toEqual([]);
      expect(page.totalCount).toBe(0);
    }
  });

  it("PoliceStation.firs: walking every station's FIRs yields them newest first, exactly once", async () => {
    for (const gid of stationGids) {
      const want = expected({}, DEFAULT_ORDER, localId(gid, 'PoliceStation'));
      await walkForward(STATION_WALK, { id: gid }, want, 4, nested);
    }
  });

  it('PoliceStation.firs: random stations, filters and page sizes walk forward and backward in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...stationGids),
        filterArb().map(({ stationIds: _ignored, ...f }) => f),
        fc.integer({ min: 1, max: 8 }),
        async (gid, filter, size) => {
          const want = expected(filter, DEFAULT_ORDER, localId(gid, 'PoliceStation'));
          await walkForward(STATION_WALK, { id: gid, filter }, want, size, nested);
          await walkBackward(STATION_WALK, { id: gid, filter }, want, size, nested);
        },
      ),
      { numRuns: 30, interruptAfterTimeLimit: PROPERTY_TIME_LIMIT },
    );
  });

  it('PoliceStation.firs for a whole page of stations in one request: each page and totalCount per station, before and after a cursor', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 6 }),
        fc.option(fc.subarray([...STATUSES], { minLength: 1 }), { nil: undefined }),
        fc.nat(),
        async (first, statuses, pick) => {
          const filter: Filter = statuses ? { statuses } : {};
          const d0 = await api.data(ALL_STATIONS_FIRS, { first, filter });
          const check = (d: any, after: Row | null) => {
            expect(d.stations.edges.map((e: any) => e.node.id)).toEqual(stationGids);
            for (const e of d.stations.edges) {
              const all = expected(filter, DEFAULT_ORDER, localId(e.node.id, 'PoliceStation'));
              const cmp = compare(DEFAULT_ORDER);
              const following = after ? all.filter((r) => cmp(r, after) > 0) : all;
              expect(e.node.firs.totalCount).toBe(all.length);
              expect(ids(e.node.firs), `station ${e.node.id}`).toEqual(following.slice(0, first).map((r) => r.id));
              expect(e.node.firs.pageInfo.hasNextPage).toBe(following.length > first);
            }
          };
          check(d0, null);
          // a cursor of one station's edge, used for every station: each yields its rows after that position
          const cursors = d0.stations.edges.flatMap((e: any) => e.node.firs.edges) as Page['edges'];
          fc.pre(cursors.length > 0);
          const edge = cursors[pick % cursors.length]!;
          const row = rows.find((r) => r.id === localId(edge.node.id, 'Fir'))!;
          check(await api.data(ALL_STATIONS_FIRS, { first, filter, after: edge.cursor }), row);
        },
      ),
      { numRuns: 25, interruptAfterTimeLimit: PROPERTY_TIME_LIMIT },
    );
  });

  it('PoliceStation.firs with filter.stationIds: the filter narrows the station\'s FIRs like any other filter', async () => {
    const [a, b] = stationGids;
    for (const stationIds of [[b!], [a!, b!], []]) {
      const want = stationIds.includes(a!) ? expected({}, DEFAULT_ORDER, localId(a!, 'PoliceStation')) : [];
      const page = nested(await api.data(STATION_WALK, { id: a, first: 100, filter: { stationIds }, count: true }));
      expect.soft(page.totalCount, `totalCount with ${JSON.stringify(stationIds)}`).toBe(want.length);
      expect.soft(ids(page), `edges with ${JSON.stringify(stationIds)}`).toEqual(want.map((r) => r.id));
    }
  });

  it('first/last out of range, or both at once, are BAD_USER_INPUT', async () => {
    for (const vars of [{ first: -1 }, { first: 101 }, { last: 101 }, { last: -5 }, { first: 2, last: 2 }]) {
      const res = await api.gql(WALK, { ...vars, count: false });
      expect(res.body.errors?.[0]?.extensions.code, JSON.stringify(vars)).toBe('BAD_USER_INPUT');
    }
    for (const vars of [{ first: 101 }, { first: 1, last: 1 }]) {
      const res = await api.gql(STATION_WALK, { id: stationGids[0], ...vars, count: false });
      expect(res.body.errors?.[0]?.extensions.code, JSON.stringify(vars)).toBe('BAD_USER_INPUT');
    }
    const full = topLevel(await api.data(WALK, { first: 100, count: true }));
    expect(full.edges.length).toBe(Math.min(100, rows.length));
    const zero = topLevel(await api.data(WALK, { first: 0, count: true }));
    expect(zero.edges).toEqual([]);
    expect(zero.totalCount).toBe(rows.length);
  });
});

/** Makes ties, out-of-id-order created_at values and null incident times in the seeded rows. */
async function perturb(db: TestDb): Promise<void> {
  const all = await db.db.selectFrom('fir').select(['id', 'created_at', 'updated_at', 'incident_from']).orderBy('id').execute();
  const n = all.length;
  const anchorsAt = (col: 'created_at' | 'updated_at' | 'incident_from') =>
    [0.05, 0.2, 0.4, 0.55, 0.7, 0.9].map((p) => all[Math.floor(p * (n - 1))]![col] as Date);
  const groups = <T>(anchors: T[], pick: (i: number) => boolean) => {
    const out = anchors.map(() => [] as number[]);
    all.forEach((r, i) => {
      if (pick(i)) out[(i * 7) % anchors.length]!.push(Number(r.id));
    });
    return out;
  };
  const set = async (col: 'created_at' | 'updated_at' | 'incident_from', anchors: Array<Date | null>, pick: (i: number) => boolean) => {
    const gs = groups(anchors, pick);
    for (const [k, idList] of gs.entries()) {
      if (idList.length) await db.db.updateTable('fir').set({ [col]: anchors[k] } as any).where('id', 'in', idList).execute();
    }
  };
  await set('created_at', anchorsAt('created_at'), (i) => i % 10 === 3);
  await set('updated_at', anchorsAt('updated_at'), (i) => i % 8 === 5);
  await set('incident_from', anchorsAt('incident_from'), (i) => i % 9 === 2);
  await set('incident_from', [null], (i) => i % 6 === 0);
  db.queries.length = 0;
}

/** ASCII words of 5+ letters from the summaries, narratives and complaints, as the search property's pool. */
function searchWords(rows: Row[]): string[] {
  const count = new Map<string, number>();
  for (const r of rows) {
    for (const doc of [r.firDoc, r.complaintDoc]) {
      for (const token of plainWords(doc)) {
        const w = token.toLowerCase();
        if (w.length >= 5 && w.length <= 14 && !STOPWORDS.has(w)) count.set(w, (count.get(w) ?? 0) + 1);
      }
    }
  }
  // words that are neither everywhere nor unique make the most telling searches, but keep some of each
  return [...count.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .filter((_, i) => i % 3 === 0)
    .slice(0, 120)
    .map(([w]) => w);
}

/** Whitespace-separated tokens that, without surrounding punctuation, are plain ASCII words. */
function plainWords(doc: string): string[] {
  return doc
    .split(/\s+/)
    .map((t) => t.replace(/^[("'“‘[]+|[)"'”’\].,;:!?]+$/g, ''))
    .filter((t) => /^[A-Za-z]+$/.test(t));
}

function hasWordStartingWith(doc: string, prefix: string): boolean {
  return plainWords(doc).some((t) => t.toLowerCase().startsWith(prefix));
}
