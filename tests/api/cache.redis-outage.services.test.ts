/**
 * The Redis response cache when Redis goes away, on a redis-server of the test's own (killed,
 * frozen and restarted here, so no other test loses its Redis): every request still succeeds,
 * uncached and without waiting on Redis; an invalidation Redis could not take is delivered before
 * the gateway serves from the cache again; after a restart, hits resume by themselves.
 *
 * A services file: it needs the redis-server binary that .ci/run provides.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseStore } from '../../src/cache/response-store.ts';
import { encodeGlobalId } from '../../src/global-id.ts';
import { cachedApp, redisStore, ScratchRedis } from '../helpers/cache.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { stationWithFirs } from '../helpers/fixtures.ts';
import { waitFor } from '../helpers/wait.ts';

const FIR = `query($id: ID!) { node(id: $id) { ... on Fir { id summary version } } }`;
const UPDATE = `mutation($input: UpdateFirInput!) { updateFir(input: $input) { id version } }`;

describe('response cache: Redis stopped, frozen and restarted', () => {
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

  /** a read, and whether it came from the cache (no SQL) */
  async function read() {
    t.queries.length = 0;
    const res = await api.post(FIR, { id: encodeGlobalId('Fir', firId) });
    return { res, cached: t.queries.length === 0 };
  }

  async function update(summary: string) {
    const row = await t.db.selectFrom('fir').select('version').where('id', '=', firId).executeTakeFirstOrThrow();
    const res = await api.post(UPDATE, { input: { id: encodeGlobalId('Fir', firId), expectedVersion: row.version, summary } });
    expect(res.json.errors).toBeUndefined();
  }

  async function untilCached(): Promise<void> {
    await waitFor(async () => (await read()).cached, { timeoutMs: 10_000, intervalMs: 100, message: 'the cache to serve a hit' });
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
    }
    // None waited for Redis: Redis is still down, and only comes back in the next test.
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
      // answered while Redis is still frozen (SIGCONT only comes below): it gave up on Redis
      // within its budget instead of waiting for an answer
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
