/**
 * Opaque global ids: base64url("<Typename>:<integer id>"). Decoding checks the shape strictly so a
 * malformed id is a BAD_USER_INPUT, never a database error.
 */
import { badInput } from './errors.ts';

export function encodeGlobalId(typename: string, id: string | number | bigint): string {
  return Buffer.from(`${typename}:${id}`, 'utf8').toString('base64url');
}

export function decodeGlobalId(globalId: string): { typename: string; id: string } {
  if (typeof globalId !== 'string' || globalId.length === 0 || globalId.length > 200 || !/^[A-Za-z0-9_-]+=*$/.test(globalId)) {
    throw badInput(`Invalid ID "${truncate(globalId)}"`, { argument: 'id' });
  }
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const match = /^([A-Z][A-Za-z]{0,39}):([1-9][0-9]{0,9})$/.exec(decoded);
  if (!match || Number(match[2]) > 2_147_483_647) throw badInput(`Invalid ID "${truncate(globalId)}"`, { argument: 'id' });
  return { typename: match[1]!, id: match[2]! };
}

/** Decodes a global id that must name `typename`, returning the integer key. */
export function decodeIdOf(typename: string, globalId: string, argument = 'id'): number {
  const decoded = decodeGlobalId(globalId);
  if (decoded.typename !== typename) {
    throw badInput(`ID "${truncate(globalId)}" is not a ${typename} id`, { argument });
  }
  return Number(decoded.id);
}

function truncate(s: unknown): string {
  const str = String(s);
  return str.length > 40 ? `${str.slice(0, 40)}…` : str;
}
