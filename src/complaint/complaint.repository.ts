/**
 * complaint and complaint_media: the complaint as received (text, or media and later its
 * transcript). This module is their only writer.
 */
import type { Kysely, Transaction } from 'kysely';
import { insertReturningId } from '../db/dialect.ts';
import type { ComplaintRow, DB } from '../db/types.ts';
import { ALL_ROWS, type RowScope, visibleComplaint } from '../db/scope.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type ComplaintColumn = keyof ComplaintRow;
export type ComplaintRecord = Pick<ComplaintRow, 'id'> & Partial<ComplaintRow>;

export async function complaintsByIds(db: Db, ids: readonly number[], columns: readonly ComplaintColumn[], scope: RowScope = ALL_ROWS) {
  let q = db
    .selectFrom('complaint')
    .select(columns.map((c) => `complaint.${c}` as const))
    .where('complaint.id', 'in', [...ids]);
  if (scope.kind !== 'all') q = q.where(visibleComplaint(scope));
  return (await q.execute()) as ComplaintRecord[];
}

export interface NewComplaint {
  stationId: number;
  source: 'TEXT' | 'AUDIO' | 'IMAGE';
  language: string | null;
  text: string | null;
  receivedAt: Date;
  media: { bytes: Uint8Array; contentType: string; sha256: string } | null;
  submittedBy?: string | null;
}

/** Stores a complaint and its uploaded media (audio or image bytes) in the caller's transaction. */
export async function insertComplaint(trx: Transaction<DB>, c: NewComplaint): Promise<number> {
  const id = await insertReturningId(trx, 'complaint', {
    station_id: c.stationId,
    source: c.source,
    language: c.language,
    text: c.text,
    media_ref: c.media ? `sha256:${c.media.sha256}` : null,
    media_type: c.media?.contentType ?? null,
    received_at: c.receivedAt,
    submitted_by: c.submittedBy ?? null,
  });
  if (c.media) {
    await trx
      .insertInto('complaint_media')
      .values({ complaint_id: id, content_type: c.media.contentType, size: c.media.bytes.byteLength, sha256: c.media.sha256, bytes: c.media.bytes })
      .execute();
  }
  return id;
}

/** The uploaded media of a complaint, if it has any. */
export async function complaintMedia(db: Db, complaintId: number) {
  return db.selectFrom('complaint_media').select(['bytes', 'content_type']).where('complaint_id', '=', complaintId).executeTakeFirst();
}

/** Records what was read out of a complaint's media. */
export async function setTranscript(db: Db, complaintId: number, transcript: string): Promise<void> {
  await db.updateTable('complaint').set({ transcript }).where('id', '=', complaintId).execute();
}
