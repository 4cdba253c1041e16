/**
 * generationEvents (the resolver behind the generationProgress subscription) under subscribers
 * that disconnect and reconnect at random points, each time with `after` = the last seq they saw:
 * the concatenation of what every session received is exactly the job's events in seq order,
 * with no gap and no duplicate.
 *
 * Driven deterministically on a real database (PGlite) and an in-memory pub/sub (graphql-yoga's
 * createPubSub). A fast-check plan interleaves:
 *  - produce: append the next event in a transaction (appendEvent) and publish it after commit
 *    (publishEvents), or lose the live message (the row is stored, nothing is published);
 *  - pull: ask the current session for its next event (opening a session if none is open) and
 *    wait until it either yields or is blocked waiting for live messages;
 *  - disconnect: the client goes away (return() on the iterator);
 *  - and, inside every query the subscriber makes, producing events right then (a Kysely plugin
 *    whose transformResult runs the plan's "hook" steps). This covers an event committed and
 *    published after the live subscription starts but before the stored events are read (it
 *    arrives twice), and one committed right after that read (it must come live).
 * A lost live message must be filled from the database when a later one arrives.
 */
import fc from 'fast-check';
import { createPubSub } from 'graphql-yoga';
import type { KyselyPlugin } from 'kysely';
import { describe, expect, it } from 'vitest';
import { publishEvents } from '../../src/generation/events.ts';
import { appendEvent, lockJob, storedEvents } from '../../src/generation/generation.repository.ts';
import { generationEvents } from '../../src/graphql/streams/generation-progress.ts';
import type { AppPubSub, GenerationEventPayload, Topics } from '../../src/pubsub.ts';
import { queuedJob, useFeedDatabase } from '../helpers/fixtures.ts';

type Action = 'produce' | 'produce-lost' | 'pull' | 'disconnect';

interface Plan {
  /** number of events; the last one is terminal (SUCCEEDED) and always published */
  n: number;
  actions: Action[];
  /** events to produce inside each successive query of a subscriber (0 once exhausted) */
  hooks: number[];
}

const STAGES = ['SUMMARIZE', 'RETRIEVE_SECTIONS', 'CHECK_SECTIONS', 'DRAFT_NARRATIVE', 'ASSEMBLE', 'VALIDATE'];

interface Session {
  after: number;
  gen: AsyncIterableIterator<GenerationEventPayload>;
  got: GenerationEventPayload[];
  pending: Promise<IteratorResult<GenerationEventPayload>> | null;
  outcome: { result?: IteratorResult<GenerationEventPayload>; error?: unknown } | null;
  open: boolean;
}

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('generationProgress reconnects (PGlite, in-memory pub/sub)', () => {
  const feed = useFeedDatabase();

  const newJob = () => queuedJob(feed.db.db, feed.firId);

  /** Runs one plan; returns the sessions (what each received) and the stored events. */
  async function run(plan: Plan) {
    const jobId = await newJob();
    const base = createPubSub<Topics>();
    /** anything a subscriber does (a query, a live message taken) counts as activity */
    let activity = 0;
    const pubsub = {
      publish: base.publish.bind(base),
      subscribe: (topic: 'generation:progress', id: number) => {
        const inner = base.subscribe(topic, id);
        const wrapper: AsyncIterableIterator<GenerationEventPayload> = {
          [Symbol.asyncIterator]() {
            return wrapper;
          },
          next() {
            activity++;
            const p = inner.next();
            p.then(() => activity++, () => activity++);
            return p;
          },
          return(value?: unknown) {
            activity++;
            return inner.return ? inner.return(value as any) : Promise.resolve({ done: true, value: undefined as any });
          },
        };
        return wrapper;
      },
    } as unknown as AppPubSub;

    let produced = 0;
    const hooks = [...plan.hooks];
    // "The worker" appends one event at a time (the driver and the hooks may both be producing)
    let chain: Promise<void> = Promise.resolve();
    const produce = (lost: boolean): Promise<void> => {
      const next = chain.then(() => produceNow(lost));
      chain = next.catch(() => {});
      return next;
    };
    const produceNow = async (lost: boolean) => {
      if (produced >= plan.n) return;
      const seq = produced + 1;
      const final = seq === plan.n;
      const event = await feed.db.db.transaction().execute(async (trx) => {
        await lockJob(trx, jobId);
        return appendEvent(trx, jobId, feed.firId, {
          status: seq === 1 ? 'QUEUED' : final ? 'SUCCEEDED' : 'RUNNING',
          stage: seq === 1 ? 'QUEUED' : final ? 'DONE' : STAGES[(seq - 2) % STAGES.length]!,
          progress: final ? 1 : Number(((seq - 1) / plan.n).toFixed(4)),
          message: `event ${seq}`,
        });
      });
      produced = seq;
      expect(event.seq).toBe(seq);
      // the terminal event is always published: a subscriber may only rely on a later message
      if (!lost || final) publishEvents(pubsub, [event]);
    };
    // Every query of a subscriber (the job lookup, the stored-events read, a gap fill) may be
    // followed, before its result is used, by events committed and published by "the worker".
    const hookPlugin: KyselyPlugin = {
      transformQuery: (args) => {
        activity++;
        return args.node;
      },
      async transformResult(args) {
        activity++;
        const k = hooks.shift() ?? 0;
        for (let i = 0; i < k; i++) await produce(false);
        activity++;
        return args.result;
      },
    };
    const ctx = { db: feed.db.db.withPlugin(hookPlugin), pubsub };

    const sessions: Session[] = [];
    let current: Session | null = null;
    let lastSeen = 0;
    let finished = false;

    const openSession = () => {
      const s: Session = { after: lastSeen, gen: generationEvents(ctx, jobId, lastSeen), got: [], pending: null, outcome: null, open: true };
      sessions.push(s);
      current = s;
      return s;
    };
    /** takes a settled next() result into the session */
    const consume = (s: Session) => {
      const outcome = s.outcome!;
      s.outcome = null;
      s.pending = null;
      if (outcome.error) throw outcome.error;
      const r = outcome.result!;
      if (r.done) {
        s.open = false;
        current = null;
        if (!finished) throw new Error(`session after=${s.after} ended before the final event (last seen ${lastSeen})`);
        return;
      }
      s.got.push(r.value);
      lastSeen = r.value.seq;
      if (r.value.status === 'SUCCEEDED') {
        finished = true;
        s.open = false;
        current = null;
        void s.gen.return?.(undefined).catch(() => {});
      }
    };
    /**
     * Waits until the session's next() settled, or nothing has happened for a while (no query,
     * no live message taken): then the subscriber is waiting for live messages. PGlite answers
     * a query within a macrotask or two, so ten idle turns of the event loop are a wide margin.
     */
    const settle = async (s: Session): Promise<'settled' | 'blocked'> => {
      let seen = activity;
      let idle = 0;
      for (let i = 0; i < 20_000; i++) {
        await tick();
        if (s.outcome) return 'settled';
        if (activity !== seen) {
          seen = activity;
          idle = 0;
        } else if (++idle >= 10) {
          return 'blocked';
        }
      }
      throw new Error('the subscriber kept querying without yielding an event');
    };
    const pull = async (): Promise<'settled' | 'blocked' | 'finished'> => {
      if (finished) return 'finished';
      const s = current ?? openSession();
      if (!s.pending) {
        s.pending = s.gen.next();
        s.pending.then(
          (result) => (s.outcome = { result }),
          (error) => (s.outcome = { error }),
        );
      }
      const state = await settle(s);
      if (state === 'settled') consume(s);
      return state;
    };
    const disconnect = async () => {
      const s = current;
      if (!s) return;
      await tick();
      if (s.outcome) consume(s); // delivered before the client went away
      if (!s.open) return;
      s.open = false;
      current = null;
      // return() waits behind a pending next(); the client is gone either way
      void s.gen.return?.(undefined).catch(() => {});
    };

    for (const action of plan.actions) {
      if (finished) break;
      if (action === 'produce') await produce(false);
      else if (action === 'produce-lost') await produce(true);
      else if (action === 'pull') await pull();
      else await disconnect();
    }
    // the worker finishes the job; the last subscriber reads until the end
    while (produced < plan.n) await produce(false);
    for (let guard = 0; !finished; guard++) {
      if (guard > plan.n + 5) throw new Error('the subscriber kept yielding past the final event');
      const state = await pull();
      if (state === 'blocked') throw new Error(`subscriber stuck after every event was stored and the final one published (last seen ${lastSeen} of ${plan.n})`);
    }
    const stored = await storedEvents(feed.db.db, jobId, 0);
    return { sessions, stored };
  }

  function check(plan: Plan, result: Awaited<ReturnType<typeof run>>) {
    const { sessions, stored } = result;
    expect(stored.map((e) => e.seq)).toEqual(Array.from({ length: plan.n }, (_, i) => i + 1));
    const received = sessions.flatMap((s) => s.got);
    expect(received.map((e) => e.seq)).toEqual(stored.map((e) => e.seq));
    for (const [i, e] of received.entries()) {
      const s = stored[i]!;
      expect({ ...e, at: undefined }).toEqual({ ...s, at: undefined });
      expect(Math.abs(Date.parse(e.at) - Date.parse(s.at))).toBeLessThan(1000);
    }
    // every session resumed right after what the previous ones had seen
    let seen = 0;
    for (const s of sessions) {
      expect(s.after).toBe(seen);
      if (s.got.length) expect(s.got[0]!.seq).toBe(seen + 1);
      seen = s.got.at(-1)?.seq ?? seen;
    }
    expect(received.at(-1)!.status).toBe('SUCCEEDED');
    expect(received.at(-1)!.fir_id).toBe(feed.firId);
  }

  it('replays stored events, then streams live ones, ending after the final event', async () => {
    const plan: Plan = { n: 5, actions: ['produce', 'produce', 'pull', 'pull', 'pull', 'produce', 'pull', 'produce', 'pull'], hooks: [] };
    const result = await run(plan);
    check(plan, result);
    expect(result.sessions).toHaveLength(1);
  });

  it('an event committed and published after the subscription starts but before the stored read arrives once', async () => {
    // hooks: job lookup -> produce event 3 (stored and published) -> stored read sees it too
    const plan: Plan = { n: 4, actions: ['produce', 'produce', 'pull', 'pull', 'pull', 'pull'], hooks: [1] };
    const result = await run(plan);
    check(plan, result);
    expect(result.sessions).toHaveLength(1);
  });

  it('the final event committed and published after the subscription starts but before the stored read arrives once', async () => {
    const plan: Plan = { n: 3, actions: ['produce', 'produce', 'pull', 'pull', 'pull', 'pull'], hooks: [1] };
    const result = await run(plan);
    check(plan, result);
    expect(result.sessions).toHaveLength(1);
  });

  it('an event committed right after the stored read (before the live loop) arrives live', async () => {
    // hooks: job lookup -> nothing; stored read -> produce event 3 after the read's snapshot
    const plan: Plan = { n: 4, actions: ['produce', 'produce', 'pull', 'pull', 'pull', 'pull'], hooks: [0, 1] };
    const result = await run(plan);
    check(plan, result);
  });

  it('the final event committed right after the stored read arrives live, without waiting for a poll', async () => {
    // nothing follows it: a subscriber that missed it would wait for its fallback poll
    const plan: Plan = { n: 3, actions: ['produce', 'produce', 'pull', 'pull', 'pull', 'pull'], hooks: [0, 1] };
    const result = await run(plan);
    check(plan, result);
    expect(result.sessions).toHaveLength(1);
  });

  it('a lost live message (n+1 stored, only n+2 published) is filled from the database', async () => {
    const plan: Plan = { n: 5, actions: ['produce', 'pull', 'pull', 'produce-lost', 'pull', 'produce', 'pull', 'pull'], hooks: [] };
    const result = await run(plan);
    check(plan, result);
    expect(result.sessions).toHaveLength(1); // filled while connected, not by a reconnect
  });

  it('reconnects with after = last seen, including while a message is lost and while a pull is pending', async () => {
    const plan: Plan = {
      n: 7,
      actions: ['produce', 'pull', 'disconnect', 'produce', 'produce-lost', 'pull', 'pull', 'pull', 'disconnect', 'produce-lost', 'pull', 'pull', 'disconnect', 'produce', 'pull', 'pull'],
      hooks: [0, 0, 1, 0, 2],
    };
    const result = await run(plan);
    check(plan, result);
    expect(result.sessions.length).toBeGreaterThanOrEqual(3);
  });

  it('property: the sessions together receive every event exactly once, in seq order', async () => {
    const action = fc.oneof(
      { weight: 4, arbitrary: fc.constant<Action>('produce') },
      { weight: 2, arbitrary: fc.constant<Action>('produce-lost') },
      { weight: 5, arbitrary: fc.constant<Action>('pull') },
      { weight: 3, arbitrary: fc.constant<Action>('disconnect') },
    );
    const plans = fc.record({
      n: fc.integer({ min: 2, max: 9 }),
      actions: fc.array(action, { maxLength: 40 }),
      hooks: fc.array(fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }) }), { maxLength: 12 }),
    });
    let runs = 0;
    let reconnects = 0;
    let lostAndFilled = 0;
    await fc.assert(
      fc.asyncProperty(plans, async (plan) => {
        const result = await run(plan);
        check(plan, result);
        runs++;
        reconnects += Math.max(0, result.sessions.length - 1);
        if (plan.actions.includes('produce-lost')) lostAndFilled++;
      }),
      { numRuns: 300, endOnFailure: true },
    );
    // the plans did exercise reconnects and lost messages
    expect(runs).toBeGreaterThanOrEqual(300);
    expect(reconnects).toBeGreaterThan(75);
    expect(lostAndFilled).toBeGreaterThan(75);
  }, 120_000);
});
