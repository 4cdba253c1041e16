/**
 * Where Automatic Persisted Queries live once registered: sha256 hex -> document text.
 *
 * - Redis (REDIS_URL): shared by every gateway, so a query one instance registered is a hit on all
 *   of them. Keys `<namespace>:<hex>`, each with a TTL; documents are at most APQ_MAX_QUERY_BYTES,
 *   so the space is bounded by registrations per TTL. Fail open: commands have a short timeout and
 *   no offline queue; a down Redis turns lookups into misses (the client then sends the query,
 *   which is served) and registrations into no-ops, never into errors.
 * - In front of Redis, and alone without it, an in-process LRU bounded by entries and bytes: an
 *   entry never changes (its key is the hash of its value), so a local copy is never stale.
 */
import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

export interface ApqStore {
  readonly kind: 'memory' | 'redis';
  get(hash: string): Promise<string | undefined>;
  set(hash: string, text: string): Promise<void>;
  close(): Promise<void>;
}

export interface MemoryApqOptions {
  maxEntries: number;
  maxBytes: number;
  ttlMs: number;
}

function lru(options: MemoryApqOptions) {
  return new LRUCache<string, string>({
    max: options.maxEntries,
    maxSize: options.maxBytes,
    sizeCalculation: (text, hash) => text.length * 2 + hash.length * 2 + 64,
    ttl: options.ttlMs,
    updateAgeOnGet: true,
  });
}

export function createMemoryApqStore(options: MemoryApqOptions): ApqStore {
  const cache = lru(options);
  return {
    kind: 'memory',
    get: async (hash) => cache.get(hash),
    set: async (hash, text) => void cache.set(hash, text),
    close: async () => cache.clear(),
  };
}

export interface RedisApqOptions {
  url: string;
  /** key prefix, e.g. `afirgen:1a2b3c:apq` */
  namespace: string;
  ttlMs: number;
  /** budget of one command; slower counts as a miss */
  timeoutMs: number;
  /** the local LRU in front of Redis */
  local: MemoryApqOptions;
  onError?: (err: Error) => void;
}

export function createRedisApqStore(options: RedisApqOptions): ApqStore {
  const redis = new Redis(options.url, {
    enableOfflineQueue: false,
    commandTimeout: options.timeoutMs,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 6), 5000),
  });
  redis.on('error', (err) => options.onError?.(err));
  const local = lru(options.local);
  const key = (hash: string) => `${options.namespace}:${hash}`;
  return {
    kind: 'redis',
    async get(hash) {
      const hit = local.get(hash);
      if (hit !== undefined) return hit;
      try {
        const text = await redis.get(key(hash));
        if (text == null) return undefined;
        local.set(hash, text);
        return text;
      } catch (err) {
        options.onError?.(err as Error);
        return undefined;
      }
    },
    async set(hash, text) {
      local.set(hash, text);
      try {
        await redis.set(key(hash), text, 'PX', options.ttlMs);
      } catch (err) {
        options.onError?.(err as Error);
      }
    },
    async close() {
      local.clear();
      redis.disconnect();
    },
  };
}
