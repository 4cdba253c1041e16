/**
 * Cross-request cache of legal knowledge-base lookups. The sections, their IPC equivalents and
 * the search over them change only by migration, so every gateway process keeps what it read
 * (bounded, and refreshed hourly in case a migration ran under a live process).
 *
 * One per app (so per database); resolvers reach it through the request context.
 */
import { LRUCache } from 'lru-cache';

export class ReferenceCache {
  // Bounded by size as well as count: search keys and cursors come from callers.
  readonly #entries: LRUCache<string, { value: unknown; size: number }>;
  /** loads under way, so concurrent misses of one key run one query */
  readonly #loading = new Map<string, Promise<unknown>>();

  constructor(options: { maxEntries?: number; maxBytes?: number; ttlMs?: number } = {}) {
    this.#entries = new LRUCache({
      max: options.maxEntries ?? 20_000,
      maxSize: options.maxBytes ?? 16 * 1024 * 1024,
      sizeCalculation: (e) => e.size,
      ttl: options.ttlMs ?? 3_600_000,
    });
  }

  #set(key: string, value: unknown): void {
    // An estimate of the retained size: the key and the value as JSON, twice for UTF-16 strings.
    const size = 2 * (key.length + (JSON.stringify(value)?.length ?? 4)) + 64;
    this.#entries.set(key, { value, size });
  }

  /** The value stored under `key`, or `load()`'s (stored once it has resolved). */
  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.#entries.get(key);
    if (hit) return hit.value as T;
    const running = this.#loading.get(key);
    if (running) return running as Promise<T>;
    const loading = load().then(
      (value) => {
        this.#loading.delete(key);
        this.#set(key, value);
        return value;
      },
      (err) => {
        this.#loading.delete(key);
        throw err;
      },
    );
    this.#loading.set(key, loading);
    return loading;
  }

  /** The stored values of `keys`, and loads the rest in one call: `load(missing)` -> values by key. */
  async getMany<K, T>(keys: readonly K[], keyOf: (k: K) => string, load: (missing: K[]) => Promise<Map<K, T>>): Promise<Map<K, T>> {
    const out = new Map<K, T>();
    const missing: K[] = [];
    for (const k of keys) {
      const hit = this.#entries.get(keyOf(k));
      if (hit) out.set(k, hit.value as T);
      else missing.push(k);
    }
    if (missing.length > 0) {
      const loaded = await load(missing);
      for (const k of missing) {
        const v = loaded.get(k) as T;
        // Absent ones too (null / []): a missing id stays missing until the next migration.
        this.#set(keyOf(k), v);
        out.set(k, v);
      }
    }
    return out;
  }
}
