/** Police station loaders: batched, projecting reads by id. */
import type { GraphQLResolveInfo } from 'graphql';
import { type StationColumn, type StationRecord, stationsByIds } from '../../station/station.repository.ts';
import type { Context } from '../context.ts';
import { type ColumnMap, columnsFor, type Selection, selectionOf } from '../selection.ts';
import { byKey } from './registry.ts';

export const STATION_COLUMN_MAP: ColumnMap<StationColumn> = {
  code: ['code'],
  name: ['name'],
  district: ['district'],
  state: ['state'],
};

export function stationColumns(selection: Selection | undefined) {
  return columnsFor(selection, 'PoliceStation', STATION_COLUMN_MAP, ['id']);
}

export function loadStation(ctx: Context, id: number, info: GraphQLResolveInfo): Promise<StationRecord | null> {
  const cols = stationColumns(selectionOf(info));
  return ctx.loaders
    .get<number, StationRecord | null>(`station:${cols}`, async (ids) => byKey(ids, await stationsByIds(ctx.db, ids, cols), (r) => r.id))
    .load(id);
}
