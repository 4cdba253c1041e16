/**
 * Schema snapshots for migration tests: every table of the current database/schema with its
 * columns (type, nullability, default, identity/generated), indexes (columns in order, uniqueness,
 * method), foreign keys and row count. Two snapshots are equal exactly when a migration's `down`
 * put the schema back the way it found it.
 *
 * MySQL/MariaDB: information_schema of `database()`. PostgreSQL/PGlite: information_schema and
 * pg_indexes / pg_constraint of schema `public`. Kysely's own bookkeeping tables are left out.
 */
import { type Kysely, sql } from 'kysely';
import { isMysql } from '../../src/db/dialect.ts';

export const KYSELY_TABLES = ['kysely_migration', 'kysely_migration_lock'] as const;

export interface ColumnSnapshot {
  type: string;
  nullable: boolean;
  default: string | null;
  /** auto_increment / identity / generated expression: anything that makes the value not plain */
  extra: string | null;
}

export interface IndexSnapshot {
  columns: string[];
  unique: boolean;
  /** btree, gin, fulltext … */
  method: string;
}

export interface TableSnapshot {
  columns: Record<string, ColumnSnapshot>;
  /** by index name; the primary key is included (MySQL names it PRIMARY) */
  indexes: Record<string, IndexSnapshot>;
  /** by constraint name: "col1,col2 -> table(col1,col2)" */
  foreignKeys: Record<string, string>;
  rows: number;
}

export type SchemaSnapshot = Record<string, TableSnapshot>;

type Db = Kysely<any>;

async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  return (await query.execute(db)).rows as T[];
}

/** Lower-cases information_schema column names (MySQL returns them upper-case). */
function lower<T extends Record<string, unknown>>(row: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k.toLowerCase(), v])) as T;
}

/** Tables of the current database/schema, Kysely's own excluded, sorted. */
export async function listTables(db: Db): Promise<string[]> {
  const found = isMysql(db)
    ? await rows<Record<string, unknown>>(
        db,
        sql`select table_name from information_schema.tables where table_schema = database() and table_type = 'BASE TABLE'`,
      )
    : await rows<Record<string, unknown>>(
        db,
        sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
      );
  return found
    .map((r) => String(lower<{ table_name: string }>(r).table_name))
    .filter((t) => !(KYSELY_TABLES as readonly string[]).includes(t))
    .sort();
}

export async function snapshotSchema(db: Db): Promise<SchemaSnapshot> {
  const tables = await listTables(db);
  const out: SchemaSnapshot = {};
  for (const t of tables) out[t] = { columns: {}, indexes: {}, foreignKeys: {}, rows: 0 };
  if (isMysql(db)) await mysqlDetails(db, out);
  else await postgresDetails(db, out);
  for (const t of tables) {
    const r = await rows<{ n: number | string }>(db, sql`select count(*) as n from ${sql.table(t)}`);
    out[t]!.rows = Number(r[0]!.n);
  }
  return sortKeys(out);
}

async function mysqlDetails(db: Db, out: SchemaSnapshot) {
  const cols = (
    await rows<Record<string, unknown>>(
      db,
      sql`select table_name, column_name, column_type, is_nullable, column_default, extra, generation_expression
          from information_schema.columns where table_schema = database() order by table_name, ordinal_position`,
    )
  ).map((r) =>
    lower<{
      table_name: string;
      column_name: string;
      column_type: string;
      is_nullable: string;
      column_default: string | null;
      extra: string | null;
      generation_expression: string | null;
    }>(r),
  );
  for (const c of cols) {
    const table = out[c.table_name];
    if (!table) continue;
    const extra = [c.extra, c.generation_expression].filter((x) => x !== null && x !== '').join(' ');
    table.columns[c.column_name] = {
      type: String(c.column_type).toLowerCase(),
      nullable: c.is_nullable === 'YES',
      // MariaDB reports the absence of a default on a nullable column as the string 'NULL'
      default: c.column_default === null || c.column_default === 'NULL' ? null : String(c.column_default),
      extra: extra === '' ? null : extra,
    };
  }

  const stats = (
    await rows<Record<string, unknown>>(
      db,
      sql`select table_name, index_name, seq_in_index, column_name, non_unique, index_type
          from information_schema.statistics where table_schema = database()
          order by table_name, index_name, seq_in_index`,
    )
  ).map((r) =>
    lower<{ table_name: string; index_name: string; column_name: string; non_unique: number | string; index_type: string }>(r),
  );
  for (const s of stats) {
    const table = out[s.table_name];
    if (!table) continue;
    const idx = (table.indexes[s.index_name] ??= {
      columns: [],
      unique: Number(s.non_unique) === 0,
      method: String(s.index_type).toLowerCase(),
    });
    idx.columns.push(s.column_name);
  }

  const fks = (
    await rows<Record<string, unknown>>(
      db,
      sql`select table_name, constraint_name, column_name, referenced_table_name, referenced_column_name
          from information_schema.key_column_usage
          where table_schema = database() and referenced_table_name is not null
          order by table_name, constraint_name, ordinal_position`,
    )
  ).map((r) =>
    lower<{ table_name: string; constraint_name: string; column_name: string; referenced_table_name: string; referenced_column_name: string }>(
      r,
    ),
  );
  const grouped = new Map<string, { table: string; cols: string[]; ref: string; refCols: string[] }>();
  for (const f of fks) {
    const key = `${f.table_name}\u0000${f.constraint_name}`;
    const g = grouped.get(key) ?? { table: f.table_name, cols: [], ref: f.referenced_table_name, refCols: [] };
    g.cols.push(f.column_name);
    g.refCols.push(f.referenced_column_name);
    grouped.set(key, g);
  }
  for (const [key, g] of grouped) {
    const table = out[g.table];
    if (table) table.foreignKeys[key.split('\u0000')[1]!] = `${g.cols.join(',')} -> ${g.ref}(${g.refCols.join(',')})`;
  }
}

async function postgresDetails(db: Db, out: SchemaSnapshot) {
  const cols = await rows<{
    table_name: string;
    column_name: string;
    udt_name: string;
    character_maximum_length: number | null;
    datetime_precision: number | null;
    is_nullable: string;
    column_default: string | null;
    is_identity: string;
    identity_generation: string | null;
    is_generated: string;
    generation_expression: string | null;
  }>(
    db,
    sql`select table_name, column_name, udt_name, character_maximum_length, datetime_precision, is_nullable,
               column_default, is_identity, identity_generation, is_generated, generation_expression
        from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position`,
  );
  for (const c of cols) {
    const table = out[c.table_name];
    if (!table) continue;
    let type = c.udt_name;
    if (c.character_maximum_length != null) type += `(${c.character_maximum_length})`;
    else if (/^(timestamp|timestamptz|time|timetz)$/.test(type) && c.datetime_precision != null) type += `(${c.datetime_precision})`;
    const extra = [
      c.is_identity === 'YES' ? `identity ${c.identity_generation ?? ''}`.trim() : '',
      c.is_generated === 'ALWAYS' ? `generated ${c.generation_expression ?? ''}`.trim() : '',
    ]
      .filter(Boolean)
      .join(' ');
    table.columns[c.column_name] = {
      type,
      nullable: c.is_nullable === 'YES',
      default: c.column_default,
      extra: extra === '' ? null : extra,
    };
  }

  const idx = await rows<{ tablename: string; indexname: string; indexdef: string }>(
    db,
    sql`select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by tablename, indexname`,
  );
  for (const i of idx) {
    const table = out[i.tablename];
    if (!table) continue;
    table.indexes[i.indexname] = parseIndexDef(i.indexdef);
  }

  const fks = await rows<{ table_name: string; conname: string; def: string }>(
    db,
    sql`select cl.relname as table_name, con.conname, pg_get_constraintdef(con.oid) as def
        from pg_constraint con
        join pg_class cl on cl.oid = con.conrelid
        join pg_namespace ns on ns.oid = cl.relnamespace
        where ns.nspname = 'public' and con.contype = 'f'
        order by cl.relname, con.conname`,
  );
  for (const f of fks) {
    const table = out[f.table_name];
    if (table) table.foreignKeys[f.conname] = f.def;
  }
}

/** `CREATE UNIQUE INDEX x ON public.t USING btree (a, b DESC)` -> columns, uniqueness, method. */
export function parseIndexDef(def: string): IndexSnapshot {
  const m = /^CREATE (UNIQUE )?INDEX \S+ ON \S+ USING (\w+) \((.*)\)(?: WHERE .*)?$/.exec(def);
  if (!m) throw new Error(`unrecognised index definition: ${def}`);
  return {
    unique: m[1] !== undefined,
    method: m[2]!.toLowerCase(),
    columns: splitTopLevel(m[3]!).map((c) => c.trim().replace(/^"(.*)"$/, '$1')),
  };
}

function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

/** Stable key order so that a failing toEqual diff reads well. */
function sortKeys(s: SchemaSnapshot): SchemaSnapshot {
  const sortObj = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return sortObj(
    Object.fromEntries(
      Object.entries(s).map(([t, v]) => [t, { columns: sortObj(v.columns), indexes: sortObj(v.indexes), foreignKeys: sortObj(v.foreignKeys), rows: v.rows }]),
    ),
  );
}

/** Columns per table, sorted; handy for comparisons that ignore types. */
export function columnNames(s: SchemaSnapshot): Record<string, string[]> {
  return Object.fromEntries(Object.entries(s).map(([t, v]) => [t, Object.keys(v.columns).sort()]));
}

/** Which migrations Kysely has recorded as applied, in order. */
export async function appliedMigrations(db: Db): Promise<string[]> {
  const tables = await (isMysql(db)
    ? rows<Record<string, unknown>>(db, sql`select table_name from information_schema.tables where table_schema = database() and table_name = 'kysely_migration'`)
    : rows<Record<string, unknown>>(db, sql`select table_name from information_schema.tables where table_schema = 'public' and table_name = 'kysely_migration'`));
  if (tables.length === 0) return [];
  return (await rows<{ name: string }>(db, sql`select name from kysely_migration order by name`)).map((r) => r.name);
}
