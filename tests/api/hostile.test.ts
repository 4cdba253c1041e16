/**
 * Hostile documents against the query limits (src/graphql/limits.ts): each is refused, and no
 * check blocks the event loop for a second (measured with perf_hooks.monitorEventLoopDelay, and
 * each synchronous call timed too). An outcome bound, not a benchmark: the limits run on the
 * request path before anything else, so a slow refusal would be a denial of service of its own.
 *
 * Under the default limits the token limit stops most of them while parsing; with the token limit
 * raised each of the other rules meets the whole hostile document.
 */
import { type ELDHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { parse, validate } from 'graphql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLimits, DEFAULT_LIMITS, type LimitCheckInput, type LimitName, type LimitVerdict } from '../../src/graphql/limits.ts';
import { schema } from '../../src/graphql/schema.ts';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** 200,000 tokens in over 1 MB */
const MEGABYTE_OF_TOKENS = `{ ${'abcde '.repeat(199_998)}}`;
const TEN_THOUSAND_ALIASES = `{ ${range(10_000).map((i) => `a${i}: viewer { id }`).join(' ')} }`;
const THOUSAND_DEEP = `{ ${'viewer { station { '.repeat(500)}id ${'} } '.repeat(500)}}`;
const TEN_THOUSAND_DIRECTIVES = `{ __typename ${'@include(if: true) '.repeat(10_000)}}`;
/** each fragment spreads the next twice: 2^60 selections once expanded */
const SPREAD_BOMB = `query { ...F0 } ${range(60)
  .map((i) => `fragment F${i} on Query { ${i < 59 ? `...F${i + 1} ...F${i + 1}` : 'viewer { id }'} }`)
  .join(' ')}`;
/** the same with an alias at the bottom: 2^59 aliases once expanded */
const ALIAS_BOMB = SPREAD_BOMB.replace('viewer { id }', 'me: viewer { id }');
/** fragments spreading each other in a circle, doubling on the way */
const FRAGMENT_CYCLE = 'query { ...A } fragment A on Query { ...B ...B viewer { id } } fragment B on Query { ...A ...A }';
/** 40 nested pages of 100 */
const PAGE_NESTING = `{ ${'firs(first: 100) { edges { node { station { '.repeat(40)}id ${'} } } } '.repeat(40)}}`;

const MAX_BLOCK_MS = 1000;

let histogram: ELDHistogram;
beforeEach(() => {
  histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
});
afterEach(() => histogram.disable());

/** one turn of the event loop, timers included, so the histogram sees any delay the last call caused */
async function turn(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  await new Promise<void>((resolve) => setImmediate(resolve));
}

/** `check` on `input`, timed; the loop is let turn afterwards */
async function timedCheck(check: (input: LimitCheckInput) => LimitVerdict, input: LimitCheckInput): Promise<{ verdict: LimitVerdict; ms: number }> {
  await turn();
  const t0 = performance.now();
  const verdict = check(input);
  const ms = performance.now() - t0;
  await turn();
  return { verdict, ms };
}

function expectLoopNeverBlocked(calls: Array<{ name: string; ms: number }>) {
  for (const c of calls) expect(c.ms, `${c.name} blocked the loop for ${c.ms.toFixed(0)} ms`).toBeLessThan(MAX_BLOCK_MS);
  const maxDelayMs = histogram.max / 1e6;
  expect(maxDelayMs, `event loop delay peaked at ${maxDelayMs.toFixed(0)} ms`).toBeLessThan(MAX_BLOCK_MS);
}

describe('hostile documents are refused without blocking the event loop', () => {
  it('under the default limits', async () => {
    const limits = createLimits(schema, DEFAULT_LIMITS);
    const cases: Array<[string, string, LimitName]> = [
      ['a 1 MB document of 200,000 tokens', MEGABYTE_OF_TOKENS, 'tokens'],
      ['10,000 aliases', TEN_THOUSAND_ALIASES, 'tokens'],
      ['1,000-deep nesting', THOUSAND_DEEP, 'tokens'],
      ['10,000 directives', TEN_THOUSAND_DIRECTIVES, 'tokens'],
      ['a fragment spread bomb', SPREAD_BOMB, 'cost'],
      ['an alias bomb', ALIAS_BOMB, 'aliases'],
      ['40 nested pages of 100', PAGE_NESTING, 'depth'],
    ];
    expect(MEGABYTE_OF_TOKENS.length).toBeGreaterThanOrEqual(1024 * 1024);
    const calls: Array<{ name: string; ms: number }> = [];
    for (const [name, query, limit] of cases) {
      for (const round of ['first', 'memoised']) {
        const { verdict, ms } = await timedCheck(limits.check, { query });
        calls.push({ name: `${name} (${round})`, ms });
        expect(verdict, name).toMatchObject({ ok: false, limit });
      }
    }
    // The large documents' refusals count the tokens they have (not just "over the limit").
    expect(limits.check({ query: MEGABYTE_OF_TOKENS })).toMatchObject({ message: 'Query token count 200000 exceeds the limit of 2000' });
    expectLoopNeverBlocked(calls);
  });

  it('with the token limit out of the way, each other rule meets the whole document', async () => {
    const limits = createLimits(schema, { ...DEFAULT_LIMITS, maxTokens: 10_000_000 });
    const cases: Array<[string, string, LimitName, string]> = [
      ['10,000 aliases', TEN_THOUSAND_ALIASES, 'aliases', 'Query alias count 10000 exceeds the limit of 15'],
      ['1,000-deep nesting', THOUSAND_DEEP, 'depth', 'Query depth 1001 exceeds the limit of 12'],
      ['10,000 directives', TEN_THOUSAND_DIRECTIVES, 'directives', 'Query directive count 10000 exceeds the limit of 50'],
      ['a fragment spread bomb', SPREAD_BOMB, 'cost', 'Query cost 5.76e+17 exceeds the limit of 5000'],
      ['an alias bomb', ALIAS_BOMB, 'aliases', 'Query alias count 5.76e+17 exceeds the limit of 15'],
    ];
    const calls: Array<{ name: string; ms: number }> = [];
    for (const [name, query, limit, message] of cases) {
      const { verdict, ms } = await timedCheck(limits.check, { query });
      calls.push({ name, ms });
      expect(verdict, name).toEqual({ ok: false, limit, message });
    }
    // Trusted documents skip the static rules; the cost still stops a trusted bomb, as fast.
    const { verdict, ms } = await timedCheck(limits.check, { query: SPREAD_BOMB, trusted: true });
    calls.push({ name: 'a trusted spread bomb', ms });
    expect(verdict).toMatchObject({ ok: false, limit: 'cost' });
    expectLoopNeverBlocked(calls);
  });

  it('a fragment cycle is answered at once and left to validation, which refuses it', async () => {
    const limits = createLimits(schema, DEFAULT_LIMITS);
    const { verdict, ms } = await timedCheck(limits.check, { query: FRAGMENT_CYCLE });
    expect(verdict).toMatchObject({ ok: true });
    expect(validate(schema, parse(FRAGMENT_CYCLE)).map((e) => e.message)).toContainEqual(expect.stringMatching(/Cannot spread fragment "A" within itself/));
    expectLoopNeverBlocked([{ name: 'a fragment cycle', ms }]);
  });
});
