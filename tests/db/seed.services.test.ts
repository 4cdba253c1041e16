/**
 * The seed's bulk-load path on MySQL/MariaDB: loading without the FULLTEXT indexes and building
 * them afterwards must give the same search results as keeping them up to date row by row.
 * MariaDB of the services environment (TEST_MYSQL_URL).
 */
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../src/db/seed.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { requireServices } from '../helpers/services.ts';

requireServices();

describe('seed on MySQL/MariaDB: FULLTEXT built after the load', () => {
  const dbs: TestDb[] = [];
  afterAll(async () => {
    await Promise.all(dbs.map((d) => d.drop()));
  });

  async function seeded(deferFullText: boolean) {
    const db = await createTestDb('mysql');
    dbs.push(db);
    await seedDatabase(db.db, { firs: 600, seed: 5, deferFullText });
    return db;
  }

  async function searchCounts(db: TestDb) {
    const out: Record<string, number> = {};
    for (const word of ['theft', 'gold', 'mobile', 'चोरी', 'cheating']) {
      const fir = await sql<{ n: number }>`select count(*) as n from fir where match(summary, narrative) against (${word})`.execute(db.db);
      const complaint = await sql<{ n: number }>`select count(*) as n from complaint where match(text, transcript) against (${word})`.execute(db.db);
      out[`fir:${word}`] = Number(fir.rows[0]!.n);
      out[`complaint:${word}`] = Number(complaint.rows[0]!.n);
    }
    return out;
  }

  it('finds the same FIRs and complaints as indexes maintained during the load', async () => {
    const [deferred, maintained] = await Promise.all([seeded(true), seeded(false)]);
    const a = await searchCounts(deferred);
    const b = await searchCounts(maintained);
    expect(a).toEqual(b);
    expect(a['fir:theft']).toBeGreaterThan(0);
    expect(a['complaint:gold']).toBeGreaterThan(0);
    const indexes = await sql<{ index_name: string }>`
      select distinct index_name from information_schema.statistics
      where table_schema = database() and index_type = 'FULLTEXT' order by index_name`.execute(deferred.db);
    expect(indexes.rows.map((r) => r.index_name)).toEqual(['complaint_fulltext_idx', 'fir_fulltext_idx', 'legal_section_fulltext_idx']);
  });
});
