/**
 * Property: random sequences of FIR mutations through the API, over FIRs starting in random
 * statuses, behave like a model built on the state machine table (src/fir/fir.status.ts):
 *  - each command succeeds or fails with the code the model predicts;
 *  - afterwards every FIR has the status, version, summary, number and rejection reason the
 *    model has, failed and no-op commands having changed nothing;
 *  - the audit log gained exactly one row per FIR actually changed by a successful command.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BULK_TARGET_STATUSES, canTransition, EDITABLE_STATUSES, FIR_STATUSES, type FirStatus } from '../../src/fir/fir.status.ts';
import { encodeGlobalId } from '../../src/global-id.ts';
import { testApp } from '../helpers/app.ts';
import { createTestDb, dialects, type TestDb } from '../helpers/db.ts';
import { auditRows, stationWithFirs } from '../helpers/fixtures.ts';

const fid = (id: number) => encodeGlobalId('Fir', id);
const FIRS = 5;
const SUMMARIES = ['initial', 'theft', 'assault'];
const REASONS = ['Not cognizable', 'Duplicate complaint', '  '];

type Command =
  | { kind: 'register'; fir: number }
  | { kind: 'reject'; fir: number; reason: string }
  | { kind: 'bulk'; firs: number[]; status: FirStatus }
  | { kind: 'update'; fir: number; summary: string; versionDelta: number };

interface ModelFir {
  status: FirStatus;
  version: number;
  summary: string;
  registered: boolean;
  reason: string | null;
}

/** The version an update sends: the one read, or a stale one around it. */
const expectedVersion = (read: number, delta: number) => Math.max(1, read + delta);

/** What the command should answer (null: success) and do to the model; returns FIRs changed. */
function apply(model: ModelFir[], c: Command): { code: string | null; changed: number } {
  const fail = (code: string) => ({ code, changed: 0 });
  switch (c.kind) {
    case 'update': {
      const f = model[c.fir]!;
      if (expectedVersion(f.version, c.versionDelta) !== f.version) return fail('CONFLICT');
      if (!EDITABLE_STATUSES.includes(f.status)) return fail('BAD_USER_INPUT');
      if (f.summary === c.summary) return { code: null, changed: 0 };
      f.summary = c.summary;
      f.version++;
      return { code: null, changed: 1 };
    }
    case 'register':
    case 'reject': {
      const to: FirStatus = c.kind === 'register' ? 'REGISTERED' : 'REJECTED';
      const reason = c.kind === 'reject' ? c.reason.trim() : null;
      if (c.kind === 'reject' && !reason) return fail('BAD_USER_INPUT');
      const f = model[c.fir]!;
      if (f.status === to) return to === 'REJECTED' && f.reason !== reason ? fail('BAD_USER_INPUT') : { code: null, changed: 0 };
      if (!canTransition(f.status, to)) return fail('BAD_USER_INPUT');
      f.status = to;
      f.version++;
      if (to === 'REGISTERED') f.registered = true;
      else f.reason = reason;
      return { code: null, changed: 1 };
    }
    case 'bulk': {
      if (!BULK_TARGET_STATUSES.includes(c.status)) return fail('BAD_USER_INPUT');
      const distinct = [...new Set(c.firs)];
      const todo = distinct.filter((i) => model[i]!.status !== c.status);
      if (todo.some((i) => !canTransition(model[i]!.status, c.status))) return fail('BAD_USER_INPUT');
      for (const i of todo) {
        const f = model[i]!;
        f.status = c.status;
        f.version++;
        if (c.status === 'REGISTERED') f.registered = true;
      }
      return { code: null, changed: todo.length };
    }
  }
}

const fir = fc.nat({ max: FIRS - 1 });
const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('register' as const), fir }),
  fc.record({ kind: fc.constant('reject' as const), fir, reason: fc.constantFrom(...REASONS) }),
  fc.record({ kind: fc.constant('bulk' as const), firs: fc.array(fir, { minLength: 1, maxLength: 6 }), status: fc.constantFrom(...FIR_STATUSES) }),
  fc.record({ kind: fc.constant('update' as const), fir, summary: fc.constantFrom(...SUMMARIES), versionDelta: fc.constantFrom(0, 0, 0, -1, 1) }),
);

describe.each(dialects)('FIR mutations against the state machine model (%s)', (name) => {
  let t: TestDb;
  let api: ReturnType<typeof testApp>;

  beforeAll(async () => {
    t = await createTestDb(name);
    api = testApp(t);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('random command sequences match the model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...FIR_STATUSES), { minLength: FIRS, maxLength: FIRS }), fc.array(commandArb, { maxLength: 14 }), async (initial, commands) => {
        const { firIds } = await stationWithFirs(t.db, initial);
        const model: ModelFir[] = initial.map((status) => ({ status, version: 1, summary: 'initial', registered: false, reason: null }));
        let expectedAudit = 0;
        for (const c of commands) {
          const before = model.map((f) => f.version);
          const expected = apply(model, c);
          const res = await send(c, firIds, before);
          expect(res.status).not.toBe(500);
          const code = res.body.errors?.[0]?.extensions.code ?? null;
          expect(code, `${JSON.stringify(c)} -> ${JSON.stringify(res.body.errors ?? res.body.data)}`).toBe(expected.code);
          expectedAudit += expected.changed;
        }
        const rows = await t.db
          .selectFrom('fir')
          .select(['id', 'status', 'version', 'summary', 'fir_number', 'rejection_reason'])
          .where('id', 'in', firIds)
          .orderBy('id')
          .execute();
        expect(rows.map((r) => ({ status: r.status, version: r.version, summary: r.summary, registered: r.fir_number !== null, reason: r.rejection_reason }))).toEqual(
          model,
        );
        const numbers = rows.flatMap((r) => (r.fir_number ? [r.fir_number] : []));
        expect(new Set(numbers).size).toBe(numbers.length);
        expect(await auditRows(t.db, firIds)).toHaveLength(expectedAudit);
      }),
      { numRuns: name === 'pglite' ? 60 : 30 },
    );
  });

  function send(c: Command, firIds: number[], versions: number[]) {
    switch (c.kind) {
      case 'register':
        return api.gql('mutation($id: ID!) { registerFir(id: $id) { id status } }', { id: fid(firIds[c.fir]!) });
      case 'reject':
        return api.gql('mutation($id: ID!, $r: String!) { rejectFir(id: $id, reason: $r) { id status } }', { id: fid(firIds[c.fir]!), r: c.reason });
      case 'bulk':
        return api.gql('mutation($input: BulkUpdateFirStatusInput!) { bulkUpdateFirStatus(input: $input) { firs { id status } } }', {
          input: { ids: c.firs.map((i) => fid(firIds[i]!)), status: c.status },
        });
      case 'update':
        return api.gql('mutation($input: UpdateFirInput!) { updateFir(input: $input) { id version } }', {
          input: { id: fid(firIds[c.fir]!), expectedVersion: expectedVersion(versions[c.fir]!, c.versionDelta), summary: c.summary },
        });
    }
  }
});
