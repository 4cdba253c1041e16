/**
 * Mutations racing each other from several connection pools (several gateways, as far as the
 * database can tell): registration serials stay gapless and unique, and of N edits made against
 * the same version exactly one wins. On PGlite (one connection) the same requests interleave in
 * one process; the test is cheap there, so it runs too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../../src/db/connect.ts';
import { encodeGlobalId } from '../../src/global-id.ts';
import { testApp } from '../helpers/app.ts';
import { createTestDb, dialects, type TestDb } from '../helpers/db.ts';
import { auditRows, stationWithFirs } from '../helpers/fixtures.ts';

const fid = (id: number) => encodeGlobalId('Fir', id);
const REGISTER = 'mutation($id: ID!) { registerFir(id: $id) { id firNumber status } }';
const BULK = 'mutation($input: BulkUpdateFirStatusInput!) { bulkUpdateFirStatus(input: $input) { firs { id firNumber } } }';
const UPDATE = 'mutation($input: UpdateFirInput!) { updateFir(input: $input) { id version summary } }';

const GATEWAYS = 3;

describe.each(dialects)('FIR mutations under concurrency (%s)', (name) => {
  let t: TestDb;
  const extra: DatabaseHandle[] = [];
  let apis: Array<ReturnType<typeof testApp>>;

  beforeAll(async () => {
    t = await createTestDb(name);
    apis = [testApp(t)];
    // Each further "gateway" has a pool of its own on the same database.
    if (t.url) {
      for (let i = 1; i < GATEWAYS; i++) {
        const handle = await connectDatabase({ kind: name as 'mysql' | 'postgres', url: t.url }, { DB_POOL_SIZE: 5 });
        extra.push(handle);
        apis.push(testApp({ ...t, db: handle.db, queries: [] }));
      }
    }
  });
  afterAll(async () => {
    for (const h of extra) await h.close();
    await t?.drop();
  });

  it('registers 500 FIRs of one station in parallel with serials 1..500, no gap, no duplicate', async () => {
    const n = 500;
    const { code, stationId, firIds } = await stationWithFirs(t.db, Array.from({ length: n }, () => 'UNDER_REVIEW'));
    // 400 one by one and 100 in bulk batches of 10, all at once, spread over the gateways
    const singles = firIds.slice(0, 400);
    const batches = Array.from({ length: 10 }, (_, b) => firIds.slice(400 + b * 10, 410 + b * 10));
    const calls = [
      ...singles.map((id, i) => () => apis[i % apis.length]!.gql(REGISTER, { id: fid(id) })),
      ...batches.map((ids, i) => () => apis[i % apis.length]!.gql(BULK, { input: { ids: ids.map(fid), status: 'REGISTERED' } })),
    ];
    // a fixed permutation (7919 is prime to 410) interleaves the bulk calls among the singles
    const results = await Promise.all(calls.map((_, i) => calls[(i * 7919) % calls.length]!()));
    for (const r of results) expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();

    const year = new Date().getUTCFullYear();
    const rows = await t.db.selectFrom('fir').select(['id', 'status', 'fir_number', 'version']).where('station_id', '=', stationId).execute();
    expect(rows).toHaveLength(n);
    const serials = rows.map((r) => {
      expect(r.status).toBe('REGISTERED');
      expect(r.version).toBe(2);
      const m = new RegExp(`^${code}-${year}-(\\d{5})$`).exec(r.fir_number ?? '');
      expect(m, r.fir_number ?? 'null').not.toBeNull();
      return Number(m![1]);
    });
    expect(serials.sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    const counter = await t.db.selectFrom('fir_serial').select('last_serial').where('station_id', '=', stationId).where('year', '=', year).executeTakeFirstOrThrow();
    expect(counter.last_serial).toBe(n);
    expect(await auditRows(t.db, firIds)).toHaveLength(n);
  });

  it('of 20 parallel edits with the same expectedVersion exactly one wins; the rest are CONFLICT naming version 2', async () => {
    const { firIds } = await stationWithFirs(t.db, ['UNDER_REVIEW']);
    const id = firIds[0]!;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => apis[i % apis.length]!.gql(UPDATE, { input: { id: fid(id), expectedVersion: 1, summary: `edit ${i}` } })),
    );
    const winners = results.filter((r) => !r.body.errors);
    expect(winners).toHaveLength(1);
    for (const r of results) {
      if (!r.body.errors) continue;
      expect(r.body.errors[0]!.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    }
    const won = winners[0]!.body.data.updateFir;
    expect(won.version).toBe(2);
    const row = await t.db.selectFrom('fir').select(['version', 'summary']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ version: 2, summary: won.summary });
    expect(await auditRows(t.db, [id])).toHaveLength(1);
  });

  it('registering the same FIR from every gateway at once numbers it once', async () => {
    const { code, firIds } = await stationWithFirs(t.db, ['UNDER_REVIEW', 'UNDER_REVIEW']);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 3 === 2
          ? apis[i % apis.length]!.gql(BULK, { input: { ids: firIds.map(fid), status: 'REGISTERED' } })
          : apis[i % apis.length]!.gql(REGISTER, { id: fid(firIds[i % 2]!) }),
      ),
    );
    for (const r of results) expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
    const year = new Date().getUTCFullYear();
    const numbers = (await t.db.selectFrom('fir').select('fir_number').where('id', 'in', firIds).execute()).map((r) => r.fir_number).sort();
    expect(numbers).toEqual([`${code}-${year}-00001`, `${code}-${year}-00002`]);
    expect(await auditRows(t.db, firIds)).toHaveLength(2);
  });
});
