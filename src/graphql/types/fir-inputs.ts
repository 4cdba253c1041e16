/**
 * The FIR input types (filter, order, the edits) and their decoding into what the repositories and
 * the FIR service take. ComplainantInput is also used by submitComplaint (generation.ts).
 */
import { badInput } from '../../errors.ts';
import type { FirFilter, FirOrder, FirOrderField } from '../../fir/fir.repository.ts';
import { LIMITS } from '../../fir/fir.service.ts';
import { decodeIdOf } from '../../global-id.ts';
import { builder } from '../builder.ts';
import { boundedString } from '../validate.ts';
import { FirStatusEnum } from './refs.ts';

export const FirFilterInput = builder.inputType('FirFilter', {
  fields: (t) => ({
    stationIds: t.idList({ required: false }),
    statuses: t.field({ type: [FirStatusEnum], required: false }),
    createdFrom: t.field({ type: 'DateTime', required: false, description: 'inclusive' }),
    createdTo: t.field({ type: 'DateTime', required: false, description: 'exclusive' }),
    sectionIds: t.idList({ required: false }),
    search: t.string({ required: false, description: 'Full-text search over narrative, summary and complaint text' }),
  }),
});

const FirOrderFieldEnum = builder.enumType('FirOrderField', {
  values: ['CREATED_AT', 'UPDATED_AT', 'INCIDENT_FROM', 'FIR_NUMBER'] as const,
});

const OrderDirectionEnum = builder.enumType('OrderDirection', { values: ['ASC', 'DESC'] as const });

export const FirOrderInput = builder.inputType('FirOrder', {
  fields: (t) => ({
    field: t.field({ type: FirOrderFieldEnum, required: true }),
    direction: t.field({ type: OrderDirectionEnum, required: true }),
  }),
});

export type FirFilterArg = typeof FirFilterInput.$inferInput;
const MAX_IDS = 100;

export function decodeFirFilter(filter: FirFilterArg | null | undefined): FirFilter {
  if (!filter) return {};
  const out: FirFilter = {};
  const ids = (list: readonly (string | number)[] | null | undefined, typename: string, argument: string) => {
    if (list == null) return undefined;
    if (list.length > MAX_IDS) throw badInput(`"${argument}" takes at most ${MAX_IDS} ids`, { argument });
    return list.map((id) => decodeIdOf(typename, String(id), argument));
  };
  out.stationIds = ids(filter.stationIds, 'PoliceStation', 'filter.stationIds');
  out.sectionIds = ids(filter.sectionIds, 'LegalSection', 'filter.sectionIds');
  if (filter.statuses) out.statuses = [...filter.statuses];
  if (filter.createdFrom) out.createdFrom = filter.createdFrom;
  if (filter.createdTo) out.createdTo = filter.createdTo;
  const search = boundedString(filter.search, 'filter.search', 200);
  if (search !== undefined) out.search = search;
  for (const key of Object.keys(out) as (keyof FirFilter)[]) if (out[key] === undefined) delete out[key];
  return out;
}

export function parseOrder(order: { field: FirOrderField; direction: 'ASC' | 'DESC' } | null | undefined): FirOrder {
  return order ? { field: order.field, direction: order.direction === 'ASC' ? 'asc' : 'desc' } : { field: 'CREATED_AT', direction: 'desc' };
}

export const ComplainantInput = builder.inputType('ComplainantInput', {
  fields: (t) => ({
    name: t.string({ required: false }),
    dateOfBirth: t.field({ type: 'Date', required: false }),
    nationality: t.string({ required: false }),
    fatherOrHusbandName: t.string({ required: false }),
    address: t.string({ required: false }),
    contact: t.string({ required: false }),
    passportNumber: t.string({ required: false }),
    occupation: t.string({ required: false }),
  }),
});

export const IncidentInput = builder.inputType('IncidentInput', {
  fields: (t) => ({
    occurredFrom: t.field({ type: 'DateTime', required: false }),
    occurredTo: t.field({ type: 'DateTime', required: false }),
    place: t.string({ required: false }),
    address: t.string({ required: false }),
    description: t.string({ required: false }),
    delayReason: t.string({ required: false }),
  }),
});

export const PersonInput = builder.inputType('PersonInput', {
  fields: (t) => ({
    name: t.string({ required: false }),
    description: t.string({ required: false }),
    address: t.string({ required: false }),
  }),
});

// ---- mutation inputs ----

export const UpdateFirInput = builder.inputType('UpdateFirInput', {
  description:
    'Only the fields given change; a field given as null is cleared (a list emptied). Inside incident and complainant only the sub-fields given change (incident or complainant given as null change nothing).',
  fields: (t) => ({
    id: t.id({ required: true }),
    expectedVersion: t.int({ required: true, description: 'The version you read; a FIR changed since is a CONFLICT naming its current version' }),
    summary: t.string({ required: false }),
    narrative: t.string({ required: false }),
    acts: t.stringList({ required: false }),
    incident: t.field({ type: IncidentInput, required: false }),
    complainant: t.field({ type: ComplainantInput, required: false }),
    suspects: t.field({ type: [PersonInput], required: false }),
    witnesses: t.field({ type: [PersonInput], required: false }),
    sectionIds: t.idList({ required: false, description: 'Replaces the sections; kept ones keep their source, added ones are OFFICER' }),
  }),
});

export const BulkUpdateFirStatusInput = builder.inputType('BulkUpdateFirStatusInput', {
  fields: (t) => ({
    ids: t.idList({ required: true, description: `At most ${LIMITS.bulkIds}; repeated ids count once` }),
    status: t.field({ type: FirStatusEnum, required: true, description: 'UNDER_REVIEW or REGISTERED (numbered like registerFir)' }),
  }),
});

/** Global ids of one type -> numeric ids, or a BAD_USER_INPUT naming the entry. */
export const decodeIds = (ids: readonly (string | number)[] | null | undefined, typename: string, argument: string) =>
  ids == null ? ids : ids.map((id, i) => decodeIdOf(typename, String(id), `${argument}[${i}]`));
