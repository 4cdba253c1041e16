/**
 * The test suite's own rules, checked on its source:
 *  - no skipped, pending or focused tests: a case that does not apply to a configuration is not
 *    written for it, and a case that needs the real services lives in a `*.services.test.ts` file
 *    (vitest.config.ts leaves those out, saying so, when the services are not configured);
 *  - only services files ask for the services (requireServices, requireRedisServer, ScratchRedis).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const TESTS = fileURLToPath(new URL('.', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

const files = sourceFiles(TESTS).map((path) => ({ name: relative(TESTS, path), text: readFileSync(path, 'utf8') }));

/** `file:line: text` of every line matching `pattern` */
function offending(pattern: RegExp, only: (name: string) => boolean = () => true): string[] {
  return files
    .filter((f) => only(f.name))
    .flatMap((f) => f.text.split('\n').flatMap((line, i) => (pattern.test(line) ? [`${f.name}:${i + 1}: ${line.trim()}`] : [])));
}

describe('suite hygiene', () => {
  it('reads the test files', () => {
    expect(files.filter((f) => f.name.endsWith('.test.ts')).length).toBeGreaterThan(30);
  });

  it('no test is skipped or left pending (skip, skipIf, runIf, todo)', () => {
    expect(offending(/\.(skip|skipIf|runIf|todo)\s*\(/)).toEqual([]);
  });

  it('no test or suite is focused (only)', () => {
    expect(offending(/\b(it|test|describe|suite)(\.\w+)*\.only\b/)).toEqual([]);
  });

  it('only *.services.test.ts files (and the helpers) ask for the real services', () => {
    const isPlainTest = (name: string) => name.endsWith('.test.ts') && !name.endsWith('.services.test.ts') && name !== 'suite-hygiene.test.ts';
    expect(offending(/\b(requireServices|requireRedisServer|ScratchRedis)\b/, isPlainTest)).toEqual([]);
  });
});
