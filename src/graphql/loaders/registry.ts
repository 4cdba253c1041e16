/**
 * Per-request DataLoader registry. A loader is identified by a namespaced key that includes the
 * column set (and any arguments), so every FIR of a page asking for `station { name }` shares one
 * loader and one SQL statement, while a different selection gets a loader of its own.
 */
import DataLoader from 'dataloader';

export class Loaders {
  readonly #loaders = new Map<string, DataLoader<any, any>>();

  get<K, V>(namespace: string, batch: (keys: readonly K[]) => Promise<ArrayLike<V | Error>>): DataLoader<K, V> {
    let loader = this.#loaders.get(namespace);
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 1000 });
      this.#loaders.set(namespace, loader);
    }
    return loader;
  }

  /** Forget everything loaded so far (after a mutation in the same request). */
  clearAll(): void {
    for (const loader of this.#loaders.values()) loader.clearAll();
  }
}

/** Orders `rows` to match `keys` (DataLoader's contract), with `null` for a missing row. */
export function byKey<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): Array<R | null> {
  const map = new Map<K, R>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((k) => map.get(k) ?? null);
}

/** Groups `rows` by key, in `keys` order, with `[]` for keys without rows. */
export function groupByKey<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): R[][] {
  const map = new Map<K, R[]>();
  for (const row of rows) {
    const k = keyOf(row);
    let list = map.get(k);
    if (!list) map.set(k, (list = []));
    list.push(row);
  }
  return keys.map((k) => map.get(k) ?? []);
}
