/**
 * The owner of `cache_invalidation`: invalidations of the shared response cache that Redis did
 * not acknowledge when their write committed (see cache/invalidation-log.ts).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';

export interface PendingInvalidation {
  id: number;
  tags: string[];
}

export async function recordInvalidation(db: Kysely<DB>, tags: readonly string[]): Promise<void> {
  await db.insertInto('cache_invalidation').values({ tags: tags.join('\n'), created_at: new Date() }).execute();
}

/** the oldest undelivered invalidations */
export async function pendingInvalidations(db: Kysely<DB>, limit: number): Promise<PendingInvalidation[]> {
  const rows = await db.selectFrom('cache_invalidation').select(['id', 'tags']).orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, tags: r.tags.split('\n').filter(Boolean) }));
}

export async function deleteInvalidations(db: Kysely<DB>, ids: readonly number[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('cache_invalidation').where('id', 'in', [...ids]).execute();
}
