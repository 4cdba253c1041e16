/**
 * Redis pub/sub going away under the gateway: publishing (after every committed FIR change) and
 * subscribing must neither throw nor leave a rejected promise behind (Node ends the process on an
 * unhandled rejection; vitest fails the run on one), and events flow again once Redis is back.
 *
 * On a redis-server of the test's own (stopped and started here, so no other test loses its
 * Redis); a services file because it needs the redis-server binary .ci/run provides.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppPubSub, type PubSubHandle } from '../../src/pubsub.ts';
import { ScratchRedis } from '../helpers/cache.ts';
import { waitFor } from '../helpers/wait.ts';

type Command = 'publish' | 'subscribe';
interface Sent {
  command: Command;
  outcome: 'pending' | 'ok' | 'rejected';
}

describe('Redis pub/sub outage', () => {
  const redis = new ScratchRedis();
  let handle: PubSubHandle;
  /** every PUBLISH and SUBSCRIBE the pub/sub's Redis clients sent, and how it ended */
  const sent: Sent[] = [];
  const originals = new Map<Command, unknown>();

  beforeAll(async () => {
    // Record the commands' promises (the clients are made inside createAppPubSub): a test can
    // then wait for Redis to acknowledge a SUBSCRIBE, or for ioredis to give up on queued ones.
    for (const command of ['publish', 'subscribe'] as const) {
      const original = (Redis.prototype as any)[command];
      originals.set(command, Object.getOwnPropertyDescriptor(Redis.prototype, command));
      Object.defineProperty(Redis.prototype, command, {
        configurable: true,
        writable: true,
        value: function (this: Redis, ...args: unknown[]) {
          const p: Promise<unknown> = original.apply(this, args);
          const s: Sent = { command, outcome: 'pending' };
          sent.push(s);
          p.then(
            () => void (s.outcome = 'ok'),
            () => void (s.outcome = 'rejected'),
          );
          return p;
        },
      });
    }
    await redis.start();
    handle = createAppPubSub(redis.url, 'outage-test');
  });
  afterAll(async () => {
    await handle?.close();
    await redis.stop();
    for (const [command, descriptor] of originals) {
      if (descriptor) Object.defineProperty(Redis.prototype, command, descriptor as PropertyDescriptor);
      else delete (Redis.prototype as any)[command];
    }
  });

  it('publishes and subscribes without throwing while Redis is down, and delivers again after it returns', async () => {
    const sub = handle.pubsub.subscribe('fir:updated', 7)[Symbol.asyncIterator]();
    const first = sub.next();
    await waitFor(() => sent.some((s) => s.command === 'subscribe' && s.outcome === 'ok'), { timeoutMs: 10_000, intervalMs: 10, message: 'Redis to acknowledge the SUBSCRIBE' });
    handle.pubsub.publish('fir:updated', 7, { firId: 1, stationId: 7 });
    expect(await first).toEqual({ done: false, value: { firId: 1, stationId: 7 } });

    await redis.stop();
    const before = sent.length;
    for (let i = 0; i < 5; i++) handle.pubsub.publish('fir:updated', 7, { firId: 100 + i, stationId: 7 });
    const other = handle.pubsub.subscribe('fir:updated', 8)[Symbol.asyncIterator]();
    void other.next();
    // ioredis queues the commands while reconnecting and rejects them after maxRetriesPerRequest
    // attempts; those rejections must be handled (an unhandled one fails this run).
    const queued = () => sent.slice(before);
    await waitFor(() => queued().length === 6 && queued().every((s) => s.outcome !== 'pending'), {
      timeoutMs: 15_000,
      intervalMs: 20,
      message: () => `ioredis to give up on the commands sent while Redis is down: ${JSON.stringify(queued())}`,
    });
    expect(queued().map((s) => [s.command, s.outcome])).toEqual([...Array(5).fill(['publish', 'rejected']), ['subscribe', 'rejected']]);

    await redis.start();
    // One pending next(): publish until Redis takes it again; the first that arrives answers it.
    let got: IteratorResult<unknown> | undefined;
    void sub.next().then((r) => (got = r));
    await waitFor(
      () => {
        if (got) return got;
        handle.pubsub.publish('fir:updated', 7, { firId: 2, stationId: 7 });
        return undefined;
      },
      { timeoutMs: 15_000, intervalMs: 100, message: 'an event to be delivered after Redis came back' },
    );
    expect(got).toMatchObject({ done: false, value: { stationId: 7 } });
    await sub.return?.();
    await other.return?.();
  });
});
