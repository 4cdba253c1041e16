/**
 * Relay connection arguments and opaque keyset cursors. Validation happens here so that every
 * bad argument is a BAD_USER_INPUT naming the argument, before any SQL runs.
 */
import { parseCursorConnectionArgs } from '@pothos/core';
import type { Direction, SortKey } from '../db/keyset.ts';
import { badInput } from '../errors.ts';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

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

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { startCursor: string | null; endCursor: string | null; hasNextPage: boolean; hasPreviousPage: boolean };
}

/** Identifies the ordering a cursor was made for, so a cursor from another order is rejected. */
export interface Ordering {
  name: string;
  keys: readonly SortKey[];
  direction: Direction;
}

export function parsePage(args: ConnectionArgs, ordering: Ordering): PageRequest {
  const { first, last } = args;
  if (first != null && last != null) throw badInput('Pass either "first" or "last", not both', { argument: 'first' });
  for (const [name, value] of [['first', first], ['last', last]] as const) {
    if (value != null && (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE)) {
      throw badInput(`"${name}" must be between 0 and ${MAX_PAGE_SIZE}, got ${value}`, { argument: name });
    }
  }
  const after = args.after != null ? decodeCursor(args.after, ordering, 'after') : undefined;
  const before = args.before != null ? decodeCursor(args.before, ordering, 'before') : undefined;
  const parsed = parseCursorConnectionArgs({
    args: { first, last, after: args.after ?? null, before: args.before ?? null },
    defaultSize: DEFAULT_PAGE_SIZE,
    maxSize: MAX_PAGE_SIZE,
  });
  return {
    after,
    before,
    limit: parsed.limit,
    inverted: parsed.inverted,
    expectedSize: parsed.expectedSize,
    hasPreviousPage: parsed.hasPreviousPage,
    hasNextPage: parsed.hasNextPage,
  };
}

export function buildConnection<T>(rows: T[], page: PageRequest, toCursor: (row: T) => string): Connection<T> {
  const trimmed = rows.slice(0, page.expectedSize);
  if (page.inverted) trimmed.reverse();
  const edges = trimmed.map((node) => ({ cursor: toCursor(node), node }));
  return {
    edges,
    pageInfo: {
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
      hasPreviousPage: page.hasPreviousPage(rows.length),
      hasNextPage: page.hasNextPage(rows.length),
    },
  };
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
