/**
 * Invalidations that survive a gateway being cut off from Redis.
 *
 * The response cache lives in one Redis shared by every gateway, and a write invalidates its tags
 * there after it commits (fir/fir.changes.ts). If that gateway cannot reach Redis at that moment
 * (Redis restarting, or this one gateway partitioned from it) the other gateways would go on
 * serving the old entries. This module closes that hole with the database, which every gateway
 * that answers a read must reach anyway:
 *
 * - A write whose invalidation Redis did not acknowledge records it in `cache_invalidation`
 *   (`record`), then waits before answering: until some process has delivered the row to Redis
 *   and deleted it, or at most one lease (`leaseMs`) plus a margin.
 * - Every process with the Redis cache polls that table every `pollMs`, delivers what it finds to
 *   Redis (delivery is idempotent: a tag gets a newer version, which costs only misses) and deletes
 *   it. A poll that found the table empty, or delivered all it found, renews this process's lease
 *   from the moment the poll *started*.
 * - A gateway serves cached answers only while its lease is younger than `leaseMs` (the store asks
 *   `lease.valid()` before every lookup and store). Otherwise it answers uncached: fail closed
 *   while unsure.
 *
 * Why that is enough: a write acknowledged at time a committed at c ≤ a − leaseMs (or its row was
 * delivered, which is earlier still). A read that starts after a on a gateway with a valid lease
 * is served from a lease whose poll started after a − leaseMs ≥ c, so that poll saw the row (or
 * its deletion, i.e. the delivery) and Redis holds the invalidation before the lookup reads it.
 * It relies only on durations measured by each process's monotonic clock, never on clocks agreeing.
 * A Redis flush or restart needs none of this: entries and tag versions go together, and the store
 * refuses a write-back across a flush (see response-store.ts).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { deleteInvalidations, pendingInvalidations, recordInvalidation } from './cache-invalidation.repository.ts';

/** Whether this process may serve from the shared cache right now. */
export interface CacheLease {
  valid(): boolean;
}

export interface InvalidationLogOptions {
  db: Kysely<DB>;
  /** delivers tags to the shared store; true when the store acknowledged them */
  deliver: (tags: string[]) => Promise<boolean>;
  /** a lease lasts this long after the start of the poll that renewed it */
  leaseMs?: number;
  pollMs?: number;
  onError?: (err: unknown) => void;
}

export interface InvalidationLog extends CacheLease {
  /** Durably records tags Redis did not take; resolves once no gateway can serve what they cover. */
  record(tags: readonly string[]): Promise<void>;
  /** one poll now (tests; the timer calls it too) */
  poll(): Promise<boolean>;
  start(): void;
  stop(): Promise<void>;
}

const BATCH = 500;

export function createInvalidationLog(options: InvalidationLogOptions): InvalidationLog {
  const { db } = options;
  const leaseMs = options.leaseMs ?? 1000;
  const pollMs = options.pollMs ?? 250;
  let renewedAt = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<boolean> | null = null;
  let stopped = false;

  async function pollOnce(): Promise<boolean> {
    const startedAt = performance.now();
    try {
      for (;;) {
        const rows = await pendingInvalidations(db, BATCH);
        if (rows.length === 0) break;
        const tags = new Set<string>();
        for (const r of rows) for (const t of r.tags) tags.add(t);
        if (!(await options.deliver([...tags]))) return false;
        await deleteInvalidations(
          db,
          rows.map((r) => r.id),
        );
        if (rows.length < BATCH) break;
      }
      renewedAt = Math.max(renewedAt, startedAt);
      return true;
    } catch (err) {
      options.onError?.(err);
      return false;
    }
  }

  const poll = () => {
    running ??= pollOnce().finally(() => {
      running = null;
    });
    return running;
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      void poll().finally(schedule);
    }, pollMs);
    timer.unref();
  };

  return {
    valid() {
      return performance.now() - renewedAt < leaseMs;
    },
    poll,
    start() {
      stopped = false;
      void poll().finally(schedule);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
    async record(tags) {
      const since = performance.now();
      // This process may itself hold entries Redis was not told about: no hits until a poll has
      // delivered them.
      renewedAt = Number.NEGATIVE_INFINITY;
      const deadline = since + leaseMs * 1.2 + pollMs;
      try {
        await recordInvalidation(db, tags);
      } catch (err) {
        // Neither Redis nor the database took it: nothing more this process can do (a gateway that
        // cannot reach the database stops serving hits within a lease anyway).
        options.onError?.(err);
        return;
      }
      // Waits for a delivery (a poll that started after the insert, by this process or, seen as the
      // row's absence, by another) or for every other gateway's lease to run out.
      const quick = Math.max(20, Math.min(100, pollMs / 2));
      while (performance.now() < deadline) {
        await running;
        if (await poll()) return;
        await new Promise((r) => setTimeout(r, quick));
      }
    },
  };
}

/**
 * The shared store with this log behind it: an invalidation Redis does not acknowledge is recorded
 * and waited for (`record`), so every path that invalidates (the after-commit path, the response
 * cache plugin's mutation results) is covered by one wrapper.
 */
export function withInvalidationLog<S extends { invalidate(tags: Iterable<string>): Promise<boolean>; close(): Promise<void> }>(
  store: S,
  log: InvalidationLog,
): S {
  return {
    ...store,
    async invalidate(tags: Iterable<string>) {
      const list = [...new Set(tags)];
      if (!(await store.invalidate(list))) await log.record(list);
      return true;
    },
    async close() {
      await log.stop();
      await store.close();
    },
  };
}
