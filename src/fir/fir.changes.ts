/**
 * The one path after a FIR write commits. Every write of a FIR (an officer's edit, a status
 * change, a bulk update, a submission, a retry, a cancel, a generation stage that changes it)
 * ends in `committed(changes)`, called after its transaction commits and never for a rolled-back
 * or no-op write. It first invalidates what the response cache holds of those FIRs (the tags are
 * chosen by cache/invalidation.ts), then publishes `fir:updated` for each: a subscriber that
 * re-reads on the event cannot be served the old answer, and the writer's own answer waits for
 * the invalidation, so its next read cannot be either.
 *
 * The FIR has committed whatever happens here: a failing invalidation is logged and the write
 * still succeeds (the cache store itself fails safe, see cache/response-store.ts).
 */
import type { AppPubSub } from '../pubsub.ts';

/** One FIR a committed write changed. */
export interface FirChange {
  id: number;
  stationId: number;
  /** status before the change; null for a FIR the write created */
  statusBefore: string | null;
  statusAfter: string;
  /** set when the FIR's complaint changed too (the pipeline's transcript) */
  complaintId?: number;
  /** the API fields an edit changed (`summary`, `incident.occurredFrom`, `sectionIds` …); absent: unknown, treated as everything */
  fields?: string[];
  /**
   * A change inside a running job (the draft written at ASSEMBLE, a transcript): cached answers
   * holding the FIR are dropped, but no `fir:updated` goes out; the job's end, a few milliseconds
   * later, publishes the FIR once (a room subscriber sees each generated FIR once).
   */
  withinJob?: boolean;
}

export interface FirChanges {
  /** Invalidates, then publishes; resolves when both are done (never rejects). */
  committed(changes: readonly FirChange[]): Promise<void>;
}

export interface FirChangesOptions {
  pubsub: AppPubSub;
  /** drops cached answers holding these FIRs (the response cache's); none without a cache */
  invalidate?: ((changes: readonly FirChange[]) => unknown) | null;
  log?: { warn(obj: object, msg?: string): void } | null;
}

export function createFirChanges(options: FirChangesOptions): FirChanges {
  return {
    async committed(changes) {
      if (changes.length === 0) return;
      if (options.invalidate) {
        try {
          await options.invalidate(changes);
        } catch (err) {
          options.log?.warn({ err: { type: (err as Error)?.name }, changes: changes.length }, 'response cache invalidation failed');
        }
      }
      for (const c of changes) if (!c.withinJob) options.pubsub.publish('fir:updated', c.stationId, { firId: c.id, stationId: c.stationId });
    },
  };
}
