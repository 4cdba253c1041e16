/**
 * Storage for cached GraphQL responses: Redis when REDIS_URL is set (shared by every gateway), a
 * bounded in-process LRU otherwise. Both give the same guarantees:
 *
 * - Tag versions, not tag -> key sets. Every entry is stored with the version each of its tags had
 *   when it was written (tags are entities like `Fir:12` and lists like `FirList:station:3`).
 *   Invalidating a tag gives it a fresh, never reused version, so every entry that holds it stops
 *   matching at once: O(tags) per invalidation whatever the number of entries, and a Redis eviction
 *   of a version key (allkeys-lru) can only turn hits into misses, never serve a stale entry.
 * - No stale write-back. Versions come from one increasing sequence; a request that missed reads
 *   the sequence before it executes and stores its result only if none of the result's tags got a
 *   newer version meanwhile. Otherwise a slow read that began before a mutation committed could
 *   store the old value after the mutation invalidated it. Only the tags of the result count, so a
 *   busy write path does not stop unrelated answers from being cached.
 * - Fail open (Redis). Every command has a short timeout and no offline queue: a down or slow Redis
 *   turns into misses, never errors or waiting. Invalidations that could not be delivered are kept
 *   and delivered before this instance serves a hit again, and recorded in the database for every
 *   other gateway (cache/invalidation-log.ts, whose lease gates every lookup here).
 *
 * Why not @envelop/response-cache-redis (4.2): its store keeps `typename -> response ids` and
 * `Type:id -> response ids` sets (SADD on every write, never trimmed: an entity's set grows with
 * every response that ever held it) and invalidates with SMEMBERS, `KEYS Type:*` and DEL, so an
 * invalidation costs O(responses) and a type-wide one scans the keyspace. A set evicted under
 * allkeys-lru silently orphans its responses, which are then served stale until their TTL; a read
 * that began before a write can store the old result after the write's invalidation; commands
 * have no timeout, so a frozen Redis stalls requests. Its `Cache` interface is what
 * @envelop/response-cache calls, and this module implements that same interface (see
 * graphql/plugins/use-response-cache.ts), with versioned tags instead of sets; the hand-written
 * part is exactly the storage.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

export interface StoredResponse {
  /** the serialized response body, sent as is on a hit */
  body: string;
  /** strong validator of the body */
  etag: string;
  /** epoch ms when the entry expires (Cache-Control max-age counts down to it) */
  expiresAt: number;
  /** the response contains viewer-scoped data */
  private: boolean;
  /** `body` as UTF-8 bytes, when the store has them (the HTTP fast path sends them as they are) */
  bytes?: Buffer;
}

export interface Lookup {
  entry: StoredResponse | null;
  /** pass to store(): the write is dropped if one of its tags was invalidated after this lookup */
  epoch: string;
}

export interface ResponseStore {
  readonly kind: 'memory' | 'redis';
  lookup(key: string): Promise<Lookup>;
  store(key: string, entry: StoredResponse, tags: Iterable<string>, ttlMs: number, epoch: string): Promise<boolean>;
  /** true when the store took it (always, in process); false: Redis did not acknowledge it */
  invalidate(tags: Iterable<string>): Promise<boolean>;
  close(): Promise<void>;
}

const MISS_NO_EPOCH: Lookup = { entry: null, epoch: '' };

// ---------------------------------------------------------------------------------------------
// In-process

export function createMemoryStore(options: { maxEntries: number; maxBytes?: number }): ResponseStore {
  interface Entry {
    value: StoredResponse;
    tags: string[];
  }
  // In one process an index tag -> keys is exact and makes a hit a single map lookup: invalidation
  // deletes the entries it reaches; an entry leaving the LRU leaves the index.
  const index = new Map<string, Set<string>>();
  const entries = new LRUCache<string, Entry>({
    max: options.maxEntries,
    maxSize: options.maxBytes ?? 256 * 1024 * 1024,
    sizeCalculation: (e) => e.value.body.length * 2 + 64 * e.tags.length + 128,
    ttlAutopurge: false,
    dispose: (e, key) => {
      for (const tag of e.tags) {
        const keys = index.get(tag);
        if (!keys) continue;
        keys.delete(key);
        if (keys.size === 0) index.delete(tag);
      }
    },
  });
  // For the write-back guard: the sequence number of each tag's last invalidation. Bounded: a
  // forgotten tag counts as invalidated at `floor`, the latest sequence ever forgotten.
  const invalidatedAt = new LRUCache<string, number>({
    max: Math.max(10_000, options.maxEntries * 20),
    dispose: (v, _tag, reason) => {
      if (reason === 'evict' && v > floor) floor = v;
    },
  });
  let floor = 0;
  let seq = 0;
  return {
    kind: 'memory',
    async lookup(key) {
      return { entry: entries.get(key)?.value ?? null, epoch: String(seq) };
    },
    async store(key, value, tags, ttlMs, seen) {
      if (seen === '' || ttlMs <= 0) return false;
      const readAt = Number(seen);
      const list = [...new Set(tags)];
      // Invalidated while the answer was being computed: it may be the old value.
      if (floor > readAt) return false;
      for (const tag of list) if ((invalidatedAt.get(tag) ?? 0) > readAt) return false;
      entries.delete(key);
      // Encoded once here rather than on every hit.
      entries.set(key, { value: { ...value, bytes: value.bytes ?? Buffer.from(value.body, 'utf8') }, tags: list }, { ttl: ttlMs });
      for (const tag of list) {
        let keys = index.get(tag);
        if (!keys) index.set(tag, (keys = new Set()));
        keys.add(key);
      }
      return true;
    },
    async invalidate(tags) {
      seq = Math.max(seq, floor) + 1;
      for (const tag of tags) {
        invalidatedAt.set(tag, seq);
        const keys = index.get(tag);
        if (!keys) continue;
        index.delete(tag);
        for (const key of keys) entries.delete(key);
      }
      return true;
    },
    async close() {
      entries.clear();
      index.clear();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Redis

/**
 * An entry is two keys with the same TTL and a random stamp: `…:m` = "<stamp>\t<tag>\t<version>…"
 * and `…:b` = "<stamp>\x01<etag>\x01<expiresAt>\x01<private>\x01<body>". A hit reads the small
 * one, then the tag versions and the body in one pipeline, and checks them in the gateway: no Lua
 * on the hit path, so Redis spends microseconds per hit. A version that differs (invalidated, or
 * evicted), a missing key or a stamp of another write is a miss, never a stale answer.
 *
 * STORE: KEYS[1] meta, KEYS[2] body, KEYS[3] sequence, KEYS[4] reset mark; ARGV[1] version-key prefix, ARGV[2]
 * sequence seen by the lookup, ARGV[3] ttl ms, ARGV[4] version ttl ms, ARGV[5] stamp, ARGV[6]
 * body value, ARGV[7..] tags. Refused (0) when a tag was invalidated after the lookup. A tag
 * without a version key (never invalidated, expired, evicted or flushed) starts at the *current*
 * sequence, never at an older value: an older entry that recorded the tag's version before an
 * invalidation can then never match again. The reset mark is the sequence value at which the
 * sequence was last (re)created: a lookup older than it straddled a flush or restart, whose lost tag versions may
 * have covered this answer, so its store is refused.
 */
const STORE = `
local seen = tonumber(ARGV[2])
local cur = redis.call('GET', KEYS[3])
if not cur then
  local t = redis.call('TIME')
  cur = string.format('%d', tonumber(t[1]) * 1000000 + tonumber(t[2]))
  redis.call('SET', KEYS[3], cur)
  redis.call('SET', KEYS[4], cur)
  -- (a lookup that found no sequence either saw the same empty Redis: nothing came in between)
  if seen ~= 0 then return 0 end
else
  -- The sequence was (re)created after the lookup: Redis was flushed or restarted meanwhile, and
  -- the tag versions an invalidation set in between went with it. This answer may predate it.
  local reset = redis.call('GET', KEYS[4])
  if reset and tonumber(reset) > seen then return 0 end
end
local parts = {ARGV[5]}
for i = 7, #ARGV do
  local vkey = ARGV[1] .. ARGV[i]
  local v = redis.call('GET', vkey)
  if not v then
    v = cur
    redis.call('SET', vkey, v, 'PX', ARGV[4])
  elseif tonumber(v) > seen then
    return 0
  else
    redis.call('PEXPIRE', vkey, ARGV[4])
  end
  parts[#parts + 1] = ARGV[i]
  parts[#parts + 1] = v
end
redis.call('SET', KEYS[1], table.concat(parts, '\\t'), 'PX', ARGV[3])
redis.call('SET', KEYS[2], ARGV[6], 'PX', ARGV[3])
return 1
`;

/**
 * KEYS[1] sequence, KEYS[2] reset mark; ARGV[1] version-key prefix, ARGV[2] version ttl ms, ARGV[3..] tags.
 * The sequence never goes back, even if Redis evicts it: a new value is at least the clock in µs.
 */
const INVALIDATE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local raw = redis.call('GET', KEYS[1])
local cur = tonumber(raw or '0')
local nextv = string.format('%d', math.max(cur + 1, now))
redis.call('SET', KEYS[1], nextv)
-- a new sequence (first use, flush, restart): stores of lookups made before it are refused
if not raw then redis.call('SET', KEYS[2], nextv) end
for i = 3, #ARGV do
  redis.call('SET', ARGV[1] .. ARGV[i], nextv, 'PX', ARGV[2])
end
return 1
`;

interface CacheRedis extends Redis {
  cacheStore(meta: string, body: string, ...args: Array<string | number | Buffer>): Promise<number>;
  cacheInvalidate(epoch: string, reset: string, ...args: Array<string | number>): Promise<number>;
}

/** a tag every Redis entry carries: invalidating it empties the cache (undeliverable backlog) */
const ALL_TAG = '~all';

export interface RedisStoreOptions {
  url: string;
  /** prefix of every key: deployments sharing a Redis never see each other's entries */
  namespace: string;
  /** per-command budget; a slower Redis counts as a miss */
  timeoutMs: number;
  /** lifetime of tag versions: at least the longest entry TTL */
  versionTtlMs: number;
  /** bytes of entries kept in this process too, validated against Redis on every hit; 0 = none */
  nearBytes?: number;
  /**
   * Asked before every lookup and store: false means this process may have missed an
   * invalidation (cache/invalidation-log.ts), and it answers uncached until it is true again.
   */
  lease?: { valid(): boolean };
  onError?: (err: Error) => void;
}

export function createRedisStore(options: RedisStoreOptions): ResponseStore {
  const redis = new Redis(options.url, {
    enableOfflineQueue: false,
    // Lookups of concurrent requests share one write to the socket instead of one each.
    enableAutoPipelining: true,
    commandTimeout: options.timeoutMs,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    // Back within a second of Redis returning: every request is uncached until then.
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 5), 1000),
    lazyConnect: false,
  }) as CacheRedis;
  redis.on('error', (err) => options.onError?.(err));
  const lease = options.lease ?? { valid: () => true };
  redis.defineCommand('cacheStore', { numberOfKeys: 4, lua: STORE });
  redis.defineCommand('cacheInvalidate', { numberOfKeys: 2, lua: INVALIDATE });
  const near =
    options.nearBytes === 0
      ? null
      : new LRUCache<string, { value: StoredResponse; tagKeys: string[]; versions: string[]; checkedAt: string | null }>({
          maxSize: options.nearBytes ?? 64 * 1024 * 1024,
          // bytes, plus the decoded string Yoga's path may keep (two bytes a character)
          sizeCalculation: (e) => 3 * (e.value.bytes?.length ?? 0) + 64 * e.tagKeys.length + 256,
        });
  // One read of the sequence serves every lookup that started before it was sent: requests whose
  // bytes arrived in the same turn of the event loop share it (setImmediate: after this I/O phase).
  // A lookup never joins a read sent before it started, so it cannot miss an invalidation that had
  // completed when it began.
  let seqRead: Promise<string | null> | null = null;
  const currentSeq = () => {
    seqRead ??= new Promise<string | null>((resolve, reject) => {
      setImmediate(() => {
        seqRead = null;
        redis.get(epochKey).then(resolve, reject);
      });
    });
    return seqRead;
  };
  const ns = options.namespace;
  const epochKey = `${ns}:epoch`;
  const resetKey = `${ns}:reset`;
  const versionPrefix = `${ns}:v:`;
  const entryKey = (key: string) => `${ns}:r:${key}`;

  // Invalidations Redis did not acknowledge. Until they are delivered this instance neither serves
  // nor stores entries (they could be the stale ones); past the bound it gives up on precision and
  // moves the epoch plus every tag it still knows.
  let pending = new Set<string>();
  let flushing: Promise<void> | null = null;
  const PENDING_MAX = 100_000;
  const deliver = async () => {
    try {
      while (pending.size > 0) {
        const batch = [...pending].slice(0, 1000);
        await redis.cacheInvalidate(epochKey, resetKey, versionPrefix, options.versionTtlMs, ...batch);
        for (const t of batch) pending.delete(t);
      }
    } catch {
      // still down: the next request or the 'ready' event tries again
    }
  };
  // One delivery at a time. (Reset in a later microtask: an async function that finishes without
  // awaiting would otherwise reset the slot before it is assigned, and block it for good.)
  const flush = () => {
    flushing ??= deliver().finally(() => {
      flushing = null;
    });
    return flushing;
  };
  redis.on('ready', () => void flush());
  // Near copies are checked against Redis on every hit; still, none outlives a lost connection.
  redis.on('close', () => near?.clear());
  // At start-up the first requests wait (at most one command budget) for the connection instead
  // of all missing; once it has been up, an outage costs nothing but misses.
  let started: Promise<unknown> | null = new Promise<void>((resolve) => {
    redis.once('ready', () => resolve());
    setTimeout(resolve, 2000).unref();
  }).then(() => {
    started = null;
  });
  const waitForStart = () => (started ? Promise.race([started, new Promise((r) => setTimeout(r, options.timeoutMs))]) : undefined);

  return {
    kind: 'redis',
    async lookup(key) {
      if (started) await waitForStart();
      if (!lease.valid()) return MISS_NO_EPOCH;
      if (pending.size > 0) {
        await flush();
        if (pending.size > 0) return MISS_NO_EPOCH;
      }
      try {
        const base = entryKey(key);
        // Near copy: one small MGET of the tag versions instead of fetching the body again. Valid
        // exactly when a fetched entry would be (same versions, not expired).
        const close = near?.get(key);
        if (close && close.value.expiresAt > Date.now()) {
          // Nothing invalidated anywhere since the copy was last checked (the sequence moves with
          // every invalidation): valid without reading its tags.
          const seqNow = await currentSeq();
          if (seqNow !== null && seqNow === close.checkedAt) return { entry: close.value, epoch: seqNow };
          const current = (await redis.mget(epochKey, ...close.tagKeys)) as Array<string | null>;
          let same = true;
          for (let j = 0; j < close.versions.length; j++) {
            if (current[j + 1] !== close.versions[j]) {
              same = false;
              break;
            }
          }
          if (same) {
            close.checkedAt = current[0] ?? null;
            return { entry: close.value, epoch: current[0] ?? '0' };
          }
          near!.delete(key);
        }
        const [meta, seq] = (await redis.mget(`${base}:m`, epochKey)) as [string | null, string | null];
        const epoch = seq ?? '0';
        if (!meta) return { entry: null, epoch };
        const parts = meta.split('\t');
        const stamp = parts[0]!;
        const tagKeys: string[] = [];
        for (let i = 1; i + 1 < parts.length; i += 2) tagKeys.push(versionPrefix + parts[i]);
        const pipe = redis.pipeline();
        if (tagKeys.length > 0) pipe.mget(...tagKeys);
        pipe.getBuffer(`${base}:b`);
        const results = (await pipe.exec()) ?? [];
        for (const [err] of results) if (err) throw err;
        if (tagKeys.length > 0) {
          const current = results[0]![1] as Array<string | null>;
          for (let j = 0; j < current.length; j++) if (current[j] !== parts[2 + 2 * j]) return { entry: null, epoch };
        }
        const value = results[results.length - 1]![1] as Buffer | null;
        const entry = value ? decodeEntry(value, stamp) : null;
        if (entry && near) {
          const versions: string[] = [];
          for (let i = 2; i < parts.length; i += 2) versions.push(parts[i]!);
          // checked against the tag versions read with the meta, after `epoch` was read: valid as of `epoch`
          near.set(key, { value: entry, tagKeys, versions, checkedAt: seq });
        }
        return { entry, epoch };
      } catch {
        return MISS_NO_EPOCH;
      }
    },
    async store(key, entry, tags, ttlMs, epoch) {
      if (epoch === '' || ttlMs <= 0 || pending.size > 0 || !lease.valid()) return false;
      try {
        const base = entryKey(key);
        const stamp = randomBytes(6).toString('base64url');
        const stored = await redis.cacheStore(
          `${base}:m`,
          `${base}:b`,
          epochKey,
          resetKey,
          versionPrefix,
          epoch,
          Math.ceil(ttlMs),
          options.versionTtlMs,
          stamp,
          encodeEntry(entry, stamp),
          ...new Set([...tags, ALL_TAG]),
        );
        return stored === 1;
      } catch {
        return false;
      }
    },
    async invalidate(tags) {
      const list = [...new Set(tags)];
      try {
        await redis.cacheInvalidate(epochKey, resetKey, versionPrefix, options.versionTtlMs, ...list);
        return true;
      } catch {
        // While anything is pending this instance neither serves nor stores (lookup returns '').
        // Too many to remember: invalidate everything instead (every entry carries ALL_TAG).
        if (pending.has(ALL_TAG) || pending.size + list.length > PENDING_MAX) pending = new Set([ALL_TAG]);
        else for (const t of list) pending.add(t);
        return false;
      }
    },
    async close() {
      redis.disconnect();
    },
  };
}

function encodeEntry(e: StoredResponse, stamp: string): string {
  return `${stamp}\u0001${e.etag}\u0001${e.expiresAt}\u0001${e.private ? 1 : 0}\u0001${e.body}`;
}

/** null unless the body belongs to the meta that was checked (same stamp) */
function decodeEntry(value: Buffer, stamp: string): StoredResponse | null {
  const s = value.indexOf(1);
  const a = value.indexOf(1, s + 1);
  const b = value.indexOf(1, a + 1);
  const c = value.indexOf(1, b + 1);
  if (s < 0 || a < 0 || b < 0 || c < 0 || value.toString('latin1', 0, s) !== stamp) return null;
  const bytes = value.subarray(c + 1);
  let body: string | undefined;
  return {
    etag: value.toString('latin1', s + 1, a),
    expiresAt: Number(value.toString('latin1', a + 1, b)),
    private: value[b + 1] === 0x31,
    bytes,
    // Decoded only when Yoga sends it; the HTTP fast path sends the bytes.
    get body() {
      body ??= bytes.toString('utf8');
      return body;
    },
  };
}
