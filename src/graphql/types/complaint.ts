/** Complaint: the text, recording or photographed letter a FIR is drafted from. */
import { builder } from '../builder.ts';
import { ComplaintRef } from './refs.ts';

const ComplaintSourceEnum = builder.enumType('ComplaintSource', { values: ['TEXT', 'AUDIO', 'IMAGE'] as const });

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
