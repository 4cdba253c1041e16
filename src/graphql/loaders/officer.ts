/** Officer loaders: by id, and the officers of a station, batched and projecting. */
import type { GraphQLResolveInfo } from 'graphql';
import { type OfficerColumn, type OfficerRecord, officersByIds, officersByStationIds } from '../../station/station.repository.ts';
import type { Context } from '../context.ts';
import { type ColumnMap, columnsFor, selectionOf } from '../selection.ts';
import { byKey, groupByKey } from './registry.ts';

export const OFFICER_COLUMN_MAP: ColumnMap<OfficerColumn> = {
  name: ['name'],
  rank: ['rank'],
  badgeNumber: ['badge_number'],
  role: ['role'],
  station: ['station_id'],
};

export function loadOfficer(ctx: Context, id: number, info: GraphQLResolveInfo): Promise<OfficerRecord | null> {
  const cols = columnsFor(selectionOf(info), 'Officer', OFFICER_COLUMN_MAP, ['id']);
  return ctx.loaders
    .get<number, OfficerRecord | null>(`officer:${cols}`, async (ids) => byKey(ids, await officersByIds(ctx.db, ids, cols, ctx.scope), (r) => r.id))
    .load(id);
}

export function loadStationOfficers(ctx: Context, stationId: number, info: GraphQLResolveInfo): Promise<OfficerRecord[]> {
  const cols = columnsFor(selectionOf(info), 'Officer', OFFICER_COLUMN_MAP, ['id']);
  return ctx.loaders
    .get<number, OfficerRecord[]>(`stationOfficers:${cols}`, async (ids) =>
      groupByKey(ids, await officersByStationIds(ctx.db, ids, cols, ctx.scope), (r) => r.station_id!),
    )
    .load(stationId);
}
