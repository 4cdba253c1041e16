/**
 * FIR loaders and the Fir field -> column map they project with: FIRs by id, their sections,
 * the section count behind missingFields, and the FIRs of a page of stations.
 */
import type DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { PageRequest } from '../../db/paging.ts';
import {
  countFirsForStations,
  type FirColumn,
  type FirFilter,
  type FirOrder,
  type FirRecord,
  firsByIds,
  listFirsForStations,
  sectionsForFirs,
} from '../../fir/fir.repository.ts';
import type { ConnectionArgs } from '../connection.ts';
import type { Context } from '../context.ts';
import { type ColumnMap, columnsFor, type Selection, selectionOf } from '../selection.ts';
import { COMPLAINANT_COLUMNS } from '../../fir/complainant.ts';
import { LEGAL_COLUMN_MAP } from './legal.ts';
import { byKey, groupByKey } from './registry.ts';

const sub =
  (map: Record<string, FirColumn>) =>
  (selection: Selection, typeName: string): FirColumn[] =>
    [...selection.fields(typeName).keys()].flatMap((f) => (map[f] ? [map[f]] : []));

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
export const REQUIRED: ReadonlyArray<[string, FirColumn]> = [
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
  // station_id and submitted_by: whether the viewer may see the private complainant fields.
  complainant: (s) => [...sub(COMPLAINANT_COLUMNS)(s, 'Complainant'), 'station_id', 'submitted_by'],
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
    .get<number, FirRecord | null>(`fir:${cols}`, async (ids) => byKey(ids, await firsByIds(ctx.db, ids, cols, ctx.scope), (r) => r.id))
    .load(id);
}

/** A FIR's sections, with the link columns and the joined legal-section columns selected. */
export function loadSections(ctx: Context, firId: number, info: GraphQLResolveInfo) {
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

/** How many sections a FIR has. */
export function loadSectionCount(ctx: Context, firId: number): Promise<number> {
  return ctx.loaders
    .get<number, number>('firSectionCount', async (ids) => {
      const rows = await sectionsForFirs(ctx.db, ids, [], []);
      return ids.map((id) => rows.filter((r) => r.fir_id === id).length);
    })
    .load(firId);
}

/**
 * One page of a station's FIRs: every station of a page (same columns, page arguments and filter)
 * in one statement.
 */
export function loadStationFirs(
  ctx: Context,
  stationId: number,
  args: ConnectionArgs,
  cols: FirColumn[],
  filter: FirFilter,
  order: FirOrder,
  page: PageRequest,
): Promise<FirRecord[]> {
  const argKey = JSON.stringify([args.first, args.last, args.after, args.before, filter]);
  return ctx.loaders
    .get<number, FirRecord[]>(`stationFirs:${cols}:${argKey}`, async (stationIds) => {
      const byStation = await listFirsForStations(ctx.db, stationIds, cols, filter, order, page);
      return stationIds.map((id) => byStation.get(id) ?? []);
    })
    .load(stationId);
}

/** Counts of the stations' FIRs matching `filter`, batched over stations. */
export function stationFirCountLoader(ctx: Context, filter: FirFilter): DataLoader<number, number> {
  return ctx.loaders.get<number, number>(`stationFirCount:${JSON.stringify(filter)}`, async (stationIds) => {
    const map = await countFirsForStations(ctx.db, stationIds, filter);
    return stationIds.map((id) => map.get(id) ?? 0);
  });
}
