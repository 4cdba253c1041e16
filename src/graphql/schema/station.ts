import type { GraphQLResolveInfo } from 'graphql';
import {
  countStations,
  listStations,
  type StationColumn,
  type StationFilter,
  type StationRecord,
  stationsByIds,
} from '../../station/station.repository.ts';
import { builder } from '../builder.ts';
import { buildConnection, parsePage } from '../connection.ts';
import { encodeCursor, type Ordering } from '../../db/paging.ts';
import type { Context } from '../context.ts';
import { byKey } from '../loaders.ts';
import { type ColumnMap, columnsFor, type Selection, selectionOf } from '../selection.ts';
import { FirConnection, FirFilterInput, stationFirs } from './fir.ts';
import { loadStationOfficers } from './officer.ts';
import { boundedString, FirRef, OfficerRef, PoliceStationRef } from './refs.ts';

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

builder.node(PoliceStationRef, {
  id: { resolve: (s) => s.id },
  fields: (t) => ({
    code: t.string({ resolve: (s) => s.code! }),
    name: t.string({ resolve: (s) => s.name! }),
    district: t.string({ resolve: (s) => s.district! }),
    state: t.string({ resolve: (s) => s.state! }),
    firs: t.connection(
      {
        type: FirRef,
        description: "This station's FIRs, newest first",
        args: { filter: t.arg({ type: FirFilterInput, required: false }) },
        resolve: (s, args, ctx, info) => stationFirs(ctx, s.id, args, info),
      },
      FirConnection,
    ),
    officers: t.field({ type: [OfficerRef], resolve: (s, _a, ctx, info) => loadStationOfficers(ctx, s.id, info) }),
  }),
});

const StationFilterInput = builder.inputType('StationFilter', {
  fields: (t) => ({
    state: t.string({ required: false }),
    district: t.string({ required: false }),
    search: t.string({ required: false, description: 'Prefix of the station name, or its exact code' }),
  }),
});

const STATION_ORDER: Ordering = { name: 'STATION_ID', keys: [], direction: 'asc' };

const StationConnection = builder.connectionObject(
  {
    type: PoliceStationRef,
    name: 'PoliceStationConnection',
    fields: (t) => ({ totalCount: t.int({ description: 'Counted only when selected', resolve: (c) => c.totalCount() }) }),
  },
  { name: 'PoliceStationEdge' },
);

builder.queryFields((t) => ({
  stations: t.connection(
    {
      type: PoliceStationRef,
      args: { filter: t.arg({ type: StationFilterInput, required: false }) },
      resolve: async (_root, args, ctx, info) => {
        const filter: StationFilter = {};
        const state = boundedString(args.filter?.state, 'filter.state', 100);
        const district = boundedString(args.filter?.district, 'filter.district', 100);
        const search = boundedString(args.filter?.search, 'filter.search', 100);
        if (state !== undefined) filter.state = state;
        if (district !== undefined) filter.district = district;
        if (search !== undefined) filter.search = search;
        const page = parsePage(args, STATION_ORDER);
        const cols = stationColumns(selectionOf(info).path('PoliceStationConnection', 'edges', 'PoliceStationEdge', 'node'));
        const rows = await listStations(ctx.db, cols, filter, page);
        return {
          ...buildConnection(rows, page, (r) => encodeCursor(STATION_ORDER, r, r.id)),
          totalCount: () => countStations(ctx.db, filter),
        };
      },
    },
    StationConnection,
  ),
}));
