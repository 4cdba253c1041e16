/**
 * Fir and the types it is made of, the FIR queries (firs, firByNumber, firStats), the FIR
 * mutations, and PoliceStation.firs. The inputs are in fir-inputs.ts.
 */
import { COMPLAINANT_COLUMNS, type ComplainantField } from '../../fir/complainant.ts';
import type { GraphQLResolveInfo } from 'graphql';
import { CacheTags, cacheTag } from '../../cache/tags.ts';
import { encodeCursor, type Ordering } from '../../db/paging.ts';
import { AppError, badInput } from '../../errors.ts';
import {
  countFirs,
  FIR_SORT_KEYS,
  type FirFilter,
  type FirOrder,
  type FirRecord,
  type FirSectionRecord,
  firByNumber,
  firStationIds,
  firStats,
  listFirs,
  sortColumns,
} from '../../fir/fir.repository.ts';
import { bulkUpdateFirStatus, type FirDeps, LIMITS, registerFir, rejectFir, updateFir } from '../../fir/fir.service.ts';
import { decodeIdOf, encodeGlobalId } from '../../global-id.ts';
import { assertActInStation, assertDecideInStation, maySeeComplainantPrivate } from '../authz.ts';
import { builder } from '../builder.ts';
import { buildConnection, type ConnectionArgs, parsePage } from '../connection.ts';
import type { Context } from '../context.ts';
import { loadComplaint } from '../loaders/complaint.ts';
import { firColumns, loadFir, loadSectionCount, loadSections, loadStationFirs, REQUIRED, stationFirCountLoader } from '../loaders/fir.ts';
import { loadLatestJob } from '../loaders/generation.ts';
import { legalFromJoined } from '../loaders/legal.ts';
import { loadOfficer } from '../loaders/officer.ts';
import { loadStation } from '../loaders/station.ts';
import { selectionOf } from '../selection.ts';
import { boundedString } from '../validate.ts';
import {
  BulkUpdateFirStatusInput,
  decodeFirFilter,
  decodeIds,
  type FirFilterArg,
  FirFilterInput,
  FirOrderInput,
  parseOrder,
  UpdateFirInput,
} from './fir-inputs.ts';
import { ComplaintRef, FirRef, FirStatusEnum, GenerationJobRef, LegalSectionRef, OfficerRef, PoliceStationRef } from './refs.ts';

// ---- objects ----

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

/** A complainant field of a FIR row, through the one column mapping (fir/complainant.ts). */
const complainantField = (key: ComplainantField) => (f: FirRecord) => f[COMPLAINANT_COLUMNS[key]] ?? null;

/**
 * Contact, passport number and date of birth: null for anyone but the FIR's own station, the
 * citizen who submitted it and ADMIN (the row's station_id and submitted_by are always projected).
 */
const privateField = {
  description: "Null unless the viewer is of the FIR's station, the citizen who submitted it, or ADMIN",
  authScopes: (f: FirRecord, _args: unknown, ctx: Context) => maySeeComplainantPrivate(ctx.viewer, f),
  unauthorizedResolver: () => null,
} as const;

const Complainant = builder.objectRef<FirRecord>('Complainant').implement({
  fields: (t) => ({
    name: t.string({ nullable: true, resolve: complainantField('name') }),
    dateOfBirth: t.field({ type: 'Date', nullable: true, ...privateField, resolve: complainantField('dateOfBirth') }),
    nationality: t.string({ nullable: true, resolve: complainantField('nationality') }),
    fatherOrHusbandName: t.string({ nullable: true, resolve: complainantField('fatherOrHusbandName') }),
    address: t.string({ nullable: true, resolve: complainantField('address') }),
    contact: t.string({ nullable: true, ...privateField, resolve: complainantField('contact') }),
    passportNumber: t.string({ nullable: true, ...privateField, resolve: complainantField('passportNumber') }),
    occupation: t.string({ nullable: true, resolve: complainantField('occupation') }),
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

const SectionSourceEnum = builder.enumType('SectionSource', { values: ['RETRIEVED', 'MODEL_CHECKED', 'OFFICER'] as const });

const FirSection = builder.objectRef<FirSectionRecord>('FirSection').implement({
  fields: (t) => ({
    section: t.field({ type: LegalSectionRef, resolve: (s) => legalFromJoined(s) }),
    confidence: t.float({ resolve: (s) => Number(s.confidence ?? 0) }),
    source: t.field({ type: SectionSourceEnum, resolve: (s) => s.source as any }),
  }),
});

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
    sections: t.field({ type: [FirSection], resolve: (f, _a, ctx, info) => loadSections(ctx, f.id, info) }),
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
        const sections = await loadSectionCount(ctx, f.id);
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

// ---- connections and queries ----

function orderingOf(order: FirOrder): Ordering {
  return { name: order.field, keys: FIR_SORT_KEYS[order.field], direction: order.direction };
}

const FirConnection = builder.connectionObject(
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

builder.queryFields((t) => ({
  firs: t.connection(
    {
      type: FirRef,
      description: 'FIRs the viewer may see, newest first unless ordered otherwise. Keyset-paginated: every page costs the same at any depth.',
      authScopes: { authenticated: true },
      args: {
        filter: t.arg({ type: FirFilterInput, required: false }),
        orderBy: t.arg({ type: FirOrderInput, required: false }),
      },
      resolve: async (_root, args, ctx, info) => {
        const filter = { ...decodeFirFilter(args.filter), scope: ctx.scope };
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
    authScopes: { authenticated: true },
    args: { number: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx, info) => {
      const number = boundedString(args.number, 'number', 40)!.trim();
      const fir = await firByNumber(ctx.db, number, firColumns(selectionOf(info)), ctx.scope);
      // Not registered yet: the answer changes when some FIR is registered under this number.
      if (!fir) cacheTag(ctx, CacheTags.firList('all'));
      return fir ?? null;
    },
  }),
  firStats: t.field({
    type: [FirStatsBucket],
    description: 'Counts of the FIRs the viewer may see (DISTRICT_ADMIN: its district; ADMIN: all)',
    authScopes: { districtAdmin: true, admin: true },
    args: {
      filter: t.arg({ type: FirFilterInput, required: false }),
      groupBy: t.arg({ type: FirStatsGroupByEnum, required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const filter = { ...decodeFirFilter(args.filter), scope: ctx.scope };
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
function stationFirs(ctx: Context, stationId: number, args: ConnectionArgs & { filter?: FirFilterArg | null }, info: GraphQLResolveInfo) {
  const filter = { ...decodeFirFilter(args.filter), scope: ctx.scope };
  const order = parseOrder(null);
  tagFirCollection(ctx, { ...filter, stationIds: [stationId] }, order);
  const ordering = orderingOf(order);
  const page = parsePage(args, ordering);
  const cols = [...new Set([...firColumns(nodeSelection(info)), ...sortColumns(order)])];
  const rows = loadStationFirs(ctx, stationId, args, cols, filter, order, page);
  const counts = stationFirCountLoader(ctx, filter);
  return rows.then((list) => ({
    ...buildConnection(list, page, (r) => encodeCursor(ordering, r, r.id)),
    totalCount: () => counts.load(stationId),
  }));
}

builder.objectField(PoliceStationRef, 'firs', (t) =>
  t.connection(
    {
      type: FirRef,
      description: "This station's FIRs, newest first",
      args: { filter: t.arg({ type: FirFilterInput, required: false }) },
      resolve: (s, args, ctx, info) => stationFirs(ctx, s.id, args, info),
    },
    FirConnection,
  ),
);

// ---- mutations ----

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
  return { db: ctx.db, changes: ctx.changes };
}

/** The FIRs' stations, checked by `assert` (unknown ids are left to the service: NOT_FOUND). */
async function authorizeFirs(ctx: Context, ids: readonly number[], assert: (ctx: Context, stationIds: Iterable<number>) => void) {
  if (ctx.viewer.role === 'ADMIN') return;
  assert(ctx, (await firStationIds(ctx.db, ids)).values());
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

builder.mutationFields((t) => ({
  updateFir: t.field({
    type: FirRef,
    description: 'Edits a FIR with optimistic locking: only the fields given change, and the version goes up by one',
    authScopes: { stationStaff: true, admin: true },
    args: { input: t.arg({ type: UpdateFirInput, required: true }) },
    resolve: async (_root, { input }, ctx, info) => {
      const id = decodeIdOf('Fir', String(input.id), 'input.id');
      await authorizeFirs(ctx, [id], assertActInStation);
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
    authScopes: { stationHouseOfficer: true, admin: true },
    args: { input: t.arg({ type: BulkUpdateFirStatusInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      if (input.ids.length > LIMITS.bulkIds) {
        throw badInput(`"input.ids" takes at most ${LIMITS.bulkIds} ids, got ${input.ids.length}`, { argument: 'input.ids', max: LIMITS.bulkIds });
      }
      const decoded = decodeIds(input.ids, 'Fir', 'input.ids')!;
      await authorizeFirs(ctx, decoded, assertDecideInStation);
      const ids = await bulkUpdateFirStatus(firDeps(ctx), { ...actor(ctx), ids: decoded, status: input.status });
      ctx.loaders.clearAll();
      return { ids };
    },
  }),
  registerFir: t.field({
    type: FirRef,
    description: 'Registers a FIR under review and gives it its number <STATIONCODE>-<YEAR>-<5-digit serial>, gapless per station and year',
    authScopes: { stationHouseOfficer: true, admin: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx, info) => {
      const id = decodeIdOf('Fir', String(args.id), 'id');
      await authorizeFirs(ctx, [id], assertDecideInStation);
      await registerFir(firDeps(ctx), { ...actor(ctx), id });
      return reload(ctx, id, info);
    },
  }),
  rejectFir: t.field({
    type: FirRef,
    description: `Rejects a FIR under review; the reason (1 to ${LIMITS.rejectionReason} characters) is kept with it`,
    authScopes: { stationHouseOfficer: true, admin: true },
    args: { id: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx, info) => {
      const id = decodeIdOf('Fir', String(args.id), 'id');
      await authorizeFirs(ctx, [id], assertDecideInStation);
      await rejectFir(firDeps(ctx), { ...actor(ctx), id, reason: args.reason });
      return reload(ctx, id, info);
    },
  }),
}));
