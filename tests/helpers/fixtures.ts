/**
 * Test data:
 *  - seededDb: a migrated test database of one dialect with a deterministic seeded data set
 *    (stations, officers, complaints, FIRs in every status, sections). Tests derive expected
 *    results from the rows themselves (plain SQL), never from hard-coded values;
 *  - addStation / stationWithFirs: a police station of the test's own (so its registration
 *    serials start at 1), with FIRs in chosen statuses; generatingFir / queuedJob: a FIR being
 *    generated and a QUEUED job of it, for tests of the generation event feeds;
 *  - auditRows: the audit trail of FIRs.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { insertReturningId } from '../../src/db/dialect.ts';
import { seedDatabase } from '../../src/db/seed.ts';
import type { DB } from '../../src/db/types.ts';
import { encodeGlobalId } from '../../src/global-id.ts';
import { createTestDb, type DialectName, type TestDb } from './db.ts';

export async function seededDb(name: DialectName, options: { firs?: number; seed?: number } = {}): Promise<TestDb> {
  const db = await createTestDb(name);
  await seedDatabase(db.db, { firs: options.firs ?? 240, seed: options.seed ?? 7 });
  db.queries.length = 0;
  return db;
}

export { dialects } from './db.ts';

/** A new police station (a random code); its id and global id. */
export async function addStation(db: Kysely<DB>, name = 'Test Station'): Promise<{ id: number; gid: string; code: string }> {
  const code = `T${randomBytes(4).toString('hex').toUpperCase()}`;
  const id = await insertReturningId(db, 'police_station', { code, name, district: 'Jaipur', state: 'Rajasthan', created_at: new Date() });
  return { id, gid: encodeGlobalId('PoliceStation', id), code };
}

/**
 * A new officer row of `stationId` with `role` (officer roles need their row: the token's sub is the
 * officer's global id, src/auth/authenticate.ts); its id, for tokenFor(role, id).
 */
export async function addOfficer(db: Kysely<DB>, stationId: number | null, role = 'OFFICER'): Promise<number> {
  return insertReturningId(db, 'officer', {
    station_id: stationId,
    name: `Officer ${role}`,
    rank: 'Sub-Inspector',
    badge_number: `T-${randomBytes(5).toString('hex')}`,
    role,
    created_at: new Date(),
  });
}

export interface StationFixture {
  stationId: number;
  code: string;
  firIds: number[];
}

/** A new station with one FIR per entry of `statuses`, in that order (ids ascending). */
export async function stationWithFirs(db: Kysely<DB>, statuses: readonly string[]): Promise<StationFixture> {
  const code = `T${randomBytes(4).toString('hex').toUpperCase()}`;
  const now = new Date();
  const stationId = await insertReturningId(db, 'police_station', { code, name: `Test station ${code}`, district: 'Pune', state: 'Maharashtra', created_at: now });
  for (let i = 0; i < statuses.length; i += 100) {
    const chunk = statuses.slice(i, i + 100);
    await db
      .insertInto('complaint')
      .values(chunk.map((_, k) => ({ station_id: stationId, source: 'TEXT', language: 'en', text: `Complaint ${i + k} of ${code}`, received_at: now })))
      .execute();
  }
  const complaints = (await db.selectFrom('complaint').select('id').where('station_id', '=', stationId).orderBy('id').execute()).map((r) => r.id);
  for (let i = 0; i < statuses.length; i += 100) {
    await db
      .insertInto('fir')
      .values(
        statuses.slice(i, i + 100).map((status, k) => ({
          station_id: stationId,
          complaint_id: complaints[i + k]!,
          status,
          complainant_name: 'Asha Kulkarni',
          complainant_contact: '+91 98220 12345',
          complainant_address: '14 Laxmi Road, Pune',
          incident_from: new Date('2025-03-01T10:00:00Z'),
          incident_place: 'Laxmi Road market',
          incident_description: 'A mobile phone was snatched.',
          acts: '["BNS"]',
          summary: 'initial',
          narrative: 'Initial narrative.',
          suspects: '[]',
          witnesses: '[]',
          version: 1,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
  const firIds = (await db.selectFrom('fir').select('id').where('station_id', '=', stationId).orderBy('id').execute()).map((r) => r.id);
  return { stationId, code, firIds };
}

/** A FIR in GENERATING (station and complaint of its own): the FIR of the jobs made by queuedJob. */
export async function generatingFir(db: Kysely<DB>): Promise<number> {
  const { firIds } = await stationWithFirs(db, ['GENERATING']);
  return firIds[0]!;
}

/**
 * Registers beforeAll/afterAll: a migrated PGlite test database with one FIR in GENERATING, for
 * the tests of the generation event feeds (the object is filled in by beforeAll).
 */
export function useFeedDatabase(): { db: TestDb; firId: number } {
  const fixture = {} as { db: TestDb; firId: number };
  beforeAll(async () => {
    fixture.db = await createTestDb('pglite');
    fixture.firId = await generatingFir(fixture.db.db);
  });
  afterAll(async () => {
    await fixture.db?.drop();
  });
  return fixture;
}

/** A new QUEUED generation job of `firId` (no events yet). */
export function queuedJob(db: Kysely<DB>, firId: number): Promise<number> {
  return insertReturningId(db, 'generation_job', {
    fir_id: firId,
    status: 'QUEUED',
    stage: 'QUEUED',
    progress: 0,
    attempts: 0,
    priority: 'NORMAL',
    queued_at: new Date(),
    cancel_requested: false,
  });
}

export async function auditRows(db: Kysely<DB>, firIds: readonly number[]) {
  return db
    .selectFrom('audit_log')
    .select(['id', 'actor_id', 'action', 'entity_type', 'entity_id', 'changes', 'request_id'])
    .where('entity_type', '=', 'fir')
    .where('entity_id', 'in', [...firIds, -1])
    .orderBy('id')
    .execute();
}
