/**
 * Query limits (src/graphql/limits.ts) over the real schema, with the contract's numbers
 * (docs/api.md): depth 12, aliases 15, directives 50, tokens 2,000, estimated cost 5,000, each
 * just under and just over; the order the limits are checked in; cost from variables and the
 * named operation; invalid variables; trusted documents; syntax errors left to Yoga;
 * introspection; memoisation; a property of the depth limit (fast-check); the error shape; and the
 * request body limit (plugins/use-body-limit.ts): 400 with `limit: 'body'`, multipart exempt.
 */
import fc from 'fast-check';
import { getIntrospectionQuery, GraphQLError } from 'graphql';
import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { createLimits, DEFAULT_LIMITS, type LimitSettings, limitError } from '../../src/graphql/limits.ts';
import { useBodyLimit } from '../../src/graphql/plugins/use-body-limit.ts';
import { useRequestId } from '../../src/graphql/plugins/use-request-id.ts';
import { schema } from '../../src/graphql/schema.ts';

/** the contract's numbers, written out (not read from the code under test) */
const CONTRACT: LimitSettings = { maxDepth: 12, maxAliases: 15, maxDirectives: 50, maxTokens: 2000, maxCost: 5000 };
const limits = createLimits(schema, CONTRACT);

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
/** a selection `n` aliases wide */
const aliases = (n: number) => `{ ${range(n).map((i) => `a${i}: viewer { id }`).join(' ')} }`;
/** `n` directives */
const directives = (n: number) => `{ ${range(n).map(() => '__typename @include(if: true)').join(' ')} }`;
/** exactly `n` tokens: two braces and n - 2 names */
const tokens = (n: number) => `{ ${'__typename '.repeat(n - 2)}}`;
/** `levels` times `firs(first: 1) { edges { node { station { … } } } }`: depth 4 * levels + 1 as Armor counts fields */
function nest(levels: number, options: { inline?: boolean; first?: number } = {}): string {
  let inner = 'id';
  for (let i = 0; i < levels; i++) {
    const station = `station { ${inner} }`;
    inner = `firs(first: ${options.first ?? 1}) { edges { node { ${options.inline ? `... on Fir { ${station} }` : station} } } }`;
  }
  return `{ ${inner} }`;
}
/** depth 12: firs, edges, node, station, firs, edges, node, station, firs, edges, node, id */
const DEPTH_12 = '{ firs(first: 1) { edges { node { station { firs(first: 1) { edges { node { station { firs(first: 1) { edges { node { id } } } } } } } } } } } }';
/** depth 13: … node, station, id */
const DEPTH_13 = '{ firs(first: 1) { edges { node { station { firs(first: 1) { edges { node { station { firs(first: 1) { edges { node { station { id } } } } } } } } } } } } }';
/** 1 + 100 * (1 + 1 + 47) + (1 + 98) = 5000: each object 1, a connection times its first, scalars 0 */
const COST_5000 = '{ stations(first: 100) { edges { node { firs(first: 47) { edges { node { id } } } } } } legalSections(first: 98) { edges { node { id } } } }';
const COST_5001 = COST_5000.replace('first: 98', 'first: 99');
const BY_N = 'query Pages($n: Int) { stations(first: 100) { edges { node { firs(first: $n) { edges { node { id } } } } } } }';

const refusal = (limit: string, message: string) => ({ ok: false, limit, message });

describe('query limits: the contract numbers, just under and just over', () => {
  it('the defaults are the contract', () => {
    expect({ ...DEFAULT_LIMITS }).toEqual(CONTRACT);
    expect(limits.settings).toEqual(CONTRACT);
  });

  it('depth 12 passes, 13 is refused', () => {
    expect(limits.check({ query: DEPTH_12 })).toEqual({ ok: true, cost: 8 });
    expect(limits.check({ query: DEPTH_13 })).toEqual(refusal('depth', 'Query depth 13 exceeds the limit of 12'));
    expect(limits.check({ query: nest(30) })).toEqual(refusal('depth', 'Query depth 121 exceeds the limit of 12'));
  });

  it('depth counts fields, not fragments: the same depth through inline and named fragments', () => {
    const viaFragments = `query { ...Top } fragment Top on Query { firs(first: 1) { edges { node { ...OnFir } } } }
      fragment OnFir on Fir { station { firs(first: 1) { edges { node { ... on Fir { station { firs(first: 1) { edges { node { id } } } } } } } } } }`;
    expect(limits.check({ query: viaFragments })).toEqual({ ok: true, cost: 8 });
    expect(limits.check({ query: viaFragments.replace('node { id }', 'node { station { id } }') })).toMatchObject({ ok: false, limit: 'depth' });
  });

  it('aliases 15 pass, 16 are refused (also counted inside fragments)', () => {
    expect(limits.check({ query: aliases(15) })).toEqual({ ok: true, cost: 15 });
    expect(limits.check({ query: aliases(16) })).toEqual(refusal('aliases', 'Query alias count 16 exceeds the limit of 15'));
    const spread = `query { ...A ...B } fragment A on Query { ${range(8).map((i) => `a${i}: viewer { id }`).join(' ')} } fragment B on Query { ${range(8).map((i) => `b${i}: viewer { id }`).join(' ')} }`;
    expect(limits.check({ query: spread })).toEqual(refusal('aliases', 'Query alias count 16 exceeds the limit of 15'));
  });

  it('directives 50 pass, 51 are refused', () => {
    expect(limits.check({ query: directives(50) })).toMatchObject({ ok: true });
    expect(limits.check({ query: directives(51) })).toEqual(refusal('directives', 'Query directive count 51 exceeds the limit of 50'));
  });

  it('tokens 2,000 pass, 2,001 are refused, and comments are not tokens', () => {
    expect(limits.check({ query: tokens(2000) })).toEqual({ ok: true, cost: 1998 });
    expect(limits.check({ query: tokens(2001) })).toEqual(refusal('tokens', 'Query token count 2001 exceeds the limit of 2000'));
    expect(limits.check({ query: tokens(5000) })).toEqual(refusal('tokens', 'Query token count 5000 exceeds the limit of 2000'));
    expect(limits.check({ query: `# ${'comment '.repeat(3000)}\n${tokens(2000)}` })).toMatchObject({ ok: true });
  });

  it('cost 5,000 passes, 5,001 is refused: objects 1, connections times first/last, other lists 10, scalars 0', () => {
    expect(limits.check({ query: COST_5000 })).toEqual({ ok: true, cost: 5000 });
    expect(limits.check({ query: COST_5001 })).toEqual(refusal('cost', 'Query cost 5001 exceeds the limit of 5000'));
    expect(limits.check({ query: '{ firs(first: 100) { edges { node { sections { section { id } } } } } }' })).toEqual({ ok: true, cost: 1 + 100 * (1 + 10 + 10 * 1) });
    expect(limits.check({ query: '{ firs(last: 5) { edges { node { id status summary } } } }' })).toEqual({ ok: true, cost: 6 });
    expect(limits.check({ query: '{ firs { edges { node { id } } } }' }), 'no first/last: 10').toEqual({ ok: true, cost: 11 });
    expect(limits.check({ query: '{ nodes(ids: ["a", "b", "c"]) { id } }' }), 'nodes: one per id').toEqual({ ok: true, cost: 3 });
    expect(limits.check({ query: '{ legalSectionsForIpc(ipcSection: "302") { id } }' }), 'a list of objects: 10').toEqual({ ok: true, cost: 10 });
    // 100 pages of 100 FIRs with their stations: the nesting a page size alone cannot stop
    expect(limits.check({ query: nest(2, { first: 100 }) })).toEqual(refusal('cost', 'Query cost 20301 exceeds the limit of 5000'));
  });

  it('checks in the order tokens, depth, aliases, directives, cost', () => {
    const deepAndWide = `{ ${range(16).map((i) => `a${i}: viewer { id }`).join(' ')} ${DEPTH_13.slice(1, -1)} }`;
    expect(limits.check({ query: `${deepAndWide} # padding\n ${'query Q { __typename } '.repeat(400)}` })).toMatchObject({ limit: 'tokens' });
    expect(limits.check({ query: deepAndWide })).toMatchObject({ limit: 'depth' });
    expect(limits.check({ query: `{ ${aliases(16).slice(1, -1)} ${directives(51).slice(1, -1)} }` })).toMatchObject({ limit: 'aliases' });
    expect(limits.check({ query: `{ ${directives(51).slice(1, -1)} ${COST_5001.slice(1, -1)} }` })).toMatchObject({ limit: 'directives' });
  });
});

describe('query limits: the cost of the request', () => {
  it('variables change the cost (`first: $n`); without them a page counts 10', () => {
    expect(limits.check({ query: BY_N, variables: { n: 47 } })).toEqual({ ok: true, cost: 4901 });
    expect(limits.check({ query: BY_N, variables: { n: 48 } })).toEqual(refusal('cost', 'Query cost 5001 exceeds the limit of 5000'));
    expect(limits.check({ query: BY_N, variables: {} })).toEqual({ ok: true, cost: 1201 });
    expect(limits.check({ query: BY_N })).toEqual({ ok: true, cost: 1201 });
  });

  it('the operation named is the one costed; without a name the dearest counts', () => {
    const doc = `query Cheap { viewer { id } } query Dear ${COST_5001}`;
    expect(limits.check({ query: doc, operationName: 'Cheap' })).toEqual({ ok: true, cost: 1 });
    expect(limits.check({ query: doc, operationName: 'Dear' })).toMatchObject({ ok: false, limit: 'cost' });
    expect(limits.check({ query: doc })).toMatchObject({ ok: false, limit: 'cost' });
    expect(limits.check({ query: doc, operationName: 'Missing' })).toMatchObject({ ok: false, limit: 'cost' });
  });

  it('invalid variables never throw: retried without them, else a page size not given counts as the largest (100)', () => {
    expect(limits.check({ query: BY_N, variables: { n: 'many' } }), 'as without variables').toEqual({ ok: true, cost: 1201 });
    const required = 'query Pages($n: Int!) { stations(first: 10) { edges { node { firs(first: $n) { edges { node { id } } } } } } }';
    const largest = limits.check({ query: required, variables: { n: 100 } });
    expect(largest).toEqual({ ok: true, cost: 1 + 10 * (2 + 100) });
    expect(limits.check({ query: required, variables: { n: 'many' } })).toEqual(largest);
    expect(limits.check({ query: required, variables: {} })).toEqual(largest);
    expect(limits.check({ query: 'query N($id: ID!) { node(id: $id) { id } }', variables: { id: { not: 'an id' } } })).toEqual({ ok: true, cost: 1 });
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    for (const variables of ['n=5', 42, [1, 2], null, { n: deep }, { n: 10n }]) {
      expect(() => limits.check({ query: BY_N, variables }), String(typeof variables)).not.toThrow();
      expect(limits.check({ query: BY_N, variables })).toMatchObject({ ok: true });
    }
  });

  it('unknown fields and fragment cycles (refused by validation later) still get an estimate', () => {
    expect(limits.check({ query: '{ nope { deeper { id } } }' })).toMatchObject({ ok: true });
    expect(limits.check({ query: 'query { ...A } fragment A on Query { ...B viewer { id } } fragment B on Query { ...A }' })).toMatchObject({ ok: true });
  });
});

describe('query limits: trusted documents, syntax errors, introspection, memoisation', () => {
  const overStatic = `query Big { ${aliases(16).slice(1, -1)} ${DEPTH_13.slice(1, -1)} ${directives(60).slice(1, -1)} ${'__typename '.repeat(2000)} }`;

  it('a trusted (manifest) document skips the static limits, not the cost', () => {
    expect(limits.check({ query: overStatic })).toMatchObject({ ok: false, limit: 'tokens' });
    const trusted = limits.check({ query: overStatic, trusted: true });
    expect(trusted).toEqual({ ok: true, cost: 16 + 9 + 60 + 2000 });
    expect(limits.check({ query: COST_5001, trusted: true })).toEqual(refusal('cost', 'Query cost 5001 exceeds the limit of 5000'));
    expect(limits.check({ query: BY_N, variables: { n: 48 }, trusted: true })).toMatchObject({ ok: false, limit: 'cost' });
    // and the trusted verdict is not handed to the same text sent as plain text
    expect(limits.check({ query: overStatic })).toMatchObject({ ok: false, limit: 'tokens' });
  });

  it('a document that does not parse passes with cost 1 (Yoga reports the syntax error), unless it is over the token limit', () => {
    for (const query of ['{ firs {', '', 'query {', '}}}}', 'query Q($n: Int = ) { viewer { id } }', '{ "unterminated }']) {
      expect(limits.check({ query }), query).toEqual({ ok: true, cost: 1 });
      expect(limits.check({ query, trusted: true }), query).toEqual({ ok: true, cost: 1 });
    }
    expect(limits.check({ query: `{ ${'__typename '.repeat(3000)}` })).toEqual(refusal('tokens', 'Query token count 3001 exceeds the limit of 2000'));
  });

  it("GraphiQL's introspection query passes under the defaults, cheaply; the introspection type cycle does not", () => {
    for (const query of [
      getIntrospectionQuery(),
      getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true }),
    ]) {
      const verdict = limits.check({ query, operationName: 'IntrospectionQuery' });
      expect(verdict).toMatchObject({ ok: true });
      expect((verdict as { cost: number }).cost).toBeLessThanOrEqual(10);
    }
    expect(limits.check({ query: '{ __type(name: "Fir") { fields { type { fields { type { fields { name } } } } } } }' })).toMatchObject({ ok: true });
    expect(limits.check({ query: '{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }' })).toEqual(
      refusal('depth', 'Introspection list nesting 4 exceeds the limit of 3'),
    );
    const viaFragment = 'query { __schema { ...T } } fragment T on __Schema { types { ...F } } fragment F on __Type { fields { type { fields { type { fields { name } } } } } }';
    expect(limits.check({ query: viaFragment })).toMatchObject({ ok: false, limit: 'depth' });
  });

  it('memoises: the same request gets the same verdict object, whatever the order of its variables', () => {
    const l = createLimits(schema, CONTRACT);
    const refused = l.check({ query: DEPTH_13 });
    expect(l.check({ query: DEPTH_13, variables: { any: 1 } })).toBe(refused);
    const q = 'query Two($a: Int, $b: Int) { firs(first: $a) { edges { node { id } } } stations(first: $b) { edges { node { id } } } }';
    const first = l.check({ query: q, variables: { a: 3, b: 4 } });
    expect(first).toEqual({ ok: true, cost: 1 + 3 + 1 + 4 });
    expect(l.check({ query: q, variables: { b: 4, a: 3 } })).toBe(first);
    const other = l.check({ query: q, variables: { a: 5, b: 4 } });
    expect(other).toEqual({ ok: true, cost: 1 + 5 + 1 + 4 });
    expect(other).not.toBe(first);
    expect(l.check({ query: q, variables: { a: 3, b: 4 }, operationName: 'Two' })).not.toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('property: a nested document is refused for depth exactly when its depth (4 per level + 1) exceeds the setting', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 2, max: 60 }), fc.boolean(), (levels, maxDepth, inline) => {
        const verdict = createLimits(schema, { ...CONTRACT, maxDepth }).check({ query: nest(levels, { inline }) });
        const depth = 4 * levels + 1;
        if (depth > maxDepth) expect(verdict).toEqual(refusal('depth', `Query depth ${depth} exceeds the limit of ${maxDepth}`));
        else expect(verdict).toEqual({ ok: true, cost: 3 * levels });
      }),
      { numRuns: 200 },
    );
  });

  it('limitError: BAD_USER_INPUT, the limit named, HTTP 400', () => {
    const err = limitError('depth', 'Query depth 13 exceeds the limit of 12');
    expect(err).toBeInstanceOf(GraphQLError);
    expect(err.message).toBe('Query depth 13 exceeds the limit of 12');
    expect(err.extensions).toEqual({ code: 'BAD_USER_INPUT', limit: 'depth', http: { status: 400 } });
  });
});

describe('request body limit (useBodyLimit)', () => {
  const MAX = 1024;
  const yoga = createYoga({
    schema: createSchema({ typeDefs: 'type Query { hello(pad: String): String }', resolvers: { Query: { hello: () => 'world' } } }),
    logging: false,
    plugins: [useRequestId(), useBodyLimit({ maxBytes: MAX })],
  });
  const json = (size: number) => JSON.stringify({ query: `{ hello(pad: "${'x'.repeat(Math.max(0, size - 40))}") }` });
  const post = (body: BodyInit, headers: Record<string, string>) =>
    yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { accept: 'application/json', 'x-request-id': 'body-1', ...headers }, body, duplex: 'half' } as RequestInit);

  async function expectRefused(res: Response) {
    expect(res.status).toBe(400);
    expect(res.headers.get('x-request-id')).toBe('body-1');
    const body = await res.json();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', limit: 'body', requestId: 'body-1' });
    expect(body.errors[0].message).toContain(String(MAX));
  }

  it('a body under the limit is served; one over it (Content-Length) is a 400 naming the body limit', async () => {
    const small = json(500);
    const ok = await post(small, { 'content-type': 'application/json', 'content-length': String(small.length) });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ data: { hello: 'world' } });
    const big = json(4 * MAX);
    await expectRefused(await post(big, { 'content-type': 'application/json', 'content-length': String(big.length) }));
  });

  it('a streamed body without Content-Length is refused once it passes the limit', async () => {
    const bytes = new TextEncoder().encode(json(8 * MAX));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 256) controller.enqueue(bytes.subarray(i, i + 256));
        controller.close();
      },
    });
    await expectRefused(await post(stream, { 'content-type': 'application/json' }));
  });

  it('multipart (upload) requests are left to the upload limits', async () => {
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: '{ hello }', variables: { file: null } }));
    form.set('map', JSON.stringify({ 0: ['variables.file'] }));
    form.set('0', new File(['x'.repeat(8 * MAX)], 'complaint.txt', { type: 'text/plain' }));
    const res = await yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { accept: 'application/json', 'content-length': String(9 * MAX) }, body: form });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { hello: 'world' } });
  });
});
