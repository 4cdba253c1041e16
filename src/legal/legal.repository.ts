import type { Kysely, Transaction } from 'kysely';
import { dialectOf, fullTextMatch, fullTextTerms } from '../db/dialect.ts';
import { keysetAfter, orderItems, type SortKey } from '../db/keyset.ts';
import type { DB, LegalSectionRow } from '../db/types.ts';
import type { PageRequest } from '../db/paging.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type LegalColumn = Exclude<keyof LegalSectionRow, never>;
export type LegalRecord = Pick<LegalSectionRow, 'id'> & Partial<LegalSectionRow>;

export interface LegalFilter {
  search?: string;
  act?: string;
}

/** Sections are listed in the order they were loaded (the act's own order), by id. */
const SORT: readonly SortKey[] = [];

function filtered(db: Db, columns: readonly LegalColumn[], filter: LegalFilter) {
  let q = db.selectFrom('legal_section').select(columns.map((c) => `legal_section.${c}` as const));
  if (filter.act !== undefined) q = q.where('legal_section.act', '=', filter.act.trim().toUpperCase());
  if (filter.search !== undefined) {
    const terms = fullTextTerms(filter.search);
    q = terms.length ? q.where(fullTextMatch(dialectOf(db), 'legal_section', terms)) : q.where('legal_section.id', '=', -1);
  }
  return q;
}

export async function listLegalSections(db: Db, columns: readonly LegalColumn[], filter: LegalFilter, page: PageRequest) {
  let q = filtered(db, columns, filter);
  if (page.after) q = q.where((eb) => keysetAfter(eb, SORT, 'legal_section.id', [], page.after!.id, 'asc'));
  if (page.before) q = q.where((eb) => keysetAfter(eb, SORT, 'legal_section.id', [], page.before!.id, 'desc'));
  for (const item of orderItems(SORT, 'legal_section.id', page.inverted ? 'desc' : 'asc')) q = q.orderBy(item.expr as any, item.direction);
  return (await q.limit(page.limit).execute()) as LegalRecord[];
}

export async function countLegalSections(db: Db, filter: LegalFilter): Promise<number> {
  const q = filtered(db, [], filter).clearSelect().select((eb) => eb.fn.countAll<number>().as('count'));
  return Number((await q.executeTakeFirstOrThrow()).count);
}

export async function legalSectionsByIds(db: Db, ids: readonly number[], columns: readonly LegalColumn[]) {
  return (await db
    .selectFrom('legal_section')
    .select(columns.map((c) => `legal_section.${c}` as const))
    .where('legal_section.id', 'in', [...ids])
    .execute()) as LegalRecord[];
}

/** Old IPC number -> BNS sections, e.g. '379' -> 303(2). Input is normalised ('ipc 498a' -> '498A'). */
export async function legalSectionsForIpc(db: Db, ipcSection: string, columns: readonly LegalColumn[]) {
  const normalised = normaliseIpc(ipcSection);
  return (await db
    .selectFrom('ipc_bns_equivalence')
    .innerJoin('legal_section', 'legal_section.id', 'ipc_bns_equivalence.section_id')
    .select(columns.map((c) => `legal_section.${c}` as const))
    .where('ipc_bns_equivalence.ipc_section', '=', normalised)
    .orderBy('legal_section.id')
    .execute()) as LegalRecord[];
}

export function normaliseIpc(input: string): string {
  return input
    .trim()
    .replace(/^(ipc|section|sec\.?|s\.)\s*/i, '')
    .replace(/\s+/g, '')
    .toUpperCase();
}

export async function ipcEquivalentsForSections(db: Db, sectionIds: readonly number[]) {
  return db
    .selectFrom('ipc_bns_equivalence')
    .select(['ipc_bns_equivalence.section_id', 'ipc_bns_equivalence.ipc_section'])
    .where('ipc_bns_equivalence.section_id', 'in', [...sectionIds])
    .orderBy('ipc_bns_equivalence.section_id')
    .orderBy('ipc_bns_equivalence.ipc_section')
    .execute();
}

/** Ids of sections named by act and number ("BNS", "303(2)"), keyed `<act> <number>`. */
export async function sectionIdsByActNumber(db: Db, sections: ReadonlyArray<{ act: string; number: string }>): Promise<Map<string, number>> {
  if (sections.length === 0) return new Map();
  const rows = await db
    .selectFrom('legal_section')
    .select(['id', 'act', 'number'])
    .where((eb) => eb.or(sections.map((s) => eb.and([eb('act', '=', s.act), eb('number', '=', s.number)]))))
    .execute();
  return new Map(rows.map((r) => [`${r.act} ${r.number}`, r.id]));
}
