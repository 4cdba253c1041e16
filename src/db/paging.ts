/**
 * Keyset paging as the repositories take it: the page a request asks for (PageRequest) and the
 * opaque cursors that name a row's position in one ordering. GraphQL argument parsing
 * (graphql/connection.ts) builds a PageRequest; repositories read it; nothing here knows GraphQL.
 */
import { badInput } from '../errors.ts';
import type { Direction, SortKey } from './keyset.ts';

export interface CursorPosition {
  values: unknown[];
  id: number;
}

export interface PageRequest {
  after?: CursorPosition;
  before?: CursorPosition;
  /** rows to fetch (page size + 1 to detect another page) */
  limit: number;
  /** true when paging backwards: fetch in reverse order, then flip */
  inverted: boolean;
  expectedSize: number;
  hasPreviousPage: (fetched: number) => boolean;
  hasNextPage: (fetched: number) => boolean;
}

/** Identifies the ordering a cursor was made for, so a cursor from another order is rejected. */
export interface Ordering {
  name: string;
  keys: readonly SortKey[];
  direction: Direction;
}

const CURSOR_VERSION = 1;

export function encodeCursor(ordering: Ordering, row: Record<string, unknown>, id: number): string {
  const values = ordering.keys.map((k) => {
    const v = row[k.column.slice(k.column.indexOf('.') + 1)];
    if (v == null) return null;
    return v instanceof Date ? v.toISOString() : v;
  });
  return Buffer.from(JSON.stringify([CURSOR_VERSION, `${ordering.name}:${ordering.direction}`, values, id])).toString('base64url');
}

export function decodeCursor(cursor: string, ordering: Ordering, argument: string): CursorPosition {
  const invalid = () => badInput(`Invalid cursor in "${argument}"`, { argument });
  if (typeof cursor !== 'string' || cursor.length > 512 || !/^[A-Za-z0-9_-]*$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 4 || parsed[0] !== CURSOR_VERSION) throw invalid();
  const [, orderTag, values, id] = parsed as [number, unknown, unknown, unknown];
  if (orderTag !== `${ordering.name}:${ordering.direction}`) {
    throw badInput(`Cursor in "${argument}" was made for another order (${String(orderTag)})`, { argument });
  }
  if (!Number.isSafeInteger(id) || (id as number) < 1 || !Array.isArray(values) || values.length !== ordering.keys.length) throw invalid();
  const decoded = ordering.keys.map((k, i) => {
    const v = values[i];
    if (v === null) {
      if (!k.nullable) throw invalid();
      return null;
    }
    if (k.kind === 'date') {
      const d = typeof v === 'string' ? new Date(v) : null;
      if (!d || Number.isNaN(d.getTime())) throw invalid();
      return d;
    }
    if (k.kind === 'number' ? typeof v !== 'number' : typeof v !== 'string') throw invalid();
    return v;
  });
  return { values: decoded, id: id as number };
}
