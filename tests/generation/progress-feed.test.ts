/**
 * The live side of generationProgress is shared per job and process (jobFeed in
 * src/generation/events.ts): however many subscribers a job has, one pub/sub subscription, one
 * fallback poll and batched database reads. And a subscriber that goes away lets go at once, not
 * at the job's next event. PGlite and graphql-yoga's in-memory pub/sub.
 */
import { createPubSub } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { liveFeedCount, publishEvents } from '../../src/generation/events.ts';
import { appendEvent, lockJob } from '../../src/generation/generation.repository.ts';
import { generationEvents } from '../../src/graphql/streams/generation-progress.ts';
import type { AppPubSub, GenerationEventPayload, Topics } from '../../src/pubsub.ts';
import { queuedJob, useFeedDatabase } from '../helpers/fixtures.ts';

const N = 200;

describe('generationProgress feeds (PGlite, in-memory pub/sub)', () => {
  const feed = useFeedDatabase();

  /** A fresh job with its QUEUED event, and a pub/sub that counts subscriptions and listeners. */
  async function setup() {
    const jobId = await queuedJob(feed.db.db, feed.firId);
    const base = createPubSub<Topics>();
    const counts = { subscribed: 0, returned: 0 };
    const pubsub = {
      publish: base.publish.bind(base),
      subscribe: (topic: 'generation:progress', id: number) => {
        counts.subscribed++;
        const inner = base.subscribe(topic, id);
        return {
          [Symbol.asyncIterator]() {
            return this;
          },
          next: () => inner.next(),
          return: (v?: unknown) => {
            counts.returned++;
            return inner.return!(v as any);
          },
        };
      },
    } as unknown as AppPubSub;
    const append = async (status: string, stage: string, publish: boolean) => {
      const event = await feed.db.db.transaction().execute(async (trx) => {
        await lockJob(trx, jobId);
        return appendEvent(trx, jobId, feed.firId, { status, stage, progress: status === 'SUCCEEDED' ? 1 : 0.5, message: null });
      });
      if (publish) publishEvents(pubsub, [event]);
      return event;
    };
    await append('QUEUED', 'QUEUED', false);
    return { jobId, pubsub, counts, append };
  }

  it(`${N} subscribers of one job share one pub/sub subscription and one read; each gets every event once; the feed goes with the last`, async () => {
    const { jobId, pubsub, counts, append } = await setup();
    feed.db.queries.length = 0;
    const subs = Array.from({ length: N }, () => generationEvents({ db: feed.db.db, pubsub }, jobId, 0));
    const first = await Promise.all(subs.map((s) => s.next()));
    expect(first.map((r) => r.value?.seq)).toEqual(Array(N).fill(1));
    expect(counts.subscribed).toBe(1);
    expect(liveFeedCount(pubsub)).toBe(1);
    // the replay of all N: one job lookup and one events read
    expect(feed.db.queries.length).toBe(2);

    const pending = subs.map((s) => s.next());
    await append('RUNNING', 'SUMMARIZE', true);
    expect((await Promise.all(pending)).map((r) => r.value?.seq)).toEqual(Array(N).fill(2));
    const last = subs.map((s) => s.next());
    await append('SUCCEEDED', 'DONE', true);
    const finals = await Promise.all(last);
    expect(finals.every((r) => r.value?.seq === 3 && r.value.fir_id === feed.firId)).toBe(true);
    expect((await Promise.all(subs.map((s) => s.next()))).every((r) => r.done)).toBe(true);
    expect(liveFeedCount(pubsub)).toBe(0);
    expect(counts.returned).toBe(1);
  });

  it('return() while waiting for a live event ends the subscription at once and releases the listener', async () => {
    const { jobId, pubsub, counts } = await setup();
    const subs = Array.from({ length: 3 }, () => generationEvents({ db: feed.db.db, pubsub }, jobId, 0));
    await Promise.all(subs.map((s) => s.next()));
    const waiting = subs.map((s) => s.next());
    // no event of the job ever comes: return() must not wait for one
    const returned = await Promise.all(subs.map((s) => s.return!()));
    expect(returned.every((r) => r.done)).toBe(true);
    expect((await Promise.all(waiting)).every((r) => r.done)).toBe(true);
    expect(liveFeedCount(pubsub)).toBe(0);
    expect(counts.returned).toBe(1);
  });

  it('while the job is quiet the feed re-reads the database once per poll for all subscribers, so a lost final event still ends every stream', async () => {
    const { jobId, pubsub, append } = await setup();
    const subs = Array.from({ length: 50 }, () => generationEvents({ db: feed.db.db, pubsub }, jobId, 0, { pollMs: 100 }));
    await Promise.all(subs.map((s) => s.next()));
    const waiting = subs.map((s) => s.next());
    await append('RUNNING', 'SUMMARIZE', false); // lost in transit
    await append('SUCCEEDED', 'DONE', false); // lost too
    feed.db.queries.length = 0;
    const got = await Promise.all(waiting);
    expect(got.every((r) => r.value?.seq === 2)).toBe(true);
    const finals = await Promise.all(subs.map((s) => s.next()));
    expect(finals.every((r) => r.value?.seq === 3 && r.value.status === 'SUCCEEDED')).toBe(true);
    expect((await Promise.all(subs.map((s) => s.next()))).every((r) => r.done)).toBe(true);
    // one poll (job status + events), not one per subscriber
    expect(feed.db.queries.length).toBeLessThanOrEqual(4);
    expect(liveFeedCount(pubsub)).toBe(0);
  });

  it('a subscriber that joins a running feed replays from the database and then goes live, without duplicates', async () => {
    const { jobId, pubsub, append } = await setup();
    const early = generationEvents({ db: feed.db.db, pubsub }, jobId, 0);
    expect((await early.next()).value?.seq).toBe(1);
    const e2 = early.next();
    await append('RUNNING', 'SUMMARIZE', true);
    expect((await e2).value?.seq).toBe(2);
    const late = generationEvents({ db: feed.db.db, pubsub }, jobId, 0);
    const seen: GenerationEventPayload[] = [];
    seen.push((await late.next()).value, (await late.next()).value);
    const l3 = late.next();
    const e3 = early.next();
    await append('SUCCEEDED', 'DONE', true);
    seen.push((await l3).value);
    expect((await e3).value?.seq).toBe(3);
    expect(seen.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect((await late.next()).done).toBe(true);
    expect(liveFeedCount(pubsub)).toBe(0);
  });
});
