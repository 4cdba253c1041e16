/**
 * The few places MySQL/MariaDB and PostgreSQL/PGlite differ at run time: full-text search, ids of
 * inserted rows, EXPLAIN output (migrations keep their own frozen copy: migrations/frozen-dialect.ts).
 */
import { type Expression, type Kysely, MysqlAdapter, type SqlBool, sql, type Transaction } from 'kysely';

export type SqlDialect = 'mysql' | 'postgres';

export function dialectOf(db: Kysely<any> | Transaction<any>): SqlDialect {
  return db.getExecutor().adapter instanceof MysqlAdapter ? 'mysql' : 'postgres';
}

export function isMysql(db: Kysely<any> | Transaction<any>): boolean {
  return dialectOf(db) === 'mysql';
}

/**
 * Turns free text into a boolean full-text query. Words are matched as prefixes and all must
 * match. Punctuation that the engines treat as operators is dropped, so user input can never
 * form a syntax error.
 */
export function fullTextTerms(search: string): string[] {
  return search
    .normalize('NFC')
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 16);
}

/**
 * Full-text predicate over the indexed document of a table.
 * MySQL: MATCH(cols) AGAINST (... IN BOOLEAN MODE) over the FULLTEXT index.
 * Postgres: `search_vector @@ to_tsquery('simple', ...)` over the GIN index.
 */
export function fullTextMatch(
  dialect: SqlDialect,
  table: 'fir' | 'complaint' | 'legal_section',
  terms: string[],
  alias: string = table,
): Expression<SqlBool> {
  if (dialect === 'mysql') {
    const cols = FULLTEXT_COLUMNS[table].map((c) => sql.ref(`${alias}.${c}`));
    const q = terms.map((t) => `+${t}*`).join(' ');
    return sql<SqlBool>`match(${sql.join(cols)}) against (${q} in boolean mode)`;
  }
  const q = terms.map((t) => `${t.replace(/'/g, '')}:*`).join(' & ');
  return sql<SqlBool>`${sql.ref(`${alias}.search_vector`)} @@ to_tsquery('simple', ${q})`;
}

export const FULLTEXT_COLUMNS = {
  fir: ['summary', 'narrative'],
  complaint: ['text', 'transcript'],
  legal_section: ['title', 'description', 'keywords'],
} as const;

/** Inserts one row and returns its generated integer id (insertId on MySQL, RETURNING on Postgres). */
export async function insertReturningId(db: Kysely<any> | Transaction<any>, table: string, values: Record<string, unknown>): Promise<number> {
  if (isMysql(db)) {
    const result = await db.insertInto(table).values(values).executeTakeFirstOrThrow();
    return Number(result.insertId);
  }
  const row = await db.insertInto(table).values(values).returning('id').executeTakeFirstOrThrow();
  return Number((row as { id: number }).id);
}
