/**
 * The house rules of src/, read from the source so that a change breaking one fails here rather
 * than in a review: one writer per table, no import cycle, lower layers never importing higher
 * ones, frozen migrations, and no source file over 450 lines. docs/architecture.md explains them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

const SRC = files('src');
const text = new Map(SRC.map((f) => [f, readFileSync(join(ROOT, f), 'utf8')]));

/** Relative imports of a file, resolved to repository paths; `typeOnly` for `import type`. */
function imports(file: string, source = text.get(file)!): Array<{ target: string; typeOnly: boolean }> {
  const out: Array<{ target: string; typeOnly: boolean }> = [];
  const re = /^\s*(import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;
  for (const m of source.matchAll(re)) out.push({ target: relative(ROOT, resolve(dirname(join(ROOT, file)), m[3]!)), typeOnly: Boolean(m[2]) });
  // import('…') in types
  for (const m of source.matchAll(/import\(['"](\.{1,2}\/[^'"]+)['"]\)/g)) out.push({ target: relative(ROOT, resolve(dirname(join(ROOT, file)), m[1]!)), typeOnly: true });
  return out;
}

/** Data files: nothing but tables of words and records (allowed to be long). */
const DATA_FILES = new Set(['src/legal/knowledge-base.ts', 'src/db/seed-data.ts', 'src/db/seed-text.ts']);

describe('house rules of src/', () => {
  it('every table is written by exactly one repository module', () => {
    const writers = new Map<string, Set<string>>();
    const write = /\b(?:insertInto|updateTable|deleteFrom)\(\s*'([a-z_]+)'|insertReturningId\(\s*\w+,\s*'([a-z_]+)'/g;
    for (const [file, source] of text) {
      // The seed bulk-loads an empty database on first start, like a migration does; it is the
      // one writer outside the repositories, and it never runs against a database in use.
      if (/^src\/db\/seed/.test(file)) continue;
      for (const m of source.matchAll(write)) {
        const table = (m[1] ?? m[2])!;
        if (!writers.has(table)) writers.set(table, new Set());
        writers.get(table)!.add(file);
      }
    }
    expect(writers.size).toBeGreaterThan(8);
    for (const [table, by] of writers) {
      expect([...by], `table ${table} is written by ${[...by].join(', ')}`).toHaveLength(1);
      const [file] = by;
      expect(file, `table ${table} is written outside a repository`).toMatch(/\.repository\.ts$|^src\/jobs\/enqueue\.ts$/);
    }
  });

  it('services and the pipeline hold no SQL', () => {
    for (const file of ['src/generation/pipeline.ts', 'src/generation/generation.service.ts', 'src/fir/fir.service.ts', 'src/fir/fir.drafting.ts', 'src/generation/events.ts']) {
      expect(text.get(file), file).not.toMatch(/\b(selectFrom|insertInto|updateTable|deleteFrom)\(|sql`/);
    }
  });

  it('has no import cycle', () => {
    const graph = new Map(SRC.map((f) => [f, imports(f).map((i) => i.target).filter((t) => text.has(t))]));
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(f)), f].join(' > '));
        return;
      }
      state.set(f, 'visiting');
      for (const t of graph.get(f)!) visit(t, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of SRC) visit(f, []);
    expect(cycles).toEqual([]);
  });

  it('lower layers never import higher ones', () => {
    const violations: string[] = [];
    for (const file of SRC) {
      const lower = /^src\/(db|cache|models)\//.test(file) || file.endsWith('.repository.ts');
      if (!lower) continue;
      for (const { target } of imports(file)) {
        if (/^src\/(graphql|generation)\//.test(target) && !target.endsWith('.repository.ts')) violations.push(`${file} imports ${target}`);
        if (file.endsWith('.repository.ts') && /^src\/(graphql|generation)\//.test(target)) violations.push(`${file} imports ${target}`);
        if (/^src\/(app|runtime|main|worker)\.ts$/.test(target)) violations.push(`${file} imports ${target}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('migrations are frozen: they import nothing from src/ but types', () => {
    for (const file of files('migrations')) {
      for (const { target, typeOnly } of imports(file, readFileSync(join(ROOT, file), 'utf8'))) {
        if (target.startsWith('src/')) expect(typeOnly, `${file} imports ${target} (live code: a later edit would change what this migration did)`).toBe(true);
      }
    }
  });

  it('no source file is over 450 lines (data files aside)', () => {
    const long = SRC.filter((f) => !DATA_FILES.has(f) && text.get(f)!.split('\n').length > 451).map((f) => `${f}: ${text.get(f)!.split('\n').length - 1}`);
    expect(long).toEqual([]);
  });
});
