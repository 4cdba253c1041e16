/** Persisted operations from the config: the manifest directory and the APQ store (Redis or in-process). */
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import { schema } from '../schema.ts';
import type { PersistedOperationsOptions } from '../plugins/use-persisted-operations.ts';
import { type ApqStore, createMemoryApqStore, createRedisApqStore } from './apq-store.ts';
import { ManifestRegistry } from './manifests.ts';

/** the committed manifest's directory (independent of the working directory) */
export const DEFAULT_MANIFEST_DIR = fileURLToPath(new URL('../../../schema/generated/', import.meta.url));

export type PersistedSettings = Omit<PersistedOperationsOptions, 'metrics' | 'log'>;

export function persistedFromConfig(config: Config, log: Logger, namespace: string): PersistedSettings & { close(): Promise<void> } {
  const manifests = new ManifestRegistry({
    dir: config.PERSISTED_DOCUMENTS_DIR ?? DEFAULT_MANIFEST_DIR,
    schema,
    pollMs: config.PERSISTED_DOCUMENTS_POLL_MS,
    log,
  });
  const local = { maxEntries: config.APQ_MAX_ENTRIES, maxBytes: config.APQ_MAX_BYTES, ttlMs: config.APQ_TTL_SECONDS * 1000 };
  let apq: ApqStore | null = null;
  if (config.APQ && config.REDIS_URL) {
    let warned = 0;
    apq = createRedisApqStore({
      url: config.REDIS_URL,
      namespace: config.APQ_NAMESPACE ?? `${namespace}:apq`,
      ttlMs: config.APQ_TTL_SECONDS * 1000,
      timeoutMs: config.CACHE_REDIS_TIMEOUT_MS,
      // In front of Redis only the hot documents: Redis holds the rest.
      local: { ...local, maxEntries: Math.min(local.maxEntries, 1000) },
      onError: (err) => {
        if (Date.now() - warned > 60_000) {
          warned = Date.now();
          log.warn({ err: { type: err.name, code: (err as { code?: string }).code } }, 'APQ: Redis unavailable, lookups miss');
        }
      },
    });
  } else if (config.APQ) {
    apq = createMemoryApqStore(local);
  }
  return {
    manifests,
    apq,
    maxQueryBytes: config.APQ_MAX_QUERY_BYTES,
    persistedOnly: config.PERSISTED_ONLY,
    persistedOnlyClients: config.PERSISTED_ONLY_CLIENTS,
    async close() {
      manifests.close();
      await apq?.close();
    },
  };
}
