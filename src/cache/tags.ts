/**
 * Cache tags beyond the entities the response cache finds in a result by typename and id.
 *
 * Entity tags (`Fir:12`) invalidate every response that contains an entity; they cannot reach a
 * response that does not contain it yet: a list a new or changed FIR now belongs to, a count it
 * now adds to, a lookup that found nothing. Resolvers of such fields tag the response they are part
 * of with the collection it depends on, and whoever changes FIRs (mutations, job completion)
 * invalidates the collections of the stations involved.
 */

import { encodeGlobalId } from '../graphql/global-id.ts';

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
  /** FIR lists and counts of one station, or of all stations (no station filter) */
  firList: (stationId: number | 'all') => `FirList:${stationId}`,
  firStats: (stationId: number | 'all') => `FirStats:${stationId}`,
  /** firByNumber of a number that is not registered (yet) */
  firNumber: (firNumber: string) => `FirNumber:${firNumber}`,
  /** an entity as the response cache finds it in results: typename and its (global) `id` field */
  entity: (typename: string, id: number) => `${typename}:${encodeGlobalId(typename, id)}`,
};

export interface FirChange {
  id: number;
  stationId: number;
  /** status before the change; null for a new FIR */
  statusBefore: string | null;
  statusAfter: string;
  /** set when the change registered the FIR */
  firNumber?: string | null;
  /** set when the FIR's complaint changed too */
  complaintId?: number;
}

/**
 * Tags a FIR change invalidates. Any change may move the FIR between filtered or ordered lists
 * and stats buckets of its station, so the station's lists and counts and the global ones go.
 */
export function firChangeTags(changes: Iterable<FirChange>): string[] {
  const tags = new Set<string>();
  for (const c of changes) {
    tags.add(CacheTags.entity('Fir', c.id));
    tags.add(CacheTags.firList(c.stationId));
    tags.add(CacheTags.firStats(c.stationId));
    if (c.firNumber) tags.add(CacheTags.firNumber(c.firNumber));
    if (c.complaintId != null) tags.add(CacheTags.entity('Complaint', c.complaintId));
  }
  if (tags.size > 0) {
    tags.add(CacheTags.firList('all'));
    tags.add(CacheTags.firStats('all'));
  }
  return [...tags];
}
