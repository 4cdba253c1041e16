/**
 * A migrated test database of one dialect with a deterministic seeded data set (stations,
 * officers, complaints, FIRs in every status, sections). Tests derive expected results from the
 * rows themselves (plain SQL), never from hard-coded values.
 */
import { seedDatabase } from '../../src/db/seed.ts';
import { createTestDb, type DialectName, type TestDb } from './db.ts';

export async function seededDb(name: DialectName, options: { firs?: number; seed?: number } = {}): Promise<TestDb> {
  const db = await createTestDb(name);
  await seedDatabase(db.db, { firs: options.firs ?? 240, seed: options.seed ?? 7 });
  db.queries.length = 0;
  return db;
}

export { dialects } from './db.ts';
