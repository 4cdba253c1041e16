/**
 * Who is asking: the viewer a verified token stands for, and what it may see.
 *
 * For officer roles (OFFICER, STATION_HOUSE_OFFICER, DISTRICT_ADMIN) the token's `sub` is the
 * Officer's global id; station and district come from the officer's row, never from the token, and
 * a `role` claim that disagrees with the row is refused. CITIZEN and ADMIN subs are any stable id.
 */
import { createHash } from 'node:crypto';
import type { RowScope } from '../db/scope.ts';

export const ROLES = ['ADMIN', 'CITIZEN', 'DISTRICT_ADMIN', 'OFFICER', 'STATION_HOUSE_OFFICER'] as const;
export type Role = (typeof ROLES)[number];
export const OFFICER_ROLES: ReadonlySet<Role> = new Set(['OFFICER', 'STATION_HOUSE_OFFICER', 'DISTRICT_ADMIN']);

export interface Viewer {
  /** null: anonymous */
  role: Role | null;
  /** the token's subject; null when anonymous */
  sub: string | null;
  /** the officer row (officer roles; ADMIN when its sub is an officer's id) */
  officerId: number | null;
  /** from the officer row (OFFICER, STATION_HOUSE_OFFICER) */
  stationId: number | null;
  /** from the officer's station row (DISTRICT_ADMIN; officers of a station too), with its state */
  district: string | null;
  state: string | null;
  /** when the token stops being valid (ms since epoch); null when anonymous */
  expiresAt: number | null;
}

export const ANONYMOUS: Viewer = Object.freeze({ role: null, sub: null, officerId: null, stationId: null, district: null, state: null, expiresAt: null });

const digest = (s: string) => createHash('sha256').update(s).digest('base64url').slice(0, 22);

/**
 * The rows a viewer may see, for the repositories (row rules are SQL, so pages and counts agree).
 */
export function rowScope(viewer: Viewer): RowScope {
  switch (viewer.role) {
    case 'ADMIN':
      return { kind: 'all' };
    case 'OFFICER':
    case 'STATION_HOUSE_OFFICER':
      return viewer.stationId == null ? { kind: 'none' } : { kind: 'station', stationId: viewer.stationId };
    case 'DISTRICT_ADMIN':
      return viewer.district == null || viewer.state == null ? { kind: 'none' } : { kind: 'district', district: viewer.district, state: viewer.state };
    case 'CITIZEN':
      return viewer.sub == null ? { kind: 'none' } : { kind: 'citizen', submittedBy: citizenKey(viewer.sub) };
    default:
      return { kind: 'none' };
  }
}

/** What a citizen's complaints and FIRs are stored under (`submitted_by`): its sub, digested. */
export function citizenKey(sub: string): string {
  return `c:${digest(sub)}`;
}

/**
 * The response-cache scope: viewers with the same key see the same data for every document
 * (role's read rules, station or district, the citizen itself), so officers of one station share
 * entries and nobody is ever handed another scope's answer. Never the token itself.
 */
export function scopeKey(viewer: Viewer): string {
  switch (viewer.role) {
    case null:
      return 'anon';
    case 'ADMIN':
      return 'admin';
    case 'OFFICER':
    case 'STATION_HOUSE_OFFICER':
      // Both read the same rows and fields; only their mutations differ (never cached).
      return `station:${viewer.stationId ?? 'none'}`;
    case 'DISTRICT_ADMIN':
      return `district:${digest(`${viewer.state ?? ''}\u0000${viewer.district ?? ''}`)}`;
    case 'CITIZEN':
      return `citizen:${digest(viewer.sub ?? '')}`;
  }
}

/** Whose budget a request spends: the token's subject, else the client's address. */
/**
 * The cache scope of documents that select `Query.viewer` (the signed-in officer itself): per
 * subject, since two officers of one station share every other answer but not who they are.
 */
export function personalScopeKey(viewer: Viewer): string {
  return viewer.sub == null ? 'anon' : `${scopeKey(viewer)}:sub:${digest(viewer.sub)}`;
}

export function principalOf(viewer: Viewer, clientIp: string | null): string {
  return viewer.sub != null ? `sub:${digest(viewer.sub)}` : `ip:${clientIp ?? 'unknown'}`;
}
