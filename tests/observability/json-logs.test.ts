/** routeConsoleToLogger: console calls and process warnings become pino JSON lines. */
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { routeConsoleToLogger } from '../../src/observability/logger.ts';
import { waitFor } from '../helpers/wait.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk, _e, cb) { lines.push(...String(chunk).split('\n').filter(Boolean)); cb(); } });
  return { lines, log: pino({ level: 'debug' }, stream) };
}

describe('routeConsoleToLogger', () => {
  let undo: (() => void) | null = null;
  afterEach(() => { undo?.(); undo = null; });

  it('console.warn of a library is one JSON line at warn', async () => {
    const { lines, log } = capture();
    const fake = { ...console } as Console;
    undo = routeConsoleToLogger(log, fake);
    fake.warn('[useResponseCache] Failed to cache due to errors');
    fake.error('failed', Object.assign(new Error('secret value'), { code: 'X1' }), { complainant: 'Ravi' });
    fake.info('n=%d', 3);
    await waitFor(() => lines.length >= 3, { timeoutMs: 2_000, message: 'three lines' });
    const parsed = lines.map((l) => JSON.parse(l));
    expect(parsed[0]).toMatchObject({ level: 40, source: 'console', msg: '[useResponseCache] Failed to cache due to errors' });
    expect(parsed[1]).toMatchObject({ level: 50, err: { type: 'Error', code: 'X1' } });
    expect(lines[1]).not.toMatch(/secret value|Ravi/);
    expect(parsed[2]).toMatchObject({ level: 30, msg: 'n=3' });
  });

  it('process warnings become JSON lines', async () => {
    const { lines, log } = capture();
    undo = routeConsoleToLogger(log, { ...console } as Console);
    process.emitWarning('something old', { type: 'DeprecationWarning', code: 'DEP_TEST' });
    await waitFor(() => lines.length >= 1, { timeoutMs: 2_000, message: 'the warning line' });
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 40, source: 'process-warning', msg: 'something old', warning: { type: 'DeprecationWarning', code: 'DEP_TEST' } });
  });
});
