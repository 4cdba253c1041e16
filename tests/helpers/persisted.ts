/**
 * Persisted operations against a real server (tests/e2e/persisted*.test.ts): the committed
 * manifest and its document ids by operation name, GET and POST of persisted requests, and Apollo
 * Client with its persisted-queries link (APQ, GET for hashed queries), recording what it sends.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { expect } from 'vitest';
import { withAuth } from './auth.ts';
import { type GqlResponse, postJson } from './graphql.ts';
import { ROOT } from './processes.ts';

export const MANIFEST_PATH = join(ROOT, 'schema/generated/persisted-documents.json');
export const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as Record<string, string>;
/** operation name -> document id of the committed manifest */
export const ids: Record<string, string> = {};
for (const [id, text] of Object.entries(manifest)) {
  const m = /\b(query|mutation|subscription) (\w+)/.exec(text);
  if (m) ids[m[2]!] = id;
}
export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** POST /graphql of any body (document ids, APQ extensions, plain text). */
export function post(base: string, body: unknown, headers: Record<string, string> = {}): Promise<GqlResponse> {
  return postJson(fetch, `${base}/graphql`, body, { headers, timeoutMs: 30_000 });
}

/**
 * GET /graphql with `params` as the query string (objects JSON-encoded), with the CSRF header every
 * GET needs and, like postJson, the ADMIN token unless `headers` has an authorization ('' for none).
 */
export async function get(base: string, params: Record<string, unknown>, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: any }> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) qs.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  const res = await fetch(`${base}/graphql?${qs}`, {
    headers: await withAuth({ accept: 'application/json', 'x-graphql-csrf': '1', ...headers }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

export function expectCoded(r: { status: number; body: any }, status: number, code: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.body.data ?? null).toBeNull();
  expect(r.body.errors).toHaveLength(1);
  expect(r.body.errors[0].extensions.code).toBe(code);
  expect(typeof r.body.errors[0].extensions.requestId).toBe('string');
}

/**
 * Apollo Client with the APQ link (sha256 from node:crypto, GET for hashed queries), recording what
 * it sends; its requests carry the ADMIN token (tests/helpers/auth.ts).
 */
export function apollo(base: string) {
  const sent: Array<{ method: string; hasQuery: boolean; status: number }> = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    const hasQuery = method === 'GET' ? new URL(url).searchParams.has('query') : 'query' in JSON.parse(String(init?.body));
    const headers = await withAuth(Object.fromEntries(new Headers(init?.headers).entries()));
    const res = await fetch(input, { ...init, headers });
    sent.push({ method, hasQuery, status: res.status });
    return res;
  };
  const link = new PersistedQueryLink({ sha256, useGETForHashedQueries: true }).concat(
    new HttpLink({ uri: `${base}/graphql`, fetch: recordingFetch, headers: { 'apollographql-client-name': 'afirgen-web' } }),
  );
  return { client: new ApolloClient({ link, cache: new InMemoryCache() }), sent };
}
