/**
 * Every migration, per dialect: `up` changes the schema, `down` puts back exactly what was there
 * (tables, columns with type/nullability/default, indexes with their columns and uniqueness,
 * foreign keys, row counts), and `up` runs again after `down`. Then the migrated schema is
 * checked against the table types in src/db/types.ts, the loaded legal sections against
 * src/legal/knowledge-base.ts, and the migrate CLI against an embedded PGlite directory. Last, the
 * migrations are checked to be frozen: none imports live code from src/ (only `import type`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/db/connect.ts';
import { migrateDown, migrateTo, migrateToLatest, migrationNames, NO_MIGRATIONS } from '../../src/db/migrate.ts';
import { BNS_SECTIONS } from '../../src/legal/knowledge-base.ts';
import { createTestDb, dialects, type TestDb } from '../helpers/db.ts';
import { appliedMigrations, listTables, type SchemaSnapshot, snapshotSchema } from '../helpers/introspect.ts';

const ROOT = new URL('../../', import.meta.url);

describe.each(dialects)('migrations on %s', (dialect) => {
  let t: TestDb;
  /** the snapshot after each migration's first `up`, by name */
  const after = new Map<string, SchemaSnapshot>();

  beforeAll(async () => {
    t = await createTestDb(dialect, { migrate: false });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('starts from an empty database', async () => {
    expect(await listTables(t.db)).toEqual([]);
    expect(await appliedMigrations(t.db)).toEqual([]);
    expect(migrationNames.length).toBeGreaterThan(0);
    // Kysely runs migrations in name order; the list must already be in that order.
    expect(migrationNames).toEqual([...migrationNames].sort());
  });

  // One test per migration, in order: each starts where the previous one left the database.
  for (const [i, name] of migrationNames.entries()) {
    it(`${name}: up changes the schema, down restores it exactly, up runs again`, async () => {
      expect(await appliedMigrations(t.db)).toEqual(migrationNames.slice(0, i));
      const before = await snapshotSchema(t.db);

      const up = await migrateTo(t.db, name);
      expect(up.results?.map((r) => [r.migrationName, r.direction, r.status])).toEqual([[name, 'Up', 'Success']]);
      const afterUp = await snapshotSchema(t.db);
      // A migration that changes nothing (or fails silently) is a bug too.
      expect(afterUp, `${name} up left the schema and data as they were`).not.toEqual(before);

      const down = await migrateDown(t.db, 1);
      expect(down.results?.map((r) => [r.migrationName, r.direction, r.status])).toEqual([[name, 'Down', 'Success']]);
      expect(await appliedMigrations(t.db)).toEqual(migrationNames.slice(0, i));
      expect(await snapshotSchema(t.db), `${name} down did not restore the schema it started from`).toEqual(before);

      await migrateTo(t.db, name);
      expect(await snapshotSchema(t.db), `${name} up after down gave a different schema`).toEqual(afterUp);
      expect(await appliedMigrations(t.db)).toEqual(migrationNames.slice(0, i + 1));
      after.set(name, afterUp);
    });
  }

  it('data-loading migrations fill the tables they load, and only those', async () => {
    // 0002 loads the legal knowledge base: legal_section and ipc_bns_equivalence get rows.
    const name = '0002_legal_knowledge_base';
    expect(migrationNames).toContain(name);
    const prev = after.get(migrationNames[migrationNames.indexOf(name) - 1]!)!;
    const cur = after.get(name)!;
    expect(prev, 'the previous migration test must have run').toBeDefined();
    expect(cur, `the ${name} test must have run`).toBeDefined();
    expect(prev.legal_section!.rows).toBe(0);
    expect(cur.legal_section!.rows).toBeGreaterThan(100);
    expect(cur.ipc_bns_equivalence!.rows).toBeGreaterThan(100);
    const filled = Object.keys(cur).filter((table) => cur[table]!.rows !== prev[table]!.rows);
    expect(filled.sort()).toEqual(['ipc_bns_equivalence', 'legal_section']);
  });

  it('0002 down removes only the sections it shipped; up is idempotent over rows already present', async () => {
    const name = '0002_legal_knowledge_base';
    const idx = migrationNames.indexOf(name);
    await migrateTo(t.db, migrationNames[idx - 1]!);
    // A section of another act added by an operator before the knowledge base is loaded.
    await sql`insert into legal_section (act, number, title, keywords) values ('IPC', '379', 'Theft (IPC)', 'theft')`.execute(t.db);
    const id = Number(((await sql`select id from legal_section where act = 'IPC'`.execute(t.db)).rows[0] as { id: number }).id);
    await sql`insert into ipc_bns_equivalence (ipc_section, section_id) values ('379', ${id})`.execute(t.db);
    const before = await snapshotSchema(t.db);

    await migrateTo(t.db, name);
    const loaded = await snapshotSchema(t.db);
    expect(loaded.legal_section!.rows).toBe(after.get(name)!.legal_section!.rows + 1);

    await migrateDown(t.db, 1);
    expect(await snapshotSchema(t.db)).toEqual(before);
    const kept = await sql`select act, number from legal_section`.execute(t.db);
    expect(kept.rows).toEqual([{ act: 'IPC', number: '379' }]);

    // Running the load over a table that already has some of its rows inserts only the rest.
    const { loadLegalKnowledgeBase } = await import('../../migrations/0002_legal_knowledge_base.ts');
    const first = await loadLegalKnowledgeBase(t.db);
    expect(first.inserted).toBeGreaterThan(0);
    await sql`delete from ipc_bns_equivalence where section_id in (select id from legal_section where act = 'BNS' and number = '303(2)')`.execute(t.db);
    await sql`delete from legal_section where act = 'BNS' and number = '303(2)'`.execute(t.db);
    expect(await loadLegalKnowledgeBase(t.db)).toEqual({ inserted: 1, equivalences: expect.any(Number) });
    expect(await loadLegalKnowledgeBase(t.db)).toEqual({ inserted: 0, equivalences: 0 });
    // The migration itself then finds everything present and succeeds.
    await migrateTo(t.db, name);
    expect((await snapshotSchema(t.db)).legal_section!.rows).toBe(loaded.legal_section!.rows);

    // Leave the database as the step-by-step tests left it.
    await migrateTo(t.db, migrationNames[idx - 1]!);
    await sql`delete from ipc_bns_equivalence`.execute(t.db);
    await sql`delete from legal_section`.execute(t.db);
    await migrateToLatest(t.db);
    expect(await snapshotSchema(t.db)).toEqual(after.get(migrationNames.at(-1)!));
  });

  it('migrating down to nothing leaves no tables but Kysely’s own', async () => {
    await migrateTo(t.db, NO_MIGRATIONS);
    expect(await listTables(t.db)).toEqual([]);
    expect(await appliedMigrations(t.db)).toEqual([]);
    await migrateToLatest(t.db);
    expect(await snapshotSchema(t.db)).toEqual(after.get(migrationNames.at(-1)!));
  });

  it('a fresh migrateToLatest gives the same schema as migrating one step at a time', async () => {
    const fresh = await createTestDb(dialect);
    try {
      const s = await snapshotSchema(fresh.db);
      expect(s).toEqual(after.get(migrationNames.at(-1)!));
    } finally {
      await fresh.drop();
    }
  });

  it('after migrating a fresh database, the BNS sections in it are src/legal/knowledge-base.ts', async () => {
    // The migrations load a frozen copy of the knowledge base (migrations/0002_*.data.json), so
    // an edit of src/legal/knowledge-base.ts reaches no database until a new migration carries it.
    const fresh = await createTestDb(dialect);
    try {
      expect(await storedBnsSections(fresh), 'a change to the knowledge base is a new migration').toEqual(expectedBnsSections());
    } finally {
      await fresh.drop();
    }
  });

  it('every table and column of the DB interface in src/db/types.ts exists, with its nullability', async () => {
    const declared = declaredTables();
    const snapshot = after.get(migrationNames.at(-1)!)!;
    expect(Object.keys(snapshot).sort()).toEqual(Object.keys(declared).sort());
    // Columns the types deliberately leave out: the generated full-text vectors on Postgres.
    const undeclared: Record<string, string[]> =
      dialect === 'mysql' ? {} : { fir: ['search_vector'], complaint: ['search_vector'], legal_section: ['search_vector'] };
    for (const [table, columns] of Object.entries(declared)) {
      const actual = snapshot[table]!.columns;
      expect(
        Object.keys(actual)
          .filter((c) => !(undeclared[table] ?? []).includes(c))
          .sort(),
        `columns of ${table}`,
      ).toEqual(Object.keys(columns).sort());
      for (const [column, decl] of Object.entries(columns)) {
        expect(actual[column]?.nullable, `${table}.${column} is ${decl.type}`).toBe(decl.nullable);
      }
    }
  });
});

interface StoredSection {
  number: string;
  title: string;
  description: string | null;
  punishment: string | null;
  cognizable: boolean | null;
  bailable: boolean | null;
  triable_by: string | null;
  keywords: string;
  /** IPC sections of ipc_bns_equivalence, sorted */
  ipc: string[];
}

const byNumber = (a: { number: string }, b: { number: string }) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0);

/**
 * The rows src/legal/knowledge-base.ts stands for, by section number: what 0002's `toRow` makes
 * of each entry (NULL classification for entries that follow the principal offence, keywords
 * joined by one space) and its distinct IPC equivalents.
 */
function expectedBnsSections(): StoredSection[] {
  return BNS_SECTIONS.map((s) => {
    const derivative = s.dependsOnPrincipalOffence === true;
    return {
      number: s.number,
      title: s.title,
      description: s.description,
      punishment: s.punishment,
      cognizable: derivative ? null : s.cognizable,
      bailable: derivative ? null : s.bailable,
      triable_by: s.triableBy,
      keywords: s.keywords.join(' '),
      ipc: [...new Set(s.ipc)].sort(),
    };
  }).sort(byNumber);
}

/** The BNS rows of legal_section with their ipc_bns_equivalence rows, by section number. */
async function storedBnsSections(t: TestDb): Promise<StoredSection[]> {
  const rows = (
    await sql<Omit<StoredSection, 'ipc' | 'cognizable' | 'bailable'> & { id: number; cognizable: unknown; bailable: unknown }>`
      select id, number, title, description, punishment, cognizable, bailable, triable_by, keywords
      from legal_section where act = 'BNS'`.execute(t.db)
  ).rows;
  const pairs = (
    await sql<{ section_id: number; ipc_section: string }>`
      select e.section_id, e.ipc_section from ipc_bns_equivalence e
      join legal_section s on s.id = e.section_id where s.act = 'BNS'`.execute(t.db)
  ).rows;
  const ipcById = new Map<number, string[]>();
  for (const p of pairs) ipcById.set(Number(p.section_id), [...(ipcById.get(Number(p.section_id)) ?? []), p.ipc_section]);
  // MySQL returns booleans as 0/1.
  const bool = (v: unknown) => (v === null ? null : Boolean(Number(v)));
  return rows
    .map(({ id, cognizable, bailable, ...r }) => ({
      ...r,
      cognizable: bool(cognizable),
      bailable: bool(bailable),
      ipc: (ipcById.get(Number(id)) ?? []).sort(),
    }))
    .sort(byNumber);
}

/**
 * The DB interface of src/db/types.ts, read from its source: table -> column -> declared select
 * type and whether it admits null. Reading the file (not a copy of it) means a column added to
 * the types without a migration, or the other way round, fails the test.
 */
function declaredTables(): Record<string, Record<string, { type: string; nullable: boolean }>> {
  const src = readFileSync(new URL('src/db/types.ts', ROOT), 'utf8');
  const body = (name: string) => {
    const m = new RegExp(`export interface ${name} \\{([^}]*)\\}`).exec(src);
    if (!m) throw new Error(`interface ${name} not found in src/db/types.ts`);
    return m[1]!;
  };
  const props = (text: string) => [...text.matchAll(/^\s*(\w+)\??:\s*(.+?);\s*$/gm)].map((m) => [m[1]!, m[2]!] as const);
  const out: Record<string, Record<string, { type: string; nullable: boolean }>> = {};
  for (const [table, iface] of props(body('DB'))) {
    out[table] = {};
    for (const [column, type] of props(body(iface))) {
      // ColumnType<Select, Insert, Update>: the select type says what a read can return.
      const select = /^ColumnType<([^,]+),/.exec(type)?.[1] ?? type;
      out[table][column] = { type, nullable: /\bnull\b/.test(select) };
    }
  }
  if (Object.keys(out).length < 5) throw new Error('could not read the DB interface from src/db/types.ts');
  return out;
}

describe('npm run migrate / migrate:down (embedded PGlite)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'afirgen-migrate-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['src/db/migrate-cli.ts', ...args], {
        cwd: ROOT,
        // Only what the CLI needs: no DATABASE_URL from the surrounding shell.
        env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  /** output lines, lower-cased (Kysely reports directions as 'Up'/'Down') */
  const lines = (out: string) => out.trim().toLowerCase().split('\n');

  async function applied(): Promise<string[]> {
    const h = await connectDatabase({ kind: 'pglite', dataDir });
    try {
      return await appliedMigrations(h.db);
    } finally {
      await h.close();
    }
  }

  it('up applies every migration and prints each', async () => {
    const r = await cli('up');
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual(migrationNames.map((n) => `up ${n}: success`));
    expect(await applied()).toEqual(migrationNames);
  });

  it('up again has nothing to do', async () => {
    const r = await cli('up');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('nothing to migrate');
    expect(r.stdout).toContain(dataDir);
    expect(await applied()).toEqual(migrationNames);
  });

  it('down undoes the last migration only', async () => {
    const r = await cli('down');
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)).toEqual([`down ${migrationNames.at(-1)}: success`]);
    expect(await applied()).toEqual(migrationNames.slice(0, -1));
  });

  it('up re-applies it; down N undoes N', async () => {
    const up = await cli('up');
    expect(up.code, up.stderr).toBe(0);
    expect(lines(up.stdout)).toEqual([`up ${migrationNames.at(-1)}: success`]);
    expect(await applied()).toEqual(migrationNames);

    const down = await cli('down', String(migrationNames.length));
    expect(down.code, down.stderr).toBe(0);
    // every migration it undid is reported, last first
    expect(lines(down.stdout)).toEqual([...migrationNames].reverse().map((n) => `down ${n}: success`));
    expect(await applied()).toEqual([]);
    const h = await connectDatabase({ kind: 'pglite', dataDir });
    try {
      expect(await listTables(h.db)).toEqual([]);
    } finally {
      await h.close();
    }
  });
});

describe('migrations are frozen', () => {
  const dir = fileURLToPath(new URL('migrations/', ROOT));
  const src = fileURLToPath(new URL('src/', ROOT));

  /** Every import/export-from statement and dynamic import of a file, with its specifier. */
  function imports(text: string): Array<{ statement: string; specifier: string }> {
    const out: Array<{ statement: string; specifier: string }> = [];
    for (const m of text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm)) {
      out.push({ statement: m[0].trim(), specifier: (m[1] ?? m[2])! });
    }
    for (const m of text.matchAll(/\b(?:import|require)\s*\(\s*['"`]([^'"`]+)['"`]/g)) out.push({ statement: m[0], specifier: m[1]! });
    return out;
  }

  it('finds the imports of the migration files', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files).toContain('index.ts');
    const all = files.flatMap((f) => imports(readFileSync(join(dir, f), 'utf8')));
    // The parser sees both kinds of line (otherwise the next test proves nothing).
    expect(all.some((i) => i.statement.startsWith('import type'))).toBe(true);
    expect(all.some((i) => i.specifier === './0001_core_schema.ts')).toBe(true);
    expect(imports(`import {\n  a,\n  b,\n} from '../src/x.ts';`)).toEqual([{ statement: `import {\n  a,\n  b,\n} from '../src/x.ts'`, specifier: '../src/x.ts' }]);
    expect(imports(`const m = await import('../src/y.ts');`).map((i) => i.specifier)).toEqual(['../src/y.ts']);
  });

  it('no file in migrations/ imports from src/ except `import type`', () => {
    // A migration runs once per database, possibly years after it was written: what it does must
    // not change when live code changes. Types are erased, so they may come from src/.
    const offending: string[] = [];
    for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
      if (!/\.[cm]?[jt]s$/.test(file)) continue;
      for (const { statement, specifier } of imports(readFileSync(join(dir, file), 'utf8'))) {
        if (!specifier.startsWith('.')) continue;
        const target = resolve(dir, file, '..', specifier);
        if (relative(src, target).startsWith('..')) continue;
        if (/^(?:import|export)\s+type\b/.test(statement)) continue;
        offending.push(`${file}: ${statement.replace(/\s+/g, ' ')}`);
      }
    }
    expect(offending, 'migrations import live code from src/; copy what they need into migrations/ (frozen)').toEqual([]);
  });
});
