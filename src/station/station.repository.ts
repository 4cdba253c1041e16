import type { Kysely, Transaction } from 'kysely';
import { isMysql } from '../db/dialect.ts';
import { keysetAfter, orderItems, type SortKey } from '../db/keyset.ts';
import type { DB, OfficerRow, PoliceStationRow } from '../db/types.ts';
import type { PageRequest } from '../db/paging.ts';
import { ALL_ROWS, type RowScope, visibleOfficer } from '../db/scope.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type StationColumn = keyof PoliceStationRow;
export type StationRecord = Pick<PoliceStationRow, 'id'> & Partial<PoliceStationRow>;
export type OfficerColumn = keyof OfficerRow;
export type OfficerRecord = Pick<OfficerRow, 'id'> & Partial<OfficerRow>;

export interface StationFilter {
  state?: string;
  district?: string;
  /** prefix of the station name, or its exact code */
  search?: string;
}

/** Stations are listed by id; the (state, district, id) and (district, id) indexes serve filters. */
export const STATION_SORT_KEYS: readonly SortKey[] = [];

function filtered(db: Db, columns: readonly StationColumn[], filter: StationFilter) {
  let q = db.selectFrom('police_station').select(columns.map((c) => `police_station.${c}` as const));
  if (filter.state !== undefined) q = q.where('police_station.state', '=', filter.state);
  if (filter.district !== undefined) q = q.where('police_station.district', '=', filter.district);
  if (filter.search !== undefined) {
    const s = filter.search.trim();
    const prefix = `${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    // MySQL's utf8mb4_unicode_ci LIKE is case-insensitive and uses the name index; Postgres needs ILIKE.
    q = q.where((eb) =>
      eb.or([eb('police_station.name', isMysql(db) ? 'like' : 'ilike', prefix), eb('police_station.code', '=', s.toUpperCase())]),
    );
  }
  return q;
}

export async function listStations(db: Db, columns: readonly StationColumn[], filter: StationFilter, page: PageRequest) {
  let q = filtered(db, columns, filter);
  if (page.after) q = q.where((eb) => keysetAfter(eb, STATION_SORT_KEYS, 'police_station.id', [], page.after!.id, 'asc'));
  if (page.before) q = q.where((eb) => keysetAfter(eb, STATION_SORT_KEYS, 'police_station.id', [], page.before!.id, 'desc'));
  for (const item of orderItems(STATION_SORT_KEYS, 'police_station.id', page.inverted ? 'desc' : 'asc')) {
    q = q.orderBy(item.expr as any, item.direction);
  }
  return (await q.limit(page.limit).execute()) as StationRecord[];
}

export async function countStations(db: Db, filter: StationFilter): Promise<number> {
  const q = filtered(db, [], filter).clearSelect().select((eb) => eb.fn.countAll<number>().as('count'));
  return Number((await q.executeTakeFirstOrThrow()).count);
}

export async function stationsByIds(db: Db, ids: readonly number[], columns: readonly StationColumn[]) {
  return (await db
    .selectFrom('police_station')
    .select(columns.map((c) => `police_station.${c}` as const))
    .where('police_station.id', 'in', [...ids])
    .execute()) as StationRecord[];
}

export async function officersByIds(db: Db, ids: readonly number[], columns: readonly OfficerColumn[], scope: RowScope = ALL_ROWS) {
  let q = db
    .selectFrom('officer')
    .select(columns.map((c) => `officer.${c}` as const))
    .where('officer.id', 'in', [...ids]);
  if (scope.kind !== 'all') q = q.where(visibleOfficer(scope));
  return (await q.execute()) as OfficerRecord[];
}

export async function officersByStationIds(db: Db, stationIds: readonly number[], columns: readonly OfficerColumn[], scope: RowScope = ALL_ROWS) {
  const cols = columns.includes('station_id') ? columns : [...columns, 'station_id' as const];
  let q = db
    .selectFrom('officer')
    .select(cols.map((c) => `officer.${c}` as const))
    .where('officer.station_id', 'in', [...stationIds]);
  if (scope.kind !== 'all') q = q.where(visibleOfficer(scope));
  return (await q.orderBy('officer.station_id').orderBy('officer.id').execute()) as OfficerRecord[];
}

export async function stationExists(db: Db, id: number): Promise<boolean> {
  return (await db.selectFrom('police_station').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** An officer's role, station and district (authentication: these come from the row, never from a token). */
export async function officerIdentity(
  db: Db,
  id: number,
): Promise<{ id: number; role: string; station_id: number | null; district: string | null; state: string | null } | null> {
  const row = await db
    .selectFrom('officer')
    .leftJoin('police_station', 'police_station.id', 'officer.station_id')
    .select(['officer.id', 'officer.role', 'officer.station_id', 'police_station.district', 'police_station.state'])
    .where('officer.id', '=', id)
    .executeTakeFirst();
  return row ? { id: Number(row.id), role: row.role, station_id: row.station_id == null ? null : Number(row.station_id), district: row.district ?? null, state: row.state ?? null } : null;
}
