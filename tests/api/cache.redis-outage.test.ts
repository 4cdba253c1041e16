/**
 * The Redis response cache when Redis goes away, on a redis-server of the test's own (killed,
 * frozen and restarted here, so no other test loses its Redis): every request still succeeds,
 * uncached and without waiting on Redis; an invalidation Redis could not take is delivered before
 * the gateway serves from the cache again; after a restart, hits resume by themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseStore } from '../../src/cache/response-store.ts';
import { encodeGlobalId } from '../../src/global-id.ts';
import { cachedApp, hasRedisServer, redisStore, ScratchRedis } from '../helpers/cache.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { stationWithFirs } from './mutations.fixtures.ts';

const FIR = `query($id: ID!) { node(id: $id) { ... on Fir { id summary version } } }`;
const UPDATE = `mutation($input: UpdateFirInput!) { updateFir(input: $input) { id version } }`;

describe.skipIf(!hasRedisServer())('response cache: Redis stopped, frozen and restarted', () => {
  const redis = new ScratchRedis();
  let t: TestDb;
  let store: ResponseStore;
  let api: ReturnType<typeof cachedApp>;
  let firId: number;
  beforeAll(async () => {
    await redis.start();
    t = await createTestDb('pglite');
    store = redisStore(redis.url, 'outage-test', 100);
    api = cachedApp(t, store);
    firId = (await stationWithFirs(t.db, ['GENERATED'])).firIds[0]!;
  });
  afterAll(async () => {
    await store?.close();
    await redis.stop();
    await t?.drop();
  });

  /** a read; whether it came from the cache (no SQL) and how long it took */
  async function read() {
    t.queries.length = 0;
    const started = performance.now();
    const res = await api.post(FIR, { id: encodeGlobalId('Fir', firId) });
    return { res, cached: t.queries.length === 0, ms: performance.now() - started };
  }

  async function update(summary: string) {
    const row = await t.db.selectFrom('fir').select('version').where('id', '=', firId).executeTakeFirstOrThrow();
    const res = await api.post(UPDATE, { input: { id: encodeGlobalId('Fir', firId), expectedVersion: row.version, summary } });
    expect(res.json.errors).toBeUndefined();
  }

  async function untilCached(): Promise<void> {
    for (let i = 0; i < 100; i++) {
      if ((await read()).cached) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the cache never served a hit');
  }

  it('serves hits while Redis is up', async () => {
    await read();
    await untilCached();
  });

  it('Redis killed: reads and mutations succeed uncached, none waits on Redis', async () => {
    await redis.stop();
    for (let i = 0; i < 5; i++) {
      const r = await read();
      expect(r.res.status).toBe(200);
      expect(r.res.json.errors).toBeUndefined();
      expect(r.cached).toBe(false);
      expect(r.res.headers.get('cache-control')).toBe('no-store'); // not stored: no cache headers either
      // Not a timing target: a request that waited for Redis to come back would take seconds.
      expect(r.ms).toBeLessThan(1500);
    }
    await update('written while Redis was down');
    expect((await read()).res.json.data.node.summary).toBe('written while Redis was down');
  });

  it('Redis restarted: hits resume by themselves and answers are fresh', async () => {
    await redis.start();
    await untilCached();
    expect((await read()).res.json.data.node.summary).toBe('written while Redis was down');
  });

  it('Redis frozen (slow): answers within the budget, and an invalidation it missed is delivered before the next hit', async () => {
    await untilCached();
    redis.signal('SIGSTOP');
    try {
      const r = await read();
      expect(r.res.json.errors).toBeUndefined();
      expect(r.cached).toBe(false);
      expect(r.ms).toBeLessThan(1500);
      await update('written while Redis was frozen');
    } finally {
      redis.signal('SIGCONT');
    }
    // The cached entry from before the freeze is still in Redis; it must never be served again.
    for (let i = 0; i < 5; i++) expect((await read()).res.json.data.node.summary).toBe('written while Redis was frozen');
    await untilCached();
    expect((await read()).res.json.data.node.summary).toBe('written while Redis was frozen');
  });
});
