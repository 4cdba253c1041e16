/**
 * The Redis response store where only Redis can go wrong (cache.test.ts runs the store semantics
 * on every configured store): keys evicted under memory pressure (allkeys-lru) never bring an
 * invalidated entry back. On the Redis of the services environment (TEST_REDIS_URL).
 */
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { entry, redisStore, uniqueNamespace } from '../helpers/cache.ts';
import { requireServices } from '../helpers/services.ts';

const services = requireServices();

describe('Redis store: evicted keys never bring an old entry back', () => {
  it('an entry whose tag was invalidated stays invalid after the version key is evicted and re-created by a slow store', async () => {
    const ns = uniqueNamespace('afirgen-test:evict');
    const store = redisStore(services.redis, ns);
    const raw = new Redis(services.redis);
    try {
      const a = await store.lookup('k1');
      expect(await store.store('k1', entry('v1'), ['Fir:1'], 60_000, a.epoch)).toBe(true);
      const slow = await store.lookup('k2'); // a read that began before the invalidation
      await store.invalidate(['Fir:1']);
      await raw.del(`${ns}:v:Fir:1`); // allkeys-lru evicts the version key
      await store.store('k2', entry('k2'), ['Fir:1'], 60_000, slow.epoch); // re-creates it
      expect((await store.lookup('k1')).entry).toBeNull(); // never 'v1' again
      // and with the sequence evicted too
      await raw.del(`${ns}:epoch`, `${ns}:v:Fir:1`);
      await store.store('k3', entry('k3'), ['Fir:1'], 60_000, slow.epoch);
      expect((await store.lookup('k1')).entry).toBeNull();
    } finally {
      raw.disconnect();
      await store.close();
    }
  });
});
