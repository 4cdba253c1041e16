import type { GraphQLResolveInfo } from 'graphql';
import type { FirSectionRecord } from '../../fir/fir.repository.ts';
import {
  countLegalSections,
  ipcEquivalentsForSections,
  type LegalColumn,
  type LegalFilter,
  type LegalRecord,
  legalSectionsByIds,
  legalSectionsForIpc,
  listLegalSections,
} from '../../legal/legal.repository.ts';
import { builder } from '../builder.ts';
import { buildConnection, encodeCursor, type Ordering, parsePage } from '../connection.ts';
import type { Context } from '../context.ts';
import { byKey, groupByKey } from '../loaders.ts';
import { type ColumnMap, columnsFor, selectionOf } from '../selection.ts';
import { boundedString, LegalSectionRef } from './refs.ts';

export const LEGAL_COLUMN_MAP: ColumnMap<LegalColumn> = {
  act: ['act'],
  number: ['number'],
  title: ['title'],
  description: ['description'],
  punishment: ['punishment'],
  cognizable: ['cognizable'],
  bailable: ['bailable'],
  triableBy: ['triable_by'],
};

/** A legal section selected through the fir_section join (columns prefixed `ls_`). */
export function legalFromJoined(s: FirSectionRecord): LegalRecord {
  const out: Record<string, unknown> = { id: s.section_id };
  for (const [k, v] of Object.entries(s)) if (k.startsWith('ls_')) out[k.slice(3)] = v;
  return out as LegalRecord;
}

export function loadLegalSection(ctx: Context, id: number, info: GraphQLResolveInfo): Promise<LegalRecord | null> {
  const cols = columnsFor(selectionOf(info), 'LegalSection', LEGAL_COLUMN_MAP, ['id']);
  return ctx.loaders
    .get<number, LegalRecord | null>(`legal:${cols}`, async (ids) => byKey(ids, await legalSectionsByIds(ctx.db, ids, cols), (r) => r.id))
    .load(id);
}

const bool = (v: boolean | number | null | undefined) => (v == null ? null : Boolean(v));

builder.node(LegalSectionRef, {
  id: { resolve: (s) => s.id },
  fields: (t) => ({
    act: t.string({ resolve: (s) => s.act! }),
    number: t.string({ resolve: (s) => s.number! }),
    title: t.string({ resolve: (s) => s.title! }),
    description: t.string({ nullable: true, resolve: (s) => s.description ?? null }),
    punishment: t.string({ nullable: true, resolve: (s) => s.punishment ?? null }),
    cognizable: t.boolean({ nullable: true, resolve: (s) => bool(s.cognizable) }),
    bailable: t.boolean({ nullable: true, resolve: (s) => bool(s.bailable) }),
    triableBy: t.string({ nullable: true, resolve: (s) => s.triable_by ?? null }),
    ipcEquivalents: t.stringList({
      description: 'Equivalent sections of the repealed Indian Penal Code',
      resolve: async (s, _a, ctx) =>
        ctx.loaders
          .get<number, string[]>('ipcEquivalents', async (ids) =>
            groupByKey(ids, await ipcEquivalentsForSections(ctx.db, ids), (r) => r.section_id).map((rows) => rows.map((r) => r.ipc_section)),
          )
          .load(s.id),
    }),
  }),
});

const LEGAL_ORDER: Ordering = { name: 'LEGAL_SECTION_ID', keys: [], direction: 'asc' };

const LegalSectionConnection = builder.connectionObject(
  {
    type: LegalSectionRef,
    name: 'LegalSectionConnection',
    fields: (t) => ({ totalCount: t.int({ description: 'Counted only when selected', resolve: (c) => c.totalCount() }) }),
  },
  { name: 'LegalSectionEdge' },
);

builder.queryFields((t) => ({
  legalSections: t.connection(
    {
      type: LegalSectionRef,
      description: 'Legal sections in statute order; `search` is a full-text search over title, description and keywords',
      args: {
        search: t.arg.string({ required: false }),
        act: t.arg.string({ required: false, description: 'e.g. BNS' }),
      },
      resolve: async (_root, args, ctx, info) => {
        const filter: LegalFilter = {};
        const search = boundedString(args.search, 'search', 200);
        const act = boundedString(args.act, 'act', 16);
        if (search !== undefined) filter.search = search;
        if (act !== undefined) filter.act = act;
        const page = parsePage(args, LEGAL_ORDER);
        const cols = columnsFor(selectionOf(info).path('LegalSectionConnection', 'edges', 'LegalSectionEdge', 'node'), 'LegalSection', LEGAL_COLUMN_MAP, ['id']);
        const rows = await listLegalSections(ctx.db, cols, filter, page);
        return {
          ...buildConnection(rows, page, (r) => encodeCursor(LEGAL_ORDER, r, r.id)),
          totalCount: () => countLegalSections(ctx.db, filter),
        };
      },
    },
    LegalSectionConnection,
  ),
  legalSectionsForIpc: t.field({
    type: [LegalSectionRef],
    description: 'The BNS sections that replace an IPC section, e.g. "379" -> BNS 303(2)',
    args: { ipcSection: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx, info) =>
      legalSectionsForIpc(ctx.db, boundedString(args.ipcSection, 'ipcSection', 32)!, columnsFor(selectionOf(info), 'LegalSection', LEGAL_COLUMN_MAP, ['id'])),
  }),
}));
