/**
 * audit_log: who changed what, when, from which request. Append-only; this module is its only
 * writer. What an entry may say about personal data is decided by the caller (fir/fir.audit.ts
 * redacts FIR fields before they get here).
 */
import type { Transaction } from 'kysely';
import type { DB } from '../db/types.ts';

export interface AuditEntry {
  actorId: number | null;
  action: string;
  entityType: string;
  entityId: number;
  /** field -> [before, after], already redacted */
  changes: Record<string, unknown>;
  requestId: string | null;
  at: Date;
}

export async function insertAudit(trx: Transaction<DB>, entries: readonly AuditEntry[]): Promise<void> {
  // Chunked: MySQL caps placeholders per statement, and a bulk update writes up to 500 rows.
  for (let i = 0; i < entries.length; i += 200) {
    await trx
      .insertInto('audit_log')
      .values(
        entries.slice(i, i + 200).map((e) => ({
          actor_id: e.actorId,
          action: e.action,
          entity_type: e.entityType,
          entity_id: e.entityId,
          changes: JSON.stringify(e.changes),
          request_id: e.requestId,
          at: e.at,
        })),
      )
      .execute();
  }
}
