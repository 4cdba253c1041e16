/**
 * SQL statement budgets: a page of FIRs with its relations costs a small, fixed number of
 * statements, independent of the page size (DataLoader batching, no N+1), and no statement ever
 * selects `*`. Checked both on `extensions.sqlStatements` (what the app counts) and on the
 * statements the database actually received (`db.queries`).
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

const PAGE = /* GraphQL */ `
  query Page($first: Int!) {
    firs(first: $first) {
      edges {
        node {
          id
          firNumber
          status
          station { name }
          sections { confidence section { number title } }
          createdBy { name }
        }
      }
    }
  }
`;

/** `select *`, `select distinct *`, `t.*` / `"t".*` / `` `t`.* ``, or a bare `*` item in a select list. */
const STAR = /\bselect\s+(?:distinct\s+)?\*|[`"\w]\s*\.\s*\*|,\s*\*\s*(?:,|\bfrom\b)/i;

/** The table a statement reads first (`from "x"` / `` from `x` ``). */
function tableOf(sql: string): string {
  return /\bfrom\s+[`"]?(\w+)[`"]?/i.exec(sql)?.[1] ?? '?';
}

// ---- random nested selections ------------------------------------------------------------

interface FirSel {
  text: string;
  /** statements this selection may add per occurrence: one per relation loaded */
  relations: number;
}

const SCALARS = ['id', 'firNumber', 'status', 'summary', 'version', 'createdAt', 'acts', 'complainant { name }', 'incident { place occurredFrom }'];

/** Relation fields of Fir, each with the statements it may cost. */
const RELATIONS: Array<[string, fc.Arbitrary<{ text: string; cost: number }>]> = [
  ['station', fc.constantFrom({ text: 'station { name }', cost: 1 }, { text: 'station { id code district }', cost: 1 })],
  ['complaint', fc.constantFrom({ text: 'complaint { source text }', cost: 1 }, { text: 'complaint { id receivedAt }', cost: 1 })],
  [
    'createdBy',
    fc.constantFrom(
      { text: 'createdBy { name rank }', cost: 1 },
      { text: 'createdBy { badgeNumber station { name } }', cost: 2 },
    ),
  ],
  [
    'sections',
    fc.constantFrom(
      { text: 'sections { confidence source }', cost: 1 },
      { text: 'sections { confidence section { number title } }', cost: 1 },
      { text: 'sections { section { id act punishment } }', cost: 1 },
    ),
  ],
  ['latestJob', fc.constantFrom({ text: 'latestJob { status progress }', cost: 1 }, { text: 'latestJob { id stage queuedAt }', cost: 1 })],
  [
    'investigation',
    fc.constantFrom(
      { text: 'investigation { status actionTaken }', cost: 0 },
      { text: 'investigation { officer { name } }', cost: 1 },
      { text: 'investigation { status officer { name rank } }', cost: 1 },
    ),
  ],
];

const firSelArb: fc.Arbitrary<FirSel> = fc
  .tuple(
    fc.subarray(SCALARS, { minLength: 1 }),
    fc.tuple(...RELATIONS.map(([, arb]) => fc.option(arb, { nil: null }))),
    fc.boolean(),
  )
  .map(([scalars, rels, viaFragment]) => {
    const chosen = rels.filter((r): r is { text: string; cost: number } => r !== null);
    const body = [...scalars, ...chosen.map((r) => r.text)];
    // sometimes through an inline fragment, which must cost the same
    const text = viaFragment ? `... on Fir { ${body.join(' ')} }` : body.join(' ');
    return { text, relations: chosen.reduce((n, r) => n + r.cost, 0) };
  });

interface Doc {
  query: string;
  /** 1 per list, 1 per relation field occurrence, 1 per totalCount */
  bound: number;
}

const docArb: fc.Arbitrary<Doc> = fc
  .record({
    firs: fc.option(
      fc.record({
        first: fc.integer({ min: 1, max: 100 }),
        totalCount: fc.boolean(),
        order: fc.constantFrom('', 'orderBy: { field: FIR_NUMBER, direction: ASC }', 'orderBy: { field: INCIDENT_FROM, direction: DESC }'),
        sel: firSelArb,
      }),
      { nil: null },
    ),
    stations: fc.option(
      fc.record({
        first: fc.integer({ min: 1, max: 12 }),
        totalCount: fc.boolean(),
        firs: fc.option(fc.record({ first: fc.integer({ min: 1, max: 10 }), totalCount: fc.boolean(), sel: firSelArb }), { nil: null }),
        officers: fc.option(fc.constantFrom('officers { name }', 'officers { name rank station { code } }'), { nil: null }),
      }),
      { nil: null },
    ),
    nodes: fc.option(fc.record({ sel: firSelArb }), { nil: null }),
  })
  .filter((d) => d.firs !== null || d.stations !== null || d.nodes !== null)
  .map(({ firs, stations, nodes }) => {
    const parts: string[] = [];
    let bound = 0;
    if (firs) {
      parts.push(`firs(first: ${firs.first} ${firs.order ? `, ${firs.order}` : ''}) { ${firs.totalCount ? 'totalCount' : ''} edges { node { ${firs.sel.text} } } }`);
      bound += 1 + firs.sel.relations + (firs.totalCount ? 1 : 0);
    }
    if (stations) {
      const nested = stations.firs
        ? `firs(first: ${stations.firs.first}) { ${stations.firs.totalCount ? 'totalCount' : ''} edges { node { ${stations.firs.sel.text} } } }`
        : '';
      parts.push(
        `stations(first: ${stations.first}) { ${stations.totalCount ? 'totalCount' : ''} edges { node { name ${nested} ${stations.officers ?? ''} } } }`,
      );
      bound += 1 + (stations.totalCount ? 1 : 0);
      if (stations.firs) bound += 1 + stations.firs.sel.relations + (stations.firs.totalCount ? 1 : 0);
      if (stations.officers) bound += stations.officers.includes('station') ? 2 : 1;
    }
    if (nodes) {
      parts.push(`nodes(ids: $ids) { ... on Fir { ${nodes.sel.text} } }`);
      bound += 1 + nodes.sel.relations;
    }
    const query = `query Q${nodes ? '($ids: [ID!]!)' : ''} { ${parts.join('\n')} }`;
    return { query, bound };
  });

describe.each(dialects)('SQL statements per request (%s)', (name) => {
  let db: TestDb;
  let api: ReturnType<typeof testApp>;
  let firIds: string[];
  /** every statement of every request made through `run` in this file */
  const seen: string[] = [];

  beforeAll(async () => {
    db = await seededDb(name);
    // Pages of 100 FIRs with their sections, 20 stations of 10 FIRs: estimated costs over the
    // default limit of 5,000, which is not what this tests; the other limits stay the defaults.
    api = testApp(db, { limits: { ...DEFAULT_LIMITS, maxCost: 1_000_000 } });
    // A few generation jobs, so that latestJob has rows to batch (the seed has none).
    const firRows = await db.db.selectFrom('fir').select('id').orderBy('id').limit(40).execute();
    const now = new Date();
    await db.db
      .insertInto('generation_job')
      .values(
        firRows.flatMap((f, i) =>
          Array.from({ length: (i % 3) + 1 }, (_, k) => ({
            fir_id: f.id,
            status: k === i % 3 ? 'SUCCEEDED' : 'FAILED',
            stage: k === i % 3 ? 'DONE' : 'DRAFT_NARRATIVE',
            progress: k === i % 3 ? 1 : 0.5,
            attempts: 1,
            priority: 'NORMAL',
            queued_at: now,
          })),
        ),
      )
      .execute();
    const d = await api.data(`{ firs(first: 100) { edges { node { id } } } }`);
    firIds = d.firs.edges.map((e: any) => e.node.id);
    expect(firIds.length).toBe(100);
  });

  afterAll(async () => {
    await db?.drop();
  });

  /** Runs an operation, fails on errors, and returns the reported count and the statements executed. */
  async function run(query: string, variables?: Record<string, unknown>) {
    const res = await api.gql(query, variables);
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
    const queries = [...db.queries];
    seen.push(...queries);
    const reported = res.body.extensions?.sqlStatements;
    expect(typeof reported, 'extensions.sqlStatements is present').toBe('number');
    return { data: res.body.data, reported: reported as number, queries };
  }

  /** Both the statements the database received and the count the app reports stay within `bound`. */
  function expectAtMost(r: { reported: number; queries: string[] }, bound: number, what = '') {
    const listing = `${what}\n-- statements:\n${r.queries.join('\n')}`;
    expect(r.queries.length, `statements executed${listing}`).toBeLessThanOrEqual(bound);
    expect(r.reported, `extensions.sqlStatements (${r.queries.length} executed)${listing}`).toBeLessThanOrEqual(bound);
  }

  it('extensions.sqlStatements equals the number of statements the database received', async () => {
    const ops = [
      PAGE,
      `{ firs(first: 5, filter: { search: "theft" }) { totalCount edges { node { id } } } }`,
      `{ stations(first: 1) { edges { node { name firs(first: 1) { edges { node { createdAt } } } } } } }`,
      `{ stations(first: 20) { totalCount edges { node { firs(first: 3) { totalCount edges { node { id station { name } } } } } } } }`,
      `{ firStats(groupBy: SECTION) { key count } }`,
    ];
    for (const query of ops) {
      const r = await run(query, { first: 100 });
      expect.soft(r.reported, `${query}\n-- statements:\n${r.queries.join('\n')}`).toBe(r.queries.length);
    }
  });

  it('a 100-FIR page with station, sections (with their legal section) and createdBy takes at most 5 statements', async () => {
    const r = await run(PAGE, { first: 100 });
    const { data, queries } = r;
    expect(data.firs.edges).toHaveLength(100);
    expect(data.firs.edges.every((e: any) => e.node.station.name && e.node.sections.length > 0)).toBe(true);
    expectAtMost(r, 5);
    // one statement per table: every relation is batched over the whole page
    const perTable = new Map<string, number>();
    for (const q of queries) perTable.set(tableOf(q), (perTable.get(tableOf(q)) ?? 0) + 1);
    for (const [table, n] of perTable) expect(n, `statements on ${table}`).toBe(1);
  });

  it('the statement count does not depend on the page size', async () => {
    const executed = new Map<number, number>();
    const reported = new Map<number, number>();
    for (const first of [1, 10, 37, 100]) {
      const r = await run(PAGE, { first });
      executed.set(first, r.queries.length);
      reported.set(first, r.reported);
    }
    expect(executed.get(10)).toBe(executed.get(100));
    expect(reported.get(10)).toBe(reported.get(100));
    expect(new Set(executed.values()).size, JSON.stringify([...executed])).toBe(1);
    expect(new Set(reported.values()).size, JSON.stringify([...reported])).toBe(1);

    const nested = /* GraphQL */ `
      query Nested($stations: Int!, $firs: Int!) {
        stations(first: $stations) {
          totalCount
          edges { node { name officers { name } firs(first: $firs) { totalCount edges { node { id station { code } createdBy { name } sections { section { number } } complaint { source } } } } } }
        }
      }
    `;
    const small = await run(nested, { stations: 2, firs: 1 });
    const large = await run(nested, { stations: 20, firs: 10 });
    expect(large.queries.length, large.queries.join('\n')).toBe(small.queries.length);
    // stations, count, officers, station firs, their count, station, officer, sections, complaint
    expectAtMost(small, 9, 'stations: 2, firs: 1');
    expectAtMost(large, 9, 'stations: 20, firs: 10');
    expect(large.reported, 'reported count, 20 stations vs 2').toBe(small.reported);

    const byIds = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Fir { id station { name } createdBy { name } sections { confidence } } } }`;
    const two = await run(byIds, { ids: firIds.slice(0, 2) });
    const hundred = await run(byIds, { ids: firIds });
    expect(hundred.queries.length).toBe(two.queries.length);
    expect(hundred.reported).toBe(two.reported);
    expectAtMost(hundred, 4);
  });

  it('random nested selections: at most 1 statement per list, per relation field selected and per totalCount', async () => {
    await fc.assert(
      fc.asyncProperty(docArb, fc.integer({ min: 1, max: 30 }), async (doc, nodeCount) => {
        const r = await run(doc.query, doc.query.includes('$ids') ? { ids: firIds.slice(0, nodeCount) } : undefined);
        expectAtMost(r, doc.bound, doc.query);
      }),
      { numRuns: 30, interruptAfterTimeLimit: PROPERTY_TIME_LIMIT },
    );
  });

  it('the same relation under many parents of different kinds is still loaded in few statements', async () => {
    // station through fir, through officer and through the nested connection: at most one
    // statement per relation occurrence, however many rows
    const r = await run(/* GraphQL */ `
      {
        firs(first: 100) { edges { node { station { name } createdBy { station { name } } investigation { officer { station { name } } } } } }
      }
    `);
    // firs, station, createdBy officer, its station, investigation officer, its station
    expectAtMost(r, 6);
  });

  it('no statement selects `*` (checked over every statement of this file, plus the other read entry points)', async () => {
    const some = await api.data(`{ firs(first: 5, orderBy: { field: FIR_NUMBER, direction: ASC }) { edges { node { id firNumber } } } }`);
    const number = some.firs.edges[0].node.firNumber as string;
    const ops: Array<[string, Record<string, unknown>?]> = [
      [`query($id: ID!) { node(id: $id) { id ... on Fir { status summary missingFields station { name } } } }`, { id: firIds[0] }],
      [`query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Fir { narrative latestJob { status error { code } events { seq } } } } }`, { ids: firIds.slice(0, 5) }],
      [`query($n: String!) { firByNumber(number: $n) { id incident { place } complainant { name } sections { section { ipcEquivalents } } } }`, { n: number }],
      [`{ legalSections(first: 5, search: "theft") { totalCount edges { node { id act number title ipcEquivalents } } } }`],
      [`{ legalSectionsForIpc(ipcSection: "379") { id number title } }`],
      [`{ stations(first: 3, filter: { search: "a" }) { totalCount edges { node { id code officers { name station { name } } } } } }`],
      [`{ firStats(groupBy: STATUS) { key count } s: firStats(groupBy: STATION) { key label count } d: firStats(groupBy: DAY) { key count } x: firStats(groupBy: SECTION) { key label count } }`],
      [`{ firs(first: 3, filter: { search: "theft", statuses: [REGISTERED] }) { totalCount edges { node { id } } } }`],
      [`{ viewer { id name } }`],
    ];
    for (const [query, variables] of ops) await run(query, variables);
    expect(seen.length).toBeGreaterThan(50);
    const offending = seen.filter((q) => STAR.test(q));
    expect(offending, offending.join('\n')).toEqual([]);
    // the pattern itself does find what it should
    for (const bad of ['select * from "fir"', 'select `fir`.* from `fir`', 'select "fir".*, "x"."y" from "fir"', 'select distinct * from x', 'select "id", * from "fir"']) {
      expect(STAR.test(bad), bad).toBe(true);
    }
    for (const good of ['select count(*) as "count" from "fir"', 'select "fir"."id" from "fir" where "fir"."id" in ($1, $2)']) {
      expect(STAR.test(good), good).toBe(false);
    }
  });
});
