/**
 * FIR reads and writes: the only writer of fir, fir_section and fir_serial. Plain functions over
 * Kysely | Transaction; every statement selects exactly the columns it is given (plus keys), never `*`. Writes expect the caller's transaction
 * (fir.service.ts owns transactions and rules).
 */
import { type ExpressionBuilder, expressionBuilder, type Insertable, type Kysely, type SelectQueryBuilder, sql, type Transaction } from 'kysely';
import { dialectOf, fullTextMatch, fullTextTerms, insertReturningId } from '../db/dialect.ts';
import { type Direction, keysetAfter, orderItems, type SortKey } from '../db/keyset.ts';
import type { DB, FirRow, FirTable, FirUpdate } from '../db/types.ts';
import { COMPLAINANT_COLUMNS, COMPLAINANT_FIELDS } from './complainant.ts';
import type { PageRequest } from '../db/paging.ts';
import { ALL_ROWS, type RowScope, visibleFir } from '../db/scope.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type FirColumn = keyof FirRow;
export type FirRecord = Pick<FirRow, 'id'> & Partial<FirRow>;

export interface FirFilter {
  /** the rows the caller may see (row rules in SQL; fir.visibility.ts); all when omitted (internal callers) */
  scope?: RowScope;
  stationIds?: number[];
  statuses?: string[];
  createdFrom?: Date;
  createdTo?: Date;
  sectionIds?: number[];
  search?: string;
  createdBy?: number;
}

export type FirOrderField = 'CREATED_AT' | 'UPDATED_AT' | 'INCIDENT_FROM' | 'FIR_NUMBER';

export const FIR_SORT_KEYS: Record<FirOrderField, readonly SortKey[]> = {
  CREATED_AT: [{ column: 'fir.created_at', nullable: false, kind: 'date' }],
  UPDATED_AT: [{ column: 'fir.updated_at', nullable: false, kind: 'date' }],
  INCIDENT_FROM: [{ column: 'fir.incident_from', nullable: true, kind: 'date' }],
  FIR_NUMBER: [{ column: 'fir.fir_number', nullable: true, kind: 'string' }],
};

export interface FirOrder {
  field: FirOrderField;
  direction: Direction;
}

/** Columns the sort keys read, which the cursor needs. */
export function sortColumns(order: FirOrder): FirColumn[] {
  return FIR_SORT_KEYS[order.field].map((k) => k.column.slice('fir.'.length) as FirColumn);
}

function applyFilter<O>(qb: SelectQueryBuilder<DB, 'fir', O>, filter: FirFilter, db: Db): SelectQueryBuilder<DB, 'fir', O> {
  let q = qb;
  if (filter.scope && filter.scope.kind !== 'all') q = q.where(visibleFir(filter.scope));
  if (filter.stationIds) q = q.where('fir.station_id', 'in', nonEmpty(filter.stationIds));
  if (filter.statuses) q = q.where('fir.status', 'in', nonEmpty(filter.statuses));
  if (filter.createdFrom) q = q.where('fir.created_at', '>=', filter.createdFrom);
  if (filter.createdTo) q = q.where('fir.created_at', '<', filter.createdTo);
  if (filter.createdBy !== undefined) q = q.where('fir.created_by', '=', filter.createdBy);
  if (filter.sectionIds) {
    const ids = nonEmpty(filter.sectionIds);
    q = q.where('fir.id', 'in', (eb: ExpressionBuilder<DB, 'fir'>) =>
      eb.selectFrom('fir_section').select('fir_section.fir_id').where('fir_section.section_id', 'in', ids),
    );
  }
  if (filter.search !== undefined) {
    const terms = fullTextTerms(filter.search);
    const dialect = dialectOf(db);
    if (terms.length === 0) return q.where(sql<boolean>`1 = 0`);
    // Joined to a UNION of two index lookups (the FIR's own text, its complaint's text). An OR
    // across the two tables, or an IN (subquery), makes both engines walk every FIR instead.
    // Built off the executor (expressionBuilder) so it is part of this statement, not one of its own.
    const eb = expressionBuilder<DB, never>();
    const matches = eb
      .selectFrom('fir as f')
      .select('f.id')
      .where(fullTextMatch(dialect, 'fir', terms, 'f'))
      .union(
        eb
          .selectFrom('complaint as c')
          .innerJoin('fir as fc', 'fc.complaint_id', 'c.id')
          .select('fc.id')
          .where(fullTextMatch(dialect, 'complaint', terms, 'c')),
      )
      .as('fts');
    q = (q as any).innerJoin(matches, 'fts.id', 'fir.id');
  }
  return q;
}

/** An empty IN list is not valid SQL; a list that can match nothing stands in for it. */
function nonEmpty<T>(values: T[]): T[] {
  return values.length ? values : ([-1] as T[]);
}

function pagedQuery(db: Db, columns: readonly FirColumn[], filter: FirFilter, order: FirOrder, page: PageRequest, stationId?: number) {
  const keys = FIR_SORT_KEYS[order.field];
  const direction: Direction = page.inverted ? flip(order.direction) : order.direction;
  let q = applyFilter(
    db.selectFrom('fir').select(columns.map((c) => `fir.${c}` as const)),
    // Within one station's page a stationIds filter can only narrow: to this station or nothing.
    stationId === undefined ? filter : { ...filter, stationIds: filter.stationIds && !filter.stationIds.includes(stationId) ? [] : [stationId] },
    db,
  );
  // `after` bounds the start in the natural order and `before` the end; when inverted we read from
  // the end, so the roles of the comparisons follow the natural direction.
  if (page.after) q = q.where((eb) => keysetAfter(eb, keys, 'fir.id', page.after!.values, page.after!.id, order.direction));
  if (page.before) q = q.where((eb) => keysetAfter(eb, keys, 'fir.id', page.before!.values, page.before!.id, flip(order.direction)));
  for (const item of orderItems(keys, 'fir.id', direction)) q = q.orderBy(item.expr as any, item.direction);
  return q.limit(page.limit);
}

function flip(d: Direction): Direction {
  return d === 'asc' ? 'desc' : 'asc';
}

export async function listFirs(db: Db, columns: readonly FirColumn[], filter: FirFilter, order: FirOrder, page: PageRequest) {
  return (await pagedQuery(db, columns, filter, order, page).execute()) as FirRecord[];
}

export async function countFirs(db: Db, filter: FirFilter): Promise<number> {
  const row = await applyFilter(db.selectFrom('fir').select((eb) => eb.fn.countAll<number>().as('count')), filter, db).executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * One page per station in a single statement: a UNION ALL of per-station index range scans
 * (station_id, created_at, id), so a list of stations with nested FIR pages costs one query.
 */
export async function listFirsForStations(
  db: Db,
  stationIds: readonly number[],
  columns: readonly FirColumn[],
  filter: FirFilter,
  order: FirOrder,
  page: PageRequest,
): Promise<Map<number, FirRecord[]>> {
  const cols = columns.includes('station_id') ? columns : [...columns, 'station_id' as const];
  const out = new Map<number, FirRecord[]>(stationIds.map((id) => [id, []]));
  if (stationIds.length === 0) return out;
  // Parenthesised branches keep each branch's own ORDER BY and LIMIT on both engines.
  const branches = stationIds.map((id) => sql`(${pagedQuery(db, cols, filter, order, page, id)})`);
  const { rows } = await sql<FirRecord>`${sql.join(branches, sql` union all `)}`.execute(db);
  for (const row of rows as FirRecord[]) out.get(row.station_id!)!.push(row);
  // UNION ALL keeps no order across branches; restore each station's page order.
  const keys = FIR_SORT_KEYS[order.field];
  const direction = page.inverted ? flip(order.direction) : order.direction;
  for (const list of out.values()) list.sort((a, b) => compareRows(a, b, keys, direction));
  return out;
}

export function compareRows(a: FirRecord, b: FirRecord, keys: readonly SortKey[], direction: Direction): number {
  const sign = direction === 'asc' ? 1 : -1;
  for (const k of keys) {
    const col = k.column.slice('fir.'.length) as FirColumn;
    const va = a[col] as unknown;
    const vb = b[col] as unknown;
    if (va == null || vb == null) {
      if (va == null && vb == null) continue;
      return (va == null ? 1 : -1) * sign;
    }
    const x = va instanceof Date ? va.getTime() : (va as string | number);
    const y = vb instanceof Date ? vb.getTime() : (vb as string | number);
    if (x !== y) return (x < y ? -1 : 1) * sign;
  }
  return (a.id - b.id) * sign;
}

export async function countFirsForStations(db: Db, stationIds: readonly number[], filter: FirFilter): Promise<Map<number, number>> {
  const rows = await applyFilter(
    db
      .selectFrom('fir')
      .select(['fir.station_id', (eb) => eb.fn.countAll<number>().as('count')])
      .where('fir.station_id', 'in', nonEmpty([...stationIds]))
      .groupBy('fir.station_id'),
    filter,
    db,
  ).execute();
  const out = new Map<number, number>(stationIds.map((id) => [id, 0]));
  for (const r of rows) out.set(r.station_id, Number(r.count));
  return out;
}

export async function firsByIds(db: Db, ids: readonly number[], columns: readonly FirColumn[], scope: RowScope = ALL_ROWS) {
  let q = db
    .selectFrom('fir')
    .select(columns.map((c) => `fir.${c}` as const))
    .where('fir.id', 'in', [...ids]);
  if (scope.kind !== 'all') q = q.where(visibleFir(scope));
  return (await q.execute()) as FirRecord[];
}

export async function firByNumber(db: Db, firNumber: string, columns: readonly FirColumn[], scope: RowScope = ALL_ROWS) {
  let q = db
    .selectFrom('fir')
    .select(columns.map((c) => `fir.${c}` as const))
    .where('fir.fir_number', '=', firNumber);
  if (scope.kind !== 'all') q = q.where(visibleFir(scope));
  return (await q.executeTakeFirst()) as FirRecord | undefined;
}

export interface FirSectionRecord {
  fir_id: number;
  section_id: number;
  confidence?: number;
  source?: string;
  [legalColumn: `ls_${string}`]: unknown;
}

/**
 * Sections of many FIRs with the legal section columns the selection needs, joined in the same
 * statement so `sections { section { … } }` costs one query for a whole page.
 */
export async function sectionsForFirs(
  db: Db,
  firIds: readonly number[],
  linkColumns: ReadonlyArray<'confidence' | 'source'>,
  legalColumns: readonly string[],
) {
  let q = db
    .selectFrom('fir_section')
    .select(['fir_section.fir_id', 'fir_section.section_id', ...linkColumns.map((c) => `fir_section.${c}` as const)])
    .where('fir_section.fir_id', 'in', [...firIds])
    .orderBy('fir_section.fir_id')
    .orderBy('fir_section.confidence', 'desc')
    .orderBy('fir_section.section_id');
  if (legalColumns.length) {
    q = q
      .innerJoin('legal_section', 'legal_section.id', 'fir_section.section_id')
      .select(legalColumns.map((c) => sql.ref(`legal_section.${c}`).as(`ls_${c}`))) as any;
  }
  return (await q.execute()) as unknown as FirSectionRecord[];
}

export type FirStatsGroupBy = 'STATUS' | 'STATION' | 'SECTION' | 'DAY';

/** Counts grouped in SQL. Keys are raw (status, station id, section id, YYYY-MM-DD). */
export async function firStats(db: Db, filter: FirFilter, groupBy: FirStatsGroupBy) {
  const count = sql<number>`count(*)`;
  const base = applyFilter(db.selectFrom('fir') as SelectQueryBuilder<DB, 'fir', {}>, filter, db);
  switch (groupBy) {
    case 'STATUS':
      return (await base.select(['fir.status as key', count.as('count')]).groupBy('fir.status').orderBy('count', 'desc').orderBy('key').execute()).map(
        (r) => ({ key: String(r.key), label: null as string | null, count: Number(r.count) }),
      );
    case 'STATION':
      return (
        await base
          .innerJoin('police_station', 'police_station.id', 'fir.station_id')
          .select(['fir.station_id as key', 'police_station.name as label', count.as('count')])
          .groupBy(['fir.station_id', 'police_station.name'])
          .orderBy('count', 'desc')
          .orderBy('key')
          .execute()
      ).map((r) => ({ key: String(r.key), label: r.label as string | null, count: Number(r.count) }));
    case 'SECTION':
      return (
        await base
          .innerJoin('fir_section', 'fir_section.fir_id', 'fir.id')
          .innerJoin('legal_section', 'legal_section.id', 'fir_section.section_id')
          .select([
            'fir_section.section_id as key',
            'legal_section.act',
            'legal_section.number',
            'legal_section.title',
            count.as('count'),
          ])
          .groupBy(['fir_section.section_id', 'legal_section.act', 'legal_section.number', 'legal_section.title'])
          .orderBy('count', 'desc')
          .orderBy('key')
          .execute()
      ).map((r) => ({ key: String(r.key), label: `${r.act} ${r.number} ${r.title}` as string | null, count: Number(r.count) }));
    case 'DAY': {
      const day = dialectOf(db) === 'mysql' ? sql<string>`date_format(fir.created_at, '%Y-%m-%d')` : sql<string>`to_char(fir.created_at at time zone 'UTC', 'YYYY-MM-DD')`;
      return (await base.select([day.as('key'), count.as('count')]).groupBy(day).orderBy('key').execute()).map((r) => ({
        key: String(r.key),
        label: null as string | null,
        count: Number(r.count),
      }));
    }
  }
}

// ---- writes ------------------------------------------------------------------------------------

/** Locks FIR rows (FOR UPDATE) in id order, so two transactions locking overlapping sets cannot deadlock. */
export async function lockFirs(trx: Transaction<DB>, ids: readonly number[], columns: readonly FirColumn[]) {
  const cols = [...new Set<FirColumn>(['id', ...columns])];
  return (await trx
    .selectFrom('fir')
    .select(cols.map((c) => `fir.${c}` as const))
    .where('fir.id', 'in', nonEmpty([...ids]))
    .orderBy('fir.id')
    .forUpdate()
    .execute()) as FirRecord[];
}

/** Applies `values` to one FIR and bumps its version (the caller holds the row lock). */
export async function updateFirRow(trx: Transaction<DB>, id: number, values: FirUpdate, now: Date): Promise<void> {
  await trx
    .updateTable('fir')
    .set((eb) => ({ ...values, updated_at: now, version: eb('fir.version', '+', 1) }))
    .where('fir.id', '=', id)
    .execute();
}

/** The FIR's section links, read with FOR UPDATE (the latest committed rows, whatever the snapshot). */
/** Applies the same `values` to many FIRs and bumps each one's version (the caller holds the row locks). */
export async function updateFirRows(trx: Transaction<DB>, ids: readonly number[], values: FirUpdate, now: Date): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('fir')
    .set((eb) => ({ ...values, updated_at: now, version: eb('fir.version', '+', 1) }))
    .where('fir.id', 'in', [...ids])
    .execute();
}

export async function lockSectionLinks(trx: Transaction<DB>, firId: number) {
  return trx
    .selectFrom('fir_section')
    .select(['fir_section.section_id', 'fir_section.source', 'fir_section.confidence'])
    .where('fir_section.fir_id', '=', firId)
    .orderBy('fir_section.section_id')
    .forUpdate()
    .execute();
}

/** Which of `ids` are legal sections that exist. */
export async function existingSectionIds(db: Db, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('legal_section').select('legal_section.id').where('legal_section.id', 'in', [...ids]).execute();
  return new Set(rows.map((r) => r.id));
}

export async function deleteSectionLinks(trx: Transaction<DB>, firId: number, sectionIds: readonly number[]): Promise<void> {
  if (sectionIds.length === 0) return;
  await trx.deleteFrom('fir_section').where('fir_section.fir_id', '=', firId).where('fir_section.section_id', 'in', [...sectionIds]).execute();
}

export async function insertSectionLinks(
  trx: Transaction<DB>,
  firId: number,
  links: ReadonlyArray<{ sectionId: number; source: string; confidence: number }>,
): Promise<void> {
  if (links.length === 0) return;
  await trx
    .insertInto('fir_section')
    .values(links.map((l) => ({ fir_id: firId, section_id: l.sectionId, source: l.source, confidence: l.confidence })))
    .execute();
}

export async function stationCodes(db: Db, stationIds: readonly number[]): Promise<Map<number, string>> {
  const rows = await db.selectFrom('police_station').select(['id', 'code']).where('id', 'in', nonEmpty([...stationIds])).execute();
  return new Map(rows.map((r) => [r.id, r.code]));
}

/**
 * The next registration serial of (station, year), gapless: an upsert that creates the counter at
 * 1 or increments it, holding the counter's row lock until the caller's transaction ends. A
 * concurrent registration of the same station and year waits for that commit or rollback, so
 * serials are handed out in commit order and a rolled-back one is handed out again.
 */
export async function nextSerial(trx: Transaction<DB>, stationId: number, year: number): Promise<number> {
  if (dialectOf(trx) === 'mysql') {
    await trx
      .insertInto('fir_serial')
      .values({ station_id: stationId, year, last_serial: 1 })
      .onDuplicateKeyUpdate({ last_serial: sql<number>`last_serial + 1` })
      .execute();
    const row = await trx
      .selectFrom('fir_serial')
      .select('last_serial')
      .where('station_id', '=', stationId)
      .where('year', '=', year)
      .forUpdate()
      .executeTakeFirstOrThrow();
    return Number(row.last_serial);
  }
  const row = await trx
    .insertInto('fir_serial')
    .values({ station_id: stationId, year, last_serial: 1 })
    .onConflict((oc) => oc.columns(['station_id', 'year']).doUpdateSet({ last_serial: sql<number>`fir_serial.last_serial + 1` }))
    .returning('last_serial')
    .executeTakeFirstOrThrow();
  return Number(row.last_serial);
}

/** A new FIR row (the generation side creates FIRs at submission). */
export async function insertFir(trx: Transaction<DB>, values: Insertable<FirTable>): Promise<number> {
  return insertReturningId(trx, 'fir', values);
}

/**
 * Moves a FIR that is GENERATING to `status` (its job ended), bumping its version; a FIR no
 * longer GENERATING (an officer's retry raced a cancel, say) is left alone.
 */
export async function setStatusFromGenerating(trx: Transaction<DB>, id: number, status: string, now: Date): Promise<void> {
  await trx
    .updateTable('fir')
    .set((eb) => ({ status, updated_at: now, version: eb('fir.version', '+', 1) }))
    .where('fir.id', '=', id)
    .where('fir.status', '=', 'GENERATING')
    .execute();
}

/** Writes drafted content into a FIR while its job runs (no version bump: the job owns the FIR until it ends). */
export async function writeDraft(trx: Transaction<DB>, id: number, values: FirUpdate, now: Date): Promise<void> {
  await trx
    .updateTable('fir')
    .set({ ...values, updated_at: now })
    .where('fir.id', '=', id)
    .execute();
}

/** The FIR's section links with their source. */
export async function sectionSources(db: Db, firId: number) {
  return db.selectFrom('fir_section').select(['section_id', 'source']).where('fir_id', '=', firId).execute();
}

/** A FIR with its complaint, as a generation job reads it. */
export async function firWithComplaint(db: Db, firId: number) {
  return db
    .selectFrom('fir')
    .innerJoin('complaint', 'complaint.id', 'fir.complaint_id')
    .select([
      'fir.id as fir_id',
      'fir.station_id',
      'complaint.id as complaint_id',
      'complaint.source',
      'complaint.language',
      'complaint.text',
      'complaint.received_at',
      ...COMPLAINANT_FIELDS.map((f) => `fir.${COMPLAINANT_COLUMNS[f]}` as const),
    ])
    .where('fir.id', '=', firId)
    .executeTakeFirstOrThrow();
}

/** The station of each FIR (authorisation of a write: station staff act only in their station). */
export async function firStationIds(db: Db, ids: readonly number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('fir').select(['fir.id', 'fir.station_id']).where('fir.id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [Number(r.id), Number(r.station_id)]));
}
