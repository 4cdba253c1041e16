/**
 * Frozen copy of what the migrations need from src/db/dialect.ts (isMysql, columnTypes,
 * idColumn), as it was when 0001 and 0003 were written. Migrations import this file, never
 * src/db/dialect.ts, so that later edits of src/db/dialect.ts never change what an old migration
 * does on a database migrated later. Do not edit it: a schema change is a new migration (which may
 * bring a frozen helper of its own).
 */
import { type Kysely, MysqlAdapter, sql, type Transaction } from 'kysely';

export function isMysql(db: Kysely<any> | Transaction<any>): boolean {
  return db.getExecutor().adapter instanceof MysqlAdapter;
}

/** Column types per dialect for migrations. */
export function columnTypes(db: Kysely<any>) {
  const my = isMysql(db);
  return {
    /** timestamps are UTC with millisecond precision */
    timestamp: my ? sql`datetime(3)` : sql`timestamptz(3)`,
    /** up to 16 MB on MySQL; complaints are up to 50,000 characters of any script (4 bytes each) */
    longText: my ? sql`mediumtext` : sql`text`,
    text: sql`text`,
    double: my ? sql`double` : sql`double precision`,
  } as const;
}

/** `integer` primary key that the database generates. */
export function idColumn(db: Kysely<any>) {
  return isMysql(db)
    ? (col: any) => col.autoIncrement().primaryKey()
    : (col: any) => col.generatedByDefaultAsIdentity().primaryKey();
}
