/**
 * From an Authorization header to a Viewer: the token verified (tokens.ts), and for officer roles
 * the officer's row read (station, district, role), so a token can never move an officer to
 * another station or raise its role: a `role` claim that disagrees with the row is refused.
 * Rows are remembered for a few seconds (a role change takes effect within that time).
 */
import type { Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { DB } from '../db/types.ts';
import { decodeGlobalId } from '../global-id.ts';
import { officerIdentity } from '../station/station.repository.ts';
import { AuthError, bearerToken, type TokenVerifier } from './tokens.ts';
import { ANONYMOUS, OFFICER_ROLES, type Role, ROLES, type Viewer } from './viewer.ts';

export interface Authenticator {
  /** ANONYMOUS without a header; throws AuthError for a bad, expired or refused token */
  authenticate(authorization: string | null | undefined): Promise<Viewer>;
}

type Identity = Awaited<ReturnType<typeof officerIdentity>>;

export function createAuthenticator(options: { verifier: TokenVerifier; db: Kysely<DB>; officerTtlMs?: number }): Authenticator {
  const officers = new LRUCache<number, { row: Identity }>({ max: 20_000, ttl: options.officerTtlMs ?? 5000 });
  const roles = new Set<string>(ROLES);

  async function officerRow(id: number): Promise<Identity> {
    const known = officers.get(id);
    if (known) return known.row;
    const row = await officerIdentity(options.db, id);
    officers.set(id, { row });
    return row;
  }

  function officerIdOf(sub: string): number | null {
    try {
      const { typename, id } = decodeGlobalId(sub);
      const n = Number(id);
      return typename === 'Officer' && Number.isSafeInteger(n) && n > 0 ? n : null;
    } catch {
      return null;
    }
  }

  return {
    async authenticate(authorization) {
      const token = bearerToken(authorization);
      if (token == null) return ANONYMOUS;
      const claims = await options.verifier.verify(token);
      if (!roles.has(claims.role)) throw new AuthError('claims', 'The token names no known role');
      const role = claims.role as Role;
      const expiresAt = claims.exp * 1000;
      if (!OFFICER_ROLES.has(role)) {
        // An ADMIN whose sub is an existing officer's id acts (and is audited) as that officer;
        // any other sub is just a stable id.
        const candidate = role === 'ADMIN' ? officerIdOf(claims.sub) : null;
        const officerId = candidate != null && (await officerRow(candidate)) ? candidate : null;
        return { role, sub: claims.sub, officerId, stationId: null, district: null, state: null, expiresAt };
      }
      const officerId = officerIdOf(claims.sub);
      const row = officerId == null ? null : await officerRow(officerId);
      if (!row) throw new AuthError('unknown-officer', 'The token names no officer of this service');
      if (row.role !== role) throw new AuthError('role-mismatch', "The token's role is not the officer's role");
      return { role, sub: claims.sub, officerId: row.id, stationId: row.station_id, district: row.district, state: row.state, expiresAt };
    },
  };
}
