/**
 * MariaDB restarting, as the gateway sees it: a TCP proxy of this test's own sits between the
 * gateway's pool and the shared MariaDB (which keeps running for every other test file). Cutting
 * the proxy destroys the pool's connections and refuses new ones, as a restart does. While it is
 * cut every request is answered at once with HTTP 503, SERVICE_UNAVAILABLE and Retry-After (never
 * 200 + INTERNAL_SERVER_ERROR, never a hang); once it is restored the pool reconnects by itself.
 *
 * A services file: it needs TEST_MYSQL_URL (.ci/run).
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { connectDatabase, type DatabaseHandle } from '../../src/db/connect.ts';
import { isDatabaseUnavailable } from '../../src/db/retry.ts';
import { encodeGlobalId } from '../../src/global-id.ts';
import { testAuth } from '../helpers/auth.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { stationWithFirs } from '../helpers/fixtures.ts';
import { graphqlClient, type GqlClient } from '../helpers/graphql.ts';
import { requireServices } from '../helpers/services.ts';
import { TcpProxy } from '../helpers/tcp-proxy.ts';
import { waitFor } from '../helpers/wait.ts';

const FIR = `query($id: ID!) { node(id: $id) { ... on Fir { id status } } }`;

describe('MariaDB restart: 503 + SERVICE_UNAVAILABLE + Retry-After, then recovery', () => {
  requireServices();
  let t: TestDb;
  let proxy: TcpProxy;
  let gateway: DatabaseHandle;
  let client: GqlClient;
  let firId: string;

  beforeAll(async () => {
    t = await createTestDb('mysql');
    firId = encodeGlobalId('Fir', (await stationWithFirs(t.db, ['GENERATED'])).firIds[0]!);
    const target = new URL(t.url!);
    proxy = new TcpProxy(target.hostname, Number(target.port || 3306));
    await proxy.start();
    const viaProxy = new URL(t.url!);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    gateway = await connectDatabase({ kind: 'mysql', url: viaProxy.toString() }, { DB_POOL_SIZE: 3, DB_CONNECT_RETRIES: 0, DB_CONNECT_TIMEOUT_MS: 1_000, DB_ACQUIRE_TIMEOUT_MS: 2_000 });
    const app = createApp({ db: gateway.db, log: pino({ level: 'silent' }), auth: testAuth, limits: null });
    // a hang would fail here (the request is aborted), not pass late
    client = graphqlClient(app.fetch, 'http://localhost/graphql', { timeoutMs: 10_000 });
  });

  afterAll(async () => {
    await proxy?.stop();
    await gateway?.close();
    await t?.drop();
  });

  it('answers with data while the database is up', async () => {
    const res = await client.gql(FIR, { id: firId });
    expect(res.status, res.text).toBe(200);
    expect(res.body.data?.node).toMatchObject({ id: firId, status: 'GENERATED' });
  });

  it('database down: every request is a prompt 503 SERVICE_UNAVAILABLE with Retry-After', async () => {
    proxy.partition();
    for (let i = 0; i < 4; i++) {
      const started = Date.now();
      const res = await client.gql(FIR, { id: firId });
      expect(res.status, res.text).toBe(503);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(res.body.errors, res.text).toHaveLength(1);
      const err = res.body.errors![0]!;
      expect(err.extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(err.extensions.requestId).toEqual(expect.any(String));
      expect(err.extensions).not.toHaveProperty('http'); // Yoga turns it into the status and header
      expect(res.text).not.toMatch(/ECONNRE|PROTOCOL_|127\.0\.0\.1/); // no driver detail leaks
      // bounded by the connect/acquire timeouts, far below the request's own 10 s
      expect(Date.now() - started).toBeLessThan(5_000);
    }
  });

  it('database back: the pool reconnects by itself and requests get data again', async () => {
    proxy.restore();
    const res = await waitFor(
      async () => {
        const r = await client.gql(FIR, { id: firId });
        return r.status === 200 && r.body.data?.node ? r : null;
      },
      { timeoutMs: 20_000, intervalMs: 100, message: 'a 200 with data after the database came back' },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.node).toMatchObject({ id: firId });
  });

  it('a second restart (connections in the pool killed mid-life) is again 503, then recovers', async () => {
    // the pool holds live connections now; destroying them is what a restart does to them
    proxy.partition();
    const res = await client.gql(FIR, { id: firId });
    expect(res.status, res.text).toBe(503);
    expect(res.body.errors?.[0]?.extensions.code).toBe('SERVICE_UNAVAILABLE');
    proxy.restore();
    await waitFor(async () => (await client.gql(FIR, { id: firId })).status === 200, { timeoutMs: 20_000, intervalMs: 100, message: 'recovery after the second restart' });
  });

  it('a database that accepts connections but never answers: 503 within the connect timeout, not a hang', async () => {
    proxy.partition({ hang: true });
    const started = Date.now();
    const res = await client.gql(FIR, { id: firId });
    expect(res.status, res.text).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.body.errors?.[0]?.extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(5_000);
    proxy.restore();
    await waitFor(async () => (await client.gql(FIR, { id: firId })).status === 200, { timeoutMs: 20_000, intervalMs: 100, message: 'recovery after the hanging server' });
  });
});

describe.each(['mysql', 'postgres'] as const)('%s silent mid-query: the statement timeout answers 503, the connection is dropped', (dialect) => {
  requireServices();
  let t: TestDb;
  let proxy: TcpProxy;
  let gateway: DatabaseHandle;
  let client: GqlClient;
  let firId: string;

  beforeAll(async () => {
    t = await createTestDb(dialect);
    firId = encodeGlobalId('Fir', (await stationWithFirs(t.db, ['GENERATED'])).firIds[0]!);
    const target = new URL(t.url!);
    proxy = await new TcpProxy(target.hostname, Number(target.port || (dialect === 'mysql' ? 3306 : 5432))).start();
    const viaProxy = new URL(t.url!);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    gateway = await connectDatabase(
      { kind: dialect, url: viaProxy.toString() },
      { DB_POOL_SIZE: 2, DB_CONNECT_RETRIES: 0, DB_CONNECT_TIMEOUT_MS: 1_000, DB_ACQUIRE_TIMEOUT_MS: 2_000, DB_STATEMENT_TIMEOUT_MS: 1_000 },
    );
    const app = createApp({ db: gateway.db, log: pino({ level: 'silent' }), auth: testAuth, limits: null });
    client = graphqlClient(app.fetch, 'http://localhost/graphql', { timeoutMs: 15_000 });
  });

  afterAll(async () => {
    await proxy?.stop();
    await gateway?.close();
    await t?.drop();
  });

  it('a request whose statement gets no answer is a 503 after the statement timeout, and later requests get the right data', async () => {
    // warm pool connections, then the route goes silent with them open
    expect((await client.gql(FIR, { id: firId })).status).toBe(200);
    proxy.freeze();
    for (let i = 0; i < 2; i++) {
      const started = Date.now();
      const res = await client.gql(FIR, { id: firId });
      expect(res.status, res.text).toBe(503);
      expect(res.body.errors?.[0]?.extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(res.headers.get('retry-after')).toBe('1');
      // the statement timeout (1 s) or the acquire/connect bound, never the client's 15 s
      expect(Date.now() - started).toBeLessThan(5_000);
    }
    // What was held back now arrives on connections the pool has closed: it must not be taken
    // as the answer to anything else.
    proxy.thaw();
    await waitFor(async () => (await client.gql(FIR, { id: firId })).status === 200, { timeoutMs: 20_000, intervalMs: 100, message: 'data again once the database answers' });
    for (let i = 0; i < 5; i++) {
      const res = await client.gql(FIR, { id: firId });
      expect(res.body.errors, res.text).toBeUndefined();
      expect(res.body.data.node).toEqual({ id: firId, status: 'GENERATED' });
    }
  });

  it('DDL is exempt from the statement timeout (a migration may run long)', async () => {
    const sleep = dialect === 'mysql' ? 'create table slow_ddl_probe as select sleep(1.5) as s' : 'create table slow_ddl_probe as select pg_sleep(1.5)::text as s';
    const { sql } = await import('kysely');
    await sql.raw(sleep).execute(gateway.db);
    await sql.raw('drop table slow_ddl_probe').execute(gateway.db);
    const slow = dialect === 'mysql' ? 'select sleep(1.5) as s' : 'select pg_sleep(1.5) as s';
    await expect(sql.raw(slow).execute(gateway.db)).rejects.toSatisfy((e: unknown) => isDatabaseUnavailable(e));
  });
});

describe('isDatabaseUnavailable', () => {
  const wrap = (e: unknown) => Object.assign(new Error('located'), { originalError: new Error('x', { cause: e }) });
  it.each([
    ['mysql2 refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED', errno: -111 })],
    ['mysql2 lost', Object.assign(new Error('Connection lost: The server closed the connection.'), { code: 'PROTOCOL_CONNECTION_LOST', fatal: true })],
    ['mysql2 shutdown', Object.assign(new Error('Server shutdown in progress'), { code: 'ER_SERVER_SHUTDOWN', errno: 1053 })],
    ['mysql2 too many', Object.assign(new Error('Too many connections'), { code: 'ER_CON_COUNT_ERROR', errno: 1040 })],
    ['mysql2 pool closed', new Error('Pool is closed.')],
    ['mysql2 connect timeout', Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' })],
    ['acquire timeout', Object.assign(new Error('no database connection within 5000 ms'), { code: 'POOL_ACQUIRE_TIMEOUT' })],
    ['pg admin shutdown', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['pg cannot connect now', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['pg connection exception', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['pg terminated', new Error('Connection terminated unexpectedly')],
    ['pg checkout timeout', new Error('timeout exceeded when trying to connect')],
    ['pg statement timeout', new Error('Query read timeout')],
    ['mysql2 statement timeout', Object.assign(new Error('Query inactivity timeout'), { code: 'PROTOCOL_SEQUENCE_TIMEOUT' })],
    ['node AggregateError', new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], '')],
  ])('%s', (_, e) => {
    expect(isDatabaseUnavailable(e)).toBe(true);
    expect(isDatabaseUnavailable(wrap(e))).toBe(true);
  });
  it.each([
    ['lock wait timeout', Object.assign(new Error('Lock wait timeout exceeded'), { code: 'ER_LOCK_WAIT_TIMEOUT', errno: 1205 })],
    ['deadlock', Object.assign(new Error('Deadlock found'), { code: 'ER_LOCK_DEADLOCK', errno: 1213 })],
    ['duplicate', Object.assign(new Error('Duplicate entry'), { code: 'ER_DUP_ENTRY', errno: 1062 })],
    ['pg unique', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['plain', new Error('boom')],
  ])('not: %s', (_, e) => {
    expect(isDatabaseUnavailable(e)).toBe(false);
    expect(isDatabaseUnavailable(wrap(e))).toBe(false);
  });
});
