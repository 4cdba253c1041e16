import type { GraphQLResolveInfo } from 'graphql';
import { type ComplaintColumn, type ComplaintRecord, complaintsByIds } from '../../complaint/complaint.repository.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { byKey } from '../loaders.ts';
import { type ColumnMap, columnsFor, selectionOf } from '../selection.ts';
import { ComplaintRef, ComplaintSourceEnum } from './refs.ts';

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
    .get<number, ComplaintRecord | null>(`complaint:${cols}`, async (ids) => byKey(ids, await complaintsByIds(ctx.db, ids, cols), (r) => r.id))
    .load(id);
}

builder.node(ComplaintRef, {
  id: { resolve: (c) => c.id },
  fields: (t) => ({
    source: t.field({ type: ComplaintSourceEnum, resolve: (c) => c.source as any }),
    language: t.string({ nullable: true, resolve: (c) => c.language ?? null }),
    text: t.string({ nullable: true, resolve: (c) => c.text ?? null }),
    transcript: t.string({ nullable: true, resolve: (c) => c.transcript ?? null }),
    receivedAt: t.field({ type: 'DateTime', resolve: (c) => c.received_at! }),
  }),
});
