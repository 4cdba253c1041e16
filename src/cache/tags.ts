/**
 * Cache tags beyond the entities the response cache finds in a result by typename and id.
 *
 * Entity tags (`Fir:12`) invalidate every response that contains an entity; they cannot reach a
 * response that does not contain it yet: a list a new or changed FIR now belongs to, a count it
 * now adds to, a lookup that found nothing. Resolvers of such fields tag the response they are part
 * of with the collection it depends on; which tags a FIR change invalidates is decided in
 * cache/invalidation.ts.
 */

import { encodeGlobalId } from '../global-id.ts';

/** Tags collected by the current request's resolvers (keyed by the GraphQL context object). */
const requestTags = new WeakMap<object, Set<string>>();

export function tagsOf(ctx: object): Set<string> {
  let tags = requestTags.get(ctx);
  if (!tags) {
    tags = new Set();
    requestTags.set(ctx, tags);
  }
  return tags;
}

/** Marks the response being built as depending on `tag`. */
export function cacheTag(ctx: object, tag: string): void {
  tagsOf(ctx).add(tag);
}

export const CacheTags = {
  /**
   * FIR lists of one station, or of all stations (no station filter), whose membership and order
   * depend only on status, sections, registration and incident time (every filter and order but
   * full-text search and UPDATED_AT): an edit of the text leaves them alone.
   */
  firList: (stationId: number | 'all') => `FirList:${stationId}`,
  /** FIR lists that any change of a FIR can reorder or refilter (search, UPDATED_AT order) */
  firListAny: (stationId: number | 'all') => `FirListAny:${stationId}`,
  /** FIR counts (firStats): by status, station, section or day */
  firStats: (stationId: number | 'all') => `FirStats:${stationId}`,
  /** an entity as the response cache finds it in results: typename and its (global) `id` field */
  entity: (typename: string, id: number) => `${typename}:${encodeGlobalId(typename, id)}`,
};
