/**
 * Bad input of every kind through the real Yoga app: each response carries errors whose
 * `extensions.code` is one of the documented codes (mostly BAD_USER_INPUT) and whose
 * `extensions.requestId` is the `x-request-id` response header, and nothing is ever an HTTP 500.
 * Also: request ids from clients (echoed when safe, replaced when not), the body size limit, and
 * masking of unexpected errors.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { dialects, seededDb } from '../helpers/fixtures.ts';
import { testApp } from '../helpers/app.ts';
import { postJson } from '../helpers/graphql.ts';
import { adminHeaders, testAuth, withAuth } from '../helpers/auth.ts';

const CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_ONLY',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
];

/** the default request body limit (docs/api.md: 1 MB) */
const BODY_LIMIT = 1024 * 1024;
/** GET requests need a CSRF header (Yoga's CSRF prevention, docs/api.md) */
const GET_HEADERS = { 'x-graphql-csrf': '1' };

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const b64std = (s: string) => Buffer.from(s, 'utf8').toString('base64');

interface Raw {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

async function readRaw(res: Response): Promise<Raw> {
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}

/**
 * The common contract of an error response: not a 5xx, a JSON body with at least one error, every
 * error coded from the documented list (the `code` given when known) and carrying the request id
 * of the response header.
 */
function expectCodedErrors(r: Raw, code?: string) {
  expect(r.status, r.text).toBeLessThan(500);
  const requestId = r.headers.get('x-request-id');
  expect(requestId).toBeTruthy();
  expect(r.body, r.text).toBeTypeOf('object');
  expect(Array.isArray(r.body.errors), r.text).toBe(true);
  expect(r.body.errors.length).toBeGreaterThan(0);
  for (const e of r.body.errors) {
    expect(typeof e.message).toBe('string');
    expect(CODES, r.text).toContain(e.extensions?.code);
    if (code) expect(e.extensions.code, r.text).toBe(code);
    expect(e.extensions.requestId).toBe(requestId);
  }
  return r.body.errors as Array<{ message: string; extensions: Record<string, unknown>; path?: unknown[] }>;
}

describe.each(dialects)('bad input (%s)', (name) => {
  let db: TestDb;
  let api: ReturnType<typeof testApp>;

  beforeAll(async () => {
    db = await seededDb(name, { firs: 60 });
    api = testApp(db);
  });
  afterAll(async () => {
    await db?.drop();
  });

  async function post(body: string, headers: Record<string, string> = {}): Promise<Raw> {
    // As ADMIN (every field is open to it), so the errors are the input's and not the viewer's.
    const res = await api.app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: await withAuth({ 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers }),
      body,
    });
    return readRaw(res);
  }
  const op = (query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) =>
    post(JSON.stringify({ query, variables }), headers);

  describe('malformed global ids', () => {
    const bad: Array<[string, string]> = [
      ['garbage', '!!not-an-id!!'],
      ['empty', ''],
      ['whitespace', '   '],
      ['plain number', '42'],
      ['base64 of no colon', b64('Fir42')],
      ['base64 of a non-numeric key', b64('Fir:abc')],
      ['base64 of zero', b64('Fir:0')],
      ['base64 of a negative key', b64('Fir:-1')],
      ['base64 of a fraction', b64('Fir:1.5')],
      ['base64 of a leading zero', b64('Fir:01')],
      ['base64 of a number past int4', b64('Fir:2147483648')],
      ['base64 of a huge number', b64('Fir:99999999999999999999999999')],
      ['base64 of a lowercase type', b64('fir:1')],
      ['base64 of sql', b64("Fir:1; drop table fir")],
      ['standard base64 with + and /', b64std('Fir:1>>?')],
      ['overlong', 'A'.repeat(5000)],
      ['non-ascii', 'फ़िर:1'],
    ];

    it.each(bad)('node(id) rejects %s with BAD_USER_INPUT', async (_label, id) => {
      const r = await op('query($id: ID!) { node(id: $id) { id } }', { id });
      const errors = expectCodedErrors(r, 'BAD_USER_INPUT');
      expect(errors[0]!.path).toEqual(['node']);
      expect(r.body.data).toEqual({ node: null });
    });

    it('rejects a malformed id inline in the document as well', async () => {
      expectCodedErrors(await op('{ node(id: "%%%") { id } }'), 'BAD_USER_INPUT');
    });

    it('nodes() with one malformed id among valid ones is a coded error, not a 500', async () => {
      const firId = await firstFirId();
      const r = await op('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [firId, 'garbage!'] });
      expectCodedErrors(r, 'BAD_USER_INPUT');
    });

    it('nodes() with more than 100 ids is BAD_USER_INPUT', async () => {
      const ids = Array.from({ length: 101 }, (_, i) => b64(`Fir:${i + 1}`));
      expectCodedErrors(await op('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids }), 'BAD_USER_INPUT');
    });

    it('an id of the wrong type where one type is expected is BAD_USER_INPUT', async () => {
      const firId = await firstFirId();
      const r = await op('query($id: ID!) { generationJob(id: $id) { id } }', { id: firId });
      const errors = expectCodedErrors(r, 'BAD_USER_INPUT');
      expect(errors[0]!.message).toMatch(/GenerationJob/);
    });

    it('an int literal as an id (ID accepts ints) is still validated', async () => {
      expectCodedErrors(await op('{ node(id: 12345) { id } }'), 'BAD_USER_INPUT');
    });
  });

  describe('ids in filters', () => {
    it('a FIR id in filter.stationIds is BAD_USER_INPUT naming the argument', async () => {
      const firId = await firstFirId();
      const r = await op('query($f: FirFilter) { firs(filter: $f) { totalCount } }', { f: { stationIds: [firId] } });
      const errors = expectCodedErrors(r, 'BAD_USER_INPUT');
      expect(errors[0]!.extensions.argument).toBe('filter.stationIds');
    });

    it('garbage in filter.sectionIds is BAD_USER_INPUT', async () => {
      const r = await op('query($f: FirFilter) { firs(filter: $f) { totalCount } }', { f: { sectionIds: ['nope'] } });
      expectCodedErrors(r, 'BAD_USER_INPUT');
    });

    it('a station id in filter.sectionIds is BAD_USER_INPUT', async () => {
      const r = await op('query($f: FirFilter) { firs(filter: $f) { totalCount } }', { f: { sectionIds: [b64('PoliceStation:1')] } });
      const errors = expectCodedErrors(r, 'BAD_USER_INPUT');
      expect(errors[0]!.extensions.argument).toBe('filter.sectionIds');
    });

    it('more than 100 station ids is BAD_USER_INPUT', async () => {
      const ids = Array.from({ length: 101 }, (_, i) => b64(`PoliceStation:${i + 1}`));
      expectCodedErrors(await op('query($f: FirFilter) { firs(filter: $f) { totalCount } }', { f: { stationIds: ids } }), 'BAD_USER_INPUT');
    });

    it('the same bad filter on the nested PoliceStation.firs and on firStats', async () => {
      const firId = await firstFirId();
      expectCodedErrors(
        await op('query($f: FirFilter) { stations(first: 2) { edges { node { firs(filter: $f) { totalCount } } } } }', { f: { stationIds: [firId] } }),
        'BAD_USER_INPUT',
      );
      expectCodedErrors(await op('query($f: FirFilter) { firStats(filter: $f, groupBy: STATUS) { key } }', { f: { stationIds: [firId] } }), 'BAD_USER_INPUT');
    });

    it('an invalid DateTime in the filter is BAD_USER_INPUT', async () => {
      expectCodedErrors(await op('query($f: FirFilter) { firs(filter: $f) { totalCount } }', { f: { createdFrom: 'yesterday' } }), 'BAD_USER_INPUT');
      expectCodedErrors(await op('query($f: FirFilter) { firs(filter: $f) { totalCount } }', { f: { createdTo: '2024-13-45T99:00:00Z' } }), 'BAD_USER_INPUT');
    });
  });

  describe('cursors', () => {
    const badCursors: Array<[string, string]> = [
      ['garbage', '###garbage###'],
      ['base64 of junk text', b64('hello world')],
      ['base64 of junk JSON', b64('{"a":1}')],
      ['base64 of a JSON array of the wrong shape', b64('[1,2,3]')],
      ['base64 of a wrong version', b64(JSON.stringify([2, 'CREATED_AT:desc', ['2024-01-01T00:00:00.000Z'], 1]))],
      ['base64 of a bad date', b64(JSON.stringify([1, 'CREATED_AT:desc', ['not a date'], 1]))],
      ['base64 of a null for a non-null key', b64(JSON.stringify([1, 'CREATED_AT:desc', [null], 1]))],
      ['base64 of a negative id', b64(JSON.stringify([1, 'CREATED_AT:desc', ['2024-01-01T00:00:00.000Z'], -5]))],
      ['base64 of a huge id', b64(JSON.stringify([1, 'CREATED_AT:desc', ['2024-01-01T00:00:00.000Z'], 1e300]))],
      ['base64 of an object id', b64(JSON.stringify([1, 'CREATED_AT:desc', ['2024-01-01T00:00:00.000Z'], { $gt: 1 }]))],
      ['base64 of too many values', b64(JSON.stringify([1, 'CREATED_AT:desc', ['2024-01-01T00:00:00.000Z', 'x'], 1]))],
      ['overlong', 'A'.repeat(10_000)],
      ['empty', ''],
    ];

    it.each(badCursors)('after: %s is BAD_USER_INPUT', async (_label, cursor) => {
      const r = await op('query($c: String) { firs(first: 5, after: $c) { edges { cursor } } }', { c: cursor });
      const errors = expectCodedErrors(r, 'BAD_USER_INPUT');
      expect(errors[0]!.extensions.argument).toBe('after');
    });

    it.each(badCursors)('before: %s is BAD_USER_INPUT', async (_label, cursor) => {
      const r = await op('query($c: String) { firs(last: 5, before: $c) { edges { cursor } } }', { c: cursor });
      expectCodedErrors(r, 'BAD_USER_INPUT');
    });

    it('a cursor made for another order is BAD_USER_INPUT', async () => {
      const page = await api.data('{ firs(first: 2, orderBy: { field: UPDATED_AT, direction: ASC }) { pageInfo { endCursor } } }');
      const cursor = page.firs.pageInfo.endCursor;
      expect(cursor).toBeTypeOf('string');
      // the cursor itself is fine for its own order
      await api.data('query($c: String) { firs(first: 2, after: $c, orderBy: { field: UPDATED_AT, direction: ASC }) { edges { cursor } } }', { c: cursor });
      for (const orderBy of [null, { field: 'UPDATED_AT', direction: 'DESC' }, { field: 'CREATED_AT', direction: 'ASC' }, { field: 'FIR_NUMBER', direction: 'ASC' }]) {
        const r = await op('query($c: String, $o: FirOrder) { firs(first: 2, after: $c, orderBy: $o) { edges { cursor } } }', { c: cursor, o: orderBy });
        const errors = expectCodedErrors(r, 'BAD_USER_INPUT');
        expect(errors[0]!.message).toMatch(/another order/);
      }
    });

    it('a cursor of the legal section list used on firs is BAD_USER_INPUT', async () => {
      const page = await api.data('{ legalSections(first: 2) { pageInfo { endCursor } } }');
      const r = await op('query($c: String) { firs(first: 2, after: $c) { edges { cursor } } }', { c: page.legalSections.pageInfo.endCursor });
      expectCodedErrors(r, 'BAD_USER_INPUT');
    });

    it('bad cursors on stations and legalSections are BAD_USER_INPUT', async () => {
      expectCodedErrors(await op('{ stations(first: 2, after: "zzz!") { edges { cursor } } }'), 'BAD_USER_INPUT');
      expectCodedErrors(await op(`{ legalSections(first: 2, after: "${b64('[1,"ID:asc",[],"x"]')}") { edges { cursor } } }`), 'BAD_USER_INPUT');
    });
  });

  describe('page sizes', () => {
    const cases: Array<[string, string]> = [
      ['first and last together', '{ firs(first: 5, last: 5) { totalCount } }'],
      ['first > 100', '{ firs(first: 101) { totalCount } }'],
      ['last > 100', '{ firs(last: 1000) { totalCount } }'],
      ['negative first', '{ firs(first: -1) { totalCount } }'],
      ['negative last', '{ firs(last: -3) { totalCount } }'],
      ['first beyond Int', '{ firs(first: 99999999999) { totalCount } }'],
      ['first as a string', '{ firs(first: "10") { totalCount } }'],
      ['first as a float', '{ firs(first: 1.5) { totalCount } }'],
      ['stations first > 100', '{ stations(first: 101) { totalCount } }'],
      ['legalSections negative first', '{ legalSections(first: -1) { totalCount } }'],
      ['nested firs first > 100', '{ stations(first: 1) { edges { node { firs(first: 500) { totalCount } } } } }'],
    ];
    it.each(cases)('%s is BAD_USER_INPUT', async (_label, query) => {
      expectCodedErrors(await op(query), 'BAD_USER_INPUT');
    });

    it('first: 100 and first: 0 are fine (the bounds are inclusive)', async () => {
      const d = await api.data('{ a: firs(first: 100) { edges { cursor } } b: firs(first: 0) { edges { cursor } } }');
      expect(d.a.edges.length).toBeGreaterThan(0);
      expect(d.b.edges).toEqual([]);
    });
  });

  describe('enums, strings and documents', () => {
    it('an unknown enum value inline and in variables is BAD_USER_INPUT', async () => {
      expectCodedErrors(await op('{ firs(filter: { statuses: [NOPE] }) { totalCount } }'), 'BAD_USER_INPUT');
      expectCodedErrors(await op('query($s: [FirStatus!]) { firs(filter: { statuses: $s }) { totalCount } }', { s: ['NOPE'] }), 'BAD_USER_INPUT');
      expectCodedErrors(await op('{ firStats(groupBy: MONTH) { key } }'), 'BAD_USER_INPUT');
      expectCodedErrors(await op('query($o: FirOrder) { firs(orderBy: $o) { totalCount } }', { o: { field: 'ID', direction: 'UP' } }), 'BAD_USER_INPUT');
      // lower-case spelling of a real value is not that value
      expectCodedErrors(await op('query($s: [FirStatus!]) { firs(filter: { statuses: $s }) { totalCount } }', { s: ['registered'] }), 'BAD_USER_INPUT');
    });

    it('an over-long search string is BAD_USER_INPUT naming the argument', async () => {
      const long = 'चोरी '.repeat(100);
      let errors = expectCodedErrors(await op('query($f: FirFilter) { firs(filter: $f) { totalCount } }', { f: { search: long } }), 'BAD_USER_INPUT');
      expect(errors[0]!.extensions.argument).toBe('filter.search');
      errors = expectCodedErrors(await op('query($s: String) { legalSections(search: $s) { totalCount } }', { s: 'x'.repeat(201) }), 'BAD_USER_INPUT');
      expect(errors[0]!.extensions.argument).toBe('search');
      expectCodedErrors(await op('query($s: String) { stations(filter: { search: $s }) { totalCount } }', { s: 'x'.repeat(101) }), 'BAD_USER_INPUT');
      expectCodedErrors(await op('query($s: String!) { firByNumber(number: $s) { id } }', { s: 'X'.repeat(41) }), 'BAD_USER_INPUT');
      expectCodedErrors(await op('query($s: String!) { legalSectionsForIpc(ipcSection: $s) { id } }', { s: '1'.repeat(33) }), 'BAD_USER_INPUT');
    });

    it('search strings full of operators and quotes are not errors', async () => {
      for (const search of [`"'\\%_*+-<>()~@:&|!`, `' or 1=1 --`, '*', '+-', 'a:*', '\u0000', 'a'.repeat(200)]) {
        const r = await op('query($f: FirFilter) { firs(filter: $f) { totalCount } }', { f: { search } });
        expect(r.status, r.text).toBe(200);
        expect(r.body.errors, `${JSON.stringify(search)}: ${r.text}`).toBeUndefined();
      }
      for (const search of [`"'\\%_*+-<>()~@:&|!`, `' or 1=1 --`, '*', 'a:*']) {
        const r = await op('query($s: String) { legalSections(search: $s) { totalCount } stations(filter: { search: $s }) { totalCount } }', { s: search });
        expect(r.body.errors, `${JSON.stringify(search)}: ${r.text}`).toBeUndefined();
      }
    });

    it('a syntax error is BAD_USER_INPUT', async () => {
      expectCodedErrors(await op('{ firs { '), 'BAD_USER_INPUT');
      expectCodedErrors(await op('query { firs(first: ) { totalCount } }'), 'BAD_USER_INPUT');
    });

    it('an unknown field / argument / type is BAD_USER_INPUT', async () => {
      expectCodedErrors(await op('{ nope }'), 'BAD_USER_INPUT');
      expectCodedErrors(await op('{ firs { totalCount secret } }'), 'BAD_USER_INPUT');
      expectCodedErrors(await op('{ firs(where: 1) { totalCount } }'), 'BAD_USER_INPUT');
      expectCodedErrors(await op('query($x: Nope) { viewer { id } }', { x: 1 }), 'BAD_USER_INPUT');
    });

    it('a mutation or subscription that does not exist is BAD_USER_INPUT', async () => {
      expectCodedErrors(await op('mutation { dropEverything { id } }'), 'BAD_USER_INPUT');
      expectCodedErrors(await op('subscription { everything { id } }'), 'BAD_USER_INPUT');
    });

    it('missing variables, wrong variable types and a missing operationName are BAD_USER_INPUT', async () => {
      expectCodedErrors(await op('query($id: ID!) { node(id: $id) { id } }', {}), 'BAD_USER_INPUT');
      expectCodedErrors(await op('query($n: Int) { firs(first: $n) { totalCount } }', { n: 'ten' }), 'BAD_USER_INPUT');
      expectCodedErrors(await op('query A { viewer { id } } query B { viewer { id } }'), 'BAD_USER_INPUT');
      expectCodedErrors(await post(JSON.stringify({ query: '{ viewer { id } }', operationName: 'Nope' })), 'BAD_USER_INPUT');
    });

    it('variables that are not an object are BAD_USER_INPUT', async () => {
      expectCodedErrors(await post(JSON.stringify({ query: '{ viewer { id } }', variables: 'x' })), 'BAD_USER_INPUT');
      expectCodedErrors(await post(JSON.stringify({ query: 42 })), 'BAD_USER_INPUT');
    });
  });

  describe('malformed requests', () => {
    it('invalid JSON is BAD_USER_INPUT and does not echo the body', async () => {
      const r = await post('{"query": "{ viewer { id } }", "variables": {"secret": "S3CRET-VALUE"');
      const errors = expectCodedErrors(r, 'BAD_USER_INPUT');
      // the parser's message quotes the body; a body can hold complainant data
      expect(r.text).not.toContain('S3CRET-VALUE');
      expect(errors[0]!.extensions).not.toHaveProperty('originalError');
    });

    it('an empty body, a JSON array of junk and a JSON null are coded errors', async () => {
      expectCodedErrors(await post(''), 'BAD_USER_INPUT');
      expectCodedErrors(await post('null'), 'BAD_USER_INPUT');
      expectCodedErrors(await post('"just a string"'), 'BAD_USER_INPUT');
    });

    it('a missing query is BAD_USER_INPUT', async () => {
      expectCodedErrors(await post('{}'), 'BAD_USER_INPUT');
      expectCodedErrors(await post(JSON.stringify({ variables: { a: 1 } })), 'BAD_USER_INPUT');
      const res = await api.app.fetch('http://localhost/graphql', { method: 'GET', headers: { accept: 'application/json', ...GET_HEADERS, ...(await adminHeaders()) } });
      expectCodedErrors(await readRaw(res), 'BAD_USER_INPUT');
    });

    it('a GET with a syntax error or a mutation is a coded error', async () => {
      const headers = { accept: 'application/json', ...GET_HEADERS, ...(await adminHeaders()) };
      let res = await api.app.fetch(`http://localhost/graphql?query=${encodeURIComponent('{ firs {')}`, { headers });
      expectCodedErrors(await readRaw(res), 'BAD_USER_INPUT');
      res = await api.app.fetch(`http://localhost/graphql?query=${encodeURIComponent('mutation { x }')}`, { headers });
      expectCodedErrors(await readRaw(res));
    });

    it('an unsupported method is a coded error, not a 500', async () => {
      const res = await api.app.fetch('http://localhost/graphql', { method: 'PUT', headers: { 'content-type': 'application/json', ...(await adminHeaders()) }, body: '{}' });
      expectCodedErrors(await readRaw(res), 'BAD_USER_INPUT');
    });

    // Issue 13 changed the contract: the body limit (default 1 MiB) answers like every other limit,
    // HTTP 400 with BAD_USER_INPUT and extensions.limit 'body' (it was 413).
    it('a 10 MB body is refused with 400 and a coded JSON error naming the body limit', async () => {
      const body = JSON.stringify({ query: '{ viewer { id } }', variables: { blob: 'x'.repeat(10 * 1024 * 1024) } });
      const r = await post(body, { 'x-request-id': 'big-body-1' });
      expect(r.status).toBe(400);
      expect(r.headers.get('content-type')).toMatch(/application\/json/);
      const errors = expectCodedErrors(r, 'BAD_USER_INPUT');
      expect(errors[0]!.extensions.requestId).toBe('big-body-1');
      expect(errors[0]!.extensions.limit).toBe('body');
    });

    it('a body just under the limit is served, one byte more is refused', async () => {
      const sized = (bytes: number) => {
        const shell = JSON.stringify({ query: '{ viewer { id } }', variables: { blob: '' } });
        return JSON.stringify({ query: '{ viewer { id } }', variables: { blob: 'x'.repeat(bytes - Buffer.byteLength(shell)) } });
      };
      const over = await post(sized(BODY_LIMIT + 1));
      expect(over.status).toBe(400);
      expect(expectCodedErrors(over, 'BAD_USER_INPUT')[0]!.extensions.limit).toBe('body');
      const body = sized(BODY_LIMIT);
      expect(Buffer.byteLength(body)).toBe(BODY_LIMIT);
      const r = await post(body);
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ data: { viewer: null }, extensions: expect.any(Object) });
    });
  });

  describe('over a real socket', () => {
    let server: Server;
    let url: string;
    beforeAll(async () => {
      server = createServer(api.app);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    // 400 with extensions.limit 'body' since issue 13 (was 413).
    it('a 10 MB body with content-length is a 400 with a coded JSON error', async () => {
      const body = JSON.stringify({ query: '{ viewer { id } }', variables: { blob: 'x'.repeat(10 * 1024 * 1024) } });
      const r = await readRaw(await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(await adminHeaders()) }, body }));
      expect(r.status).toBe(400);
      expect(expectCodedErrors(r, 'BAD_USER_INPUT')[0]!.extensions.limit).toBe('body');
    });

    it('a 10 MB chunked body (no content-length) is refused too', async () => {
      const bytes = new TextEncoder().encode(JSON.stringify({ query: '{ viewer { id } }', variables: { blob: 'x'.repeat(10 * 1024 * 1024) } }));
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.subarray(i, i + 64 * 1024));
          controller.close();
        },
      });
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(await adminHeaders()) }, body: stream, duplex: 'half' } as RequestInit);
      const r = await readRaw(res);
      expect(r.status, 'a streamed body bypasses the size limit').toBe(400);
      expect(expectCodedErrors(r, 'BAD_USER_INPUT')[0]!.extensions.limit).toBe('body');
    });
  });

  describe('request ids', () => {
    it('a sane client x-request-id is echoed in the header and in every error', async () => {
      const r = await op('{ node(id: "bad") { id } }', undefined, { 'x-request-id': 'abc-123' });
      expect(r.headers.get('x-request-id')).toBe('abc-123');
      expectCodedErrors(r, 'BAD_USER_INPUT');
      expect(r.body.errors[0].extensions.requestId).toBe('abc-123');
      // also on a successful response
      const ok = await op('{ viewer { id } }', undefined, { 'x-request-id': 'abc-123' });
      expect(ok.headers.get('x-request-id')).toBe('abc-123');
    });

    it.each([
      ['spaces', 'abc 123'],
      ['a tab', 'abc\t123'],
      ['200 characters', 'a'.repeat(200)],
      ['65 characters', 'a'.repeat(65)],
      ['markup', '<script>alert(1)</script>'],
      ['quotes and semicolons', `"x";y`],
      ['a percent-encoded newline', 'abc%0d%0aSet-Cookie:x'],
    ])('an unsafe x-request-id with %s is replaced by a generated one', async (_label, unsafe) => {
      const r = await op('{ node(id: "bad") { id } }', undefined, { 'x-request-id': unsafe });
      const id = r.headers.get('x-request-id');
      expect(id).toBeTruthy();
      expect(id).not.toBe(unsafe.trim());
      expect(id).toMatch(/^[A-Za-z0-9._:-]{1,64}$/);
      expectCodedErrors(r, 'BAD_USER_INPUT');
    });

    it('a raw newline in x-request-id cannot even be sent (header injection is impossible)', () => {
      expect(() => new Headers({ 'x-request-id': 'abc\r\nSet-Cookie: x=1' })).toThrow();
    });

    it('generated ids are unique per request', async () => {
      const ids = new Set<string>();
      for (let i = 0; i < 5; i++) ids.add((await op('{ viewer { id } }')).headers.get('x-request-id')!);
      expect(ids.size).toBe(5);
    });
  });

  describe('unexpected errors are masked', () => {
    it('a query over a closed database is "Unexpected error." / INTERNAL_SERVER_ERROR with no SQL or stack', async () => {
      const closed = await createTestDb(name, { migrate: false });
      const { app, logged, post } = loggingApp(closed);
      await closed.drop();

      const r = await post('{ firs(first: 3) { edges { node { id summary complainant { name } } } } }', { 'x-request-id': 'masked-1' });
      expect(r.headers.get('x-request-id')).toBe('masked-1');
      const errors = expectCodedErrorsAllowing5xx(r);
      expect(errors.length).toBeGreaterThan(0);
      for (const e of errors) {
        expect(e.message).toBe('Unexpected error.');
        expect(e.extensions.code).toBe('INTERNAL_SERVER_ERROR');
        expect(e.extensions.requestId).toBe('masked-1');
        expect(Object.keys(e.extensions).sort()).toEqual(['code', 'requestId']);
      }
      expect(r.text).not.toMatch(/select|from\s+"?`?fir|where|\bat\s+\S+\.ts|node_modules|closed|pool|PGlite|ECONN|stack/i);
      // the log has the error class but no SQL
      expect(logged()).toMatch(/unexpected error/);
      expect(logged()).toMatch(/masked-1/);
      expect(logged()).not.toMatch(/select\s/i);

      // /ready reports the dead database, /health does not depend on it
      const ready = await app.fetch('http://localhost/ready');
      expect(ready.status).toBe(503);
      const health = await app.fetch('http://localhost/health');
      expect(health.status).toBe(200);
    }, 180_000);

    it('a driver error that quotes SQL identifiers (a missing table) is masked', async () => {
      // an unmigrated database: every statement fails with "relation/table fir does not exist"
      const broken = await createTestDb(name, { migrate: false });
      try {
        const { logged, post } = loggingApp(broken);
        const r = await post('{ firs(first: 3, filter: { search: "needle" }) { totalCount edges { node { id } } } }');
        const errors = expectCodedErrorsAllowing5xx(r);
        expect(errors.length).toBeGreaterThan(0);
        for (const e of errors) {
          expect(e.message).toBe('Unexpected error.');
          expect(e.extensions.code).toBe('INTERNAL_SERVER_ERROR');
        }
        expect(r.text).not.toMatch(/"fir"|`fir`|\.fir\b|relation|exist|needle|select|afirgen_t_|\.ts:/i);
        // driver messages can quote values, so not even the log has them
        expect(logged()).not.toMatch(/needle|select\s/i);
      } finally {
        await broken.drop();
      }
    }, 180_000);
  });

  async function firstFirId(): Promise<string> {
    const d = await api.data('{ firs(first: 1) { edges { node { id } } } }');
    const id = d.firs.edges[0]?.node.id;
    expect(id).toBeTypeOf('string');
    return id;
  }
});

/** The app over `db` with its log (info level) kept: what it logged, and a POST of one query. */
function loggingApp(db: TestDb) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  const app = createApp({ db: db.db, log: pino({ level: 'info' }, sink), auth: testAuth });
  const post = (query: string, headers: Record<string, string> = {}): Promise<Raw> =>
    postJson(app.fetch, 'http://localhost/graphql', { query }, { headers: { accept: 'application/graphql-response+json', ...headers } });
  return { app, logged: () => lines.join(''), post };
}

/** Like expectCodedErrors, for the masked-error case where the status is not the point. */
function expectCodedErrorsAllowing5xx(r: Raw) {
  const requestId = r.headers.get('x-request-id');
  expect(r.body, r.text).toBeTypeOf('object');
  expect(Array.isArray(r.body.errors), r.text).toBe(true);
  for (const e of r.body.errors) {
    expect(CODES).toContain(e.extensions?.code);
    expect(e.extensions.requestId).toBe(requestId);
  }
  return r.body.errors as Array<{ message: string; extensions: Record<string, unknown> }>;
}
