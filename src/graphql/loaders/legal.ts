/**
 * Legal section loaders. Sections change only by migration, so reads go through the
 * cross-request reference cache (ctx.reference) before the database.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { FirSectionRecord } from '../../fir/fir.repository.ts';
import { ipcEquivalentsForSections, type LegalColumn, type LegalRecord, legalSectionsByIds } from '../../legal/legal.repository.ts';
import type { Context } from '../context.ts';
import { type ColumnMap, columnsFor, selectionOf } from '../selection.ts';
import { groupByKey } from './registry.ts';

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

/** The IPC sections a (BNS) section replaces. */
export function loadIpcEquivalents(ctx: Context, sectionId: number): Promise<string[]> {
  return ctx.loaders
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
    .load(sectionId);
}
