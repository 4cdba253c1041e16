/**
 * Redis pub/sub going away under the gateway: publishing (after every committed FIR change) and
 * subscribing must neither throw nor leave a rejected promise behind (Node ends the process on an
 * unhandled rejection; vitest fails the run on one), and events flow again once Redis is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppPubSub, type PubSubHandle } from '../../src/pubsub.ts';
import { hasRedisServer, ScratchRedis } from '../helpers/cache.ts';

describe.skipIf(!hasRedisServer())('Redis pub/sub outage', () => {
  const redis = new ScratchRedis();
  let handle: PubSubHandle;
  beforeAll(async () => {
    await redis.start();
    handle = createAppPubSub(redis.url, 'outage-test');
  });
  afterAll(async () => {
    await handle?.close();
    await redis.stop();
  });

  it('publishes and subscribes without throwing while Redis is down, and delivers again after it returns', async () => {
    const sub = handle.pubsub.subscribe('fir:updated', 7)[Symbol.asyncIterator]();
    const first = sub.next();
    await new Promise((r) => setTimeout(r, 200)); // subscribed
    handle.pubsub.publish('fir:updated', 7, { firId: 1, stationId: 7 });
    expect(await first).toEqual({ done: false, value: { firId: 1, stationId: 7 } });

    await redis.stop();
    for (let i = 0; i < 5; i++) handle.pubsub.publish('fir:updated', 7, { firId: 100 + i, stationId: 7 });
    const other = handle.pubsub.subscribe('fir:updated', 8)[Symbol.asyncIterator]();
    void other.next();
    // Long enough for ioredis to give up on the queued commands (maxRetriesPerRequest).
    await new Promise((r) => setTimeout(r, 1500));

    await redis.start();
    // One pending next(): each publish until Redis takes it again; the first that arrives answers it.
    const pending = sub.next();
    let got: unknown = 'timeout';
    for (let i = 0; i < 50 && got === 'timeout'; i++) {
      handle.pubsub.publish('fir:updated', 7, { firId: 2, stationId: 7 });
      got = await Promise.race([pending, new Promise((r) => setTimeout(() => r('timeout'), 200))]);
    }
    expect(got).toMatchObject({ done: false, value: { stationId: 7 } });
    await sub.return?.();
    await other.return?.();
  });
});
