/**
 * Which drafter made a FIR's draft: 'builtin', 'llm', or the built-in drafter standing in for a
 * model that failed ('builtin (fallback from llm: MODEL_BAD_OUTPUT at CHECK_SECTIONS)').
 * Self-contained: a migration never imports live code, so what it did can never change later.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('fir').addColumn('drafted_by', 'varchar(160)').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('fir').dropColumn('drafted_by').execute();
}
