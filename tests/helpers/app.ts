/** Runs operations through the real Yoga app (`yoga.fetch`), the way a client would. */
import pino from 'pino';
import { createApp } from '../../src/app.ts';
import type { TestDb } from './db.ts';

export interface GqlResponse<T = any> {
  status: number;
  headers: Headers;
  body: { data?: T; errors?: Array<{ message: string; extensions: { code: string; requestId: string; [k: string]: unknown } }>; extensions?: any };
}

export function testApp(db: TestDb) {
  const app = createApp({ db: db.db, log: pino({ level: 'silent' }), exposeSqlCount: true });
  async function gql<T = any>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GqlResponse<T>> {
    db.queries.length = 0;
    const res = await app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = await res.json();
    return { status: res.status, headers: res.headers, body };
  }
  /** Like gql, but fails the test on any error. */
  async function data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const res = await gql<T>(query, variables);
    if (res.body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.body.errors)}`);
    return res.body.data as T;
  }
  return { app, gql, data };
}
