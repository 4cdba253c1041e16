/** Runs operations through the real Yoga app (`yoga.fetch`), the way a client would. */
import pino from 'pino';
import { type AppOptions, createApp } from '../../src/app.ts';
import type { TestDb } from './db.ts';
import { testAuth } from './auth.ts';
import { graphqlClient } from './graphql.ts';

export type { GqlResponse } from './graphql.ts';

/**
 * The app over `db`; `queries` of the database is emptied before each request, so it holds that request's SQL.
 * `options` overrides app options (e.g. `limits: null` for a test whose documents are bigger than the default limits allow).
 */
export function testApp(db: TestDb, options: Partial<Omit<AppOptions, 'db' | 'log'>> = {}) {
  const app = createApp({ db: db.db, log: pino({ level: 'silent' }), auth: testAuth, exposeSqlCount: true, ...options });
  return { app, ...graphqlClient(app.fetch, 'http://localhost/graphql', { beforeRequest: () => void (db.queries.length = 0) }) };
}
