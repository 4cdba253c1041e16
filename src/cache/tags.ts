/**
 * Cache tags beyond the entities the response cache finds in a result by typename and id.
 *
 * Entity tags (`Fir:12`) invalidate every response that contains an entity; they cannot reach a
 * response that does not contain it yet: a list a new or changed FIR now belongs to, a count it
 * now adds to, a lookup that found nothing. Resolvers of such fields tag the response they are part
 * of with the collection it depends on, and whoever changes FIRs (mutations, job completion)
 * invalidates the collections of the stations involved.
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

export interface FirChange {
  id: number;
  stationId: number;
  /** status before the change; null for a new FIR */
  statusBefore: string | null;
  statusAfter: string;
  /** set when the FIR's complaint changed too */
  complaintId?: number;
  /** the API fields an edit changed; absent: unknown (treated as changing everything) */
  fields?: string[];
}

/** edited fields that move a FIR between FirList/FirStats answers (besides its status) */
const MEMBERSHIP_FIELDS = new Set(['sectionIds', 'incident.occurredFrom', 'firNumber']);

/**
 * Tags a FIR change invalidates: the FIR itself (every answer that contains it), the lists any
 * change can reorder (search, UPDATED_AT) of its station and of all stations, and, when the change
 * can move the FIR between filtered lists or stats buckets (a new FIR, a status change, sections,
 * incident time, registration, or an edit whose fields are not known), the station's and the
 * global lists and counts. An edit of the summary, say, leaves a station's status-filtered page
 * cached: it holds the FIR's new text only through `Fir:<id>`, which goes.
 */
export function firChangeTags(changes: Iterable<FirChange>): string[] {
  const tags = new Set<string>();
  for (const c of changes) {
    tags.add(CacheTags.entity('Fir', c.id));
    tags.add(CacheTags.firListAny(c.stationId));
    tags.add(CacheTags.firListAny('all'));
    const moves = c.statusBefore !== c.statusAfter || !c.fields || c.fields.some((f) => MEMBERSHIP_FIELDS.has(f));
    if (moves) {
      tags.add(CacheTags.firList(c.stationId));
      tags.add(CacheTags.firStats(c.stationId));
      tags.add(CacheTags.firList('all'));
      tags.add(CacheTags.firStats('all'));
    }
    if (c.complaintId != null) tags.add(CacheTags.entity('Complaint', c.complaintId));
  }
  return [...tags];
}
