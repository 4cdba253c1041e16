/** Complaint loaders: batched, projecting reads by id. */
import type { GraphQLResolveInfo } from 'graphql';
import { type ComplaintColumn, type ComplaintRecord, complaintsByIds } from '../../complaint/complaint.repository.ts';
import type { Context } from '../context.ts';
import { type ColumnMap, columnsFor, selectionOf } from '../selection.ts';
import { byKey } from './registry.ts';

export const COMPLAINT_COLUMN_MAP: ColumnMap<ComplaintColumn> = {
  source: ['source'],
  language: ['language'],
  text: ['text'],
  transcript: ['transcript'],
  receivedAt: ['received_at'],
};

export function loadComplaint(ctx: Context, id: number, info: GraphQLResolveInfo): Promise<ComplaintRecord | null> {
  const cols = columnsFor(selectionOf(info), 'Complaint', COMPLAINT_COLUMN_MAP, ['id']);
  return ctx.loaders
    .get<number, ComplaintRecord | null>(`complaint:${cols}`, async (ids) => byKey(ids, await complaintsByIds(ctx.db, ids, cols, ctx.scope), (r) => r.id))
    .load(id);
}
