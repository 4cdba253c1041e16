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
  normaliseIpc,
  listLegalSections,
} from '../../legal/legal.repository.ts';
import { builder } from '../builder.ts';
import { buildConnection, parsePage } from '../connection.ts';
import { encodeCursor, type Ordering } from '../../db/paging.ts';
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
    .get<number, LegalRecord | null>(`legal:${cols}`, async (ids) => {
      const found = await ctx.reference.getMany(
        ids,
        (i) => `section:${cols}:${i}`,
        async (missing) => {
          const rows = await legalSectionsByIds(ctx.db, missing, cols);
          return new Map(missing.map((i) => [i, rows.find((r) => r.id === i) ?? null]));
        },
      );
      // A fresh object per request: resolvers may decorate it (node adds __typename).
      return ids.map((i) => {
        const row = found.get(i);
        return row ? { ...row } : null;
      });
    })
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
          .get<number, string[]>('ipcEquivalents', async (ids) => {
            const found = await ctx.reference.getMany(
              ids,
              (i) => `ipcOf:${i}`,
              async (missing) => {
                const grouped = groupByKey(missing, await ipcEquivalentsForSections(ctx.db, missing), (r) => r.section_id);
                return new Map(missing.map((i, k) => [i, grouped[k]!.map((r) => r.ipc_section)]));
              },
            );
            return ids.map((i) => found.get(i) ?? []);
          })
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
        const filterKey = JSON.stringify([filter.search ?? null, filter.act ?? null]);
        const rows = await ctx.reference.get(`list:${cols}:${filterKey}:${JSON.stringify(page)}`, () => listLegalSections(ctx.db, cols, filter, page));
        return {
          ...buildConnection(
            rows.map((r) => ({ ...r })),
            page,
            (r) => encodeCursor(LEGAL_ORDER, r, r.id),
          ),
          totalCount: () => ctx.reference.get(`count:${filterKey}`, () => countLegalSections(ctx.db, filter)),
        };
      },
    },
    LegalSectionConnection,
  ),
  legalSectionsForIpc: t.field({
    type: [LegalSectionRef],
    description: 'The BNS sections that replace an IPC section, e.g. "379" -> BNS 303(2)',
    args: { ipcSection: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx, info) => {
      const ipc = normaliseIpc(boundedString(args.ipcSection, 'ipcSection', 32)!);
      const cols = columnsFor(selectionOf(info), 'LegalSection', LEGAL_COLUMN_MAP, ['id']);
      const rows = await ctx.reference.get(`ipc:${cols}:${ipc}`, () => legalSectionsForIpc(ctx.db, ipc, cols));
      return rows.map((r) => ({ ...r }));
    },
  }),
}));
