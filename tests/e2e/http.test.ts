/**
 * The real server, started the way production starts it (`node src/main.ts` in a child process),
 * on embedded PGlite in a fresh DATA_DIR, spoken to with plain fetch over TCP: GraphQL over POST
 * and GET, GraphiQL, /health, /ready, /metrics, request ids, graceful SIGTERM, persistence across
 * restarts without seeding twice, refusal of a bad environment, and logs free of complainant data.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminHeaders } from '../helpers/auth.ts';
import { childEnv, freePort, gql, ProcessGroup, ServiceProcess, START_TIMEOUT_MS } from '../helpers/processes.ts';
import { withTimeout } from '../helpers/wait.ts';

/** Every process this file starts, so none outlives it whatever fails. */
const procs = new ProcessGroup();
afterAll(() => procs.stopAll(2000));

/** `node src/main.ts`, serving (GET /ready = 200). */
async function start(env: NodeJS.ProcessEnv): Promise<{ server: ServiceProcess; base: string }> {
  const server = await procs.gateway(env);
  return { server, base: server.base };
}

const FIRST_FIRS = `{
  firs(first: 5) {
    totalCount
    edges { node { id firNumber status summary narrative complainant { name fatherOrHusbandName address contact } complaint { text transcript } } }
  }
}`;

describe('the server process (embedded PGlite)', () => {
  let dataDir: string;
  let port: number;
  let current: ServiceProcess | undefined;
  /** what the first run served, compared after the restart */
  let firstRun: { firstId: string; totalCount: number; names: string[]; texts: string[] };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'afirgen-e2e-'));
    port = await freePort();
  });
  afterAll(async () => {
    if (current?.running) await current.stop(2000);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const env = (extra: Record<string, string> = {}) =>
    childEnv({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', NODE_ENV: 'development', ...extra });

  it(
    'starts on an empty DATA_DIR, migrates, seeds the demo data and serves',
    async () => {
      const { server, base } = await start(env());
      current = server;
      expect(base).toBe(`http://127.0.0.1:${port}`);
      expect(server.logLines.some((l) => l.msg === 'seeded demo data')).toBe(true);

      // POST /graphql
      const res = await gql(base, FIRST_FIRS);
      const body = res.body;
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id')).toMatch(/^[A-Za-z0-9._:-]{1,64}$/);
      expect(body.errors).toBeUndefined();
      expect(body.data.firs.totalCount).toBeGreaterThan(0);
      expect(body.data.firs.edges.length).toBeGreaterThan(0);
      const edges = body.data.firs.edges.map((e: any) => e.node);
      const names = edges.flatMap((n: any) => [n.complainant.name, n.complainant.fatherOrHusbandName]).filter((s: unknown) => typeof s === 'string' && s.length >= 6);
      const texts = edges
        .flatMap((n: any) => [n.complaint.text, n.complaint.transcript, n.summary, n.narrative, n.complainant.address, n.complainant.contact])
        .filter((s: unknown) => typeof s === 'string' && s.length >= 8);
      expect(names.length).toBeGreaterThan(0);
      expect(texts.length).toBeGreaterThan(0);
      firstRun = { firstId: edges[0].id, totalCount: body.data.firs.totalCount, names, texts };

      // the same FIR by id and by search on its own complainant name (data flows through variables)
      const again = await gql(base, 'query($id: ID!, $s: String) { node(id: $id) { id } firs(first: 1, filter: { search: $s }) { totalCount } }', {
        id: firstRun.firstId,
        s: names[0],
      });
      expect(again.body.errors).toBeUndefined();
      expect(again.body.data.node).toEqual({ id: firstRun.firstId });

      // GET /graphql?query=... (as ADMIN, with the CSRF header every GET needs)
      const get = await fetch(`${base}/graphql?query=${encodeURIComponent('{ firs(first: 1) { totalCount edges { node { id } } } }')}`, {
        headers: { accept: 'application/json', 'x-graphql-csrf': '1', ...(await adminHeaders()) },
      });
      expect(get.status).toBe(200);
      expect(get.headers.get('x-request-id')).toBeTruthy();
      const getBody = (await get.json()) as any;
      expect(getBody.errors).toBeUndefined();
      expect(getBody.data.firs.totalCount).toBe(firstRun.totalCount);
      expect(getBody.data.firs.edges[0].node.id).toBe(firstRun.firstId);

      // a client request id comes back
      const withId = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'e2e-abc-123', ...(await adminHeaders()) },
        body: JSON.stringify({ query: '{ node(id: "garbage") { id } }' }),
      });
      expect(withId.headers.get('x-request-id')).toBe('e2e-abc-123');
      const withIdBody = (await withId.json()) as any;
      expect(withIdBody.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', requestId: 'e2e-abc-123' });

      // GraphiQL for browsers
      const html = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
      expect(html.status).toBe(200);
      expect(html.headers.get('content-type')).toMatch(/text\/html/);
      const page = await html.text();
      expect(page).toMatch(/graphiql/i);
      expect(page).toContain('AFIRGen GraphQL');

      // ops endpoints
      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(200);
      expect(health.headers.get('x-request-id')).toBeTruthy();
      const ready = await fetch(`${base}/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready' });
      const metrics = await fetch(`${base}/metrics`);
      expect(metrics.status).toBe(200);
      expect(metrics.headers.get('content-type')).toMatch(/text\/plain/);
      const text = await metrics.text();
      expect(text).toContain('graphql_requests_total');
      expect(text).toContain('graphql_sql_statements_per_request');
      const ok = /graphql_requests_total\{[^}]*operation_type="query"[^}]*status="ok"[^}]*\} (\d+)/.exec(text);
      expect(ok, text.slice(0, 2000)).not.toBeNull();
      expect(Number(ok![1])).toBeGreaterThanOrEqual(3);
      expect(text).toMatch(/graphql_sql_statements_per_request_count \d+/);
      expect(Number(/graphql_sql_statements_per_request_count (\d+)/.exec(text)![1])).toBeGreaterThanOrEqual(3);

      // unknown paths are not 500s
      const missing = await fetch(`${base}/nope`);
      expect(missing.status).toBeLessThan(500);
    },
    START_TIMEOUT_MS + 60_000,
  );

  it('never logs complainant names or complaint text that the API returned', () => {
    expect(firstRun).toBeDefined();
    const logs = current!.stdout + current!.stderr;
    expect(logs.length).toBeGreaterThan(0);
    for (const s of [...firstRun.names, ...firstRun.texts]) {
      expect(logs.includes(s), `log output contains ${JSON.stringify(s.slice(0, 60))}`).toBe(false);
      // nor a recognisable part of it
      const part = s.slice(0, Math.min(24, s.length));
      expect(logs.includes(part), `log output contains ${JSON.stringify(part)}`).toBe(false);
    }
  });

  it('stops cleanly on SIGTERM with exit code 0 within a few seconds', async () => {
    // stop() sends SIGKILL once the 5 s budget is over: `signal: null` means it exited by itself within it
    const exit = await current!.stop(5_000);
    expect(exit.signal).toBeNull();
    expect(exit.code).toBe(0);
    expect(current!.logLines.some((l) => l.msg === 'shutting down' && l.signal === 'SIGTERM')).toBe(true);
    expect(current!.logLines.some((l) => l.msg === 'stopped')).toBe(true);
    // the port is free again
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });

  it(
    'restarts on the same DATA_DIR with the data persisted and not seeded twice (debug logs stay clean too)',
    async () => {
      expect(firstRun).toBeDefined();
      const { server, base } = await start(env({ LOG_LEVEL: 'debug' }));
      current = server;
      expect(server.logLines.some((l) => l.msg === 'seeded demo data')).toBe(false);
      const { body } = await gql(base, FIRST_FIRS);
      expect(body.errors).toBeUndefined();
      expect(body.data.firs.edges[0].node.id).toBe(firstRun.firstId);
      expect(body.data.firs.totalCount).toBe(firstRun.totalCount);
      const stations = await gql(base, '{ stations { totalCount } }');
      expect(stations.body.data.stations.totalCount).toBeGreaterThan(0);

      // a request that carries complainant data in variables and fails
      await gql(base, 'query($s: String, $n: Int) { firs(first: $n, filter: { search: $s }) { totalCount } }', { s: firstRun.names[0], n: 1000 });
      await gql(base, 'query($id: ID!) { node(id: $id) { id } }', { id: firstRun.names[0] });

      const exit = await server.stop(10_000);
      expect(exit.code).toBe(0);
      const logs = server.stdout + server.stderr;
      for (const s of [...firstRun.names, ...firstRun.texts]) {
        expect(logs.includes(s), `debug log output contains ${JSON.stringify(s.slice(0, 60))}`).toBe(false);
      }
    },
    START_TIMEOUT_MS + 30_000,
  );

  it(
    'does not serve GraphiQL in production',
    async () => {
      const { server, base } = await start(env({ NODE_ENV: 'production' }));
      current = server;
      // not for the anonymous, nor (GRAPHIQL unset) for ADMIN
      for (const headers of [{}, await adminHeaders()]) {
        const html = await fetch(`${base}/graphql`, { headers: { accept: 'text/html', ...headers } });
        expect(html.status).toBeLessThan(500);
        const page = await html.text();
        expect(page).not.toMatch(/graphiql/i);
      }
      const { body } = await gql(base, '{ firs(first: 1) { totalCount } }');
      expect(body.data.firs.totalCount).toBe(firstRun.totalCount);
      expect((await server.stop()).code).toBe(0);
    },
    START_TIMEOUT_MS + 30_000,
  );
});

describe('a bad environment', () => {
  it.for([
    ['PORT', 'abc'],
    ['DATABASE_URL', 'ftp://x'],
    ['LOG_LEVEL', 'loud'],
    ['SEED_DEMO', 'maybe'],
  ] as const)('%s=%s makes it exit non-zero with a message naming the variable', { timeout: 90_000 }, async ([variable, value]) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'afirgen-e2e-bad-'));
    try {
      const server = new ServiceProcess('gateway', `gateway (${variable}=${value})`, childEnv({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', [variable]: value }));
      procs.all.push(server);
      const exit = await withTimeout(server.exited, 60_000, 'the process to exit by itself');
      expect(exit.code).not.toBe(0);
      expect(exit.code).not.toBeNull();
      const out = server.stderr + server.stdout;
      expect(out).toContain(variable);
      // a clear message, not a stack trace
      expect(out).not.toMatch(/\n\s+at .+:\d+:\d+/);
      expect(server.logLines.some((l) => typeof l.msg === 'string' && /^serving /.test(l.msg))).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
