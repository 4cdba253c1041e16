/**
 * GraphQL over HTTP for every test: one POST, whatever answers it (a Yoga app's `fetch` in the
 * same process, or a real server over TCP), and a client with `gql` (the whole answer) and
 * `data` (the data, failing the test on any error).
 */
import { expect } from 'vitest';
import { withAuth } from './auth.ts';

export interface GqlError {
  message: string;
  extensions: { code: string; requestId: string; [k: string]: unknown };
}

export interface GqlResponse<T = any> {
  status: number;
  headers: Headers;
  /** the parsed body; `{ raw }` when the answer is not JSON */
  body: { data?: T; errors?: GqlError[]; extensions?: any; raw?: string };
  /** the body as sent */
  text: string;
}

/** `app.fetch` of a Yoga app, or the global fetch */
export type FetchLike = (url: string, init: RequestInit) => Response | Promise<Response>;

export interface PostOptions {
  headers?: Record<string, string>;
  /** abort the request after this long (for requests over the network) */
  timeoutMs?: number;
}

/** POSTs a JSON body (an operation, or a persisted-document request) and reads the answer. */
export async function postJson<T = any>(fetchFn: FetchLike, url: string, body: unknown, options: PostOptions = {}): Promise<GqlResponse<T>> {
  const res = await fetchFn(url, {
    method: 'POST',
    // An ADMIN token unless the test sends its own authorization ('' for none): tests/helpers/auth.ts
    headers: await withAuth({ 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...options.headers }),
    body: JSON.stringify(body),
    ...(options.timeoutMs ? { signal: AbortSignal.timeout(options.timeoutMs) } : {}),
  });
  const text = await res.text();
  let parsed: GqlResponse<T>['body'];
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = { raw: text };
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

export interface GqlClient {
  /** POST one operation; `headers` adds request headers */
  gql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GqlResponse<T>>;
  /** like gql, but returns `data` and fails the test on any error */
  data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

export function graphqlClient(fetchFn: FetchLike, url: string, options: { timeoutMs?: number; beforeRequest?: () => void } = {}): GqlClient {
  const gql = <T = any>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
    options.beforeRequest?.();
    return postJson<T>(fetchFn, url, { query, variables }, { headers, timeoutMs: options.timeoutMs });
  };
  return {
    gql,
    async data<T = any>(query: string, variables?: Record<string, unknown>) {
      const res = await gql<T>(query, variables);
      if (res.status !== 200 || res.body.errors?.length || !res.body.data) {
        throw new Error(`GraphQL request failed (${res.status}): ${JSON.stringify(res.body).slice(0, 2000)}`);
      }
      return res.body.data;
    },
  };
}

/** A client of the real server at `base` (http://127.0.0.1:<port>). */
export function httpClient(base: string): GqlClient {
  return graphqlClient(fetch, `${base}/graphql`, { timeoutMs: 30_000 });
}

/** The one error of a GraphQL answer, checked to be a coded error (never a 500, never masked). */
export function expectError(res: GqlResponse, code: string, message?: RegExp): GqlError {
  expect(res.status, JSON.stringify(res.body)).not.toBe(500);
  expect(res.body.errors, JSON.stringify(res.body)).toHaveLength(1);
  const err = res.body.errors![0]!;
  expect(err.extensions.code, err.message).toBe(code);
  if (message) expect(err.message).toMatch(message);
  return err;
}

/** No errors in the answer (the errors are the failure message). */
export function expectNoErrors(res: GqlResponse): void {
  expect(res.body.errors ?? [], JSON.stringify(res.body.errors)?.slice(0, 2000)).toEqual([]);
}
