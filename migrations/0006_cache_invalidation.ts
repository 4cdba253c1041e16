/**
 * Cache invalidations that could not be delivered to Redis when their write committed. A row is
 * the durable copy every gateway reads (src/cache/invalidation-log.ts): any gateway that can reach
 * Redis delivers it and deletes it, and a gateway serves cached answers only while it has recently
 * seen this table empty or delivered what it held. Rows live for milliseconds to seconds.
 * Self-contained: a migration never imports live code.
 */
import { type Kysely, sql } from 'kysely';
import { columnTypes, idColumn, isMysql } from './frozen-dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  let table = db.schema
    .createTable('cache_invalidation')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('tags', t.longText, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull());
  if (isMysql(db)) table = table.modifyEnd(sql`engine=InnoDB default charset=utf8mb4 collate=utf8mb4_unicode_ci`);
  await table.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('cache_invalidation').execute();
}
