/** LegalSection (BNS and the other acts) and the legal-section queries. */
import { encodeCursor, type Ordering } from '../../db/paging.ts';
import { countLegalSections, type LegalFilter, legalSectionsForIpc, listLegalSections, normaliseIpc } from '../../legal/legal.repository.ts';
import { builder } from '../builder.ts';
import { buildConnection, parsePage } from '../connection.ts';
import { LEGAL_COLUMN_MAP, loadIpcEquivalents } from '../loaders/legal.ts';
import { columnsFor, selectionOf } from '../selection.ts';
import { boundedString } from '../validate.ts';
import { LegalSectionRef } from './refs.ts';

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
      resolve: async (s, _a, ctx) => loadIpcEquivalents(ctx, s.id),
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
