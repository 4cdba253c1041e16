/**
 * Persisted operations without a server: the manifest directory (formats, hash checks, documents
 * that no longer validate, partial writes, removal), the resolver's rules (global persisted-only,
 * APQ register/hit/mismatch/size) and pre-parsed, pre-validated manifest documents in a Yoga app.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphQLError } from 'graphql';
import { createYoga } from 'graphql-yoga';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryApqStore } from '../../src/graphql/persisted/apq-store.ts';
import { DEFAULT_MANIFEST_DIR } from '../../src/graphql/persisted/from-config.ts';
import { ManifestRegistry } from '../../src/graphql/persisted/manifests.ts';
import { PersistedOperations, resolvePersistedParams, usePersistedOperations } from '../../src/graphql/plugins/use-persisted-operations.ts';
import { schema } from '../../src/graphql/schema.ts';
import { createMetrics } from '../../src/observability/metrics.ts';
import { waitFor } from '../helpers/wait.ts';

const log = pino({ level: 'silent' });
const hex = (s: string) => createHash('sha256').update(s).digest('hex');
const Q = 'query Sections { legalSections(first: 1) { totalCount } }';
const BAD = 'query Gone { noSuchField }';

let dir: string;
let registries: ManifestRegistry[] = [];
function registry(pollMs = 0) {
  const r = new ManifestRegistry({ dir, schema, pollMs, log, watch: false });
  registries.push(r);
  return r;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'afirgen-pq-'));
});
afterEach(() => {
  for (const r of registries) r.close();
  registries = [];
  rmSync(dir, { recursive: true, force: true });
});

describe('ManifestRegistry', () => {
  it('loads the committed manifest, every document pre-parsed and valid', () => {
    const r = new ManifestRegistry({ dir: DEFAULT_MANIFEST_DIR, schema, pollMs: 0, log, watch: false });
    registries.push(r);
    expect(r.files).toEqual(['persisted-documents.json']);
    expect(r.size).toBeGreaterThanOrEqual(15);
  });

  it('reads both formats, skips entries whose key is not their sha256, keeps invalid documents unvalidated', () => {
    writeFileSync(join(dir, 'codegen.json'), JSON.stringify({ [`sha256:${hex(Q)}`]: Q, [`sha256:${'0'.repeat(64)}`]: '{ __typename }', [`sha256:${hex(BAD)}`]: BAD }));
    writeFileSync(join(dir, 'apollo.json'), JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: hex('{ __typename }'), name: 'T', type: 'query', body: '{ __typename }' }] }));
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    const r = registry();
    expect(r.files).toEqual(['apollo.json', 'codegen.json']);
    expect(r.size).toBe(3);
    const q = r.get(hex(Q))!;
    expect(q.valid).toBe(true);
    expect(r.validated.has(q.document!)).toBe(true);
    expect(r.byText(Q)).toBe(q);
    expect(r.get('0'.repeat(64))).toBeUndefined();
    const bad = r.get(hex(BAD))!;
    expect(bad.valid).toBe(false);
    expect(r.validated.has(bad.document!)).toBe(false);
  });

  it('a half-written file keeps the previous version; the completed one replaces it; removal retires it', () => {
    const file = join(dir, 'release.json');
    writeFileSync(file, JSON.stringify({ [`sha256:${hex(Q)}`]: Q }));
    const r = registry();
    expect(r.get(hex(Q))).toBeDefined();
    const next = JSON.stringify({ [`sha256:${hex(Q)}`]: Q, [`sha256:${hex('{ __typename }')}`]: '{ __typename }' });
    writeFileSync(file, next.slice(0, 40));
    r.scan();
    expect(r.get(hex(Q))).toBeDefined();
    expect(r.get(hex('{ __typename }'))).toBeUndefined();
    writeFileSync(file, next);
    r.scan();
    expect(r.get(hex('{ __typename }'))).toBeDefined();
    unlinkSync(file);
    r.scan();
    expect(r.size).toBe(0);
  });

  it('polls: a new file is picked up without a scan call', async () => {
    const r = registry(50);
    writeFileSync(join(dir, 'late.json'), JSON.stringify({ [`sha256:${hex(Q)}`]: Q }));
    // fs.watch is off: only the 50 ms poll can find it
    await waitFor(() => r.get(hex(Q)), { timeoutMs: 5_000, intervalMs: 10, message: 'the poll to pick up late.json' });
    expect(r.files).toContain('late.json');
  });
});

describe('PersistedOperations.resolve', () => {
  function ops(over: Partial<ConstructorParameters<typeof PersistedOperations>[0]> = {}) {
    writeFileSync(join(dir, 'm.json'), JSON.stringify({ [`sha256:${hex(Q)}`]: Q }));
    return new PersistedOperations({
      manifests: registry(),
      apq: createMemoryApqStore({ maxEntries: 10, maxBytes: 1 << 20, ttlMs: 60_000 }),
      maxQueryBytes: 100,
      persistedOnly: false,
      persistedOnlyClients: ['afirgen-mobile'],
      metrics: createMetrics(),
      log,
      ...over,
    });
  }
  const code = async (f: () => unknown) => {
    try {
      await f();
    } catch (err) {
      return (err as GraphQLError).extensions.code;
    }
    return 'no error';
  };
  const apq = (h: string) => ({ persistedQuery: { version: 1, sha256Hash: h } });

  it('plain text from a normal client: nothing to do (no hashing on the hot path)', () => {
    expect(ops().resolve({ query: '{ __typename }' }, null)).toBeNull();
  });

  it('manifest ids resolve synchronously to the text and its pre-parsed document', () => {
    const r = ops().resolve({ documentId: `sha256:${hex(Q)}` }, 'afirgen-mobile');
    expect(r).not.toBeInstanceOf(Promise);
    expect(r).toMatchObject({ query: Q, documentId: `sha256:${hex(Q)}` });
  });

  it('APQ: miss, register after the hash check, then hit; mismatch and oversize refused', async () => {
    const o = ops();
    const t = '{ __typename }';
    expect(await code(() => o.resolve({ extensions: apq(hex(t)) }, null))).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(await code(() => o.resolve({ query: t, extensions: apq(hex('other')) }, null))).toBe('BAD_USER_INPUT');
    expect(await code(() => o.resolve({ query: `{ ${'__typename '.repeat(20)}}`, extensions: apq(hex(`{ ${'__typename '.repeat(20)}}`)) }, null))).toBe('BAD_USER_INPUT');
    expect(await o.resolve({ query: t, extensions: apq(hex(t)) }, null)).toMatchObject({ query: t });
    expect(await o.resolve({ extensions: apq(hex(t).toUpperCase()) }, null)).toMatchObject({ query: t });
  });

  it('PERSISTED_ONLY=true: every client is held to the manifests', async () => {
    const o = ops({ persistedOnly: true });
    expect(await code(() => o.resolve({ query: '{ __typename }' }, null))).toBe('PERSISTED_QUERY_ONLY');
    expect(await code(() => o.resolve({ query: '{ __typename }', extensions: apq(hex('{ __typename }')) }, 'graphiql'))).toBe('PERSISTED_QUERY_ONLY');
    expect(await code(() => o.resolve({ extensions: apq(hex('{ __typename }')) }, null))).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(o.resolve({ query: Q }, null)).toMatchObject({ query: Q });
    expect(o.resolve({ documentId: hex(Q) }, null)).toMatchObject({ query: Q });
  });

  it('malformed ids are BAD_USER_INPUT', async () => {
    const o = ops();
    expect(await code(() => o.resolve({ documentId: 'sha256:xyz' }, null))).toBe('BAD_USER_INPUT');
    expect(await code(() => o.resolve({ documentId: 42 }, null))).toBe('BAD_USER_INPUT');
    expect(await code(() => o.resolve({ extensions: { persistedQuery: { version: 2, sha256Hash: hex(Q) } } }, null))).toBe('BAD_USER_INPUT');
  });
});

describe('in a Yoga app', () => {
  function app(extra: object[] = []) {
    writeFileSync(join(dir, 'm.json'), JSON.stringify({ [`sha256:${hex(Q)}`]: Q }));
    const manifests = registry();
    const plugin = usePersistedOperations({ manifests, apq: null, maxQueryBytes: 1000, persistedOnly: false, persistedOnlyClients: [], log });
    return { manifests, yoga: createYoga({ schema, plugins: [plugin, ...extra], graphiql: false, logging: false }) };
  }

  it('a request by id is executed on the pre-parsed document, without running validation', async () => {
    const seen: { document?: unknown; validations: number } = { validations: 0 };
    const { manifests, yoga } = app([
      {
        onValidate: ({ setValidationFn, validateFn }: any) =>
          setValidationFn((...args: any[]) => {
            seen.validations++;
            return validateFn(...args);
          }),
        onExecute: ({ args }: { args: { document: unknown } }) => void (seen.document = args.document),
      },
    ]);
    const send = (body: unknown) =>
      Promise.resolve(yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).then((r) => r.json());
    // No database in this app: the resolver fails, but the document it ran is the manifest's.
    await send({ documentId: `sha256:${hex(Q)}` });
    expect(seen.document).toBe(manifests.get(hex(Q))!.document);
    expect(seen.validations).toBe(0);
    await send({ query: '{ __typename }' });
    expect(seen.validations).toBe(1);
  });

  it('resolvePersistedParams finds the plugin in the app (graphql-ws path); apps without it pass the query through', async () => {
    const { yoga } = app();
    expect(await resolvePersistedParams(yoga, { query: '', documentId: `sha256:${hex(Q)}` }, new Headers())).toEqual({ query: Q, documentId: `sha256:${hex(Q)}` });
    const err = await resolvePersistedParams(yoga, { query: '', documentId: `sha256:${'1'.repeat(64)}` }, new Headers());
    expect(err).toBeInstanceOf(GraphQLError);
    expect((err as GraphQLError).extensions).toEqual({ code: 'PERSISTED_QUERY_NOT_FOUND' });
    const bare = createYoga({ schema, logging: false });
    expect(await resolvePersistedParams(bare, { query: '{ __typename }' }, new Headers())).toEqual({ query: '{ __typename }', documentId: null });
  });
});
