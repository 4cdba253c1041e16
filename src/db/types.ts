/**
 * Table types. Repositories use Selectable/Insertable/Updateable of these.
 * JSON-ish columns (acts, suspects, witnesses, keywords, changes) are stored as TEXT holding JSON,
 * because MariaDB's JSON is LONGTEXT and drivers disagree on parsing it; repositories encode/decode.
 */
import type { ColumnType, Generated, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;
type Bool = ColumnType<boolean | number, boolean, boolean>;

export interface PoliceStationTable {
  id: Generated<number>;
  code: string;
  name: string;
  district: string;
  state: string;
  created_at: Timestamp;
}

export interface OfficerTable {
  id: Generated<number>;
  station_id: number | null;
  name: string;
  rank: string;
  badge_number: string;
  role: string;
  created_at: Timestamp;
}

export interface LegalSectionTable {
  id: Generated<number>;
  act: string;
  number: string;
  title: string;
  description: string | null;
  punishment: string | null;
  cognizable: Bool | null;
  bailable: Bool | null;
  triable_by: string | null;
  keywords: string;
}

export interface IpcBnsEquivalenceTable {
  ipc_section: string;
  section_id: number;
}

export interface ComplaintTable {
  id: Generated<number>;
  station_id: number;
  source: string;
  language: string | null;
  text: string | null;
  transcript: string | null;
  media_ref: string | null;
  media_type: string | null;
  received_at: Timestamp;
  /** `c:<digest>` of the citizen who submitted it (migration 0005); null otherwise */
  submitted_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface FirTable {
  id: Generated<number>;
  station_id: number;
  complaint_id: number;
  status: string;
  fir_number: string | null;
  complainant_name: string | null;
  complainant_dob: string | null;
  complainant_nationality: string | null;
  complainant_father_or_husband_name: string | null;
  complainant_address: string | null;
  complainant_contact: string | null;
  complainant_passport_number: string | null;
  complainant_occupation: string | null;
  incident_from: Date | null;
  incident_to: Date | null;
  incident_place: string | null;
  incident_address: string | null;
  incident_description: string | null;
  incident_delay_reason: string | null;
  acts: string;
  summary: string | null;
  narrative: string | null;
  suspects: string;
  witnesses: string;
  /** which drafter made the draft ('builtin', 'llm', 'builtin (fallback from llm: …)'); null until drafted */
  drafted_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** `c:<digest>` of the citizen who submitted it (migration 0005); null otherwise */
  submitted_by: ColumnType<string | null, string | null | undefined, string | null>;
  investigation_officer_id: number | null;
  investigation_status: string | null;
  investigation_action_taken: string | null;
  investigation_despatch_date: string | null;
  rejection_reason: string | null;
  version: ColumnType<number, number | undefined, number>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  registered_at: Date | null;
}

export interface FirSectionTable {
  fir_id: number;
  section_id: number;
  confidence: number;
  source: string;
}

export interface GenerationJobTable {
  id: Generated<number>;
  fir_id: number;
  status: string;
  stage: string;
  progress: number;
  attempts: number;
  priority: string;
  error_code: string | null;
  error_message: string | null;
  error_retryable: Bool | null;
  queued_at: Timestamp;
  started_at: Date | null;
  finished_at: Date | null;
  cancel_requested: ColumnType<boolean | number, boolean | undefined, boolean>;
  /** JSON: outputs of completed stages */
  state: string | null;
}

export interface ComplaintMediaTable {
  complaint_id: number;
  content_type: string;
  size: number;
  sha256: string;
  bytes: Uint8Array;
}

export interface JobOutboxTable {
  id: Generated<number>;
  job_id: number;
  queue: string;
  priority: number;
  created_at: Timestamp;
  relay_attempts: ColumnType<number, number | undefined, number>;
}

/** owner: src/cache/invalidation-log.ts (undelivered response-cache invalidations) */
export interface CacheInvalidationTable {
  id: Generated<number>;
  /** the cache tags, one per line */
  tags: string;
  created_at: Timestamp;
}

export interface GenerationEventTable {
  job_id: number;
  seq: number;
  at: Timestamp;
  status: string;
  stage: string;
  progress: number;
  message: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: number | null;
  action: string;
  entity_type: string;
  entity_id: number;
  changes: string;
  request_id: string | null;
  at: Timestamp;
}

export interface FirSerialTable {
  station_id: number;
  year: number;
  last_serial: number;
}

export interface DB {
  police_station: PoliceStationTable;
  officer: OfficerTable;
  legal_section: LegalSectionTable;
  ipc_bns_equivalence: IpcBnsEquivalenceTable;
  complaint: ComplaintTable;
  fir: FirTable;
  fir_section: FirSectionTable;
  generation_job: GenerationJobTable;
  generation_event: GenerationEventTable;
  audit_log: AuditLogTable;
  fir_serial: FirSerialTable;
  job_outbox: JobOutboxTable;
  complaint_media: ComplaintMediaTable;
  cache_invalidation: CacheInvalidationTable;
}

export type PoliceStationRow = Selectable<PoliceStationTable>;
export type OfficerRow = Selectable<OfficerTable>;
export type LegalSectionRow = Selectable<LegalSectionTable>;
export type ComplaintRow = Selectable<ComplaintTable>;
export type FirRow = Selectable<FirTable>;
export type FirUpdate = Updateable<FirTable>;
export type GenerationJobRow = Selectable<GenerationJobTable>;
export type GenerationEventRow = Selectable<GenerationEventTable>;
