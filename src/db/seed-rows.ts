/**
 * The synthetic seed's side of the database: what is already there (highest ids, stations per
 * district, the legal sections to cite), the bulk-load sessions the seed writes in, and its
 * multi-row INSERTs compiled by hand.
 */
import { CompiledQuery, type Kysely, sql } from 'kysely';
import type { DB } from './types.ts';

/** the most placeholders one statement may carry (the protocols' 16-bit parameter count) */
const MAX_PARAMS = 65_535;

export interface SectionRef {
  id: number;
  number: string;
}

/** The sections FIRs are charged under: the BNS ones, or any there are when no BNS is loaded. */
export async function loadSections(db: Kysely<DB>): Promise<SectionRef[]> {
  const rows = await db.selectFrom('legal_section').select(['id', 'act', 'number']).orderBy('id').execute();
  if (rows.length === 0) {
    throw new Error(
      'Cannot seed: the legal_section table is empty. Run the migrations first (0002_legal_knowledge_base loads the BNS sections).',
    );
  }
  const bns = rows.filter((r) => r.act === 'BNS');
  return (bns.length > 0 ? bns : rows).map((r) => ({ id: Number(r.id), number: r.number }));
}

/** The highest id of each table the seed assigns ids in (0 when empty): a new run appends after them. */
export async function maxIds(db: Kysely<DB>) {
  const one = async (table: 'police_station' | 'officer' | 'complaint' | 'fir') => {
    const row = await db.selectFrom(table).select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
    return Number(row?.m ?? 0);
  };
  return { police_station: await one('police_station'), officer: await one('officer'), complaint: await one('complaint'), fir: await one('fir') };
}

/** 'state|district' -> stations already there, so new station names continue the numbering. */
export async function stationsPerDistrict(db: Kysely<DB>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('police_station')
    .select(['state', 'district', (eb) => eb.fn.countAll().as('n')])
    .groupBy(['state', 'district'])
    .execute();
  return new Map(rows.map((r) => [`${r.state}|${r.district}`, Number(r.n)]));
}

/**
 * Runs `fn` on one connection with bulk-load settings for the seed's own session only: ids and
 * references are consistent by construction, so on MySQL/MariaDB per-row foreign-key lookups and
 * unique-index read-before-write are skipped.
 */
export function bulkSession<T>(db: Kysely<DB>, my: boolean, fn: (conn: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    if (my) await sql`set session unique_checks = 0, foreign_key_checks = 0`.execute(conn);
    try {
      return await fn(conn);
    } finally {
      if (my) await sql`set session unique_checks = 1, foreign_key_checks = 1`.execute(conn);
    }
  });
}

/**
 * One multi-row INSERT per chunk, compiled by hand: at a million rows the query builder's
 * per-value AST would cost more than the database.
 */
export async function insertRows(
  db: Kysely<DB>,
  my: boolean,
  table: string,
  cols: readonly string[],
  values: unknown[],
  maxRows: number,
): Promise<void> {
  const width = cols.length;
  const rows = values.length / width;
  if (rows === 0) return;
  const perInsert = Math.max(1, Math.min(maxRows, Math.floor(MAX_PARAMS / width)));
  const q = my ? '`' : '"';
  const head = `insert into ${q}${table}${q} (${cols.map((c) => `${q}${c}${q}`).join(', ')}) values `;
  const myTuple = `(${new Array(width).fill('?').join(', ')})`;
  for (let r0 = 0; r0 < rows; r0 += perInsert) {
    const n = Math.min(perInsert, rows - r0);
    let text: string;
    if (my) {
      text = head + new Array(n).fill(myTuple).join(', ');
    } else {
      const tuples: string[] = new Array(n);
      for (let r = 0; r < n; r++) {
        const p0 = r * width;
        let t = '(';
        for (let c = 1; c <= width; c++) t += c === 1 ? `$${p0 + c}` : `, $${p0 + c}`;
        tuples[r] = `${t})`;
      }
      text = head + tuples.join(', ');
    }
    const params = r0 === 0 && n === rows ? values : values.slice(r0 * width, (r0 + n) * width);
    await db.executeQuery(CompiledQuery.raw(text, params));
  }
}
