/**
 * Cross-request cache of legal knowledge-base lookups. The sections, their IPC equivalents and
 * the search over them change only by migration, so every gateway process keeps what it read
 * (bounded, and refreshed hourly in case a migration ran under a live process).
 *
 * One per app (so per database); resolvers reach it through the request context.
 */
import { LRUCache } from 'lru-cache';

export class ReferenceCache {
  readonly #entries: LRUCache<string, { value: unknown }>;

  constructor(options: { maxEntries?: number; ttlMs?: number } = {}) {
    this.#entries = new LRUCache({ max: options.maxEntries ?? 20_000, ttl: options.ttlMs ?? 3_600_000 });
  }

  /** The value stored under `key`, or `load()`'s (stored once it has resolved). */
  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.#entries.get(key);
    if (hit) return hit.value as T;
    const value = await load();
    this.#entries.set(key, { value });
    return value;
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
        this.#entries.set(keyOf(k), { value: v });
        out.set(k, v);
      }
    }
    return out;
  }
}
