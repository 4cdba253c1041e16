/**
 * Durable generation jobs: resumable stage state and cancellation on generation_job, and the
 * transactional outbox that carries "enqueue this job" from MySQL to pg-boss.
 */
import { type Kysely, sql } from 'kysely';
import { columnTypes, idColumn, isMysql } from './frozen-dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('generation_job').addColumn('cancel_requested', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
  // Output of every completed stage (JSON), so a retried or resumed job starts at the stage that failed.
  await db.schema.alterTable('generation_job').addColumn('state', t.longText).execute();

  // One row per job written in the same transaction as the job; the relay sends it to pg-boss with
  // the job's deterministic id (so a resend is a no-op) and deletes it.
  let outbox = db.schema
    .createTable('job_outbox')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('job_id', 'integer', (c) => c.notNull().unique())
    .addColumn('queue', 'varchar(64)', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('relay_attempts', 'integer', (c) => c.notNull().defaultTo(0));
  if (isMysql(db)) outbox = outbox.modifyEnd(sql`engine=InnoDB default charset=utf8mb4 collate=utf8mb4_unicode_ci`);
  await outbox.execute();

  // Uploaded audio/images live in the database, so any worker on any machine can transcribe them
  // without shared disks or another service.
  let media = db.schema
    .createTable('complaint_media')
    .addColumn('complaint_id', 'integer', (c) => c.primaryKey().references('complaint.id'))
    .addColumn('content_type', 'varchar(100)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('bytes', isMysql(db) ? sql`longblob` : sql`bytea`, (c) => c.notNull());
  if (isMysql(db)) media = media.modifyEnd(sql`engine=InnoDB default charset=utf8mb4 collate=utf8mb4_unicode_ci`);
  await media.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('complaint_media').execute();
  await db.schema.dropTable('job_outbox').execute();
  await db.schema.alterTable('generation_job').dropColumn('state').execute();
  await db.schema.alterTable('generation_job').dropColumn('cancel_requested').execute();
}
