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
import { waitFor } from '../helpers/wait.ts';

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

  it('the database away when a subscriber starts: the subscription waits (no error) and delivers every event once it answers; other errors still end it', async () => {
    const { jobId, pubsub, append } = await setup();
    let refuse: Error | null = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' });
    let refused = 0;
    const flaky = feed.db.db.withPlugin({
      transformQuery(args) {
        if (refuse) {
          refused++;
          throw refuse;
        }
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const sub = generationEvents({ db: flaky, pubsub }, jobId, 0);
    const first = sub.next();
    let settled = false;
    void first.then(() => (settled = true), () => (settled = true));
    // tried again every second while the database refuses; the subscriber sees nothing meanwhile
    await waitFor(() => refused >= 2, { timeoutMs: 10_000, message: 'two refused reads' });
    expect(settled).toBe(false);
    await append('RUNNING', 'SUMMARIZE', true); // live while the read is failing: held, not lost
    refuse = null;
    expect((await first).value?.seq).toBe(1);
    expect((await sub.next()).value?.seq).toBe(2);
    const end = sub.next();
    await append('SUCCEEDED', 'DONE', true);
    expect((await end).value).toMatchObject({ seq: 3, status: 'SUCCEEDED' });
    expect((await sub.next()).done).toBe(true);

    // a fault that is not the database being away ends the subscription with it
    refuse = new Error('a bug');
    const broken = generationEvents({ db: flaky, pubsub }, jobId, 0);
    await expect(broken.next()).rejects.toThrow('a bug');
  });
});
