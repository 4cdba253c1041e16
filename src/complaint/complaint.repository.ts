import type { Kysely, Transaction } from 'kysely';
import type { ComplaintRow, DB } from '../db/types.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type ComplaintColumn = keyof ComplaintRow;
export type ComplaintRecord = Pick<ComplaintRow, 'id'> & Partial<ComplaintRow>;

export async function complaintsByIds(db: Db, ids: readonly number[], columns: readonly ComplaintColumn[]) {
  return (await db
    .selectFrom('complaint')
    .select(columns.map((c) => `complaint.${c}` as const))
    .where('complaint.id', 'in', [...ids])
    .execute()) as ComplaintRecord[];
}
