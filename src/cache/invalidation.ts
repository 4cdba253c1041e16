/**
 * The invalidation rules: which cache tags a committed FIR change touches. The one after-commit
 * path (fir/fir.changes.ts) hands every change here; nothing else decides what to drop.
 */
import type { FirChange } from '../fir/fir.changes.ts';
import { CacheTags } from './tags.ts';

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
