/**
 * Query plans of the SQL the repositories actually issue. Each case runs a repository function
 * against a seeded database through a plugin that captures the compiled statement (SQL and
 * parameters), EXPLAINs exactly that statement, and checks that the table is read through the
 * index meant for it: no full table scan, a bounded range where a filter or cursor gives one, and
 * no sort where the index already gives the order.
 *
 * Data: seedDatabase with 3,000 FIRs, plus 3,000 synthetic stations with 4 officers each (the
 * seed makes ~20 stations; a real deployment has thousands), then ANALYZE. On PostgreSQL/PGlite
 * the cases marked `forcePostgres` (small static tables, and full-text search) are planned with
 * `enable_seqscan = off` in the session: they check that an index CAN serve the query.
 */
import { type CompiledQuery, type Kysely, type KyselyPlugin, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMysql } from '../../src/db/dialect.ts';
import { seedDatabase } from '../../src/db/seed.ts';
import type { DB } from '../../src/db/types.ts';
import { FIR_SORT_KEYS, type FirOrder, listFirs, listFirsForStations } from '../../src/fir/fir.repository.ts';
import { parsePage } from '../../src/graphql/connection.ts';
import { encodeCursor, type Ordering, type PageRequest } from '../../src/db/paging.ts';
import { legalSectionsForIpc, listLegalSections } from '../../src/legal/legal.repository.ts';
import { listStations, officersByStationIds, STATION_SORT_KEYS } from '../../src/station/station.repository.ts';
import { createTestDb, dialects, type TestDb } from '../helpers/db.ts';

type Db = Kysely<DB>;

/** Compiles every statement a Kysely instance runs, as the driver receives it. */
function capturing(db: Db): { db: Db; statements: CompiledQuery[] } {
  const statements: CompiledQuery[] = [];
  const executor = db.getExecutor();
  const plugin: KyselyPlugin = {
    // Added last, so the node is final; compiling it gives the exact SQL and parameters.
    transformQuery: ({ node, queryId }) => {
      statements.push(executor.compileQuery(node, queryId));
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  return { db: db.withPlugin(plugin), statements };
}

// ---- plan reading ------------------------------------------------------------------------------

/** One table access in a plan, the same shape for both engines. */
interface Access {
  table: string;
  /** MySQL `type` (ALL, index, range, ref, eq_ref, fulltext …) or the Postgres node type */
  type: string;
  index: string | null;
  /** the index is entered with a bound (MySQL range/ref/eq_ref/fulltext, Postgres Index Cond) */
  bounded: boolean;
  /** a full scan of the table's rows */
  fullScan: boolean;
}

interface Plan {
  accesses: Access[];
  /** a sort step (MySQL filesort, Postgres Sort node) */
  sorts: boolean;
  text: string;
}

async function plan(db: Kysely<any>, q: CompiledQuery, forcePostgres: boolean, noPlainIndexScan = false): Promise<Plan> {
  if (isMysql(db)) {
    const { rows } = await db.executeQuery<Record<string, any>>({ ...q, sql: `EXPLAIN ${q.sql}` });
    const accesses = rows
      .filter((r) => r.table && !String(r.table).startsWith('<'))
      .map((r) => ({
        table: String(r.table),
        type: String(r.type),
        index: r.key ?? null,
        bounded: ['range', 'ref', 'eq_ref', 'const', 'fulltext', 'ref_or_null', 'index_merge'].includes(String(r.type)),
        fullScan: r.type === 'ALL',
      }));
    return {
      accesses,
      sorts: rows.some((r) => String(r.Extra ?? '').includes('filesort')),
      text: rows.map((r) => `${r.id} ${r.select_type} ${r.table} type=${r.type} key=${r.key} rows=${r.rows} ${r.Extra ?? ''}`).join('\n'),
    };
  }
  const run = async (c: Kysely<any>) => (await c.executeQuery<Record<string, any>>({ ...q, sql: `EXPLAIN (FORMAT JSON) ${q.sql}` })).rows;
  const rows = forcePostgres
    ? await db.connection().execute(async (c) => {
        await sql`set enable_seqscan = off`.execute(c);
        if (noPlainIndexScan) await sql`set enable_indexscan = off`.execute(c);
        try {
          return await run(c);
        } finally {
          await sql`reset enable_seqscan`.execute(c);
          await sql`reset enable_indexscan`.execute(c);
        }
      })
    : await run(db);
  let doc = rows[0]!['QUERY PLAN'];
  if (typeof doc === 'string') doc = JSON.parse(doc);
  const accesses: Access[] = [];
  let sorts = false;
  const lines: string[] = [];
  const walk = (node: Record<string, any>, depth: number, parentRelation?: string) => {
    const type = String(node['Node Type']);
    const relation: string | undefined = node['Relation Name'] ?? (type === 'Bitmap Index Scan' ? parentRelation : undefined);
    lines.push(
      `${'  '.repeat(depth)}${type}${node['Index Name'] ? ` using ${node['Index Name']}` : ''}${relation ? ` on ${relation}` : ''}` +
        `${node['Index Cond'] ? ` cond ${node['Index Cond']}` : ''}${node.Filter ? ` filter ${node.Filter}` : ''}`,
    );
    if (type === 'Sort' || type === 'Incremental Sort') sorts = true;
    if (relation && type !== 'Bitmap Heap Scan') {
      accesses.push({
        table: relation,
        type,
        index: node['Index Name'] ?? null,
        bounded: node['Index Cond'] !== undefined,
        fullScan: type === 'Seq Scan',
      });
    }
    for (const child of node.Plans ?? []) walk(child, depth + 1, node['Relation Name'] ?? parentRelation);
  };
  walk(doc[0].Plan, 0);
  return { accesses, sorts, text: lines.join('\n') };
}

// ---- cases -------------------------------------------------------------------------------------

interface Fixture {
  /** the seeded station with the most FIRs */
  station: { id: number; state: string; district: string };
  /** a FIR in the middle of the default order, and one in the middle of that station's */
  middle: { id: number; created_at: Date };
  stationMiddle: { id: number; created_at: Date };
  /** the least frequent status that has FIRs */
  rareStatus: string;
  /** the section with the fewest FIRs */
  section: number;
  stationIds: number[];
}

interface Expect {
  table: string;
  /** index names that may serve it; MySQL names the primary key PRIMARY */
  index: string[];
  /** the index is entered at a bound, not walked from one end */
  bounded?: boolean;
  /** the index gives the order: no sort step */
  ordered?: boolean;
  /** MySQL access type that must be used (e.g. fulltext) */
  mysqlType?: string;
  /** every access to `table` must satisfy this (UNION ALL branches), not just one */
  all?: boolean;
}

interface PlanCase {
  name: string;
  run: (db: Db, f: Fixture) => Promise<unknown>;
  expect: (dialect: 'mysql' | 'postgres') => Expect[];
  forcePostgres?: boolean;
  /**
   * Also `enable_indexscan = off`: on a few thousand rows Postgres may walk a primary key and
   * filter rather than enter a GIN index; this checks that the GIN index can serve the query.
   */
  noPlainIndexScan?: boolean;
}

const FIR_COLUMNS = ['id', 'fir_number', 'status', 'station_id', 'summary', 'created_at'] as const;
const CREATED_DESC: FirOrder = { field: 'CREATED_AT', direction: 'desc' };
const FIR_ORDERING: Ordering = { name: 'CREATED_AT', keys: FIR_SORT_KEYS.CREATED_AT, direction: 'desc' };
const firstPage = (): PageRequest => parsePage({ first: 20 }, FIR_ORDERING);
const pageAfter = (row: { id: number; created_at: Date }): PageRequest =>
  parsePage({ first: 20, after: encodeCursor(FIR_ORDERING, row, row.id) }, FIR_ORDERING);
const stationPage = (): PageRequest => parsePage({ first: 20 }, { name: 'ID', keys: STATION_SORT_KEYS, direction: 'asc' });

const CASES: PlanCase[] = [
  {
    name: 'firs in the default order (createdAt desc) -> fir_created_idx',
    run: (db) => listFirs(db, FIR_COLUMNS, {}, CREATED_DESC, firstPage()),
    expect: () => [{ table: 'fir', index: ['fir_created_idx'], ordered: true }],
  },
  {
    name: 'firs of one station -> fir_station_created_idx (or the station+status index)',
    run: (db, f) => listFirs(db, FIR_COLUMNS, { stationIds: [f.station.id] }, CREATED_DESC, firstPage()),
    expect: () => [{ table: 'fir', index: ['fir_station_created_idx', 'fir_status_station_created_idx'], bounded: true, ordered: true }],
  },
  {
    // The columns of `firs { id status createdAt }` (plus the key) are all in
    // fir_status_station_created_idx: a covering but unordered read of the whole station must not win
    // over reading the first page of fir_station_created_idx in order.
    name: 'firs of one station, selection covered by the station+status index -> still read in index order',
    run: (db, f) => listFirs(db, ['id', 'status', 'created_at', 'station_id'], { stationIds: [f.station.id] }, CREATED_DESC, firstPage()),
    expect: () => [{ table: 'fir', index: ['fir_station_created_idx', 'fir_status_station_created_idx'], bounded: true, ordered: true }],
  },
  {
    name: 'firs of one station and status -> fir_status_station_created_idx',
    run: (db, f) => listFirs(db, FIR_COLUMNS, { stationIds: [f.station.id], statuses: ['REGISTERED'] }, CREATED_DESC, firstPage()),
    expect: () => [{ table: 'fir', index: ['fir_status_station_created_idx'], bounded: true, ordered: true }],
  },
  {
    name: 'firs by status -> fir_status_created_idx',
    run: (db, f) => listFirs(db, FIR_COLUMNS, { statuses: [f.rareStatus] }, CREATED_DESC, firstPage()),
    expect: () => [{ table: 'fir', index: ['fir_status_created_idx'], bounded: true, ordered: true }],
  },
  {
    name: 'keyset page after a cursor -> range on fir_created_idx',
    run: (db, f) => listFirs(db, FIR_COLUMNS, {}, CREATED_DESC, pageAfter(f.middle)),
    expect: (d) => [{ table: 'fir', index: ['fir_created_idx'], bounded: true, ordered: true, ...(d === 'mysql' ? { mysqlType: 'range' } : {}) }],
  },
  {
    name: "keyset page after a cursor within a station -> range on the station's index",
    run: (db, f) => listFirs(db, FIR_COLUMNS, { stationIds: [f.station.id] }, CREATED_DESC, pageAfter(f.stationMiddle)),
    expect: () => [{ table: 'fir', index: ['fir_station_created_idx'], bounded: true, ordered: true }],
  },
  {
    name: 'nested firs of several stations (one UNION ALL) -> each branch a range on fir_station_created_idx',
    run: (db, f) => listFirsForStations(db, f.stationIds, FIR_COLUMNS, {}, CREATED_DESC, firstPage()),
    expect: () => [{ table: 'fir', index: ['fir_station_created_idx', 'fir_status_station_created_idx'], bounded: true, all: true }],
  },
  {
    name: 'full-text search -> the FULLTEXT / GIN indexes of fir and complaint',
    // A rare word: for a common one a scan in created_at order is rightly cheaper.
    run: (db) => listFirs(db, FIR_COLUMNS, { search: 'harmonium' }, CREATED_DESC, firstPage()),
    forcePostgres: true,
    noPlainIndexScan: true,
    expect: (d) =>
      d === 'mysql'
        ? [
            // MySQL's EXPLAIN names tables by their alias in the statement
            { table: 'f', index: ['fir_fulltext_idx'], mysqlType: 'fulltext' },
            { table: 'c', index: ['complaint_fulltext_idx'], mysqlType: 'fulltext' },
          ]
        : [
            { table: 'fir', index: ['fir_search_idx'], bounded: true },
            { table: 'complaint', index: ['complaint_search_idx'], bounded: true },
          ],
  },
  {
    name: 'firs with a section -> fir_section_section_idx',
    run: (db, f) => listFirs(db, FIR_COLUMNS, { sectionIds: [f.section] }, CREATED_DESC, firstPage()),
    expect: () => [{ table: 'fir_section', index: ['fir_section_section_idx'], bounded: true }],
  },
  {
    name: 'officers of a station -> officer_station_idx',
    run: (db, f) => officersByStationIds(db, [f.station.id], ['id', 'name', 'rank']),
    expect: () => [{ table: 'officer', index: ['officer_station_idx'], bounded: true }],
  },
  {
    name: 'legal sections for an IPC number -> primary key of ipc_bns_equivalence',
    run: (db) => legalSectionsForIpc(db, 'IPC 379', ['id', 'act', 'number', 'title']),
    forcePostgres: true,
    expect: (d) => [{ table: 'ipc_bns_equivalence', index: [d === 'mysql' ? 'PRIMARY' : 'ipc_bns_equivalence_pk'], bounded: true }],
  },
  {
    // On Postgres the ~150-row static table is rightly read whole or along its primary key (the
    // planner has no statistics for prefix tsqueries to prefer GIN); planned with seq and plain
    // index scans off, the case checks that the GIN index can serve the search.
    name: 'legal section search -> legal_section FULLTEXT / GIN index',
    run: (db) => listLegalSections(db, ['id', 'number', 'title'], { search: 'theft' }, stationPage()),
    forcePostgres: true,
    noPlainIndexScan: true,
    expect: (d) =>
      d === 'mysql'
        ? [{ table: 'legal_section', index: ['legal_section_fulltext_idx'], mysqlType: 'fulltext' }]
        : [{ table: 'legal_section', index: ['legal_section_search_idx'], bounded: true }],
  },
  {
    // District names are (nearly) unique across states, so (district, id) is as selective as
    // (state, district, id); both give the id order.
    name: 'stations of a state and district -> police_station_state_district_idx (or the district index)',
    run: (db, f) => listStations(db, ['id', 'code', 'name'], { state: f.station.state, district: f.station.district }, stationPage()),
    expect: () => [
      { table: 'police_station', index: ['police_station_state_district_idx', 'police_station_district_idx'], bounded: true, ordered: true },
    ],
  },
  {
    // A handful of rows: sorting them after a bitmap scan is as good as reading in index order.
    name: 'stations of a district -> police_station_district_idx',
    run: (db) => listStations(db, ['id', 'code', 'name'], { district: 'Synthetic District 7' }, stationPage()),
    expect: () => [{ table: 'police_station', index: ['police_station_district_idx'], bounded: true }],
  },
];

// ---- the tests -----------------------------------------------------------------------------------

describe.each(dialects)('query plans on %s', (dialect) => {
  let t: TestDb;
  let f: Fixture;

  beforeAll(async () => {
    t = await createTestDb(dialect);
    const db = t.db;
    await seedDatabase(db, { firs: 3000, seed: 11 });
    await addSyntheticStations(db, 3000, 4);
    await sql.raw(isMysql(db) ? `analyze table fir, fir_section, complaint, officer, police_station, legal_section, ipc_bns_equivalence` : 'analyze').execute(db);

    const station = (
      await sql<{ id: number; state: string; district: string; n: number }>`
        select s.id, s.state, s.district, count(*) as n from fir join police_station s on s.id = fir.station_id
        group by s.id, s.state, s.district order by n desc, s.id limit 1`.execute(db)
    ).rows[0]!;
    const middleOf = async (stationId?: number) => {
      let q = db.selectFrom('fir');
      if (stationId !== undefined) q = q.where('station_id', '=', stationId);
      const n = Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const row = await q.select(['id', 'created_at']).orderBy('created_at', 'desc').orderBy('id', 'desc').offset(Math.floor(n / 2)).limit(1).executeTakeFirstOrThrow();
      return { id: Number(row.id), created_at: row.created_at };
    };
    const rareStatus = (await sql<{ status: string }>`select status, count(*) as n from fir group by status order by n, status limit 1`.execute(db)).rows[0]!.status;
    const section = (await sql<{ section_id: number }>`select section_id, count(*) as n from fir_section group by section_id order by n, section_id limit 1`.execute(db)).rows[0]!
      .section_id;
    const stationIds = (await sql<{ id: number }>`select distinct station_id as id from fir order by station_id limit 5`.execute(db)).rows.map((r) => Number(r.id));
    f = {
      station: { id: Number(station.id), state: station.state, district: station.district },
      middle: await middleOf(),
      stationMiddle: await middleOf(Number(station.id)),
      rareStatus,
      section: Number(section),
      stationIds,
    };
  });

  afterAll(async () => {
    await t?.drop();
  });

  it('the data set is large enough for plans to mean something', async () => {
    const count = async (table: keyof DB) => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count('fir')).toBe(3000);
    expect(await count('police_station')).toBeGreaterThan(3000);
    expect(await count('officer')).toBeGreaterThan(12_000);
    expect(await count('fir_section')).toBeGreaterThan(3000);
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const { db, statements } = capturing(t.db);
      await c.run(db, f);
      expect(statements.length, 'the repository function issued no statement').toBeGreaterThan(0);
      const p = await plan(t.db, statements[0]!, c.forcePostgres === true, c.noPlainIndexScan === true);
      const kind = isMysql(t.db) ? 'mysql' : 'postgres';
      const context = `\nSQL: ${statements[0]!.sql}\nparameters: ${JSON.stringify(statements[0]!.parameters)}\nplan:\n${p.text}\n`;
      for (const e of c.expect(kind)) {
        const accesses = p.accesses.filter((a) => a.table === e.table);
        expect(accesses.length, `${e.table} is not read at all${context}`).toBeGreaterThan(0);
        expect(
          accesses.filter((a) => a.fullScan),
          `full scan of ${e.table}${context}`,
        ).toEqual([]);
        const good = accesses.filter(
          (a) => a.index !== null && e.index.includes(a.index) && (!e.bounded || a.bounded) && (!e.mysqlType || a.type === e.mysqlType),
        );
        if (e.all) expect(good.length, `not every read of ${e.table} uses ${e.index.join(' or ')}${e.bounded ? ' with a bound' : ''}${context}`).toBe(accesses.length);
        else
          expect(
            good.length,
            `${e.table} is not read through ${e.index.join(' or ')}${e.bounded ? ' with a bound' : ''}${e.mysqlType ? ` (type ${e.mysqlType})` : ''}${context}`,
          ).toBeGreaterThan(0);
        if (e.ordered) expect(p.sorts, `the rows are sorted after reading instead of read in index order${context}`).toBe(false);
      }
    });
  }
});

/**
 * Stations (and officers) beyond the seed's ~20, spread over many states and districts, so a
 * station or officer lookup by key is selective as it is in a real deployment.
 */
async function addSyntheticStations(db: Db, stations: number, officersPerStation: number) {
  const now = new Date();
  const rows = Array.from({ length: stations }, (_, i) => ({
    code: `SYN${i}`,
    name: `Synthetic Station ${i}`,
    district: `Synthetic District ${i % 600}`,
    state: `Synthetic State ${i % 40}`,
    created_at: now,
  }));
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('police_station').values(rows.slice(i, i + 500)).execute();
  const ids = (await db.selectFrom('police_station').select('id').where('code', 'like', 'SYN%').execute()).map((r) => Number(r.id));
  const officers = ids.flatMap((stationId) =>
    Array.from({ length: officersPerStation }, (_, k) => ({
      station_id: stationId,
      name: `Officer ${stationId}-${k}`,
      rank: 'Sub-Inspector',
      badge_number: `SYN-${stationId}-${k}`,
      role: 'OFFICER',
      created_at: now,
    })),
  );
  for (let i = 0; i < officers.length; i += 500) await db.insertInto('officer').values(officers.slice(i, i + 500)).execute();
}
