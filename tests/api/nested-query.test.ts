/**
 * Regression: @envelop/response-cache 9.3.1 walked every list of a result twice when stripping its
 * metadata fields (once as an array, once more as an object), so the work doubled with each
 * nested list level: a 25-level chain of one-element lists took 2^25 steps and froze the process.
 * patches/@envelop+response-cache+9.3.1.patch (applied by patch-package at postinstall) fixes it.
 *
 * If the patch is lost these tests fail, they do not hang: the hostile requests run in a child
 * process (fixtures/nested-query-child.ts) that is killed at a hard deadline. Checked there:
 *  - the plugin alone (useResponseCache in a Yoga app over a tiny schema) answers a 25-level nested
 *    list in well under a second, from the cache too;
 *  - the gateway's app with the response cache on, over a PGlite test database with one station
 *    and one FIR, and limits raised: a 25-level `firs(first: 2) { edges { node { station { firs …`
 *    query is executed in full in under a second;
 *  - the same app with the default limits refuses a 30-level one for its depth, fast.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./fixtures/nested-query-child.ts', import.meta.url));
/** the hostile part: from set-up done to the last answer (unpatched, the plugin case alone runs for minutes) */
const DEADLINE_MS = 20_000;
/** creating and migrating a PGlite database on a busy 2-core machine */
const SETUP_MS = 120_000;

interface Step {
  step: string;
  ms: number;
  status: number;
  levels: number;
  errors: Array<{ message: string; extensions: Record<string, unknown> }> | null;
}

const children = new Set<ChildProcess>();
afterEach(() => {
  // only our own children, by their handle (they are gone already unless a test failed midway)
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
});

/** Runs the child in `mode`; its steps once it says `done`, or a failure saying which deadline passed (the child is killed then). */
async function runChild(mode: 'plugin' | 'app'): Promise<Map<string, Step>> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? tmpdir() };
  if (process.env.TMPDIR) env.TMPDIR = process.env.TMPDIR;
  const child = spawn(process.execPath, [CHILD, mode], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => void (stdout += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => void (stderr += s));
  const steps = () =>
    stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Step);
  const seen = (name: string) => () => {
    if (steps().some((s) => s.step === name)) return true;
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the ${mode} child exited (${child.exitCode ?? child.signalCode}) before "${name}"\n${stdout}\n${stderr}`);
    return false;
  };
  try {
    await waitFor(seen('ready'), { timeoutMs: SETUP_MS, intervalMs: 20, message: () => `the ${mode} child to finish its set-up\n${stdout}\n${stderr}` });
    await waitFor(seen('done'), {
      timeoutMs: DEADLINE_MS,
      intervalMs: 20,
      message: () => `the ${mode} child to answer the nested queries within ${DEADLINE_MS} ms (is patches/@envelop+response-cache+9.3.1.patch applied?); steps so far: ${stdout}\n${stderr}`,
    });
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  return new Map(steps().map((s) => [s.step, s]));
}

describe('nested lists and the response cache (patched @envelop/response-cache)', () => {
  it('the patch is in place in both builds of the plugin', () => {
    for (const build of ['esm', 'cjs']) {
      const source = readFileSync(`${ROOT}node_modules/@envelop/response-cache/${build}/plugin.js`, 'utf8');
      const fn = source.slice(source.indexOf('function removeMetadataFieldsFromResult'));
      expect(fn, `${build}/plugin.js: arrays must not fall through to the object branch`).toMatch(/if \(Array\.isArray\(value\)\) \{[^}]*\}\s*else if \(value !== null && typeof value === 'object'\)/);
    }
  });

  it('useResponseCache over a tiny schema answers a 25-level nested list in well under a second', async () => {
    const steps = await runChild('plugin');
    for (const name of ['miss', 'hit']) {
      const s = steps.get(name)!;
      expect(s, name).toMatchObject({ status: 200, errors: null, levels: 25 });
      expect(s.ms, `${name}: ${s.ms} ms`).toBeLessThan(1000);
    }
  });

  it('the app with the response cache: 25 nested levels executed in under a second with raised limits; 30 refused for depth with the defaults', async () => {
    const steps = await runChild('app');
    expect(steps.get('warm-up'), 'the set-up reads FIRs through the app (auth and data in place)').toMatchObject({ status: 200, errors: null, levels: 2 });
    for (const name of ['raised-miss', 'raised-hit']) {
      const s = steps.get(name)!;
      expect(s, name).toMatchObject({ status: 200, errors: null, levels: 25 });
      expect(s.ms, `${name}: ${s.ms} ms`).toBeLessThan(1000);
    }
    const refused = steps.get('default-limits')!;
    expect(refused.status).toBe(400);
    expect(refused.levels).toBe(0);
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors![0]!.message).toBe('Query depth 121 exceeds the limit of 12');
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'depth' });
    expect(refused.ms).toBeLessThan(1000);
  });
});
