/**
 * The event stream behind the generationProgress subscription (types/generation.ts): a job's
 * stored events, then its live ones.
 */
import { isDatabaseUnavailable } from '../../db/retry.ts';
import { AppError } from '../../errors.ts';
import { type FeedMember, type JobFeed, jobFeed, type JobSnapshot } from '../../generation/events.ts';
import { TERMINAL_JOB_STATUSES } from '../../generation/generation.repository.ts';
import type { GenerationEventPayload } from '../../pubsub.ts';
import type { Context } from '../context.ts';

const RUNNING = 1;
const ENDED = 2;
const CLOSED = 3;
const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/**
 * One generationProgress subscription. Kept small (thousands may sit idle on one gateway): the
 * pub/sub listener, the fallback poll and the database reads belong to the job's feed, shared
 * by every subscriber of the job in this process.
 */
class ProgressStream implements AsyncIterableIterator<GenerationEventPayload>, FeedMember {
  /** seq of the last event taken (handed out or ready to be) */
  last: number;
  #ctx: Pick<Context, 'db' | 'pubsub'> | null;
  #jobId: number;
  #pollMs: number;
  #state = 0;
  #feed: JobFeed | null = null;
  /** events taken, not yet handed out */
  #ready: GenerationEventPayload[] = [];
  /** while a database read is in flight: live messages received meanwhile, taken after it */
  #held: GenerationEventPayload[] | null = null;
  #waiters: Array<{ resolve: (r: IteratorResult<GenerationEventPayload>) => void; reject: (e: unknown) => void }> | null = null;
  #error: unknown = null;

  constructor(ctx: Pick<Context, 'db' | 'pubsub'>, jobId: number, after: number, pollMs: number) {
    this.#ctx = ctx;
    this.#jobId = jobId;
    this.last = after;
    this.#pollMs = pollMs;
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  next(): Promise<IteratorResult<GenerationEventPayload>> {
    if (this.#state === 0) this.#start();
    if (this.#ready.length) return Promise.resolve({ value: this.#ready.shift()!, done: false });
    if (this.#error !== null) {
      const err = this.#error;
      this.#error = null;
      return Promise.reject(err);
    }
    if (this.#state !== RUNNING) return Promise.resolve(DONE);
    return new Promise((resolve, reject) => (this.#waiters ??= []).push({ resolve, reject }));
  }

  return(): Promise<IteratorResult<GenerationEventPayload>> {
    this.#state = CLOSED;
    this.#ready.length = 0;
    this.#held = null;
    this.#error = null;
    this.#leave();
    this.#flush();
    return Promise.resolve(DONE);
  }

  throw(): Promise<IteratorResult<GenerationEventPayload>> {
    return this.return();
  }

  // FeedMember
  live(e: GenerationEventPayload) {
    this.#offer(e);
    this.#flush();
  }

  polled(events: GenerationEventPayload[]) {
    this.#take(events);
    this.#flush();
  }

  #start() {
    const ctx = this.#ctx!;
    this.#ctx = null;
    this.#state = RUNNING;
    // Joined (the feed's listener attached) before the read below starts: an event published in
    // between arrives live, held until the read is taken, and is then dropped as a duplicate.
    const feed = jobFeed(ctx.db, ctx.pubsub, this.#jobId, this.#pollMs);
    feed.join(this);
    this.#feed = feed;
    this.#held = [];
    this.#load(true);
  }

  /**
   * Reads the stored events after `last`. The database away (restarting, frozen) does not end the
   * subscription: the read is tried again every second, live events held meanwhile, so a listener
   * awaiting its FIR sees every event once the database answers.
   */
  #load(first: boolean) {
    this.#feed!.read(this.last).then(
      (s) => this.#read(s, first),
      (err) => {
        if (this.#state !== RUNNING) return;
        if (!isDatabaseUnavailable(err)) return this.#fail(err);
        setTimeout(() => this.#state === RUNNING && this.#feed && this.#load(first), 1000).unref();
      },
    );
  }

  #read(s: JobSnapshot, first: boolean) {
    if (this.#state !== RUNNING) return;
    if (s.status === null) return this.#fail(new AppError('NOT_FOUND', 'Generation job not found', { argument: 'jobId' }));
    const held = this.#held!;
    this.#held = null;
    this.#take(s.events);
    this.#take(held);
    // A job that had ended when the first read looked has all its events in that read.
    if (first && TERMINAL_JOB_STATUSES.has(s.status) && this.#held === null) this.#end();
    this.#flush();
  }

  #take(events: GenerationEventPayload[]) {
    for (let i = 0; i < events.length && this.#state === RUNNING; i++) this.#offer(events[i]!);
  }

  #offer(e: GenerationEventPayload) {
    if (this.#state !== RUNNING || e.seq <= this.last) return;
    if (this.#held) {
      this.#held.push(e);
    } else if (e.seq === this.last + 1) {
      this.#ready.push(e);
      this.last = e.seq;
      if (TERMINAL_JOB_STATUSES.has(e.status)) this.#end();
    } else {
      // A jump in seq (a message lost in transit): fill from the database, hold what follows.
      this.#held = [e];
      this.#load(false);
    }
  }

  #end() {
    this.#state = ENDED;
    this.#held = null;
    this.#leave();
  }

  #leave() {
    const feed = this.#feed;
    this.#feed = null;
    feed?.leave(this);
  }

  #fail(err: unknown) {
    if (this.#state !== RUNNING) return;
    this.#end();
    this.#error = err;
    this.#flush();
  }

  #flush() {
    const waiters = this.#waiters;
    if (!waiters?.length) return;
    while (waiters.length && this.#ready.length) waiters.shift()!.resolve({ value: this.#ready.shift()!, done: false });
    if (this.#state === RUNNING) return;
    if (this.#error !== null && waiters.length) {
      waiters.shift()!.reject(this.#error);
      this.#error = null;
    }
    while (waiters.length) waiters.shift()!.resolve(DONE);
  }
}

/**
 * Stored events with seq > after, then live ones, without gap or duplicate:
 *  - the subscriber joins its job's feed (whose pub/sub listener is attached) before the stored
 *    events are read (the first next() starts it), so nothing published in between is missed;
 *  - live events at or below the last seq taken are dropped; a jump in seq (a message lost in
 *    transit) is filled from the database;
 *  - while no live event arrives for the job the database is re-read every `pollMs`, so even a
 *    lost final event (Redis dropped mid-job) ends the stream.
 * Ends after the terminal event, at once for a finished job whose events the client has all seen,
 * and as soon as the client unsubscribes (return() never waits for an event).
 * The listener, the poll timer and the reads are per job and process (see jobFeed in
 * generation/events.ts): concurrent reads of a job's subscribers are batched into one.
 */
export function generationEvents(
  ctx: Pick<Context, 'db' | 'pubsub'>,
  jobId: number,
  after: number,
  options: { pollMs?: number } = {},
): AsyncIterableIterator<GenerationEventPayload> {
  return new ProgressStream(ctx, jobId, after, options.pollMs ?? 3000);
}
