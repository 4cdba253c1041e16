/**
 * The synthetic seed's handling of MySQL/MariaDB FULLTEXT indexes. InnoDB keeps a FULLTEXT index
 * up to date through a small in-memory cache that it merges into the auxiliary index tables over
 * and over during a big load (most of the server's CPU). Into empty tables it is cheaper to load
 * without the FIR and complaint text indexes and build each once, sorted, afterwards.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from './types.ts';

/** FIR count from which a seed into empty MySQL tables builds the FULLTEXT indexes after the load */
export const DEFER_FULLTEXT_MIN = 100_000;
/** the FULLTEXT indexes of migration 0001 that the load would otherwise maintain row by row */
const DEFERRED_FULLTEXT = [
  { table: 'fir', index: 'fir_fulltext_idx', columns: 'summary, narrative' },
  { table: 'complaint', index: 'complaint_fulltext_idx', columns: 'text, transcript' },
] as const;

/** Drops the deferred FULLTEXT indexes that exist, and the hidden column they leave behind. */
export async function dropFullText(db: Kysely<DB>): Promise<void> {
  for (const { table, index } of DEFERRED_FULLTEXT) {
    const present = await sql<{ n: number }>`
      select count(*) as n from information_schema.statistics
      where table_schema = database() and table_name = ${table} and index_name = ${index}`.execute(db);
    if (Number(present.rows[0]?.n ?? 0) > 0) {
      await sql.raw(`alter table \`${table}\` drop index \`${index}\``).execute(db);
      // Dropping the index leaves InnoDB's hidden FTS_DOC_ID column behind; rows loaded with it and
      // indexed later were not found by MATCH (MariaDB 10.11: the rebuilt index numbered the
      // documents afresh). Rebuilding the still empty table removes the column, so the index
      // built after the load adds it together with the documents.
      await sql.raw(`alter table \`${table}\` force`).execute(db);
    }
  }
}

/** Builds the deferred FULLTEXT indexes that are missing (all of them after `dropFullText`). */
export async function createFullText(db: Kysely<DB>): Promise<void> {
  for (const { table, index, columns } of DEFERRED_FULLTEXT) {
    const present = await sql<{ n: number }>`
      select count(*) as n from information_schema.statistics
      where table_schema = database() and table_name = ${table} and index_name = ${index}`.execute(db);
    if (Number(present.rows[0]?.n ?? 0) === 0) await sql.raw(`create fulltext index \`${index}\` on \`${table}\` (${columns})`).execute(db);
  }
}
