/**
 * Response cache and HTTP caching through the real Yoga app, on the in-process store and on Redis
 * (TEST_REDIS_URL; see storeKinds): hits skip the database and return the same bytes, ETag/304, Cache-Control,
 * Vary, per-scope entries (src/auth/viewer.ts scopeKey) for everything but public reference data, errors never stored, mutations and list membership
 * invalidating, and compression by Accept-Encoding with q-values.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpHandler } from '../../src/app.ts';
import type { ResponseStore } from '../../src/cache/response-store.ts';
import { firChangeTags } from '../../src/cache/invalidation.ts';
import type { DB } from '../../src/db/types.ts';
import { encodeGlobalId } from '../../src/global-id.ts';
import { adminHeaders, tokenFor } from '../helpers/auth.ts';
import { answerStatements, cachedApp, entry, makeStore, memoryStore, storeKinds } from '../helpers/cache.ts';
import { createTestDb, dialects, type TestDb } from '../helpers/db.ts';
import { addOfficer, stationWithFirs } from '../helpers/fixtures.ts';

const fid = (id: number) => encodeGlobalId('Fir', id);
const stid = (id: number) => encodeGlobalId('PoliceStation', id);

const LIST = `query List($stations: [ID!], $statuses: [FirStatus!]) {
  firs(first: 50, filter: { stationIds: $stations, statuses: $statuses }) { edges { node { id status summary version station { id name } } } }
}`;
const PUBLIC_FIR = `query Fir($id: ID!) { node(id: $id) { ... on Fir { id status summary version } } }`;
const PRIVATE_FIR = `query FirPrivate($id: ID!) { node(id: $id) { ... on Fir { id complainant { name contact } } } }`;
const STATS = `query Stats($stations: [ID!]) { firStats(groupBy: STATUS, filter: { stationIds: $stations }) { key count } }`;
const UPDATE = `mutation($input: UpdateFirInput!) { updateFir(input: $input) { id summary version } }`;
const REGISTER = `mutation($id: ID!) { registerFir(id: $id) { id status firNumber version } }`;
/** only public reference data (PUBLIC_ROOT_FIELDS): one entry for every viewer */
const LEGAL = `query Legal($q: String) { legalSections(first: 3, search: $q) { totalCount edges { node { id number title } } } }`;

describe.each(dialects)('response cache (%s)', (dialect) => {
  let t: TestDb;
  let db: Kysely<DB>;
  beforeAll(async () => {
    t = await createTestDb(dialect);
    db = t.db;
  });
  afterAll(async () => {
    await t?.drop();
  });

  describe.each(storeKinds)('store: %s', (kind) => {
    let store: ResponseStore;
    let api: ReturnType<typeof cachedApp>;
    beforeAll(() => {
      store = makeStore(kind);
      api = cachedApp(t, store);
    });
    afterAll(async () => {
      await store.close();
    });

    it('serves a repeated query from the cache: same bytes, no SQL, ETag and Cache-Control', async () => {
      const s = await stationWithFirs(db, ['GENERATED', 'UNDER_REVIEW']);
      const vars = { stations: [stid(s.stationId)] };
      t.queries.length = 0;
      const first = await api.post(LIST, vars);
      expect(first.json.errors).toBeUndefined();
      expect(t.queries.length).toBeGreaterThan(0);
      // Since issue 13 only documents of public reference data (legalSections…) are public; a FIR
      // list is what the viewer's scope may see, so it is cached for that scope and marked private.
      expect(first.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^W\/".+"$/);
      t.queries.length = 0;
      const second = await api.post(LIST, vars);
      expect(t.queries).toEqual([]);
      expect(second.text).toBe(first.text);
      expect(second.headers.get('etag')).toBe(etag);
      // A conditional request with the tag gets 304 and no body.
      const conditional = await api.post(LIST, vars, { 'if-none-match': etag! });
      expect(conditional.status).toBe(304);
      expect(conditional.text).toBe('');
      expect(conditional.headers.get('etag')).toBe(etag);
      const other = await api.post(LIST, vars, { 'if-none-match': 'W/"something-else"' });
      expect(other.status).toBe(200);
      expect(other.text).toBe(first.text);
    });

    // Issue 13 changed the contract from per credential to per viewer scope (src/auth/viewer.ts
    // scopeKey): viewers who see the same data (officers of one station) share entries by design,
    // viewers of different scopes (that station's officer, ADMIN) never do; documents of public
    // reference data only are one entry for everybody, the anonymous included.
    it('caches documents per viewer scope, marks them private, and shares public reference data', async () => {
      const s = await stationWithFirs(db, ['GENERATED']);
      const vars = { id: fid(s.firIds[0]!) };
      const officer = await addOfficer(db, s.stationId, 'OFFICER');
      const sho = await addOfficer(db, s.stationId, 'STATION_HOUSE_OFFICER');
      const a = { authorization: `Bearer ${await tokenFor('OFFICER', officer)}` };
      const a2 = { authorization: `Bearer ${await tokenFor('STATION_HOUSE_OFFICER', sho)}` }; // same scope as a: station:<id>
      const b = await adminHeaders(); // scope admin
      t.queries.length = 0;
      const first = await api.post(PRIVATE_FIR, vars, a);
      expect(first.json.data.node.complainant).toEqual({ name: 'Asha Kulkarni', contact: '+91 98220 12345' });
      expect(first.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
      expect(first.headers.get('vary')).toMatch(/Authorization/);
      t.queries.length = 0;
      await api.post(PRIVATE_FIR, vars, a);
      expect(answerStatements(t.queries)).toEqual([]); // A's second read: a hit
      t.queries.length = 0;
      const shared = await api.post(PRIVATE_FIR, vars, a2);
      expect(answerStatements(t.queries)).toEqual([]); // another officer of the station: the same scope's entry
      expect(shared.text).toBe(first.text);
      t.queries.length = 0;
      await api.post(PRIVATE_FIR, vars, b);
      expect(answerStatements(t.queries).length).toBeGreaterThan(0); // ADMIN never gets the station's entry
      t.queries.length = 0;
      await api.post(PUBLIC_FIR, vars, a);
      expect(answerStatements(t.queries).length).toBeGreaterThan(0);
      t.queries.length = 0;
      await api.post(PUBLIC_FIR, vars, b); // a FIR without private fields is still per scope
      expect(answerStatements(t.queries).length).toBeGreaterThan(0);
      // Public reference data: one entry for every scope, marked public.
      const legalVars = { q: `theft ${s.code}` };
      t.queries.length = 0;
      const legal = await api.post(LEGAL, legalVars, a);
      expect(legal.json.errors).toBeUndefined();
      expect(t.queries.length).toBeGreaterThan(0);
      expect(legal.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
      for (const viewer of [b, a2, { authorization: '' }]) {
        t.queries.length = 0;
        const again = await api.post(LEGAL, legalVars, viewer);
        expect(answerStatements(t.queries)).toEqual([]);
        expect(again.text).toBe(legal.text);
      }
    });

    it('never stores errors or partial results, and says no-store', async () => {
      const s = await stationWithFirs(db, ['GENERATED']);
      const q = `query($id: ID!) { ok: node(id: $id) { id } bad: node(id: "not-a-global-id") { id } }`;
      for (let i = 0; i < 2; i++) {
        t.queries.length = 0;
        const res = await api.post(q, { id: fid(s.firIds[0]!) });
        expect(res.json.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(res.json.data.ok.id).toBe(fid(s.firIds[0]!));
        expect(t.queries.length).toBeGreaterThan(0);
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(res.headers.get('etag')).toBeNull();
      }
    });

    it('a mutation invalidates the entities it changed before it answers', async () => {
      const s = await stationWithFirs(db, ['GENERATED']);
      const vars = { id: fid(s.firIds[0]!) };
      const before = await api.post(PUBLIC_FIR, vars);
      expect(before.json.data.node.summary).toBe('initial');
      await api.post(PUBLIC_FIR, vars); // cached now
      const upd = await api.post(UPDATE, { input: { id: fid(s.firIds[0]!), expectedVersion: 1, summary: 'edited' } });
      expect(upd.json.errors).toBeUndefined();
      expect(upd.headers.get('cache-control')).toBe('no-store');
      const after = await api.post(PUBLIC_FIR, vars);
      expect(after.json.data.node).toMatchObject({ summary: 'edited', version: 2 });
    });

    it('a FIR entering a filtered list or a count invalidates them (it was not in the cached answer)', async () => {
      const s = await stationWithFirs(db, ['UNDER_REVIEW', 'REGISTERED']);
      const other = await stationWithFirs(db, ['GENERATED']);
      const vars = { stations: [stid(s.stationId)], statuses: ['REGISTERED'] };
      const otherVars = { stations: [stid(other.stationId)] };
      const list = await api.post(LIST, vars);
      expect(list.json.data.firs.edges).toHaveLength(1);
      const stats = await api.post(STATS, { stations: [stid(s.stationId)] });
      const otherList = await api.post(LIST, otherVars);
      t.queries.length = 0;
      await api.post(LIST, vars);
      await api.post(STATS, { stations: [stid(s.stationId)] });
      expect(t.queries).toEqual([]);
      const reg = await api.post(REGISTER, { id: fid(s.firIds[0]!) });
      expect(reg.json.errors).toBeUndefined();
      const listAfter = await api.post(LIST, vars);
      expect(listAfter.json.data.firs.edges.map((e: any) => e.node.id).sort()).toEqual([fid(s.firIds[0]!), fid(s.firIds[1]!)].sort());
      const statsAfter = await api.post(STATS, { stations: [stid(s.stationId)] });
      expect(statsAfter.text).not.toBe(stats.text);
      // Another station's list is untouched by this station's change.
      t.queries.length = 0;
      const otherAgain = await api.post(LIST, otherVars);
      expect(t.queries).toEqual([]);
      expect(otherAgain.text).toBe(otherList.text);
    });

    it('a FIR change reported outside a mutation (job pipeline) invalidates its cached answers', async () => {
      const s = await stationWithFirs(db, ['GENERATED']);
      const id = s.firIds[0]!;
      const vars = { id: fid(id) };
      await api.post(PUBLIC_FIR, vars);
      t.queries.length = 0;
      await api.post(PUBLIC_FIR, vars);
      expect(t.queries).toEqual([]);
      // What the pipeline does at ASSEMBLE/DONE: write the FIR, then report the change.
      await db.updateTable('fir').set({ summary: 'drafted by the job' }).where('id', '=', id).execute();
      await store.invalidate(firChangeTags([{ id, stationId: s.stationId, statusBefore: 'GENERATING', statusAfter: 'GENERATED' }]));
      expect((await api.post(PUBLIC_FIR, vars)).json.data.node.summary).toBe('drafted by the job');
    });

    it('a FIR number looked up before it exists is found once registered', async () => {
      const s = await stationWithFirs(db, ['UNDER_REVIEW']);
      const year = new Date().getFullYear();
      const q = `query($n: String!) { firByNumber(number: $n) { id } }`;
      const n = `${s.code}-${year}-00001`;
      expect((await api.post(q, { n })).json.data.firByNumber).toBeNull();
      expect((await api.post(q, { n })).json.data.firByNumber).toBeNull();
      const reg = await api.post(REGISTER, { id: fid(s.firIds[0]!) });
      expect(reg.json.data.registerFir.firNumber).toBe(n);
      expect((await api.post(q, { n })).json.data.firByNumber).toEqual({ id: fid(s.firIds[0]!) });
    });
  });

  it('legal knowledge-base lookups are kept across requests (no response cache involved)', async () => {
    const api = cachedApp(t, null);
    const ops: Array<[string, Record<string, unknown>?]> = [
      [`{ legalSectionsForIpc(ipcSection: "IPC 379") { id number title ipcEquivalents } }`],
      [`{ legalSections(first: 3, search: "theft") { totalCount edges { node { id number title } } } }`],
    ];
    const first = await api.post(ops[0]![0]);
    const section = first.json.data.legalSectionsForIpc[0];
    expect(section.number).toBe('303(2)');
    expect(section.ipcEquivalents).toContain('379');
    ops.push([`query($id: ID!) { node(id: $id) { ... on LegalSection { id number punishment } } }`, { id: section.id }]);
    for (const [q, v] of ops) {
      const a = await api.post(q, v);
      t.queries.length = 0;
      const b = await api.post(q, v);
      expect(t.queries, q).toEqual([]);
      expect(b.json, q).toEqual(a.json);
      expect(b.json.errors).toBeUndefined();
    }
  });

  describe('compression', () => {
    let api: ReturnType<typeof cachedApp>;
    let big: string;
    beforeAll(async () => {
      api = cachedApp(t, null);
      const s = await stationWithFirs(db, Array.from({ length: 30 }, () => 'GENERATED'));
      big = JSON.stringify({ stations: [stid(s.stationId)] });
    });
    const vars = () => JSON.parse(big);

    it.each([
      ['gzip', 'gzip'],
      ['br', 'br'],
      ['gzip, br', 'br'],
      ['br;q=0.5, gzip', 'gzip'],
      ['gzip;q=0, br;q=0', null],
      ['identity', null],
      ['*', 'br'],
    ])('Accept-Encoding %s -> %s', async (accept, expected) => {
      const plain = await api.post(LIST, vars());
      expect(plain.text.length).toBeGreaterThan(1024);
      const res = await api.app.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'accept-encoding': accept, ...(await adminHeaders()) },
        body: JSON.stringify({ query: LIST, variables: vars() }),
      });
      expect(res.headers.get('content-encoding')).toBe(expected);
      expect(res.headers.get('vary')).toMatch(/Accept-Encoding/);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const raw = Buffer.from(await res.arrayBuffer());
      const text = expected === 'gzip' ? gunzipSync(raw).toString() : expected === 'br' ? brotliDecompressSync(raw).toString() : raw.toString();
      expect(JSON.parse(text)).toEqual(plain.json);
      if (expected) expect(raw.length).toBeLessThan(plain.text.length);
    });

    it('leaves bodies under 1 KB uncompressed', async () => {
      const res = await api.app.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip, br', ...(await adminHeaders()) },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(res.headers.get('content-encoding')).toBeNull();
      expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
    });
  });
});

describe.each(storeKinds)('response store semantics (%s)', (kind) => {
  let store: ResponseStore;
  beforeAll(() => {
    store = makeStore(kind);
  });
  afterAll(async () => {
    await store.close();
  });

  it('drops the write of a read that began before an invalidation (no stale write-back)', async () => {
    const seen = await store.lookup('k1');
    expect(seen.entry).toBeNull();
    await store.invalidate(['Fir:1']); // a mutation commits while the read is executing
    expect(await store.store('k1', entry('old'), ['Fir:1'], 60_000, seen.epoch)).toBe(false);
    expect((await store.lookup('k1')).entry).toBeNull();
    const again = await store.lookup('k1');
    expect(await store.store('k1', entry('new'), ['Fir:1'], 60_000, again.epoch)).toBe(true);
    expect((await store.lookup('k1')).entry?.body).toBe('new');
  });

  it('keeps the write of a read when only unrelated tags were invalidated meanwhile', async () => {
    const seen = await store.lookup('k3');
    await store.invalidate(['Fir:99', 'FirList:77']);
    expect(await store.store('k3', entry('three'), ['Fir:3', 'FirList:3'], 60_000, seen.epoch)).toBe(true);
    expect((await store.lookup('k3')).entry?.body).toBe('three');
  });

  it('invalidating any tag of an entry removes it; other tags leave it', async () => {
    const a = await store.lookup('k2');
    await store.store('k2', entry('two'), ['Fir:2', 'FirList:9'], 60_000, a.epoch);
    await store.invalidate(['Fir:3', 'FirList:8']);
    expect((await store.lookup('k2')).entry?.body).toBe('two');
    await store.invalidate(['FirList:9']);
    expect((await store.lookup('k2')).entry).toBeNull();
  });
});

describe('HTTP fast path: cache hits answered before Yoga, over a real socket', () => {
  let t: TestDb;
  let store: ResponseStore;
  let server: Server;
  let url: string;
  let firId: number;
  let stationId: number;
  beforeAll(async () => {
    t = await createTestDb('pglite');
    store = memoryStore();
    const { app } = cachedApp(t, store);
    server = createServer(createHttpHandler(app));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const s = await stationWithFirs(t.db, Array.from({ length: 30 }, () => 'GENERATED'));
    firId = s.firIds[0]!;
    stationId = s.stationId;
  });
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await store?.close();
    await t?.drop();
  });

  // As ADMIN, like every request of these tests (the fast path admits like Yoga: src/graphql/admission.ts).
  const post = async (body: unknown, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(await adminHeaders()), ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const HEADERS = ['content-type', 'cache-control', 'etag', 'vary', 'content-encoding'];
  // max-age counts down: the same second or the next
  const headersOf = (res: Response) =>
    Object.fromEntries(HEADERS.map((h) => [h, h === 'cache-control' ? res.headers.get(h)?.replace(/\d+$/, (n) => String(Math.ceil(Number(n) / 10))) : res.headers.get(h)]));

  it.each([
    ['application/json'],
    ['application/graphql-response+json'],
    ['application/graphql-response+json, application/json'],
    ['*/*'],
  ])('a hit (Accept: %s) has the body and headers of the answer Yoga gave', async (accept) => {
    const body = { query: LIST, variables: { stations: [stid(stationId)], statuses: null, nonce: accept } };
    const first = await post(body, { accept, 'accept-encoding': 'identity' });
    const firstText = await first.text();
    t.queries.length = 0;
    const hit = await post(body, { accept, 'accept-encoding': 'identity', 'x-request-id': 'fast-1' });
    expect(t.queries).toEqual([]); // answered without the database (and without Yoga)
    expect(await hit.text()).toBe(firstText);
    expect(headersOf(hit)).toEqual(headersOf(first));
    expect(hit.headers.get('x-request-id')).toBe('fast-1');
  });

  it.each([['text/event-stream'], ['multipart/mixed'], ['application/xml']])(
    'leaves Accept: %s to Yoga (SSE, multipart, 406), even for a cached document',
    async (accept) => {
      const body = { query: LIST, variables: { stations: [stid(stationId)], statuses: null, nonce: `other:${accept}` } };
      await post(body); // cached as JSON
      const yoga = await post(body, { accept });
      const again = await post(body, { accept });
      expect(again.status).toBe(yoga.status);
      expect(again.headers.get('content-type')).toBe(yoga.headers.get('content-type'));
      expect(again.headers.get('content-type') ?? '').not.toMatch(/^application\/json/);
      await yoga.text();
      await again.text();
    },
  );

  it('leaves cross-origin requests to Yoga, whose CORS headers they need', async () => {
    const body = { query: LIST, variables: { stations: [stid(stationId)], statuses: null, nonce: 'cors' } };
    const origin = { origin: 'https://station.example.in' };
    const first = await post(body, origin);
    await first.text();
    const second = await post(body, origin);
    expect(second.headers.get('access-control-allow-origin')).toBe(first.headers.get('access-control-allow-origin'));
    expect(second.headers.get('access-control-allow-origin')).toBeTruthy();
    await second.text();
  });

  it('answers 304 to a matching If-None-Match and compresses by Accept-Encoding', async () => {
    const body = { query: LIST, variables: { stations: [stid(stationId)], statuses: null } };
    const first = await post(body);
    const plain = await first.text();
    const etag = first.headers.get('etag')!;
    const notModified = await post(body, { 'if-none-match': etag });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe('');
    const gz = await post(body, { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip'); // fetch decodes it
    expect(await gz.text()).toBe(plain);
  });

  it('counts the hits it answers in graphql_requests_total like executed queries', async () => {
    const count = async () => {
      const text = await (await fetch(url.replace('/graphql', '/metrics'))).text();
      const line = text.split('\n').find((l) => l.startsWith('graphql_requests_total{') && l.includes('operation_type="query"') && l.includes('status="ok"'));
      return Number(line?.split(' ').pop() ?? 0);
    };
    const body = { query: LIST, variables: { stations: [stid(stationId)], statuses: ['GENERATED'] } };
    await post(body);
    const before = await count();
    for (let i = 0; i < 3; i++) await post(body);
    t.queries.length = 0;
    expect(await count()).toBe(before + 3);
  });

  it('hands everything else to Yoga: misses, mutations, bad JSON, batches, other methods', async () => {
    const q = `query($id: ID!) { node(id: $id) { ... on Fir { id summary version } } }`;
    const miss = await post({ query: q, variables: { id: fid(firId) } });
    expect((await miss.json()).data.node.id).toBe(fid(firId));
    const upd = await post({
      query: `mutation($input: UpdateFirInput!) { updateFir(input: $input) { id summary } }`,
      variables: { input: { id: fid(firId), expectedVersion: 1, summary: 'through the fast path' } },
    });
    expect((await upd.json()).data.updateFir.summary).toBe('through the fast path');
    expect(upd.headers.get('cache-control')).toBe('no-store');
    const after = await post({ query: q, variables: { id: fid(firId) } });
    expect((await after.json()).data.node.summary).toBe('through the fast path');
    const bad = await post('{"query": ');
    expect(bad.status).not.toBe(500);
    expect((await bad.json()).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const batch = await post([{ query: '{ __typename }' }]);
    expect(batch.status).not.toBe(500);
    // GET needs a CSRF header (docs/api.md)
    const get = await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'x-graphql-csrf': '1', ...(await adminHeaders()) } });
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
