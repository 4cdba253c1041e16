/**
 * Core FIR data model. Every index here serves a query the API issues; the keyset indexes end in
 * `id` so that a page at any depth is a range scan of `limit` rows.
 */
import { type Kysely, sql } from 'kysely';
import { columnTypes, idColumn, isMysql } from './frozen-dialect.ts';

const TABLES = [
  'audit_log',
  'generation_event',
  'generation_job',
  'fir_section',
  'fir_serial',
  'fir',
  'complaint',
  'ipc_bns_equivalence',
  'legal_section',
  'officer',
  'police_station',
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const my = isMysql(db);
  const id = idColumn(db);
  // utf8mb4 stores every script byte for byte; the _bin-free collation keeps case-insensitive search.
  const tableOpts = (b: any) => (my ? b.modifyEnd(sql`engine=InnoDB default charset=utf8mb4 collate=utf8mb4_unicode_ci`) : b);

  await tableOpts(
    db.schema
      .createTable('police_station')
      .addColumn('id', 'integer', id)
      .addColumn('code', 'varchar(16)', (c) => c.notNull().unique())
      .addColumn('name', 'varchar(200)', (c) => c.notNull())
      .addColumn('district', 'varchar(100)', (c) => c.notNull())
      .addColumn('state', 'varchar(100)', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('police_station_state_district_idx').on('police_station').columns(['state', 'district', 'id']).execute();
  await db.schema.createIndex('police_station_district_idx').on('police_station').columns(['district', 'id']).execute();
  await db.schema.createIndex('police_station_state_idx').on('police_station').columns(['state', 'id']).execute();
  await db.schema.createIndex('police_station_name_idx').on('police_station').columns(['name', 'id']).execute();

  await tableOpts(
    db.schema
      .createTable('officer')
      .addColumn('id', 'integer', id)
      .addColumn('station_id', 'integer', (c) => c.references('police_station.id'))
      .addColumn('name', 'varchar(200)', (c) => c.notNull())
      .addColumn('rank', 'varchar(64)', (c) => c.notNull())
      .addColumn('badge_number', 'varchar(32)', (c) => c.notNull().unique())
      .addColumn('role', 'varchar(32)', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('officer_station_idx').on('officer').columns(['station_id', 'id']).execute();

  await tableOpts(
    db.schema
      .createTable('legal_section')
      .addColumn('id', 'integer', id)
      .addColumn('act', 'varchar(16)', (c) => c.notNull())
      .addColumn('number', 'varchar(16)', (c) => c.notNull())
      .addColumn('title', 'varchar(300)', (c) => c.notNull())
      .addColumn('description', t.text)
      .addColumn('punishment', t.text)
      .addColumn('cognizable', 'boolean')
      .addColumn('bailable', 'boolean')
      .addColumn('triable_by', 'varchar(120)')
      .addColumn('keywords', t.text, (c) => c.notNull())
      .addUniqueConstraint('legal_section_act_number_uq', ['act', 'number']),
  ).execute();
  await db.schema.createIndex('legal_section_act_idx').on('legal_section').columns(['act', 'id']).execute();

  await tableOpts(
    db.schema
      .createTable('ipc_bns_equivalence')
      .addColumn('ipc_section', 'varchar(16)', (c) => c.notNull())
      .addColumn('section_id', 'integer', (c) => c.notNull().references('legal_section.id'))
      .addPrimaryKeyConstraint('ipc_bns_equivalence_pk', ['ipc_section', 'section_id']),
  ).execute();
  await db.schema.createIndex('ipc_bns_equivalence_section_idx').on('ipc_bns_equivalence').columns(['section_id']).execute();

  await tableOpts(
    db.schema
      .createTable('complaint')
      .addColumn('id', 'integer', id)
      .addColumn('station_id', 'integer', (c) => c.notNull().references('police_station.id'))
      .addColumn('source', 'varchar(8)', (c) => c.notNull())
      .addColumn('language', 'varchar(16)')
      .addColumn('text', t.longText)
      .addColumn('transcript', t.longText)
      .addColumn('media_ref', 'varchar(500)')
      .addColumn('media_type', 'varchar(100)')
      .addColumn('received_at', t.timestamp, (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('complaint_station_idx').on('complaint').columns(['station_id', 'id']).execute();

  await tableOpts(
    db.schema
      .createTable('fir')
      .addColumn('id', 'integer', id)
      .addColumn('station_id', 'integer', (c) => c.notNull().references('police_station.id'))
      .addColumn('complaint_id', 'integer', (c) => c.notNull().unique().references('complaint.id'))
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('fir_number', 'varchar(40)', (c) => c.unique())
      .addColumn('complainant_name', 'varchar(200)')
      .addColumn('complainant_dob', 'date')
      .addColumn('complainant_nationality', 'varchar(100)')
      .addColumn('complainant_father_or_husband_name', 'varchar(200)')
      .addColumn('complainant_address', t.text)
      .addColumn('complainant_contact', 'varchar(100)')
      .addColumn('complainant_passport_number', 'varchar(32)')
      .addColumn('complainant_occupation', 'varchar(100)')
      .addColumn('incident_from', t.timestamp)
      .addColumn('incident_to', t.timestamp)
      .addColumn('incident_place', 'varchar(300)')
      .addColumn('incident_address', t.text)
      .addColumn('incident_description', t.text)
      .addColumn('incident_delay_reason', t.text)
      .addColumn('acts', t.text, (c) => c.notNull())
      .addColumn('summary', t.text)
      .addColumn('narrative', t.longText)
      .addColumn('suspects', t.text, (c) => c.notNull())
      .addColumn('witnesses', t.text, (c) => c.notNull())
      .addColumn('investigation_officer_id', 'integer', (c) => c.references('officer.id'))
      .addColumn('investigation_status', 'varchar(100)')
      .addColumn('investigation_action_taken', t.text)
      .addColumn('investigation_despatch_date', 'date')
      .addColumn('rejection_reason', t.text)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'integer', (c) => c.references('officer.id'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('registered_at', t.timestamp),
  ).execute();
  // Keyset indexes for every list the API serves (order column, then id as tie-breaker).
  const firIdx: Array<[string, string[]]> = [
    ['fir_created_idx', ['created_at', 'id']],
    ['fir_updated_idx', ['updated_at', 'id']],
    ['fir_incident_from_idx', ['incident_from', 'id']],
    ['fir_station_created_idx', ['station_id', 'created_at', 'id']],
    // status first: a station-only query must not pick it (MariaDB would, then sort the whole station)
    ['fir_status_station_created_idx', ['status', 'station_id', 'created_at', 'id']],
    ['fir_status_created_idx', ['status', 'created_at', 'id']],
    ['fir_created_by_idx', ['created_by', 'created_at', 'id']],
  ];
  for (const [name, cols] of firIdx) await db.schema.createIndex(name).on('fir').columns(cols).execute();

  await tableOpts(
    db.schema
      .createTable('fir_section')
      .addColumn('fir_id', 'integer', (c) => c.notNull().references('fir.id').onDelete('cascade'))
      .addColumn('section_id', 'integer', (c) => c.notNull().references('legal_section.id'))
      .addColumn('confidence', t.double, (c) => c.notNull())
      .addColumn('source', 'varchar(16)', (c) => c.notNull())
      .addPrimaryKeyConstraint('fir_section_pk', ['fir_id', 'section_id']),
  ).execute();
  await db.schema.createIndex('fir_section_section_idx').on('fir_section').columns(['section_id', 'fir_id']).execute();

  await tableOpts(
    db.schema
      .createTable('fir_serial')
      .addColumn('station_id', 'integer', (c) => c.notNull().references('police_station.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('last_serial', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('fir_serial_pk', ['station_id', 'year']),
  ).execute();

  await tableOpts(
    db.schema
      .createTable('generation_job')
      .addColumn('id', 'integer', id)
      .addColumn('fir_id', 'integer', (c) => c.notNull().references('fir.id'))
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('stage', 'varchar(24)', (c) => c.notNull())
      .addColumn('progress', t.double, (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('priority', 'varchar(8)', (c) => c.notNull())
      .addColumn('error_code', 'varchar(64)')
      .addColumn('error_message', t.text)
      .addColumn('error_retryable', 'boolean')
      .addColumn('queued_at', t.timestamp, (c) => c.notNull())
      .addColumn('started_at', t.timestamp)
      .addColumn('finished_at', t.timestamp),
  ).execute();
  await db.schema.createIndex('generation_job_fir_idx').on('generation_job').columns(['fir_id', 'id']).execute();
  await db.schema.createIndex('generation_job_status_idx').on('generation_job').columns(['status', 'queued_at']).execute();

  // Append-only: one row per stage transition, seq increasing per job.
  await tableOpts(
    db.schema
      .createTable('generation_event')
      .addColumn('job_id', 'integer', (c) => c.notNull().references('generation_job.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .addColumn('status', 'varchar(16)', (c) => c.notNull())
      .addColumn('stage', 'varchar(24)', (c) => c.notNull())
      .addColumn('progress', t.double, (c) => c.notNull())
      .addColumn('message', t.text)
      .addPrimaryKeyConstraint('generation_event_pk', ['job_id', 'seq']),
  ).execute();

  await tableOpts(
    db.schema
      .createTable('audit_log')
      .addColumn('id', 'integer', id)
      .addColumn('actor_id', 'integer')
      .addColumn('action', 'varchar(64)', (c) => c.notNull())
      .addColumn('entity_type', 'varchar(32)', (c) => c.notNull())
      .addColumn('entity_id', 'integer', (c) => c.notNull())
      .addColumn('changes', t.longText, (c) => c.notNull())
      .addColumn('request_id', 'varchar(64)')
      .addColumn('at', t.timestamp, (c) => c.notNull()),
  ).execute();
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity_type', 'entity_id', 'id']).execute();

  // Full-text search: FULLTEXT on MySQL, generated tsvector + GIN on Postgres. The 'simple'
  // configuration does no stemming, so Hindi, Marathi or Tamil words are matched as written.
  if (my) {
    await sql`create fulltext index fir_fulltext_idx on fir (summary, narrative)`.execute(db);
    await sql`create fulltext index complaint_fulltext_idx on complaint (text, transcript)`.execute(db);
    await sql`create fulltext index legal_section_fulltext_idx on legal_section (title, description, keywords)`.execute(db);
  } else {
    const vec = (table: string, expr: string) =>
      sql.raw(`alter table ${table} add column search_vector tsvector generated always as (to_tsvector('simple', ${expr})) stored`);
    await vec('fir', `coalesce(summary, '') || ' ' || coalesce(narrative, '')`).execute(db);
    await vec('complaint', `coalesce(text, '') || ' ' || coalesce(transcript, '')`).execute(db);
    await vec('legal_section', `title || ' ' || coalesce(description, '') || ' ' || keywords`).execute(db);
    await sql`create index fir_search_idx on fir using gin (search_vector)`.execute(db);
    await sql`create index complaint_search_idx on complaint using gin (search_vector)`.execute(db);
    await sql`create index legal_section_search_idx on legal_section using gin (search_vector)`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await db.schema.dropTable(table).execute();
}
