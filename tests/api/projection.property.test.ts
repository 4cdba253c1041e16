/**
 * Projection: the statement that reads the `fir` table selects exactly the columns the selected
 * fields need, plus the keys (`id`, the sort column of the order, and `station_id` for the
 * per-station connection), plus, when `complainant` is selected, `station_id` and `submitted_by`
 * (who may see its private fields, issue 13) — no more, no less — whatever the shape of the document (fragments,
 * inline fragments, aliases, the same field selected twice with different sub-selections).
 *
 * The field -> column table below is written independently of src/graphql/schema/fir.ts.
 * Values are checked too, against the row read directly, so a field mapped to the wrong column
 * fails even when the column set happens to be right.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/graphql/limits.ts';
import { testApp } from '../helpers/app.ts';
import type { TestDb } from '../helpers/db.ts';
import { dialects, seededDb } from '../helpers/fixtures.ts';

/**
 * A property stops (keeping any counterexample found so far, shrunk as far as it got) after this
 * long, well inside the 60 s test timeout: a failing walk shrinks slowly, and a property still
 * running after its test timed out would slow every test after it.
 */
const PROPERTY_TIME_LIMIT = 25_000;

/** Scalar fields of Fir and the fir columns each reads. */
const FIR_FIELDS: Record<string, string[]> = {
  id: [],
  __typename: [],
  firNumber: ['fir_number'],
  status: ['status'],
  summary: ['summary'],
  narrative: ['narrative'],
  acts: ['acts'],
  version: ['version'],
  createdAt: ['created_at'],
  updatedAt: ['updated_at'],
  registeredAt: ['registered_at'],
};
const PERSON_LISTS: Record<string, string> = { suspects: 'suspects', witnesses: 'witnesses' };
const PERSON_FIELDS = ['name', 'description', 'address'];
const COMPLAINANT: Record<string, string> = {
  name: 'complainant_name',
  dateOfBirth: 'complainant_dob',
  nationality: 'complainant_nationality',
  fatherOrHusbandName: 'complainant_father_or_husband_name',
  address: 'complainant_address',
  contact: 'complainant_contact',
  passportNumber: 'complainant_passport_number',
  occupation: 'complainant_occupation',
};
const INCIDENT: Record<string, string> = {
  occurredFrom: 'incident_from',
  occurredTo: 'incident_to',
  place: 'incident_place',
  address: 'incident_address',
  description: 'incident_description',
  delayReason: 'incident_delay_reason',
};
const INVESTIGATION: Record<string, string> = {
  status: 'investigation_status',
  actionTaken: 'investigation_action_taken',
  dateOfDespatch: 'investigation_despatch_date',
};
/** Relations: the foreign key the fir row needs (none for relations keyed by the fir's id). */
const RELATIONS: Record<string, { text: string; columns: string[] }> = {
  station: { text: 'station { id }', columns: ['station_id'] },
  complaint: { text: 'complaint { id }', columns: ['complaint_id'] },
  createdBy: { text: 'createdBy { id }', columns: ['created_by'] },
  investigationOfficer: { text: 'investigation { officer { id } }', columns: ['investigation_officer_id'] },
  sections: { text: 'sections { confidence }', columns: [] },
  latestJob: { text: 'latestJob { id }', columns: [] },
};
/** the fir columns a selected complainant reads besides its own fields (issue 13: private-field access) */
const COMPLAINANT_ACCESS = ['station_id', 'submitted_by'];
const DATE_TIME = new Set(['createdAt', 'updatedAt', 'registeredAt', 'occurredFrom', 'occurredTo']);

const ORDERS = {
  CREATED_AT: 'created_at',
  UPDATED_AT: 'updated_at',
  INCIDENT_FROM: 'incident_from',
  FIR_NUMBER: 'fir_number',
} as const;
type OrderField = keyof typeof ORDERS;

interface Selection {
  scalars: string[];
  persons: Array<[string, string[]]>;
  complainant: string[] | null;
  incident: string[] | null;
  investigation: string[] | null;
  relations: string[];
}

const subset = <T,>(xs: readonly T[]) => fc.subarray([...xs]);

const selectionArb: fc.Arbitrary<Selection> = fc.record({
  scalars: subset(Object.keys(FIR_FIELDS)),
  persons: fc.subarray(Object.keys(PERSON_LISTS)).chain((lists) =>
    fc.tuple(...lists.map((l) => fc.tuple(fc.constant(l), fc.subarray(PERSON_FIELDS, { minLength: 1 })))),
  ) as fc.Arbitrary<Array<[string, string[]]>>,
  complainant: fc.option(subset(Object.keys(COMPLAINANT)), { nil: null }),
  incident: fc.option(subset(Object.keys(INCIDENT)), { nil: null }),
  investigation: fc.option(subset(Object.keys(INVESTIGATION)), { nil: null }),
  relations: fc.subarray(Object.keys(RELATIONS), { maxLength: 3 }),
});

/** The fir columns a selection needs, by the table above (keys not included). */
function expectedColumns(s: Selection): Set<string> {
  const out = new Set<string>();
  for (const f of s.scalars) for (const c of FIR_FIELDS[f]!) out.add(c);
  for (const [l] of s.persons) out.add(PERSON_LISTS[l]!);
  for (const f of s.complainant ?? []) out.add(COMPLAINANT[f]!);
  // Since issue 13 the complainant also reads the FIR's station and submitter: whether the viewer
  // may see contact, passportNumber and dateOfBirth (src/graphql/authz.ts), even for `{ __typename }`.
  if (s.complainant !== null) for (const c of COMPLAINANT_ACCESS) out.add(c);
  for (const f of s.incident ?? []) out.add(INCIDENT[f]!);
  for (const f of s.investigation ?? []) out.add(INVESTIGATION[f]!);
  for (const r of s.relations) for (const c of RELATIONS[r]!.columns) out.add(c);
  return out;
}

/** Selection items as text; an empty object selection becomes `{ __typename }` (reads nothing). */
function items(s: Selection): string[] {
  const obj = (name: string, fields: string[] | null) => (fields === null ? [] : [`${name} { ${fields.length ? fields.join(' ') : '__typename'} }`]);
  return [
    ...s.scalars,
    ...s.persons.map(([l, fs]) => `${l} { ${fs.join(' ')} }`),
    ...obj('complainant', s.complainant),
    ...obj('incident', s.incident),
    ...obj('investigation', s.investigation),
    ...s.relations.map((r) => RELATIONS[r]!.text),
  ];
}

interface Shape {
  /** how each item is placed: 0 directly, 1 in a named fragment, 2 in an inline fragment */
  placement: number[];
  /** selected a second time under an alias */
  aliased: boolean[];
}

const shapeArb = fc.record({
  placement: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 40, maxLength: 40 }),
  aliased: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
});

/** The Fir selection set, plus any fragment definitions it uses. */
function render(s: Selection, shape: Shape): { body: string; fragments: string } {
  const direct: string[] = [];
  const named: string[] = [];
  const inline: string[] = [];
  items(s).forEach((item, i) => {
    const target = [direct, named, inline][shape.placement[i % 40]!]!;
    target.push(item);
    // an aliased duplicate: for object fields, the same field under another name with the same selection
    if (shape.aliased[i % 40] && !item.startsWith('__typename')) target.push(`a${i}: ${item}`);
  });
  // `key: id` to match each FIR to its row; id is a key, so this adds no column
  direct.push('key: id');
  const body = [...direct, ...(named.length ? ['...FirFields'] : []), ...(inline.length ? [`... on Fir { ${inline.join(' ')} }`] : [])].join(' ');
  return { body, fragments: named.length ? `fragment FirFields on Fir { ${named.join(' ')} }` : '' };
}

type Entry = 'firs' | 'firsNoNodes' | 'node' | 'nodes' | 'firByNumber' | 'stationFirs';
const ENTRIES: Entry[] = ['firs', 'firsNoNodes', 'node', 'nodes', 'firByNumber', 'stationFirs'];

/** Every `select <list> from fir` in a statement (union branches each have one), as column lists. */
function firSelectLists(sql: string): string[][] {
  const out: string[][] = [];
  for (const m of sql.matchAll(/\bselect\s+([^()]+?)\s+from\s+[`"]fir[`"](?=[\s)]|$)/gi)) {
    out.push(
      m[1]!.split(/\s*,\s*/).map((item) => {
        const col = /^[`"]fir[`"]\.[`"]([a-z_]+)[`"]$/.exec(item.trim());
        if (!col) throw new Error(`unexpected select item ${JSON.stringify(item)} in: ${sql}`);
        return col[1]!;
      }),
    );
  }
  return out;
}

describe.each(dialects)('FIR projection: exactly the columns the selection needs (%s)', (name) => {
  let db: TestDb;
  let api: ReturnType<typeof testApp>;
  let rowsById: Map<number, Record<string, any>>;
  let firGids: string[];
  let firNumber: string;

  beforeAll(async () => {
    db = await seededDb(name);
    // Every item may be selected twice under an alias (up to ~20 aliases): over the default alias
    // limit, which is not what this tests; the other limits stay the defaults.
    api = testApp(db, { limits: { ...DEFAULT_LIMITS, maxAliases: 100 } });
    // Fill the optional columns on a few FIRs, so that values are checked on non-null data too.
    const some = await db.db.selectFrom('fir').select('id').orderBy('id', 'desc').limit(5).execute();
    await db.db
      .updateTable('fir')
      .set({
        complainant_passport_number: 'P1234567',
        complainant_nationality: 'Indian',
        incident_delay_reason: 'Complainant was in hospital',
        investigation_status: 'Under investigation',
        investigation_action_taken: 'Case registered and investigation taken up',
        investigation_despatch_date: '2025-01-02',
        suspects: JSON.stringify([{ name: 'Ravi', description: 'tall', address: null }, { name: null, description: 'unknown man' }]),
        witnesses: JSON.stringify([{ name: 'Meena', address: 'Pune' }]),
      })
      .where(
        'id',
        'in',
        some.map((r) => r.id),
      )
      .execute();
    const all = await db.db.selectFrom('fir').selectAll().execute();
    rowsById = new Map(all.map((r) => [Number(r.id), r]));
    const d = await api.data(`{ firs(first: 5) { edges { node { id } } } r: firs(first: 1, filter: { statuses: [REGISTERED] }) { edges { node { firNumber } } } }`);
    firGids = d.firs.edges.map((e: any) => e.node.id);
    firNumber = d.r.edges[0].node.firNumber;
  });

  afterAll(async () => {
    await db?.drop();
  });

  function localId(gid: string): number {
    const m = /^Fir:(\d+)$/.exec(Buffer.from(gid, 'base64url').toString('utf8'));
    if (!m) throw new Error(`not a Fir id: ${gid}`);
    return Number(m[1]);
  }

  /** The value a field must have, read from the raw row. */
  function expectValue(fir: Record<string, any>, s: Selection) {
    const row = rowsById.get(localId(fir.key))!;
    const date = (v: unknown) => (v == null ? null : new Date(v as any).getTime());
    const check = (field: string, got: unknown, raw: unknown) => {
      if (DATE_TIME.has(field)) expect(got == null ? null : Date.parse(got as string), field).toBe(date(raw));
      else expect(got, field).toEqual(raw ?? null);
    };
    for (const f of s.scalars) {
      if (f === 'id' || f === '__typename') continue;
      const col = FIR_FIELDS[f]![0]!;
      check(f, fir[f], f === 'acts' ? JSON.parse(row[col]) : row[col]);
    }
    for (const [l, fs] of s.persons) {
      const people = JSON.parse(row[PERSON_LISTS[l]!]) as Array<Record<string, string | null>>;
      expect(fir[l], l).toEqual(people.map((p) => Object.fromEntries(fs.map((k) => [k, p[k] ?? null]))));
    }
    for (const [obj, map, fs] of [
      ['complainant', COMPLAINANT, s.complainant],
      ['incident', INCIDENT, s.incident],
      ['investigation', INVESTIGATION, s.investigation],
    ] as const) {
      for (const f of fs ?? []) check(f, fir[obj][f], row[map[f]!]);
    }
  }

  function entryQuery(entry: Entry, sel: { body: string; fragments: string }, order: OrderField | null) {
    const orderArg = order ? `, orderBy: { field: ${order}, direction: DESC }` : '';
    switch (entry) {
      case 'firs':
        return `{ firs(first: 5${orderArg}) { edges { node { ${sel.body} } } } } ${sel.fragments}`;
      case 'firsNoNodes':
        return `{ firs(first: 5${orderArg}) { totalCount pageInfo { hasNextPage endCursor } } }`;
      case 'node':
        return `query($id: ID!) { node(id: $id) { ... on Fir { ${sel.body} } } } ${sel.fragments}`;
      case 'nodes':
        return `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Fir { ${sel.body} } } } ${sel.fragments}`;
      case 'firByNumber':
        return `query($n: String!) { firByNumber(number: $n) { ${sel.body} } } ${sel.fragments}`;
      case 'stationFirs':
        return `{ stations(first: 3) { edges { node { firs(first: 2) { edges { node { ${sel.body} } } } } } } } ${sel.fragments}`;
    }
  }

  function keys(entry: Entry, order: OrderField | null): string[] {
    switch (entry) {
      case 'firs':
      case 'firsNoNodes':
        return ['id', ORDERS[order ?? 'CREATED_AT']];
      case 'stationFirs':
        // newest first per station; the station key groups the rows of the one statement
        return ['id', 'created_at', 'station_id'];
      default:
        return ['id'];
    }
  }

  function firsOf(entry: Entry, data: any): any[] {
    switch (entry) {
      case 'firs':
        return data.firs.edges.map((e: any) => e.node);
      case 'firsNoNodes':
        return [];
      case 'node':
        return [data.node];
      case 'nodes':
        return data.nodes;
      case 'firByNumber':
        return [data.firByNumber];
      case 'stationFirs':
        return data.stations.edges.flatMap((e: any) => e.node.firs.edges.map((f: any) => f.node));
    }
  }

  it('the fir statement selects exactly the mapped columns plus the keys, and the values are right', async () => {
    await fc.assert(
      fc.asyncProperty(
        selectionArb,
        shapeArb,
        fc.constantFrom(...ENTRIES),
        fc.option(fc.constantFrom(...(Object.keys(ORDERS) as OrderField[])), { nil: null }),
        async (s, shape, entry, order) => {
          const sel = render(s, shape);
          const query = entryQuery(entry, sel, order);
          const res = await api.gql(query, { id: firGids[0], ids: firGids.slice(0, 3), n: firNumber });
          expect(res.body.errors, `${query}\n${JSON.stringify(res.body.errors)}`).toBeUndefined();
          const lists = db.queries.flatMap(firSelectLists);
          expect(lists.length, `no statement reads the fir table:\n${query}\n${db.queries.join('\n')}`).toBeGreaterThan(0);
          const want = [...new Set([...(entry === 'firsNoNodes' ? [] : expectedColumns(s)), ...keys(entry, order)])].sort();
          for (const list of lists) {
            expect(new Set(list).size, `duplicate column in ${list}`).toBe(list.length);
            expect([...list].sort(), `${query}\n-- statements:\n${db.queries.join('\n')}`).toEqual(want);
          }
          const firs = firsOf(entry, res.body.data);
          if (entry !== 'firsNoNodes') expect(firs.length).toBeGreaterThan(0);
          for (const fir of firs) expectValue(fir, s);
        },
      ),
      { numRuns: 40, interruptAfterTimeLimit: PROPERTY_TIME_LIMIT },
    );
  });

  it('a selection of only the id reads only the keys; everything reads every mapped column', async () => {
    const none: Selection = { scalars: ['id'], persons: [], complainant: null, incident: null, investigation: null, relations: [] };
    const all: Selection = {
      scalars: Object.keys(FIR_FIELDS),
      persons: Object.keys(PERSON_LISTS).map((l) => [l, PERSON_FIELDS]),
      complainant: Object.keys(COMPLAINANT),
      incident: Object.keys(INCIDENT),
      investigation: Object.keys(INVESTIGATION),
      relations: Object.keys(RELATIONS),
    };
    const flat: Shape = { placement: new Array(40).fill(0), aliased: new Array(40).fill(false) };
    for (const entry of ENTRIES) {
      for (const s of [none, all]) {
        const query = entryQuery(entry, render(s, flat), null);
        const res = await api.gql(query, { id: firGids[1], ids: firGids, n: firNumber });
        expect(res.body.errors).toBeUndefined();
        const lists = db.queries.flatMap(firSelectLists);
        const want = [...new Set([...(entry === 'firsNoNodes' ? [] : expectedColumns(s)), ...keys(entry, null)])].sort();
        expect(lists.length).toBeGreaterThan(0);
        for (const list of lists) expect([...list].sort(), `${entry}: ${query}`).toEqual(want);
        for (const fir of firsOf(entry, res.body.data)) expectValue(fir, s);
      }
    }
  });

  it('the column parser understands both quoting styles and rejects anything but plain fir columns', () => {
    expect(firSelectLists('select "fir"."id", "fir"."status" from "fir" where "fir"."id" in ($1)')).toEqual([['id', 'status']]);
    expect(firSelectLists('select `fir`.`id`, `fir`.`fir_number` from `fir` order by `fir`.`id` limit ?')).toEqual([['id', 'fir_number']]);
    expect(
      firSelectLists(
        '((select "fir"."id", "fir"."station_id" from "fir" where "fir"."id" in (select "fir_section"."fir_id" from "fir_section") limit $1)) union all ((select "fir"."id", "fir"."station_id" from "fir" limit $2))',
      ),
    ).toEqual([
      ['id', 'station_id'],
      ['id', 'station_id'],
    ]);
    expect(firSelectLists('select "fir_section"."fir_id" from "fir_section"')).toEqual([]);
    expect(() => firSelectLists('select "fir".* from "fir"')).toThrow();
    expect(() => firSelectLists('select "fir"."id", "fir"."summary" as "s" from "fir"')).toThrow();
  });
});
