/**
 * The invalidation rules (src/cache/invalidation.ts): which tags a committed FIR change drops.
 * Dropping too little serves stale answers; dropping too much empties the cache on every edit, so
 * both directions are asserted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firChangeTags } from '../../src/cache/invalidation.ts';
import { CacheTags } from '../../src/cache/tags.ts';
import type { FirChange } from '../../src/fir/fir.changes.ts';

const listsAndStats = (station: number | 'all') => [CacheTags.firList(station), CacheTags.firStats(station)];

describe('firChangeTags', () => {
  it('a new FIR drops its entity, its station and the global lists and counts', () => {
    const tags = firChangeTags([{ id: 7, stationId: 3, statusBefore: null, statusAfter: 'GENERATING' }]);
    expect(new Set(tags)).toEqual(
      new Set([CacheTags.entity('Fir', 7), CacheTags.firListAny(3), CacheTags.firListAny('all'), ...listsAndStats(3), ...listsAndStats('all')]),
    );
  });

  it('a text edit keeps the status-filtered lists and counts, and drops only what any change can reorder', () => {
    const tags = new Set(firChangeTags([{ id: 7, stationId: 3, statusBefore: 'GENERATED', statusAfter: 'GENERATED', fields: ['summary', 'narrative'] }]));
    expect(tags).toEqual(new Set([CacheTags.entity('Fir', 7), CacheTags.firListAny(3), CacheTags.firListAny('all')]));
  });

  it.each(['sectionIds', 'incident.occurredFrom', 'firNumber'])('an edit of %s moves the FIR between lists: lists and counts go', (field) => {
    const tags = new Set(firChangeTags([{ id: 1, stationId: 2, statusBefore: 'DRAFT', statusAfter: 'DRAFT', fields: [field] }]));
    for (const t of [...listsAndStats(2), ...listsAndStats('all')]) expect(tags.has(t), t).toBe(true);
  });

  it('a changed complaint (a transcript) drops the complaint entity too', () => {
    const tags = firChangeTags([{ id: 1, stationId: 2, statusBefore: 'GENERATING', statusAfter: 'GENERATING', complaintId: 9 }]);
    expect(tags).toContain(CacheTags.entity('Complaint', 9));
  });

  it('property: every change drops its FIR, and lists/counts of its station whenever membership can change; never another station', () => {
    const change = fc.record<FirChange>(
      {
        id: fc.integer({ min: 1, max: 50 }),
        stationId: fc.integer({ min: 1, max: 5 }),
        statusBefore: fc.option(fc.constantFrom('DRAFT', 'GENERATING', 'GENERATED', 'UNDER_REVIEW')),
        statusAfter: fc.constantFrom('DRAFT', 'GENERATING', 'GENERATED', 'UNDER_REVIEW', 'REGISTERED'),
        fields: fc.option(fc.subarray(['summary', 'narrative', 'sectionIds', 'incident.occurredFrom', 'complainant.name']), { nil: undefined }),
      },
      { requiredKeys: ['id', 'stationId', 'statusBefore', 'statusAfter'] },
    );
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 6 }), (changes) => {
        const tags = new Set(firChangeTags(changes));
        const stations = new Set(changes.map((c) => c.stationId));
        for (const c of changes) {
          expect(tags.has(CacheTags.entity('Fir', c.id))).toBe(true);
          expect(tags.has(CacheTags.firListAny(c.stationId))).toBe(true);
          const moves = c.statusBefore !== c.statusAfter || !c.fields || c.fields.some((f) => ['sectionIds', 'incident.occurredFrom'].includes(f));
          if (moves) for (const t of [...listsAndStats(c.stationId), ...listsAndStats('all')]) expect(tags.has(t)).toBe(true);
        }
        for (const t of tags) {
          const m = /^(?:FirList|FirListAny|FirStats):(\d+)$/.exec(t);
          if (m) expect(stations.has(Number(m[1]))).toBe(true);
        }
      }),
    );
  });
});
