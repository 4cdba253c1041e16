/**
 * Who may do what (docs/api.md): the scopes @pothos/plugin-scope-auth checks on fields, and the
 * row-level checks resolvers make on the rows they change. Row rules for reads are SQL (see
 * db/scope.ts and the repositories), so pages and counts agree with what a viewer may see.
 */
import { type Role, citizenKey, type Viewer } from '../auth/viewer.ts';
import { AppError } from '../errors.ts';
import type { Context } from './context.ts';

export interface AuthScopes {
  /** any verified token */
  authenticated: boolean;
  admin: boolean;
  citizen: boolean;
  /** OFFICER or STATION_HOUSE_OFFICER */
  stationStaff: boolean;
  stationHouseOfficer: boolean;
  districtAdmin: boolean;
  /** may act on rows of this station (station staff of it, or ADMIN) */
  actInStation: number;
  /** may register/reject in this station (its STATION_HOUSE_OFFICER, or ADMIN) */
  decideInStation: number;
}

const is = (viewer: Viewer, ...roles: Role[]) => viewer.role != null && roles.includes(viewer.role);

export function authScopesOf(ctx: Context) {
  const v = ctx.viewer;
  return {
    authenticated: v.role != null,
    admin: is(v, 'ADMIN'),
    citizen: is(v, 'CITIZEN'),
    stationStaff: is(v, 'OFFICER', 'STATION_HOUSE_OFFICER'),
    stationHouseOfficer: is(v, 'STATION_HOUSE_OFFICER'),
    districtAdmin: is(v, 'DISTRICT_ADMIN'),
    actInStation: (stationId: number) => is(v, 'ADMIN') || (is(v, 'OFFICER', 'STATION_HOUSE_OFFICER') && v.stationId === stationId),
    decideInStation: (stationId: number) => is(v, 'ADMIN') || (is(v, 'STATION_HOUSE_OFFICER') && v.stationId === stationId),
  };
}

/** UNAUTHENTICATED for the anonymous, FORBIDDEN for a viewer without the right. */
export function unauthorized(ctx: Context, message?: string): AppError {
  if (ctx.viewer.role == null) return new AppError('UNAUTHENTICATED', 'Sign in to do this: send Authorization: Bearer <token>', { http: { status: 401 } });
  return new AppError('FORBIDDEN', message && !/^Not authorized/i.test(message) ? message : 'Your role may not do this', { http: { status: 403 } });
}

/** Station staff of `stationId` or ADMIN, else FORBIDDEN (a write on a FIR of another station). */
export function assertActInStation(ctx: Context, stationIds: Iterable<number>) {
  const scopes = authScopesOf(ctx);
  for (const id of stationIds) if (!scopes.actInStation(id)) throw unauthorized(ctx, 'This FIR belongs to another station');
}

/** The STATION_HOUSE_OFFICER of `stationId` or ADMIN, else FORBIDDEN. */
export function assertDecideInStation(ctx: Context, stationIds: Iterable<number>) {
  const scopes = authScopesOf(ctx);
  for (const id of stationIds) if (!scopes.decideInStation(id)) throw unauthorized(ctx, 'Only the station house officer of its station may do this');
}

/**
 * Complainant contact, passport number and date of birth: the FIR's own station, the citizen who
 * submitted it, and ADMIN.
 */
export function maySeeComplainantPrivate(viewer: Viewer, fir: { station_id?: number | null; submitted_by?: string | null }): boolean {
  switch (viewer.role) {
    case 'ADMIN':
      return true;
    case 'OFFICER':
    case 'STATION_HOUSE_OFFICER':
      return fir.station_id != null && Number(fir.station_id) === viewer.stationId;
    case 'CITIZEN':
      return viewer.sub != null && fir.submitted_by === citizenKey(viewer.sub);
    default:
      return false;
  }
}
