/** PoliceStation and the `stations` query. (PoliceStation.firs is added in fir.ts.) */
import { countStations, listStations, type StationFilter } from '../../station/station.repository.ts';
import { encodeCursor, type Ordering } from '../../db/paging.ts';
import { builder } from '../builder.ts';
import { buildConnection, parsePage } from '../connection.ts';
import { loadStationOfficers } from '../loaders/officer.ts';
import { stationColumns } from '../loaders/station.ts';
import { selectionOf } from '../selection.ts';
import { boundedString } from '../validate.ts';
import { OfficerRef, PoliceStationRef } from './refs.ts';

builder.node(PoliceStationRef, {
  id: { resolve: (s) => s.id },
  fields: (t) => ({
    code: t.string({ resolve: (s) => s.code! }),
    name: t.string({ resolve: (s) => s.name! }),
    district: t.string({ resolve: (s) => s.district! }),
    state: t.string({ resolve: (s) => s.state! }),
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
      description: 'Police stations (every signed-in viewer: a citizen may submit to any station)',
      authScopes: { authenticated: true },
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
