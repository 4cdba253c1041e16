/**
 * The one after-commit path (src/fir/fir.changes.ts): invalidation finishes before `fir:updated`
 * goes out (a subscriber re-reading on the event must not meet the old cached answer), a failing
 * invalidation does not undo a committed write, and a no-op write sends nothing.
 */
import { createPubSub } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { createFirChanges } from '../../src/fir/fir.changes.ts';
import type { AppPubSub } from '../../src/pubsub.ts';

function recordingPubSub(log: string[]): AppPubSub {
  const inner = createPubSub() as unknown as AppPubSub;
  return {
    ...inner,
    publish: (topic: string, id: unknown, payload: { firId: number }) => {
      log.push(`publish ${topic} ${id} ${payload.firId}`);
    },
  } as unknown as AppPubSub;
}

describe('createFirChanges', () => {
  it('invalidates every change, then publishes one fir:updated per FIR to its station', async () => {
    const log: string[] = [];
    let release!: () => void;
    const invalidated = new Promise<void>((r) => (release = r));
    const changes = createFirChanges({
      pubsub: recordingPubSub(log),
      invalidate: async (c) => {
        log.push(`invalidate ${c.map((x) => x.id).join(',')}`);
        await invalidated;
      },
    });
    const done = changes.committed([
      { id: 1, stationId: 10, statusBefore: 'DRAFT', statusAfter: 'GENERATING' },
      { id: 2, stationId: 20, statusBefore: 'DRAFT', statusAfter: 'GENERATING' },
    ]);
    await Promise.resolve();
    expect(log).toEqual(['invalidate 1,2']); // nothing published while the invalidation runs
    release();
    await done;
    expect(log).toEqual(['invalidate 1,2', 'publish fir:updated 10 1', 'publish fir:updated 20 2']);
  });

  it('a failing invalidation is logged without personal data and the change is still published', async () => {
    const log: string[] = [];
    const warnings: object[] = [];
    const changes = createFirChanges({
      pubsub: recordingPubSub(log),
      invalidate: () => Promise.reject(Object.assign(new Error('redis said: complainant +91 98765 43210'), { name: 'ReplyError' })),
      log: { warn: (obj) => warnings.push(obj) },
    });
    await expect(changes.committed([{ id: 5, stationId: 1, statusBefore: 'GENERATED', statusAfter: 'UNDER_REVIEW' }])).resolves.toBeUndefined();
    expect(log).toEqual(['publish fir:updated 1 5']);
    expect(JSON.stringify(warnings)).toContain('ReplyError');
    expect(JSON.stringify(warnings)).not.toContain('98765');
  });

  it('no change, nothing invalidated or published', async () => {
    const log: string[] = [];
    const changes = createFirChanges({ pubsub: recordingPubSub(log), invalidate: () => void log.push('invalidate') });
    await changes.committed([]);
    expect(log).toEqual([]);
  });
});

describe('createFirChanges: a change within a running job', () => {
  it('is invalidated but not published (the job end publishes the FIR once)', async () => {
    const log: string[] = [];
    const changes = createFirChanges({ pubsub: recordingPubSub(log), invalidate: (c) => void log.push(`invalidate ${c.map((x) => x.id).join(',')}`) });
    await changes.committed([{ id: 3, stationId: 1, statusBefore: 'GENERATING', statusAfter: 'GENERATING', withinJob: true }]);
    expect(log).toEqual(['invalidate 3']);
  });
});
