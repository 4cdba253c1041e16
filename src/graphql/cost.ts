/**
 * The estimated cost of a field (Pothos complexity plugin), as docs/api.md counts it: each object
 * 1, leaves (scalars, enums and lists of them) 0; a list is as many objects as its `first`/`last`
 * (a Relay connection: the connection 1, its selections times the page size) or as the ids asked
 * for (`nodes`), else 10, each with its selections. The connection's `edges` list is already
 * counted by the connection's multiplier, so it adds nothing itself (each `node` is the object).
 *
 *   firs(first: 100) { edges { node { id sections { section { id } } } } }
 *     = 1 + 100 * (node 1 + sections (10 + 10 * section 1)) = 2101
 *
 * src/graphql/limits.ts turns these into a document's cost (refused over MAX_QUERY_COST) and the
 * rate limits spend the same number.
 */
import { getNamedType, getNullableType, type GraphQLField, isLeafType, isListType } from 'graphql';

export const DEFAULT_LIST_MULTIPLIER = 10;

export function fieldComplexity<C>(args: Record<string, unknown>, _ctx: C, field: GraphQLField<unknown, C, any>): { field: number; multiplier: number } {
  const type = getNullableType(field.type);
  const namedType = getNamedType(field.type);
  const named = namedType.name;
  // A scalar or enum (or a list of them) is read with its parent object: it costs nothing itself.
  const own = isLeafType(namedType) ? 0 : 1;
  if (named.endsWith('Connection') && !isListType(type)) {
    const n = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : DEFAULT_LIST_MULTIPLIER;
    return { field: own, multiplier: Math.max(0, n) };
  }
  if (isListType(type)) {
    if (field.name === 'edges' && named.endsWith('Edge')) return { field: 0, multiplier: 1 };
    const n = Array.isArray(args.ids) ? args.ids.length : DEFAULT_LIST_MULTIPLIER;
    // A list of objects: each element is an object (1), and its selections count once per element.
    return { field: own * n, multiplier: n };
  }
  return { field: own, multiplier: 1 };
}
