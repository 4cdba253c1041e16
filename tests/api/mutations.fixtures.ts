/**
 * Fixtures for the mutation tests: a station of its own (so its registration serials start at 1)
 * with FIRs in chosen statuses, and small helpers over the GraphQL answers.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { insertReturningId } from '../../src/db/dialect.ts';
import type { DB } from '../../src/db/types.ts';
import type { GqlResponse } from '../helpers/app.ts';

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

/** The error of a GraphQL answer, checked to be a coded error (never a 500, never masked). */
export function expectError(res: GqlResponse, code: string, message?: RegExp) {
  expect(res.status, JSON.stringify(res.body)).not.toBe(500);
  expect(res.body.errors, JSON.stringify(res.body)).toHaveLength(1);
  const err = res.body.errors![0]!;
  expect(err.extensions.code, err.message).toBe(code);
  if (message) expect(err.message).toMatch(message);
  return err;
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
