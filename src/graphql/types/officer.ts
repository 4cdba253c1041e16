/** Officer. (The signed-in one, `viewer`, is in node.ts.) */
import { loadStation } from '../loaders/station.ts';
import { builder } from '../builder.ts';
import { OfficerRef, PoliceStationRef } from './refs.ts';

const RoleEnum = builder.enumType('Role', {
  values: ['CITIZEN', 'OFFICER', 'STATION_HOUSE_OFFICER', 'DISTRICT_ADMIN', 'ADMIN'] as const,
});

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
