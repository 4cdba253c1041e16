/** The cross-request cache of legal knowledge-base lookups: bounded by bytes, one load per key at a time. */
import { describe, expect, it } from 'vitest';
import { ReferenceCache } from '../../src/legal/reference-cache.ts';
import { deferred } from '../helpers/wait.ts';

describe('ReferenceCache', () => {
  it('concurrent misses of one key run one load, and later calls none', async () => {
    const cache = new ReferenceCache();
    let loads = 0;
    // the load stays in flight until all ten callers have asked
    const gate = deferred();
    const load = async () => {
      loads++;
      await gate.promise;
      return ['303(2)'];
    };
    const pending = Array.from({ length: 10 }, () => cache.get('ipc:379', load));
    gate.resolve();
    const all = await Promise.all(pending);
    expect(all.every((v) => v[0] === '303(2)')).toBe(true);
    expect(await cache.get('ipc:379', load)).toEqual(['303(2)']);
    expect(loads).toBe(1);
  });

  it('a failed load is not kept: the next call loads again', async () => {
    const cache = new ReferenceCache();
    await expect(cache.get('k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', async () => 'up')).toBe('up');
  });

  it('stays within its byte bound whatever callers search for', async () => {
    const cache = new ReferenceCache({ maxBytes: 1024 * 1024 });
    const big = 'x'.repeat(10_000);
    let loads = 0;
    for (let i = 0; i < 500; i++) await cache.get(`list:search-${i}`, async () => (loads++, [big]));
    // ~20 KB each: at most ~50 of 500 fit; the first ones were evicted and load again
    await cache.get('list:search-0', async () => (loads++, [big]));
    expect(loads).toBe(501);
    await cache.get('list:search-499', async () => (loads++, [big]));
    expect(loads).toBe(501);
  });
});
