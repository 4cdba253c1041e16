/**
 * Live job progress: publishing committed stage events, and one shared feed per job per process
 * that fans pub/sub messages and fallback database re-reads out to that job's subscribers.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import type { AppPubSub, GenerationEventPayload } from '../pubsub.ts';
import { jobStatus, storedEvents } from './generation.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;

export function publishEvents(pubsub: AppPubSub, events: GenerationEventPayload[]) {
  for (const e of events) pubsub.publish('generation:progress', e.job_id, e);
}

// ---- live feeds: one pub/sub listener per job per process, fanned out to its subscribers ------

/** What a job feed tells its subscribers. */
interface FeedMember {
  /** seq of the last event this subscriber has taken (the feed polls from the lowest) */
  readonly last: number;
  /** a live message (in publish order; may repeat or skip seqs) */
  live(event: GenerationEventPayload): void;
  /** the job's stored events after some seq at or below `last`, in seq order */
  polled(events: GenerationEventPayload[]): void;
}

export interface JobSnapshot {
  /** the job's status when read, null when there is no such job */
  status: string | null;
  /** stored events after the lowest seq asked for, in seq order (read after the status) */
  events: GenerationEventPayload[];
}

/**
 * The live side of one job's subscriptions in this process: one pub/sub subscription, one
 * fallback-poll timer and batched database reads, however many subscribers. Created by the first
 * subscriber, dropped (listener removed, timer cleared) when the last one leaves.
 */
class JobFeed {
  readonly members = new Set<FeedMember>();
  readonly #live: AsyncIterator<GenerationEventPayload>;
  readonly #timer: NodeJS.Timeout;
  #closed = false;
  /** a read asked for but not started yet: every caller until it starts shares it */
  #queued: { after: number; promise: Promise<JobSnapshot>; resolve: (s: JobSnapshot) => void; reject: (e: unknown) => void } | null = null;

  readonly db: Db;
  readonly jobId: number;
  readonly #onEmpty: () => void;

  constructor(db: Db, pubsub: AppPubSub, jobId: number, pollMs: number, onEmpty: () => void) {
    this.db = db;
    this.jobId = jobId;
    this.#onEmpty = onEmpty;
    this.#live = pubsub.subscribe('generation:progress', jobId);
    // The first next() attaches the listener (synchronously), before any subscriber reads.
    this.#pull();
    this.#timer = setTimeout(() => this.#poll(), pollMs);
    this.#timer.unref();
    // With Redis, SUBSCRIBE is sent but not confirmed when the first read runs: an event published
    // in between is in neither. One early second look closes that window in ~200 ms instead of
    // at the next event or poll.
    setTimeout(() => this.#poll(), Math.min(200, pollMs)).unref();
  }

  #pull() {
    this.#live.next().then(
      (r) => {
        if (this.#closed || r.done) return;
        this.#timer.refresh();
        const e = r.value;
        for (const m of this.members) m.live(e);
        this.#pull();
      },
      () => {},
    );
  }

  /** While no live message arrives, the database is re-read every pollMs (a lost final event still ends the streams). */
  #poll() {
    if (this.#closed) return;
    let after = Number.POSITIVE_INFINITY;
    for (const m of this.members) after = Math.min(after, m.last);
    this.read(after).then(
      (s) => {
        if (this.#closed) return;
        for (const m of this.members) m.polled(s.events);
        this.#timer.refresh();
      },
      () => !this.#closed && this.#timer.refresh(),
    );
  }

  /**
   * The job's status, then its stored events after `after` (or after a lower seq another caller
   * asked for). The read starts on the next turn of the event loop, after every caller so far:
   * callers that joined before calling read() see everything published after they joined either
   * live or in this read.
   */
  read(after: number): Promise<JobSnapshot> {
    const q = this.#queued;
    if (q) {
      q.after = Math.min(q.after, after);
      return q.promise;
    }
    let resolve!: (s: JobSnapshot) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<JobSnapshot>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const next = { after, promise, resolve, reject };
    this.#queued = next;
    setImmediate(() => {
      this.#queued = null;
      readSnapshot(this.db, this.jobId, next.after).then(next.resolve, next.reject);
    });
    return promise;
  }

  join(m: FeedMember) {
    this.members.add(m);
  }

  leave(m: FeedMember) {
    if (!this.members.delete(m) || this.members.size) return;
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#onEmpty();
    void this.#live.return?.();
  }
}

async function readSnapshot(db: Db, jobId: number, after: number): Promise<JobSnapshot> {
  const status = await jobStatus(db, jobId);
  if (status == null) return { status: null, events: [] };
  // Read after the status: a job that had ended has all its events in this batch.
  return { status, events: await storedEvents(db, jobId, after) };
}

const feeds = new WeakMap<AppPubSub, Map<number, JobFeed>>();

/** The feed of a job on this pub/sub, created if none (the caller must join it at once). */
export function jobFeed(db: Db, pubsub: AppPubSub, jobId: number, pollMs: number): JobFeed {
  let byJob = feeds.get(pubsub);
  if (!byJob) feeds.set(pubsub, (byJob = new Map()));
  let feed = byJob.get(jobId);
  if (!feed) {
    const map = byJob;
    const created: JobFeed = new JobFeed(db, pubsub, jobId, pollMs, () => {
      if (map.get(jobId) === created) map.delete(jobId);
    });
    feed = created;
    map.set(jobId, feed);
  }
  return feed;
}

/** Number of jobs with a live feed in this process (tests, metrics). */
export function liveFeedCount(pubsub: AppPubSub): number {
  return feeds.get(pubsub)?.size ?? 0;
}

export type { JobFeed, FeedMember };
