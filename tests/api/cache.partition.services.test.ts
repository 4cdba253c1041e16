/**
 * Two gateways share one Redis cache and one database; gateway A is cut off from Redis (a TCP
 * proxy it reaches Redis through is partitioned) while B still reaches it. A write on A commits,
 * its invalidation cannot reach Redis, and without more B would go on serving the entry the write
 * made stale. With the invalidation log (src/cache/invalidation-log.ts) A records the
 * invalidation in the database and answers only once B has delivered it to Redis (or every lease
 * has run out), so a read B starts after A's answer is never older than A's write.
 *
 * Also: a Redis FLUSHALL between a miss and its write-back does not store the old answer.
 * A services file: it needs the redis-server binary that .ci/run provides.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvalidationLog, type InvalidationLog, withInvalidationLog } from '../../src/cache/invalidation-log.ts';
import { createRedisStore, type ResponseStore } from '../../src/cache/response-store.ts';
import { encodeGlobalId } from '../../src/global-id.ts';
import { cachedApp, ScratchRedis, uniqueNamespace } from '../helpers/cache.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { stationWithFirs } from '../helpers/fixtures.ts';
import { TcpProxy } from '../helpers/tcp-proxy.ts';
import { waitFor } from '../helpers/wait.ts';

const FIR = `query($id: ID!) { node(id: $id) { ... on Fir { id summary version } } }`;
const UPDATE = `mutation($input: UpdateFirInput!) { updateFir(input: $input) { id version } }`;

describe('response cache: one gateway partitioned from Redis', () => {
  const redis = new ScratchRedis();
  let proxy: TcpProxy;
  let t: TestDb;
  const logs: InvalidationLog[] = [];
  const stores: ResponseStore[] = [];
  let a: ReturnType<typeof cachedApp>;
  let b: ReturnType<typeof cachedApp>;
  let firId: number;

  function gateway(url: string, namespace: string) {
    let log: InvalidationLog;
    const shared = createRedisStore({ url, namespace, timeoutMs: 200, versionTtlMs: 3_600_000, lease: { valid: () => log.valid() } });
    log = createInvalidationLog({ db: t.db, deliver: (tags) => shared.invalidate(tags), leaseMs: 1000, pollMs: 100 });
    log.start();
    logs.push(log);
    const store = withInvalidationLog(shared, log);
    stores.push(store);
    return cachedApp(t, store);
  }

  beforeAll(async () => {
    await redis.start();
    proxy = await new TcpProxy('127.0.0.1', redis.port).start();
    t = await createTestDb('pglite');
    const namespace = uniqueNamespace('afirgen-test:partition');
    a = gateway(`redis://127.0.0.1:${proxy.port}`, namespace);
    b = gateway(redis.url, namespace);
    firId = (await stationWithFirs(t.db, ['GENERATED'])).firIds[0]!;
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
    await proxy?.stop();
    await redis.stop();
    await t?.drop();
  });

  async function read(api: typeof a) {
    t.queries.length = 0;
    const res = await api.post(FIR, { id: encodeGlobalId('Fir', firId) });
    expect(res.json.errors).toBeUndefined();
    return { summary: res.json.data.node.summary as string, cached: t.queries.length === 0 };
  }

  async function update(api: typeof a, summary: string) {
    const row = await t.db.selectFrom('fir').select('version').where('id', '=', firId).executeTakeFirstOrThrow();
    const res = await api.post(UPDATE, { input: { id: encodeGlobalId('Fir', firId), expectedVersion: row.version, summary } });
    expect(res.json.errors).toBeUndefined();
  }

  it('B serves the FIR from the shared cache', async () => {
    await read(b);
    await waitFor(async () => (await read(b)).cached, { timeoutMs: 10_000, intervalMs: 50, message: 'B to serve a hit' });
  });

  it('a write on A, cut off from Redis, is never followed by an older read on B', async () => {
    proxy.partition();
    for (let i = 1; i <= 3; i++) {
      const summary = `written on the partitioned gateway, round ${i}`;
      await update(a, summary);
      // Every read B starts after A's answer sees the write: the first one at once.
      expect((await read(b)).summary).toBe(summary);
      expect((await read(a)).summary).toBe(summary);
      // B caches again (the write's tags were delivered by B's log) before the next round.
      await waitFor(async () => (await read(b)).cached, { timeoutMs: 10_000, intervalMs: 50, message: 'B to cache the new answer' });
    }
    // Nothing is left undelivered in the log.
    expect(await t.db.selectFrom('cache_invalidation').select('id').execute()).toEqual([]);
  });

  it('A answers uncached while partitioned and serves hits again once its route returns', async () => {
    expect((await read(a)).cached).toBe(false);
    proxy.restore();
    await waitFor(async () => (await read(a)).cached, { timeoutMs: 10_000, intervalMs: 50, message: 'A to serve a hit again' });
    expect((await read(a)).summary).toBe('written on the partitioned gateway, round 3');
  });

  it('a gateway whose lease lapsed (database log unread) serves nothing from the cache', async () => {
    await waitFor(async () => (await read(b)).cached, { timeoutMs: 10_000, intervalMs: 50, message: 'B to serve a hit' });
    await logs[1]!.stop();
    await waitFor(() => !logs[1]!.valid(), { timeoutMs: 5_000, intervalMs: 20, message: 'B lease to lapse' });
    expect((await read(b)).cached).toBe(false);
    logs[1]!.start();
    await waitFor(async () => (await read(b)).cached, { timeoutMs: 10_000, intervalMs: 50, message: 'B to serve a hit again' });
  });

  it('a Redis flush between a miss and its write-back does not store the older answer', async () => {
    const shared = stores[1]!;
    const key = `flush-probe-${Date.now()}`;
    const before = await shared.lookup(key);
    expect(before.entry).toBeNull();
    const { Redis } = await import('ioredis');
    const admin = new Redis(redis.url);
    try {
      await admin.flushall();
      // a write after the flush invalidates the probe's tag; its version key is the only trace
      await shared.invalidate(['Fir:flush-probe']);
      const stored = await shared.store(key, { body: '{"old":true}', etag: 'W/"o"', expiresAt: Date.now() + 60_000, private: false }, ['Fir:flush-probe'], 60_000, before.epoch);
      expect(stored).toBe(false);
      expect((await shared.lookup(key)).entry).toBeNull();
    } finally {
      admin.disconnect();
    }
  });
});
