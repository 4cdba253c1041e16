import type { GraphQLResolveInfo } from 'graphql';
import { type OfficerColumn, type OfficerRecord, officersByIds, officersByStationIds } from '../../station/station.repository.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { byKey, groupByKey } from '../loaders.ts';
import { type ColumnMap, columnsFor, selectionOf } from '../selection.ts';
import { OfficerRef, PoliceStationRef, RoleEnum } from './refs.ts';
import { loadStation } from './station.ts';

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
    .get<number, OfficerRecord | null>(`officer:${cols}`, async (ids) => byKey(ids, await officersByIds(ctx.db, ids, cols), (r) => r.id))
    .load(id);
}

export function loadStationOfficers(ctx: Context, stationId: number, info: GraphQLResolveInfo): Promise<OfficerRecord[]> {
  const cols = columnsFor(selectionOf(info), 'Officer', OFFICER_COLUMN_MAP, ['id']);
  return ctx.loaders
    .get<number, OfficerRecord[]>(`stationOfficers:${cols}`, async (ids) =>
      groupByKey(ids, await officersByStationIds(ctx.db, ids, cols), (r) => r.station_id!),
    )
    .load(stationId);
}

builder.node(OfficerRef, {
  id: { resolve: (o) => o.id },
  fields: (t) => ({
    name: t.string({ resolve: (o) => o.name! }),
    rank: t.string({ resolve: (o) => o.rank! }),
    badgeNumber: t.string({ resolve: (o) => o.badge_number! }),
    role: t.field({ type: RoleEnum, resolve: (o) => o.role as any }),
    station: t.field({
      type: PoliceStationRef,
      nullable: true,
      resolve: (o, _a, ctx, info) => (o.station_id == null ? null : loadStation(ctx, o.station_id, info)),
    }),
  }),
});

builder.queryFields((t) => ({
  viewer: t.field({
    type: OfficerRef,
    nullable: true,
    description: 'The signed-in officer; null until authentication is configured',
    resolve: (_root, _args, ctx, info) => (ctx.viewer ? loadOfficer(ctx, ctx.viewer.officerId, info) : null),
  }),
}));
