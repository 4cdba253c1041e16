/**
 * Who submitted a complaint (and so its FIR) when that was a citizen: `c:<digest of the token's
 * sub>`, never the sub itself. A CITIZEN's row rule is `submitted_by = <its key>`; the index keeps
 * "my FIRs" an index range, not a scan. Null for complaints submitted by officers or the seed.
 * Self-contained: a migration never imports live code.
 */
import type { Kysely } from 'kysely';
import { isMysql } from './frozen-dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('complaint').addColumn('submitted_by', 'varchar(64)').execute();
  await db.schema.alterTable('fir').addColumn('submitted_by', 'varchar(64)').execute();
  await db.schema.createIndex('fir_submitted_by_idx').on('fir').columns(['submitted_by', 'created_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // DROP INDEX … ON t is MySQL's form; PostgreSQL names the index alone.
  const drop = db.schema.dropIndex('fir_submitted_by_idx');
  await (isMysql(db) ? drop.on('fir') : drop).execute();
  await db.schema.alterTable('fir').dropColumn('submitted_by').execute();
  await db.schema.alterTable('complaint').dropColumn('submitted_by').execute();
}
