import { CacheTags, cacheTag } from '../../cache/tags.ts';
import type { GraphQLResolveInfo } from 'graphql';
import { AppError, badInput } from '../../errors.ts';
import {
  countFirs,
  countFirsForStations,
  FIR_SORT_KEYS,
  type FirColumn,
  type FirFilter,
  type FirOrder,
  type FirOrderField,
  type FirRecord,
  firByNumber,
  firStats,
  firsByIds,
  listFirs,
  listFirsForStations,
  sectionsForFirs,
  sortColumns,
} from '../../fir/fir.repository.ts';
import { bulkUpdateFirStatus, type FirDeps, LIMITS, registerFir, rejectFir, updateFir } from '../../fir/fir.service.ts';
import { builder } from '../builder.ts';
import { buildConnection, type ConnectionArgs, parsePage } from '../connection.ts';
import { encodeCursor, type Ordering } from '../../db/paging.ts';
import type { Context } from '../context.ts';
import { decodeIdOf, encodeGlobalId } from '../../global-id.ts';
import { byKey, groupByKey } from '../loaders.ts';
import { type ColumnMap, columnsFor, type Selection, selectionOf } from '../selection.ts';
import { loadComplaint } from './complaint.ts';
import { loadLatestJob } from './generation.ts';
import { LEGAL_COLUMN_MAP, legalFromJoined } from './legal.ts';
import { loadOfficer } from './officer.ts';
import {
  boundedString,
  ComplaintRef,
  FirRef,
  FirSectionRef,
  FirStatusEnum,
  GenerationJobRef,
  LegalSectionRef,
  OfficerRef,
  OrderDirectionEnum,
  PoliceStationRef,
  SectionSourceEnum,
} from './refs.ts';
import { loadStation } from './station.ts';

const sub =
  (map: Record<string, FirColumn>) =>
  (selection: Selection, typeName: string): FirColumn[] =>
    [...selection.fields(typeName).keys()].flatMap((f) => (map[f] ? [map[f]] : []));

const COMPLAINANT: Record<string, FirColumn> = {
  name: 'complainant_name',
  dateOfBirth: 'complainant_dob',
  nationality: 'complainant_nationality',
  fatherOrHusbandName: 'complainant_father_or_husband_name',
  address: 'complainant_address',
  contact: 'complainant_contact',
  passportNumber: 'complainant_passport_number',
  occupation: 'complainant_occupation',
};
const INCIDENT: Record<string, FirColumn> = {
  occurredFrom: 'incident_from',
  occurredTo: 'incident_to',
  place: 'incident_place',
  address: 'incident_address',
  description: 'incident_description',
  delayReason: 'incident_delay_reason',
};
const INVESTIGATION: Record<string, FirColumn> = {
  officer: 'investigation_officer_id',
  status: 'investigation_status',
  actionTaken: 'investigation_action_taken',
  dateOfDespatch: 'investigation_despatch_date',
};

/** Required FIR fields and the column each reads; `sections` is checked through fir_section. */
const REQUIRED: ReadonlyArray<[string, FirColumn]> = [
  ['complainant.name', 'complainant_name'],
  ['complainant.address', 'complainant_address'],
  ['incident.occurredFrom', 'incident_from'],
  ['incident.place', 'incident_place'],
  ['incident.description', 'incident_description'],
  ['summary', 'summary'],
  ['narrative', 'narrative'],
  ['acts', 'acts'],
];

/** GraphQL field of Fir -> the columns it reads. */
export const FIR_COLUMN_MAP: ColumnMap<FirColumn> = {
  firNumber: ['fir_number'],
  status: ['status'],
  station: ['station_id'],
  complaint: ['complaint_id'],
  complainant: (s) => sub(COMPLAINANT)(s, 'Complainant'),
  incident: (s) => sub(INCIDENT)(s, 'Incident'),
  investigation: (s) => sub(INVESTIGATION)(s, 'Investigation'),
  summary: ['summary'],
  narrative: ['narrative'],
  acts: ['acts'],
  suspects: ['suspects'],
  witnesses: ['witnesses'],
  draftedBy: ['drafted_by'],
  missingFields: REQUIRED.map(([, c]) => c),
  version: ['version'],
  createdBy: ['created_by'],
  createdAt: ['created_at'],
  updatedAt: ['updated_at'],
  registeredAt: ['registered_at'],
};

export function firColumns(selection: Selection | undefined): FirColumn[] {
  return columnsFor(selection, 'Fir', FIR_COLUMN_MAP, ['id']);
}

export function loadFir(ctx: Context, id: number, info: GraphQLResolveInfo): Promise<FirRecord | null> {
  const cols = firColumns(selectionOf(info));
  return ctx.loaders
    .get<number, FirRecord | null>(`fir:${cols}`, async (ids) => byKey(ids, await firsByIds(ctx.db, ids, cols), (r) => r.id))
    .load(id);
}

function json<T>(value: string | null | undefined, fallback: T): T {
  if (value == null) return fallback;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
}

interface PersonShape {
  name?: string | null;
  description?: string | null;
  address?: string | null;
}

const Person = builder.objectRef<PersonShape>('Person').implement({
  fields: (t) => ({
    name: t.string({ nullable: true, resolve: (p) => p.name ?? null }),
    description: t.string({ nullable: true, resolve: (p) => p.description ?? null }),
    address: t.string({ nullable: true, resolve: (p) => p.address ?? null }),
  }),
});

const Complainant = builder.objectRef<FirRecord>('Complainant').implement({
  fields: (t) => ({
    name: t.string({ nullable: true, resolve: (f) => f.complainant_name ?? null }),
    dateOfBirth: t.field({ type: 'Date', nullable: true, resolve: (f) => f.complainant_dob ?? null }),
    nationality: t.string({ nullable: true, resolve: (f) => f.complainant_nationality ?? null }),
    fatherOrHusbandName: t.string({ nullable: true, resolve: (f) => f.complainant_father_or_husband_name ?? null }),
    address: t.string({ nullable: true, resolve: (f) => f.complainant_address ?? null }),
    contact: t.string({ nullable: true, resolve: (f) => f.complainant_contact ?? null }),
    passportNumber: t.string({ nullable: true, resolve: (f) => f.complainant_passport_number ?? null }),
    occupation: t.string({ nullable: true, resolve: (f) => f.complainant_occupation ?? null }),
  }),
});

const Incident = builder.objectRef<FirRecord>('Incident').implement({
  fields: (t) => ({
    occurredFrom: t.field({ type: 'DateTime', nullable: true, resolve: (f) => f.incident_from ?? null }),
    occurredTo: t.field({ type: 'DateTime', nullable: true, resolve: (f) => f.incident_to ?? null }),
    place: t.string({ nullable: true, resolve: (f) => f.incident_place ?? null }),
    address: t.string({ nullable: true, resolve: (f) => f.incident_address ?? null }),
    description: t.string({ nullable: true, resolve: (f) => f.incident_description ?? null }),
    delayReason: t.string({ nullable: true, resolve: (f) => f.incident_delay_reason ?? null }),
  }),
});

const Investigation = builder.objectRef<FirRecord>('Investigation').implement({
  fields: (t) => ({
    officer: t.field({
      type: OfficerRef,
      nullable: true,
      resolve: (f, _a, ctx, info) => (f.investigation_officer_id == null ? null : loadOfficer(ctx, f.investigation_officer_id, info)),
    }),
    status: t.string({ nullable: true, resolve: (f) => f.investigation_status ?? null }),
    actionTaken: t.string({ nullable: true, resolve: (f) => f.investigation_action_taken ?? null }),
    dateOfDespatch: t.field({ type: 'Date', nullable: true, resolve: (f) => f.investigation_despatch_date ?? null }),
  }),
});

builder.objectType(FirSectionRef, {
  fields: (t) => ({
    section: t.field({ type: LegalSectionRef, resolve: (s) => legalFromJoined(s) }),
    confidence: t.float({ resolve: (s) => Number(s.confidence ?? 0) }),
    source: t.field({ type: SectionSourceEnum, resolve: (s) => s.source as any }),
  }),
});

function loadSections(ctx: Context, firId: number, info: GraphQLResolveInfo) {
  const sel = selectionOf(info);
  const link = (['confidence', 'source'] as const).filter((c) => sel.has('FirSection', c));
  const legalSel = sel.fields('FirSection').get('section');
  const legalCols = legalSel ? columnsFor(legalSel, 'LegalSection', LEGAL_COLUMN_MAP, ['id']).filter((c) => c !== 'id') : [];
  return ctx.loaders
    .get<number, Awaited<ReturnType<typeof sectionsForFirs>>>(`firSections:${link}:${legalCols}`, async (ids) =>
      groupByKey(ids, await sectionsForFirs(ctx.db, ids, link, legalCols), (r) => r.fir_id),
    )
    .load(firId);
}

builder.node(FirRef, {
  id: { resolve: (f) => f.id },
  fields: (t) => ({
    firNumber: t.string({ nullable: true, resolve: (f) => f.fir_number ?? null }),
    status: t.field({ type: FirStatusEnum, resolve: (f) => f.status as any }),
    station: t.field({ type: PoliceStationRef, resolve: (f, _a, ctx, info) => loadStation(ctx, f.station_id!, info).then(required('station')) }),
    complaint: t.field({ type: ComplaintRef, resolve: (f, _a, ctx, info) => loadComplaint(ctx, f.complaint_id!, info).then(required('complaint')) }),
    complainant: t.field({ type: Complainant, resolve: (f) => f }),
    incident: t.field({ type: Incident, resolve: (f) => f }),
    summary: t.string({ nullable: true, resolve: (f) => f.summary ?? null }),
    narrative: t.string({ nullable: true, resolve: (f) => f.narrative ?? null }),
    acts: t.stringList({ resolve: (f) => json<string[]>(f.acts, []) }),
    sections: t.field({ type: [FirSectionRef], resolve: (f, _a, ctx, info) => loadSections(ctx, f.id, info) }),
    suspects: t.field({ type: [Person], resolve: (f) => json<PersonShape[]>(f.suspects, []) }),
    witnesses: t.field({ type: [Person], resolve: (f) => json<PersonShape[]>(f.witnesses, []) }),
    investigation: t.field({ type: Investigation, resolve: (f) => f }),
    draftedBy: t.string({
      nullable: true,
      description: "Which drafter made the draft: 'builtin', 'llm', or 'builtin (fallback from llm: <code> at <stage>)' when the model failed; null until drafted",
      resolve: (f) => f.drafted_by ?? null,
    }),
    missingFields: t.stringList({
      description: 'Required FIR fields that are still empty',
      resolve: async (f, _a, ctx) => {
        const missing = REQUIRED.filter(([, col]) => {
          const v = f[col];
          return v == null || v === '' || (col === 'acts' && json<string[]>(v as string, []).length === 0);
        }).map(([name]) => name);
        const sections = await ctx.loaders
          .get<number, number>('firSectionCount', async (ids) => {
            const rows = await sectionsForFirs(ctx.db, ids, [], []);
            return ids.map((id) => rows.filter((r) => r.fir_id === id).length);
          })
          .load(f.id);
        if (sections === 0) missing.push('sections');
        return missing;
      },
    }),
    version: t.int({ resolve: (f) => f.version! }),
    createdBy: t.field({
      type: OfficerRef,
      nullable: true,
      resolve: (f, _a, ctx, info) => (f.created_by == null ? null : loadOfficer(ctx, f.created_by, info)),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (f) => f.created_at! }),
    updatedAt: t.field({ type: 'DateTime', resolve: (f) => f.updated_at! }),
    registeredAt: t.field({ type: 'DateTime', nullable: true, resolve: (f) => f.registered_at ?? null }),
    latestJob: t.field({ type: GenerationJobRef, nullable: true, resolve: (f, _a, ctx, info) => loadLatestJob(ctx, f.id, info) }),
  }),
});

function required(what: string) {
  return <T>(value: T | null): T => {
    if (value == null) throw new Error(`dangling ${what} reference`);
    return value;
  };
}

// ---- filters, ordering, connections ----

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

const FirOrderInput = builder.inputType('FirOrder', {
  fields: (t) => ({
    field: t.field({ type: FirOrderFieldEnum, required: true }),
    direction: t.field({ type: OrderDirectionEnum, required: true }),
  }),
});

type FirFilterArg = typeof FirFilterInput.$inferInput;
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

function parseOrder(order: { field: FirOrderField; direction: 'ASC' | 'DESC' } | null | undefined): FirOrder {
  return order ? { field: order.field, direction: order.direction === 'ASC' ? 'asc' : 'desc' } : { field: 'CREATED_AT', direction: 'desc' };
}

function orderingOf(order: FirOrder): Ordering {
  return { name: order.field, keys: FIR_SORT_KEYS[order.field], direction: order.direction };
}

export const FirConnection = builder.connectionObject(
  {
    type: FirRef,
    name: 'FirConnection',
    fields: (t) => ({
      totalCount: t.int({ description: 'Counted only when selected', resolve: (c) => c.totalCount() }),
    }),
  },
  { name: 'FirEdge' },
);

function nodeSelection(info: GraphQLResolveInfo) {
  return selectionOf(info).path('FirConnection', 'edges', 'FirEdge', 'node');
}

builder.queryFields((t) => ({
  firs: t.connection(
    {
      type: FirRef,
      description: 'FIRs, newest first unless ordered otherwise. Keyset-paginated: every page costs the same at any depth.',
      args: {
        filter: t.arg({ type: FirFilterInput, required: false }),
        orderBy: t.arg({ type: FirOrderInput, required: false }),
      },
      resolve: async (_root, args, ctx, info) => {
        const filter = decodeFirFilter(args.filter);
        const order = parseOrder(args.orderBy);
        tagFirCollection(ctx, filter, order);
        const ordering = orderingOf(order);
        const page = parsePage(args, ordering);
        const cols = [...new Set([...firColumns(nodeSelection(info)), ...sortColumns(order)])];
        const rows = await listFirs(ctx.db, cols, filter, order, page);
        return {
          ...buildConnection(rows, page, (r) => encodeCursor(ordering, r, r.id)),
          totalCount: () => countFirs(ctx.db, filter),
        };
      },
    },
    FirConnection,
  ),
  firByNumber: t.field({
    type: FirRef,
    nullable: true,
    args: { number: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx, info) => {
      const number = boundedString(args.number, 'number', 40)!.trim();
      const fir = await firByNumber(ctx.db, number, firColumns(selectionOf(info)));
      // Not registered yet: the answer changes when some FIR is registered under this number.
      if (!fir) cacheTag(ctx, CacheTags.firList('all'));
      return fir ?? null;
    },
  }),
  firStats: t.field({
    type: [FirStatsBucket],
    args: {
      filter: t.arg({ type: FirFilterInput, required: false }),
      groupBy: t.arg({ type: FirStatsGroupByEnum, required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const filter = decodeFirFilter(args.filter);
      for (const id of filter.stationIds?.length ? filter.stationIds : (['all'] as const)) cacheTag(ctx, CacheTags.firStats(id));
      // Stats of a full-text search change with any edit of the text.
      if (filter.search !== undefined) for (const id of filter.stationIds?.length ? filter.stationIds : (['all'] as const)) cacheTag(ctx, CacheTags.firListAny(id));
      const buckets = await firStats(ctx.db, filter, args.groupBy);
      // Station and section keys are ids: expose them as global ids, like everywhere else.
      const typename = args.groupBy === 'STATION' ? 'PoliceStation' : args.groupBy === 'SECTION' ? 'LegalSection' : null;
      return typename ? buckets.map((b) => ({ ...b, key: encodeGlobalId(typename, b.key) })) : buckets;
    },
  }),
}));

/**
 * The response depends on the set of FIRs matching `filter`: a FIR that starts or stops matching
 * need not be in it, so the lists/counts of the filtered stations (or of all) are tagged.
 */
function tagFirCollection(ctx: Context, filter: FirFilter, order: FirOrder) {
  // Full-text search and UPDATED_AT order follow every edit; the rest only status, sections,
  // incident time and registration (see firChangeTags).
  const tag = filter.search !== undefined || order.field === 'UPDATED_AT' ? CacheTags.firListAny : CacheTags.firList;
  if (filter.stationIds?.length) for (const id of filter.stationIds) cacheTag(ctx, tag(id));
  else cacheTag(ctx, tag('all'));
}

/** The nested `PoliceStation.firs` connection: all stations of a page in one statement. */
export function stationFirs(ctx: Context, stationId: number, args: ConnectionArgs & { filter?: FirFilterArg | null }, info: GraphQLResolveInfo) {
  const filter = decodeFirFilter(args.filter);
  const order = parseOrder(null);
  tagFirCollection(ctx, { ...filter, stationIds: [stationId] }, order);
  const ordering = orderingOf(order);
  const page = parsePage(args, ordering);
  const cols = [...new Set([...firColumns(nodeSelection(info)), ...sortColumns(order)])];
  const argKey = JSON.stringify([args.first, args.last, args.after, args.before, filter]);
  const rows = ctx.loaders
    .get<number, FirRecord[]>(`stationFirs:${cols}:${argKey}`, async (stationIds) => {
      const byStation = await listFirsForStations(ctx.db, stationIds, cols, filter, order, page);
      return stationIds.map((id) => byStation.get(id) ?? []);
    })
    .load(stationId);
  const counts = ctx.loaders.get<number, number>(`stationFirCount:${JSON.stringify(filter)}`, async (stationIds) => {
    const map = await countFirsForStations(ctx.db, stationIds, filter);
    return stationIds.map((id) => map.get(id) ?? 0);
  });
  return rows.then((list) => ({
    ...buildConnection(list, page, (r) => encodeCursor(ordering, r, r.id)),
    totalCount: () => counts.load(stationId),
  }));
}

const FirStatsGroupByEnum = builder.enumType('FirStatsGroupBy', { values: ['STATUS', 'STATION', 'SECTION', 'DAY'] as const });

const FirStatsBucket = builder
  .objectRef<{ key: string; label: string | null; count: number }>('FirStatsBucket')
  .implement({
    fields: (t) => ({
      key: t.exposeString('key'),
      label: t.exposeString('label', { nullable: true }),
      count: t.exposeInt('count'),
    }),
  });

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

// ---- mutations ----

const UpdateFirInput = builder.inputType('UpdateFirInput', {
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

const BulkUpdateFirStatusInput = builder.inputType('BulkUpdateFirStatusInput', {
  fields: (t) => ({
    ids: t.idList({ required: true, description: `At most ${LIMITS.bulkIds}; repeated ids count once` }),
    status: t.field({ type: FirStatusEnum, required: true, description: 'UNDER_REVIEW or REGISTERED (numbered like registerFir)' }),
  }),
});

const BulkUpdateFirStatusPayload = builder.objectRef<{ ids: number[] }>('BulkUpdateFirStatusPayload').implement({
  fields: (t) => ({
    firs: t.field({
      type: [FirRef],
      description: 'The FIRs, in the order given, repeated ids once',
      resolve: async (p, _a, ctx, info) => (await Promise.all(p.ids.map((id) => loadFir(ctx, id, info)))).map(required('FIR')),
    }),
  }),
});

function firDeps(ctx: Context): FirDeps {
  return { db: ctx.db, pubsub: ctx.pubsub, onFirsChanged: ctx.onFirsChanged ?? null, log: ctx.log };
}

function actor(ctx: Context) {
  return { actorId: ctx.viewer?.officerId ?? null, requestId: ctx.requestId };
}

/** The FIR as the mutation left it, read through the normal projecting loader. */
async function reload(ctx: Context, id: number, info: GraphQLResolveInfo) {
  ctx.loaders.clearAll();
  const fir = await loadFir(ctx, id, info);
  if (!fir) throw new AppError('NOT_FOUND', 'FIR not found', { argument: 'id' });
  return fir;
}

const decodeIds = (ids: readonly (string | number)[] | null | undefined, typename: string, argument: string) =>
  ids == null ? ids : ids.map((id, i) => decodeIdOf(typename, String(id), `${argument}[${i}]`));

builder.mutationFields((t) => ({
  updateFir: t.field({
    type: FirRef,
    description: 'Edits a FIR with optimistic locking: only the fields given change, and the version goes up by one',
    args: { input: t.arg({ type: UpdateFirInput, required: true }) },
    resolve: async (_root, { input }, ctx, info) => {
      const id = decodeIdOf('Fir', String(input.id), 'input.id');
      if (input.sectionIds && input.sectionIds.length > LIMITS.sections) {
        throw badInput(`"input.sectionIds" takes at most ${LIMITS.sections} sections`, { argument: 'input.sectionIds' });
      }
      await updateFir(firDeps(ctx), {
        ...actor(ctx),
        id,
        expectedVersion: input.expectedVersion,
        summary: input.summary,
        narrative: input.narrative,
        acts: input.acts,
        incident: input.incident,
        complainant: input.complainant,
        suspects: input.suspects,
        witnesses: input.witnesses,
        sectionIds: decodeIds(input.sectionIds, 'LegalSection', 'input.sectionIds'),
      });
      return reload(ctx, id, info);
    },
  }),
  bulkUpdateFirStatus: t.field({
    type: BulkUpdateFirStatusPayload,
    description: `Sets the status of up to ${LIMITS.bulkIds} FIRs in one transaction: every transition must be allowed, or none is made`,
    args: { input: t.arg({ type: BulkUpdateFirStatusInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      if (input.ids.length > LIMITS.bulkIds) {
        throw badInput(`"input.ids" takes at most ${LIMITS.bulkIds} ids, got ${input.ids.length}`, { argument: 'input.ids', max: LIMITS.bulkIds });
      }
      const ids = await bulkUpdateFirStatus(firDeps(ctx), { ...actor(ctx), ids: decodeIds(input.ids, 'Fir', 'input.ids')!, status: input.status });
      ctx.loaders.clearAll();
      return { ids };
    },
  }),
  registerFir: t.field({
    type: FirRef,
    description: 'Registers a FIR under review and gives it its number <STATIONCODE>-<YEAR>-<5-digit serial>, gapless per station and year',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx, info) => {
      const id = decodeIdOf('Fir', String(args.id), 'id');
      await registerFir(firDeps(ctx), { ...actor(ctx), id });
      return reload(ctx, id, info);
    },
  }),
  rejectFir: t.field({
    type: FirRef,
    description: `Rejects a FIR under review; the reason (1 to ${LIMITS.rejectionReason} characters) is kept with it`,
    args: { id: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx, info) => {
      const id = decodeIdOf('Fir', String(args.id), 'id');
      await rejectFir(firDeps(ctx), { ...actor(ctx), id, reason: args.reason });
      return reload(ctx, id, info);
    },
  }),
}));
