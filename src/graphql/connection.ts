/**
 * Relay connection arguments, parsed into the PageRequest the repositories take (db/paging.ts). Validation happens here so that every
 * bad argument is a BAD_USER_INPUT naming the argument, before any SQL runs.
 */
import { parseCursorConnectionArgs } from '@pothos/core';
import { decodeCursor, type Ordering, type PageRequest } from '../db/paging.ts';
import { badInput } from '../errors.ts';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { startCursor: string | null; endCursor: string | null; hasNextPage: boolean; hasPreviousPage: boolean };
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
