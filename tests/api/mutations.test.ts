/**
 * The FIR mutations per dialect through the real Yoga app: updateFir (optimistic locking, partial
 * updates, sections), registerFir (numbering), rejectFir, bulkUpdateFirStatus (all or nothing),
 * the audit rows they write (without personal data in clear), the events and change reports
 * after commit, and bad input answered with coded errors, never a 500.
 */
import { createPubSub } from 'graphql-yoga';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/types.ts';
import { REDACTED } from '../../src/fir/fir.audit.ts';
import { createFirChanges, type FirChange } from '../../src/fir/fir.changes.ts';
import { bulkUpdateFirStatus, registerFir, updateFir } from '../../src/fir/fir.service.ts';
import { encodeGlobalId } from '../../src/global-id.ts';
import type { Topics } from '../../src/pubsub.ts';
import { testApp } from '../helpers/app.ts';
import { createTestDb, dialects, type TestDb } from '../helpers/db.ts';
import { auditRows, stationWithFirs } from '../helpers/fixtures.ts';
import { expectError } from '../helpers/graphql.ts';
import { countingPubSub } from '../helpers/pubsub.ts';
import { waitFor } from '../helpers/wait.ts';

const fid = (id: number) => encodeGlobalId('Fir', id);
const sid = (id: number) => encodeGlobalId('LegalSection', id);

const FIR_FIELDS = /* GraphQL */ `
  id firNumber status version summary narrative acts registeredAt updatedAt
  complainant { name dateOfBirth nationality fatherOrHusbandName address contact passportNumber occupation }
  incident { occurredFrom occurredTo place address description delayReason }
  suspects { name description address }
  witnesses { name description address }
  sections { section { id } source confidence }
`;
const UPDATE = `mutation($input: UpdateFirInput!) { updateFir(input: $input) { ${FIR_FIELDS} } }`;
const REGISTER = `mutation($id: ID!) { registerFir(id: $id) { ${FIR_FIELDS} } }`;
const REJECT = `mutation($id: ID!, $reason: String!) { rejectFir(id: $id, reason: $reason) { id status version } }`;
const BULK = `mutation($input: BulkUpdateFirStatusInput!) { bulkUpdateFirStatus(input: $input) { firs { id status version firNumber } } }`;
const FIR = `query($id: ID!) { node(id: $id) { ... on Fir { ${FIR_FIELDS} } } }`;

describe.each(dialects)('FIR mutations (%s)', (name) => {
  let t: TestDb;
  let db: Kysely<DB>;
  let api: ReturnType<typeof testApp>;
  let sectionIds: number[];

  beforeAll(async () => {
    t = await createTestDb(name);
    db = t.db;
    api = testApp(t);
    sectionIds = (await db.selectFrom('legal_section').select('id').orderBy('id').limit(6).execute()).map((r) => r.id);
  });
  afterAll(async () => {
    await t?.drop();
  });

  const read = async (id: number) => (await api.data(FIR, { id: fid(id) })).node;
  const year = new Date().getUTCFullYear();

  describe('updateFir', () => {
    it('changes only the fields given, bumps the version by one and audits without personal data', async () => {
      const { firIds } = await stationWithFirs(db, ['GENERATED']);
      const id = firIds[0]!;
      const before = await read(id);
      const res = await api.data(UPDATE, {
        input: {
          id: fid(id),
          expectedVersion: 1,
          summary: 'Phone snatched near the market',
          complainant: { contact: '+91 90000 00001', passportNumber: 'Z1234567' },
          incident: { occurredTo: '2025-03-01T10:30:00.000Z' },
          suspects: [{ name: 'Ravi', description: 'tall, red shirt' }],
        },
      });
      const after = res.updateFir;
      expect(after.version).toBe(2);
      expect(after.summary).toBe('Phone snatched near the market');
      expect(after.complainant).toEqual({ ...before.complainant, contact: '+91 90000 00001', passportNumber: 'Z1234567' });
      expect(after.incident).toEqual({ ...before.incident, occurredTo: '2025-03-01T10:30:00.000Z' });
      expect(after.suspects).toEqual([{ name: 'Ravi', description: 'tall, red shirt', address: null }]);
      const { version, summary, complainant, incident, suspects, updatedAt, ...rest } = after;
      const { version: _v, summary: _s, complainant: _c, incident: _i, suspects: _p, updatedAt: _u, ...restBefore } = before;
      expect(rest).toEqual(restBefore);
      expect(await read(id)).toEqual(after);

      const audit = await auditRows(db, [id]);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'updateFir', entity_type: 'fir', entity_id: id });
      expect(audit[0]!.request_id).toBeTruthy();
      const changes = JSON.parse(audit[0]!.changes);
      expect(Object.keys(changes).sort()).toEqual(['complainant.contact', 'complainant.passportNumber', 'incident.occurredTo', 'summary', 'suspects', 'version']);
      expect(changes.version).toEqual([1, 2]);
      expect(changes['complainant.contact']).toEqual([REDACTED, REDACTED]);
      expect(changes['complainant.passportNumber']).toEqual([null, REDACTED]);
      expect(changes['incident.occurredTo']).toEqual([null, '2025-03-01T10:30:00.000Z']);
      expect(changes.summary[1]).toMatchObject({ chars: 30 });
      for (const secret of ['90000', '98220', 'Z1234567', 'Ravi', 'red shirt', 'snatched']) expect(audit[0]!.changes).not.toContain(secret);
    });

    it('null clears a field, an empty list empties one, and an edit that changes nothing is a no-op', async () => {
      const { firIds } = await stationWithFirs(db, ['UNDER_REVIEW']);
      const id = firIds[0]!;
      const cleared = (await api.data(UPDATE, { input: { id: fid(id), expectedVersion: 1, narrative: null, acts: [], complainant: { address: null } } })).updateFir;
      expect(cleared).toMatchObject({ version: 2, narrative: null, acts: [], complainant: { address: null, name: 'Asha Kulkarni' } });
      const same = (await api.data(UPDATE, { input: { id: fid(id), expectedVersion: 2, narrative: null, summary: 'initial' } })).updateFir;
      expect(same.version).toBe(2);
      expect(await auditRows(db, [id])).toHaveLength(1);
    });

    it('clearing occurredFrom while setting an earlier occurredTo is allowed (null clears, it does not keep)', async () => {
      const { firIds } = await stationWithFirs(db, ['GENERATED']);
      const res = await api.data(UPDATE, {
        input: { id: fid(firIds[0]!), expectedVersion: 1, incident: { occurredFrom: null, occurredTo: '2025-02-01T00:00:00.000Z' } },
      });
      expect(res.updateFir.incident).toMatchObject({ occurredFrom: null, occurredTo: '2025-02-01T00:00:00.000Z' });
    });

    it('a stale expectedVersion is a CONFLICT naming the current version, and changes nothing', async () => {
      const { firIds } = await stationWithFirs(db, ['GENERATED']);
      const id = firIds[0]!;
      await api.data(UPDATE, { input: { id: fid(id), expectedVersion: 1, summary: 'first edit' } });
      const err = expectError(await api.gql(UPDATE, { input: { id: fid(id), expectedVersion: 1, summary: 'second edit' } }), 'CONFLICT', /version 2\b/);
      expect(err.extensions).toMatchObject({ currentVersion: 2, argument: 'input.expectedVersion' });
      expect(await read(id)).toMatchObject({ version: 2, summary: 'first edit' });
      expectError(await api.gql(UPDATE, { input: { id: fid(id), expectedVersion: 7, summary: 'x' } }), 'CONFLICT', /version 2\b/);
      expect(await auditRows(db, [id])).toHaveLength(1);
    });

    it('sectionIds replaces the sections: kept ones keep their source, added ones are OFFICER', async () => {
      const { firIds } = await stationWithFirs(db, ['GENERATED']);
      const id = firIds[0]!;
      const [a, b, c] = sectionIds as [number, number, number];
      await db
        .insertInto('fir_section')
        .values([
          { fir_id: id, section_id: a, confidence: 0.8, source: 'MODEL_CHECKED' },
          { fir_id: id, section_id: b, confidence: 0.5, source: 'RETRIEVED' },
        ])
        .execute();
      const fir = (await api.data(UPDATE, { input: { id: fid(id), expectedVersion: 1, sectionIds: [sid(c), sid(a), sid(c)] } })).updateFir;
      const bySection = Object.fromEntries(fir.sections.map((s: any) => [s.section.id, s]));
      expect(Object.keys(bySection).sort()).toEqual([sid(a), sid(c)].sort());
      expect(bySection[sid(a)]).toMatchObject({ source: 'MODEL_CHECKED', confidence: 0.8 });
      expect(bySection[sid(c)]).toMatchObject({ source: 'OFFICER', confidence: 1 });
      expect(fir.version).toBe(2);
      const changes = JSON.parse((await auditRows(db, [id]))[0]!.changes);
      expect(changes.sectionIds).toEqual([[a, b].sort((x, y) => x - y), [a, c].sort((x, y) => x - y)]);
      // the same set again changes nothing
      expect((await api.data(UPDATE, { input: { id: fid(id), expectedVersion: 2, sectionIds: [sid(a), sid(c)] } })).updateFir.version).toBe(2);
      expectError(await api.gql(UPDATE, { input: { id: fid(id), expectedVersion: 2, sectionIds: [sid(999_999)] } }), 'BAD_USER_INPUT', /Unknown legal section/);
      expectError(await api.gql(UPDATE, { input: { id: fid(id), expectedVersion: 2, sectionIds: [fid(id)] } }), 'BAD_USER_INPUT', /not a LegalSection id/);
    });

    it('a FIR being generated, registered or rejected cannot be edited', async () => {
      const { firIds } = await stationWithFirs(db, ['GENERATING', 'REGISTERED', 'REJECTED']);
      for (const [i, status] of ['GENERATING', 'REGISTERED', 'REJECTED'].entries()) {
        expectError(await api.gql(UPDATE, { input: { id: fid(firIds[i]!), expectedVersion: 1, summary: 'x' } }), 'BAD_USER_INPUT', new RegExp(status));
      }
      expect(await auditRows(db, firIds)).toHaveLength(0);
    });

    it('bad input is a coded error, never a 500', async () => {
      const { firIds } = await stationWithFirs(db, ['GENERATED']);
      const id = fid(firIds[0]!);
      const cases: Array<[Record<string, unknown>, string, RegExp?]> = [
        [{ id, expectedVersion: 0, summary: 'x' }, 'BAD_USER_INPUT', /expectedVersion/],
        [{ id, expectedVersion: 1, summary: 'x'.repeat(10_001) }, 'BAD_USER_INPUT', /summary/],
        [{ id, expectedVersion: 1, acts: ['BNS', '  '] }, 'BAD_USER_INPUT', /acts\[1\]/],
        [{ id, expectedVersion: 1, acts: Array.from({ length: 21 }, (_, i) => `Act ${i}`) }, 'BAD_USER_INPUT', /acts/],
        [{ id, expectedVersion: 1, suspects: Array.from({ length: 51 }, () => ({ name: 'x' })) }, 'BAD_USER_INPUT', /suspects/],
        [{ id, expectedVersion: 1, witnesses: [{ name: 'x'.repeat(201) }] }, 'BAD_USER_INPUT', /witnesses\[0\]\.name/],
        [{ id, expectedVersion: 1, complainant: { passportNumber: 'P'.repeat(33) } }, 'BAD_USER_INPUT', /passportNumber/],
        [{ id, expectedVersion: 1, complainant: { dateOfBirth: '2999-01-01' } }, 'BAD_USER_INPUT', /future/],
        [{ id, expectedVersion: 1, incident: { occurredTo: '2025-02-01T00:00:00Z' } }, 'BAD_USER_INPUT', /occurredTo/],
        [{ id, expectedVersion: 1, sectionIds: Array.from({ length: 51 }, (_, i) => sid(i + 1)) }, 'BAD_USER_INPUT', /sectionIds/],
        [{ id: 'not-an-id!', expectedVersion: 1 }, 'BAD_USER_INPUT', /Invalid ID/],
        [{ id: encodeGlobalId('PoliceStation', 1), expectedVersion: 1 }, 'BAD_USER_INPUT', /not a Fir id/],
        [{ id: fid(999_999), expectedVersion: 1, summary: 'x' }, 'NOT_FOUND'],
      ];
      for (const [input, code, message] of cases) expectError(await api.gql(UPDATE, { input }), code, message);
      // a value of the wrong type is refused by GraphQL validation, with a code as well
      expectError(await api.gql(UPDATE, { input: { id, expectedVersion: 'one' } }), 'BAD_USER_INPUT');
      expect(await read(firIds[0]!)).toMatchObject({ version: 1, summary: 'initial' });
      expect(await auditRows(db, firIds)).toHaveLength(0);
    });
  });

  describe('registerFir and rejectFir', () => {
    it('registerFir numbers a FIR under review <CODE>-<YEAR>-<serial>; again is a no-op', async () => {
      const { code, firIds } = await stationWithFirs(db, ['UNDER_REVIEW', 'UNDER_REVIEW']);
      const before = new Date();
      const first = (await api.data(REGISTER, { id: fid(firIds[0]!) })).registerFir;
      const after = new Date();
      expect(first).toMatchObject({ status: 'REGISTERED', version: 2, firNumber: `${code}-${year}-00001` });
      // registered by this call: between the request and the answer (MySQL keeps whole seconds)
      expect(Date.parse(first.registeredAt)).toBeGreaterThanOrEqual(Math.floor(before.getTime() / 1000) * 1000);
      expect(Date.parse(first.registeredAt)).toBeLessThanOrEqual(after.getTime());
      const second = (await api.data(REGISTER, { id: fid(firIds[1]!) })).registerFir;
      expect(second.firNumber).toBe(`${code}-${year}-00002`);
      expect((await api.data(REGISTER, { id: fid(firIds[0]!) })).registerFir).toEqual(first);
      const audit = await auditRows(db, firIds);
      expect(audit.map((a) => a.action)).toEqual(['registerFir', 'registerFir']);
      expect(JSON.parse(audit[0]!.changes)).toMatchObject({ status: ['UNDER_REVIEW', 'REGISTERED'], firNumber: [null, `${code}-${year}-00001`], version: [1, 2] });
      const serial = await db.selectFrom('fir_serial').select('last_serial').where('station_id', '=', (await stationOf(firIds[0]!))).where('year', '=', year).executeTakeFirstOrThrow();
      expect(serial.last_serial).toBe(2);
    });

    it('registering or rejecting a FIR that is not under review is BAD_USER_INPUT naming both statuses', async () => {
      const statuses = ['DRAFT', 'GENERATING', 'GENERATED', 'FAILED', 'REJECTED'];
      const { firIds } = await stationWithFirs(db, statuses);
      for (const [i, status] of statuses.entries()) {
        const err = expectError(await api.gql(REGISTER, { id: fid(firIds[i]!) }), 'BAD_USER_INPUT', new RegExp(`${status} -> REGISTERED`));
        expect(err.extensions).toMatchObject({ status, argument: 'id' });
      }
      for (const [i, status] of statuses.slice(0, 4).entries()) {
        expectError(await api.gql(REJECT, { id: fid(firIds[i]!), reason: 'Not cognizable' }), 'BAD_USER_INPUT', new RegExp(`${status} -> REJECTED`));
      }
      expectError(await api.gql(REGISTER, { id: fid(999_999) }), 'NOT_FOUND');
      expect(await auditRows(db, firIds)).toHaveLength(0);
      expect((await db.selectFrom('fir').select('fir_number').where('id', 'in', firIds).execute()).every((r) => r.fir_number === null)).toBe(true);
    });

    it('rejectFir needs a reason, keeps it, and is a no-op when repeated with the same reason', async () => {
      const { firIds } = await stationWithFirs(db, ['UNDER_REVIEW']);
      const id = fid(firIds[0]!);
      expectError(await api.gql(REJECT, { id, reason: '   ' }), 'BAD_USER_INPUT', /reason/);
      expectError(await api.gql(REJECT, { id, reason: 'x'.repeat(2001) }), 'BAD_USER_INPUT', /reason/);
      expectError(await api.gql(`mutation($id: ID!) { rejectFir(id: $id) { id } }`, { id }), 'BAD_USER_INPUT');
      expect((await api.data(REJECT, { id, reason: '  Civil dispute, not a cognizable offence ' })).rejectFir).toMatchObject({ status: 'REJECTED', version: 2 });
      const row = await db.selectFrom('fir').select('rejection_reason').where('id', '=', firIds[0]!).executeTakeFirstOrThrow();
      expect(row.rejection_reason).toBe('Civil dispute, not a cognizable offence');
      expect((await api.data(REJECT, { id, reason: 'Civil dispute, not a cognizable offence' })).rejectFir.version).toBe(2);
      expectError(await api.gql(REJECT, { id, reason: 'Another reason' }), 'BAD_USER_INPUT', /already REJECTED/);
      const audit = await auditRows(db, firIds);
      expect(audit).toHaveLength(1);
      expect(audit[0]!.changes).not.toContain('Civil dispute');
    });
  });

  describe('bulkUpdateFirStatus', () => {
    it('moves every FIR in one go; repeated ids count once; FIRs already there are left alone', async () => {
      const { firIds } = await stationWithFirs(db, ['GENERATED', 'GENERATED', 'UNDER_REVIEW']);
      const ids = [firIds[0]!, firIds[2]!, firIds[1]!, firIds[0]!].map(fid);
      const res = (await api.data(BULK, { input: { ids, status: 'UNDER_REVIEW' } })).bulkUpdateFirStatus;
      expect(res.firs.map((f: any) => [f.id, f.status, f.version])).toEqual([
        [fid(firIds[0]!), 'UNDER_REVIEW', 2],
        [fid(firIds[2]!), 'UNDER_REVIEW', 1],
        [fid(firIds[1]!), 'UNDER_REVIEW', 2],
      ]);
      const audit = await auditRows(db, firIds);
      expect(audit.map((a) => [a.action, a.entity_id])).toEqual(
        expect.arrayContaining([
          ['bulkUpdateFirStatus', firIds[0]],
          ['bulkUpdateFirStatus', firIds[1]],
        ]),
      );
      expect(audit).toHaveLength(2);
    });

    it('REGISTERED numbers every FIR, consecutively per station', async () => {
      const { code, firIds } = await stationWithFirs(db, ['UNDER_REVIEW', 'UNDER_REVIEW', 'UNDER_REVIEW']);
      const res = (await api.data(BULK, { input: { ids: [firIds[2]!, firIds[0]!, firIds[1]!].map(fid), status: 'REGISTERED' } })).bulkUpdateFirStatus;
      expect(res.firs.map((f: any) => f.firNumber)).toEqual([1, 2, 3].map((n) => `${code}-${year}-0000${n}`));
    });

    it('all or nothing: one illegal transition or unknown id and no FIR changes', async () => {
      const { firIds } = await stationWithFirs(db, ['UNDER_REVIEW', 'UNDER_REVIEW', 'GENERATED']);
      const err = expectError(await api.gql(BULK, { input: { ids: firIds.map(fid), status: 'REGISTERED' } }), 'BAD_USER_INPUT', /GENERATED -> REGISTERED/);
      expect(err.extensions).toMatchObject({ argument: 'input.ids[2]', status: 'GENERATED' });
      const notFound = expectError(await api.gql(BULK, { input: { ids: [fid(firIds[0]!), fid(999_999)], status: 'REGISTERED' } }), 'NOT_FOUND');
      expect(notFound.extensions).toMatchObject({ argument: 'input.ids[1]' });
      const rows = await db.selectFrom('fir').select(['status', 'version', 'fir_number']).where('id', 'in', firIds).orderBy('id').execute();
      expect(rows).toEqual([
        { status: 'UNDER_REVIEW', version: 1, fir_number: null },
        { status: 'UNDER_REVIEW', version: 1, fir_number: null },
        { status: 'GENERATED', version: 1, fir_number: null },
      ]);
      expect(await auditRows(db, firIds)).toHaveLength(0);
      // the serial a rolled-back registration took is handed out again: no gap
      const { code, firIds: next } = await stationWithFirs(db, ['UNDER_REVIEW', 'GENERATED']);
      expectError(await api.gql(BULK, { input: { ids: next.map(fid), status: 'REGISTERED' } }), 'BAD_USER_INPUT');
      expect((await api.data(REGISTER, { id: fid(next[0]!) })).registerFir.firNumber).toBe(`${code}-${year}-00001`);
    });

    it('refuses more than 500 ids, an empty list, and statuses it may not set', async () => {
      const { firIds } = await stationWithFirs(db, ['GENERATED']);
      const many = Array.from({ length: 501 }, (_, i) => fid(i + 1));
      expectError(await api.gql(BULK, { input: { ids: many, status: 'UNDER_REVIEW' } }), 'BAD_USER_INPUT', /at most 500/);
      expectError(await api.gql(BULK, { input: { ids: [], status: 'UNDER_REVIEW' } }), 'BAD_USER_INPUT', /empty/);
      expectError(await api.gql(BULK, { input: { ids: [fid(firIds[0]!)], status: 'REJECTED' } }), 'BAD_USER_INPUT', /reason.*rejectFir/);
      for (const status of ['DRAFT', 'GENERATING', 'GENERATED', 'FAILED']) {
        expectError(await api.gql(BULK, { input: { ids: [fid(firIds[0]!)], status } }), 'BAD_USER_INPUT', /UNDER_REVIEW or REGISTERED/);
      }
      expectError(await api.gql(BULK, { input: { ids: [fid(firIds[0]!)], status: 'CLOSED' } }), 'BAD_USER_INPUT');
      expectError(await api.gql(BULK, { input: { ids: ['%%%'], status: 'UNDER_REVIEW' } }), 'BAD_USER_INPUT', /Invalid ID/);
      expect(await auditRows(db, firIds)).toHaveLength(0);
    });
  });

  describe('after commit', () => {
    it('hands the changed FIRs to the after-commit path (invalidate, then fir:updated), only for real changes', async () => {
      const { pubsub, listeners } = countingPubSub();
      const reports: FirChange[][] = [];
      const deps = { db, changes: createFirChanges({ pubsub: pubsub as any, invalidate: (c) => void reports.push([...c]) }) };
      const { stationId, firIds } = await stationWithFirs(db, ['GENERATED', 'GENERATED', 'UNDER_REVIEW']);
      const events: number[] = [];
      const sub = pubsub.subscribe('fir:updated', stationId);
      const reading = (async () => {
        for await (const e of sub) {
          events.push(e.firId);
          if (events.length === 4) break;
        }
      })();
      await waitFor(() => listeners(`fir:updated:${stationId}`) === 1, { timeoutMs: 5_000, intervalMs: 5, message: 'the subscriber to listen' });
      await updateFir(deps, { id: firIds[0]!, expectedVersion: 1, summary: 'edited' });
      await updateFir(deps, { id: firIds[0]!, expectedVersion: 2, summary: 'edited' }); // no-op
      await bulkUpdateFirStatus(deps, { ids: firIds, status: 'UNDER_REVIEW' });
      await registerFir(deps, { id: firIds[2]! });
      await expect(registerFir(deps, { id: firIds[2]! })).resolves.toEqual([]); // no-op
      await expect(updateFir(deps, { id: firIds[1]!, expectedVersion: 1, summary: 'stale' })).rejects.toMatchObject({ code: 'CONFLICT' });
      await reading;
      expect(events).toEqual([firIds[0], firIds[0], firIds[1], firIds[2]]);
      expect(reports).toEqual([
        // the edit names the fields it changed (the response cache keeps lists it cannot affect)
        [{ id: firIds[0], stationId, statusBefore: 'GENERATED', statusAfter: 'GENERATED', fields: ['summary', 'version'] }],
        [
          { id: firIds[0], stationId, statusBefore: 'GENERATED', statusAfter: 'UNDER_REVIEW' },
          { id: firIds[1], stationId, statusBefore: 'GENERATED', statusAfter: 'UNDER_REVIEW' },
        ],
        [{ id: firIds[2], stationId, statusBefore: 'UNDER_REVIEW', statusAfter: 'REGISTERED' }],
      ]);
    });

    it('an invalidation that throws does not fail the committed mutation', async () => {
      const { firIds } = await stationWithFirs(db, ['GENERATED']);
      const warnings: unknown[] = [];
      const deps = {
        db,
        changes: createFirChanges({
          pubsub: createPubSub<Topics>() as any,
          invalidate: () => Promise.reject(new Error('cache down')),
          log: { warn: (o: object) => void warnings.push(o) },
        }),
      };
      await expect(updateFir(deps, { id: firIds[0]!, expectedVersion: 1, summary: 'edited' })).resolves.toMatchObject({ changed: true });
      expect(warnings).toHaveLength(1);
    });
  });

  async function stationOf(firId: number) {
    return (await db.selectFrom('fir').select('station_id').where('id', '=', firId).executeTakeFirstOrThrow()).station_id;
  }
});
