/**
 * Persisted operations against the real server (`node src/main.ts`, embedded PGlite, demo seed),
 * with real clients:
 *  - a plain fetch client sending only document ids from the committed manifest, over POST and GET
 *    (GET of a public query: Cache-Control public + ETag, then 304);
 *  - Apollo Client with its persisted-queries link (APQ, GET for hashed queries): the first request
 *    misses and registers, later ones hit (through a second gateway sharing Redis:
 *    persisted.services.test.ts);
 *  - SSE (graphql-sse) and graphql-ws subscribing to generationProgress by document id;
 *  - rejections: unknown id, wrong hash, oversized query, arbitrary query from a persisted-only
 *    client, mutation over GET, malformed id: each a coded error, none a 500;
 *  - manifests added to the directory at run time (a half-written one is ignored until complete);
 *  - metrics per client, and logs that name document ids but hold no variable values.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gql as apolloGql } from '@apollo/client';
import { createClient as createSseClient } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminHeaders } from '../helpers/auth.ts';
import { apollo, expectCoded, get, ids, MANIFEST_PATH, manifest, post, sha256 } from '../helpers/persisted.ts';
import { ProcessGroup, type ServiceProcess, START_TIMEOUT_MS, track, wsClient } from '../helpers/processes.ts';
import { waitFor } from '../helpers/wait.ts';

const MAX_QUERY_BYTES = 2048;
const SECRET = `persisted-secret-${randomBytes(6).toString('hex')}`;

// Not in any manifest: only APQ can know it.
const APOLLO_QUERY = apolloGql`
  query ApqLegalSections($search: String) {
    legalSections(search: $search, first: 3) {
      totalCount
      edges { node { id act number title } }
    }
  }
`;

describe('persisted operations (real server)', () => {
  const procs = new ProcessGroup();
  let gw: ServiceProcess;
  let dir: string;
  let stationId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'afirgen-manifests-'));
    copyFileSync(MANIFEST_PATH, join(dir, 'persisted-documents.json'));
    const env: Record<string, string> = {
      DATA_DIR: 'memory://',
      SEED_DEMO: 'true',
      LOG_LEVEL: 'debug',
      PERSISTED_DOCUMENTS_DIR: dir,
      PERSISTED_DOCUMENTS_POLL_MS: '200',
      PERSISTED_ONLY_CLIENTS: 'afirgen-mobile, afirgen-kiosk',
      APQ_MAX_QUERY_BYTES: String(MAX_QUERY_BYTES),
      APQ_NAMESPACE: `apqtest:${randomBytes(5).toString('hex')}`,
      JOB_POLL_SECONDS: '0.5',
    };
    gw = await procs.gateway(env, 'gateway', START_TIMEOUT_MS);
    const r = await post(gw.base, { documentId: ids.FirList, variables: { first: 1 } });
    stationId = r.body.data.firs.edges[0].node.station.id;
  }, START_TIMEOUT_MS + 30_000);

  afterAll(async () => {
    await procs.stopAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the committed manifest covers the operations clients use', () => {
    for (const name of ['FirList', 'FirDetail', 'StationDashboard', 'LegalSectionSearch', 'SubmitComplaint', 'UpdateFir', 'RegisterFir', 'RejectFir', 'BulkUpdateFirStatus', 'GenerationProgress']) {
      expect(ids[name], name).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
  });

  describe('plain fetch client, document ids only', () => {
    it('FirList with filters and paging by id over POST and GET: same data as the full text', async () => {
      const variables = { filter: { statuses: ['GENERATED', 'REGISTERED', 'UNDER_REVIEW', 'DRAFT'] }, orderBy: { field: 'CREATED_AT', direction: 'DESC' }, first: 5 };
      const byText = await post(gw.base, { query: manifest[ids.FirList!], variables });
      expect(byText.body.errors).toBeUndefined();
      const byPost = await post(gw.base, { documentId: ids.FirList, variables });
      const byGet = await get(gw.base, { documentId: ids.FirList!, variables });
      expect(byPost.status).toBe(200);
      expect(byGet.status).toBe(200);
      expect(byPost.body.data).toEqual(byText.body.data);
      expect(byGet.body.data).toEqual(byText.body.data);
      expect(byPost.body.data.firs.edges.length).toBeGreaterThan(0);
      const page2 = await get(gw.base, { documentId: ids.FirList!, variables: { ...variables, after: byPost.body.data.firs.pageInfo.endCursor } });
      expect(page2.body.errors).toBeUndefined();
      expect(page2.body.data.firs.edges[0]?.node.id).not.toBe(byPost.body.data.firs.edges[0].node.id);
    });

    it('FirDetail and StationDashboard by id', async () => {
      const list = await post(gw.base, { documentId: ids.FirList, variables: { first: 1 } });
      const firId = list.body.data.firs.edges[0].node.id;
      const detail = await get(gw.base, { documentId: ids.FirDetail!, variables: { id: firId } });
      expect(detail.body.errors).toBeUndefined();
      expect(detail.body.data.node).toMatchObject({ __typename: 'Fir', id: firId });
      const dash = await post(gw.base, { documentId: ids.StationDashboard, variables: { id: stationId, first: 3 } });
      expect(dash.body.errors).toBeUndefined();
      expect(dash.body.data.node.id).toBe(stationId);
      expect(Array.isArray(dash.body.data.firStats)).toBe(true);
    });

    it('GET of a public persisted query is CDN-cacheable: Cache-Control public, ETag, then 304', async () => {
      const params = { documentId: ids.LegalSectionSearch!, variables: { search: 'theft', first: 2 } };
      const first = await get(gw.base, params);
      expect(first.status).toBe(200);
      expect(first.body.data.legalSections.edges.length).toBeGreaterThan(0);
      const second = await get(gw.base, params);
      expect(second.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
      const etag = second.headers.get('etag');
      expect(etag).toMatch(/^W\/".+"$/);
      const revalidated = await get(gw.base, params, { 'if-none-match': etag! });
      expect(revalidated.status).toBe(304);
    });

    it('an id sent as the APQ extension finds a manifest document too', async () => {
      const hash = ids.LegalSectionSearch!.slice(7);
      const r = await get(gw.base, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } }, variables: { search: 'murder', first: 1 } });
      expect(r.status).toBe(200);
      expect(r.body.data.legalSections.edges).toHaveLength(1);
    });
  });

  describe('subscriptions by document id', () => {
    async function submit(): Promise<{ jobId: string; firId: string }> {
      const r = await post(gw.base, {
        documentId: ids.SubmitComplaint,
        variables: { input: { stationId, language: 'en', text: `My bicycle was stolen near the market on Monday evening. ${SECRET}` } },
      });
      expect(r.body.errors, JSON.stringify(r.body)).toBeUndefined();
      return { jobId: r.body.data.submitComplaint.job.id, firId: r.body.data.submitComplaint.fir.id };
    }

    it('SSE (graphql-sse through Yoga): GenerationProgress by id streams the job to its final event', async () => {
      const job = await submit();
      const client = createSseClient({ url: `${gw.base}/graphql`, retryAttempts: 0, headers: adminHeaders });
      try {
        const t = track(
          { subscribe: (_payload, sink) => client.subscribe({ query: '', documentId: ids.GenerationProgress, variables: { jobId: job.jobId, after: 0 } } as any, sink) },
          '',
        );
        expect(await t.waitEnd(120_000, 'SSE generationProgress')).toBe('complete');
        expect(t.results.every((r) => !r.errors)).toBe(true);
        const events = t.results.map((r) => r.data.generationProgress);
        expect(events.at(-1).status).toBe('SUCCEEDED');
        expect(events.at(-1).fir.id).toBe(job.firId);
      } finally {
        client.dispose();
      }
    });

    it('graphql-ws: GenerationProgress by id (query "" + documentId, and the APQ extension)', async () => {
      const job = await submit();
      const client = wsClient(gw.base);
      try {
        const byId = track(
          { subscribe: (_p, sink) => client.subscribe({ query: '', documentId: ids.GenerationProgress, variables: { jobId: job.jobId, after: 0 } } as any, sink) },
          '',
        );
        const byHash = track(
          {
            subscribe: (_p, sink) =>
              client.subscribe({ query: '', extensions: { persistedQuery: { version: 1, sha256Hash: ids.GenerationProgress!.slice(7) } }, variables: { jobId: job.jobId, after: 0 } }, sink),
          },
          '',
        );
        expect(await byId.waitEnd(120_000, 'ws generationProgress by documentId')).toBe('complete');
        expect(await byHash.waitEnd(120_000, 'ws generationProgress by APQ hash')).toBe('complete');
        for (const t of [byId, byHash]) {
          const events = t.results.map((r) => r.data.generationProgress);
          expect(events.at(-1).status).toBe('SUCCEEDED');
          expect(events.at(-1).fir.id).toBe(job.firId);
        }
        const unknown = track({ subscribe: (_p, sink) => client.subscribe({ query: '', documentId: `sha256:${'0'.repeat(64)}` } as any, sink) }, '');
        expect(await unknown.waitEnd(30_000, 'unknown id over ws')).toBe('error');
        expect((unknown.error as any[])[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      } finally {
        await client.dispose();
      }
    });
  });

  describe('Apollo Client with the persisted-queries link (APQ, GET for hashed queries)', () => {
    it('first request misses and registers; later ones hit by GET', async () => {
      const { client, sent } = apollo(gw.base);
      const first = await client.query<any>({ query: APOLLO_QUERY, variables: { search: 'theft' }, fetchPolicy: 'network-only' });
      expect(first.data?.legalSections.edges.length).toBeGreaterThan(0);
      // GET with the hash only -> PERSISTED_QUERY_NOT_FOUND (404), then POST with the query -> registered
      expect(sent).toEqual([
        { method: 'GET', hasQuery: false, status: 404 },
        { method: 'POST', hasQuery: true, status: 200 },
      ]);
      sent.length = 0;
      const again = await client.query<any>({ query: APOLLO_QUERY, variables: { search: 'robbery' }, fetchPolicy: 'network-only' });
      expect(again.data?.legalSections).toBeDefined();
      expect(sent).toEqual([{ method: 'GET', hasQuery: false, status: 200 }]);
      // a fresh client (another browser) hits at once
      const other = apollo(gw.base);
      await other.client.query<any>({ query: APOLLO_QUERY, variables: { search: 'theft' }, fetchPolicy: 'network-only' });
      expect(other.sent).toEqual([{ method: 'GET', hasQuery: false, status: 200 }]);
    });
  });

  describe('rejections: coded errors, never a 500', () => {
    it('unknown document id (POST and GET) -> 404 PERSISTED_QUERY_NOT_FOUND, not cacheable', async () => {
      const id = `sha256:${sha256(`nothing-${randomBytes(4).toString('hex')}`)}`;
      expectCoded(await post(gw.base, { documentId: id }), 404, 'PERSISTED_QUERY_NOT_FOUND');
      const r = await get(gw.base, { documentId: id });
      expectCoded(r, 404, 'PERSISTED_QUERY_NOT_FOUND');
      expect(r.headers.get('cache-control')).toBe('no-store');
    });

    it('a malformed documentId -> 400 BAD_USER_INPUT', async () => {
      expectCoded(await post(gw.base, { documentId: 'md5:1234' }), 400, 'BAD_USER_INPUT');
    });

    it('APQ with a hash that is not the sha256 of the query -> 400 BAD_USER_INPUT, nothing registered', async () => {
      const query = '{ legalSections(first: 1) { totalCount } }';
      const wrong = sha256(`${query} `);
      expectCoded(await post(gw.base, { query, extensions: { persistedQuery: { version: 1, sha256Hash: wrong } } }), 400, 'BAD_USER_INPUT');
      expectCoded(await post(gw.base, { extensions: { persistedQuery: { version: 1, sha256Hash: wrong } } }), 404, 'PERSISTED_QUERY_NOT_FOUND');
    });

    it(`APQ registration of a query over ${MAX_QUERY_BYTES} bytes -> 413 BAD_USER_INPUT naming the limit`, async () => {
      const query = `query Big { ${Array.from({ length: 200 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
      expect(Buffer.byteLength(query)).toBeGreaterThan(MAX_QUERY_BYTES);
      const r = await post(gw.base, { query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } });
      expectCoded(r, 413, 'BAD_USER_INPUT');
      expect(r.body.errors![0]!.extensions.limit).toBe(MAX_QUERY_BYTES);
      expectCoded(await post(gw.base, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } }), 404, 'PERSISTED_QUERY_NOT_FOUND');
    });

    it('a persisted-only client: arbitrary text and APQ registration -> PERSISTED_QUERY_ONLY; manifest ids work', async () => {
      const mobile = { 'apollographql-client-name': 'afirgen-mobile' };
      const query = '{ legalSections(first: 1) { totalCount } }';
      expectCoded(await post(gw.base, { query }, mobile), 400, 'PERSISTED_QUERY_ONLY');
      expectCoded(await get(gw.base, { query }, mobile), 400, 'PERSISTED_QUERY_ONLY');
      expectCoded(await post(gw.base, { query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } }, mobile), 400, 'PERSISTED_QUERY_ONLY');
      // registered by a web client: still not for the mobile client (only manifests are trusted)
      await post(gw.base, { query, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } });
      expectCoded(await post(gw.base, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } }, mobile), 404, 'PERSISTED_QUERY_NOT_FOUND');
      const ok = await post(gw.base, { documentId: ids.LegalSectionSearch, variables: { first: 1 } }, mobile);
      expect(ok.status).toBe(200);
      expect(ok.body.data.legalSections.edges).toHaveLength(1);
      // the exact text of a manifest document is that document
      const asText = await post(gw.base, { query: manifest[ids.LegalSectionSearch!], variables: { first: 1 } }, { 'apollographql-client-name': 'afirgen-kiosk' });
      expect(asText.body.errors).toBeUndefined();
      // other clients are not persisted-only
      expect((await post(gw.base, { query })).body.errors).toBeUndefined();
      // ... and what they read is now cached: the persisted-only client still meets its refusal,
      // not the cached answer (cache hits are answered before Yoga, src/graphql/http-fast-path.ts)
      expect((await post(gw.base, { query })).body.errors).toBeUndefined();
      expectCoded(await post(gw.base, { query }, mobile), 400, 'PERSISTED_QUERY_ONLY');
    });

    it('a mutation over GET (by id, by APQ hash, as text) -> 405 BAD_USER_INPUT with Allow: POST', async () => {
      for (const params of [
        { documentId: ids.RegisterFir!, variables: { id: 'RmlyOjE' } },
        { extensions: { persistedQuery: { version: 1, sha256Hash: ids.RejectFir!.slice(7) } }, variables: { id: 'RmlyOjE', reason: 'x' } },
        { query: manifest[ids.RegisterFir!]!, variables: { id: 'RmlyOjE' } },
      ]) {
        const r = await get(gw.base, params);
        expectCoded(r, 405, 'BAD_USER_INPUT');
        expect(r.headers.get('allow')).toBe('POST');
      }
    });
  });

  it('a manifest dropped into the directory is served without a restart; a half-written one waits until complete', async () => {
    const text = 'query HotReloaded { legalSections(first: 1) { totalCount } }';
    const id = `sha256:${sha256(text)}`;
    const json = JSON.stringify({ [id]: text });
    const file = join(dir, 'release-2.json');
    expectCoded(await post(gw.base, { documentId: id }), 404, 'PERSISTED_QUERY_NOT_FOUND');
    writeFileSync(file, json.slice(0, json.length / 2));
    // the registry has read the half-written file (and refused it)
    await gw.waitForLog((l) => l.msg === 'persisted documents: manifest not loaded' && l.file === 'release-2.json', 10_000, 'the half-written manifest to be read and refused');
    expectCoded(await post(gw.base, { documentId: id }), 404, 'PERSISTED_QUERY_NOT_FOUND');
    expect((await post(gw.base, { documentId: ids.FirList, variables: { first: 1 } })).status).toBe(200);
    writeFileSync(file, json);
    await waitFor(async () => (await post(gw.base, { documentId: id })).status === 200, { timeoutMs: 10_000, intervalMs: 100, message: 'the new manifest' });
    const r = await post(gw.base, { documentId: id, variables: {} }, { 'apollographql-client-name': 'afirgen-mobile' });
    expect(r.body.data.legalSections.totalCount).toBeGreaterThan(0);
    unlinkSync(file);
    await waitFor(async () => (await post(gw.base, { documentId: id })).status === 404, { timeoutMs: 10_000, intervalMs: 100, message: 'the removed manifest to retire' });
  });

  it('metrics count hits, misses and rejections per client; logs name document ids, never variables', async () => {
    const metrics = await (await fetch(`${gw.base}/metrics`)).text();
    const line = (labels: string) => metrics.split('\n').find((l) => l.startsWith('graphql_persisted_operations_total{') && l.includes(labels));
    expect(line('client="afirgen-mobile",outcome="rejected"')).toBeDefined();
    expect(line('client="afirgen-mobile",outcome="hit",source="manifest"')).toBeDefined();
    expect(line('client="afirgen-web",outcome="miss",source="apq"')).toBeDefined();
    expect(line('client="afirgen-web",outcome="registered",source="apq"')).toBeDefined();
    expect(line('client="afirgen-web",outcome="hit",source="apq"')).toBeDefined();
    expect(line('client="unknown",outcome="hit",source="manifest"')).toBeDefined();
    const logged = gw.logLines.filter((l) => l.msg === 'persisted operation');
    expect(logged.some((l) => l.documentId === ids.SubmitComplaint && l.outcome === 'hit')).toBe(true);
    expect(gw.output).not.toContain(SECRET);
    expect(gw.output).not.toContain('"variables"');
    expect(gw.output).not.toMatch(/"level":50/); // no unexpected errors
  });
});
