/**
 * The contract's remaining gates: CSRF prevention (GET and non-JSON requests need
 * `x-graphql-csrf` or `graphql-preflight`), and in production introspection and GraphiQL for
 * ADMIN only. Through the real Yoga app.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { testAuth, tokenFor } from '../helpers/auth.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';

const INTROSPECTION = '{ __schema { queryType { name } } }';

describe('CSRF prevention and production gates', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb('pglite');
  }, 120_000);
  afterAll(async () => db.drop());

  const get = (app: ReturnType<typeof createApp>, query: string, headers: Record<string, string> = {}) =>
    app.fetch(`http://localhost/graphql?query=${encodeURIComponent(query)}`, { method: 'GET', headers: { accept: 'application/json', ...headers } });

  it('a GET without a CSRF header is 403; with x-graphql-csrf or graphql-preflight it is answered', async () => {
    const app = createApp({ db: db.db, log: pino({ level: 'silent' }), auth: testAuth });
    const q = '{ legalSections(first: 1) { edges { node { number } } } }';
    expect((await get(app, q)).status).toBe(403);
    for (const h of ['x-graphql-csrf', 'graphql-preflight']) {
      const res = await get(app, q, { [h]: '1' });
      expect(res.status, h).toBe(200);
      expect((await res.json()).data.legalSections.edges).toHaveLength(1);
    }
  });

  it('a multipart request without a CSRF header is 403 and reaches no resolver', async () => {
    const app = createApp({ db: db.db, log: pino({ level: 'silent' }), auth: testAuth });
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: '{ legalSections(first: 1) { edges { node { number } } } }' }));
    form.set('map', '{}');
    const res = await app.fetch('http://localhost/graphql', { method: 'POST', body: form });
    expect(res.status).toBe(403);
  });

  it('in production, introspection is FORBIDDEN but for ADMIN', async () => {
    const app = createApp({ db: db.db, log: pino({ level: 'silent' }), auth: testAuth, production: true });
    const post = async (authorization?: string) => {
      const res = await app.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization: `Bearer ${authorization}` } : {}) },
        body: JSON.stringify({ query: INTROSPECTION }),
      });
      return { status: res.status, body: await res.json() };
    };
    const anon = await post();
    expect(anon.status).toBe(403);
    expect(anon.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const citizen = await post(await tokenFor('CITIZEN', 'c-1'));
    expect(citizen.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const admin = await post(await tokenFor('ADMIN', 'root'));
    expect(admin.status).toBe(200);
    expect(admin.body.data.__schema.queryType.name).toBe('Query');
    // Outside production anyone may introspect (GraphiQL and codegen need it).
    const dev = createApp({ db: db.db, log: pino({ level: 'silent' }), auth: testAuth });
    const res = await dev.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: INTROSPECTION }) });
    expect((await res.json()).data.__schema.queryType.name).toBe('Query');
  });

  it('in production, GraphiQL is served to an ADMIN token only', async () => {
    const app = createApp({ db: db.db, log: pino({ level: 'silent' }), auth: testAuth, production: true, graphiql: true });
    const page = (authorization?: string) =>
      app.fetch('http://localhost/graphql', { headers: { accept: 'text/html', ...(authorization ? { authorization: `Bearer ${authorization}` } : {}) } });
    const anon = await page();
    expect(anon.headers.get('content-type') ?? '').not.toContain('text/html');
    const officerless = await page(await tokenFor('CITIZEN', 'c-2'));
    expect(officerless.headers.get('content-type') ?? '').not.toContain('text/html');
    const admin = await page(await tokenFor('ADMIN', 'root'));
    expect(admin.status).toBe(200);
    expect(admin.headers.get('content-type')).toContain('text/html');
    expect(await admin.text()).toContain('AFIRGen GraphQL');
  });
});
