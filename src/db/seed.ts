/**
 * Deterministic synthetic data: police stations, officers, complaints, FIRs and their BNS sections.
 * This file is the entry point (seedDatabase, seedDemoIfEmpty) and runs the load; the parts are
 * in seed-plan.ts (stations, officers, FIR skeletons), seed-fir.ts (one FIR's rows), seed-text.ts
 * and seed-data.ts (templates and tables), seed-rows.ts (reads and INSERTs), seed-fulltext.ts
 * (MySQL FULLTEXT indexes during a big load) and seed-rng.ts.
 *
 * Same seed + same starting database -> same rows (timestamps are relative to `now`). A second
 * run appends: ids start after the current maximum of each table, station codes embed the id.
 *
 * Shape of the work:
 *  1. plan stations and officers in memory;
 *  2. plan every FIR's skeleton (station, created_at, status, registered_at) in typed arrays, so
 *     that registration serials can be assigned gapless per (station, year) in registration order;
 *  3. stream batches: generate text for `batchSize` FIRs, insert complaints, FIRs, fir_section rows
 *     in one transaction with multi-row INSERTs (pre-compiled SQL, no query-builder per row);
 *  4. write fir_serial, and on PostgreSQL advance the identity sequences past the explicit ids.
 */
import { type Kysely, sql } from 'kysely';
import { isMysql } from './dialect.ts';
import { retryOnDeadlock } from './retry.ts';
import { COMPLAINT_COLUMNS, FIR_COLUMNS, FIR_SECTION_COLUMNS, FirGenerator } from './seed-fir.ts';
import { createFullText, DEFER_FULLTEXT_MIN, dropFullText } from './seed-fulltext.ts';
import { type PlannedStation, planOfficers, planSkeletons, planStations } from './seed-plan.ts';
import { mix, Rng } from './seed-rng.ts';
import { bulkSession, insertRows, loadSections, maxIds, stationsPerDistrict } from './seed-rows.ts';
import type { DB } from './types.ts';

export interface SeedOptions {
  firs: number;
  seed?: number;
  /** FIRs per transaction (and rows per INSERT, capped by the 65,535-placeholder limit) */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** the end of the 2-year window; default: the current time */
  now?: Date;
  /** parallel sessions inserting batches; default 2 on MySQL/MariaDB, 1 on PostgreSQL/PGlite */
  concurrency?: number;
  /**
   * MySQL/MariaDB: load without the FIR and complaint FULLTEXT indexes and build them afterwards.
   * Default: when loading at least 100,000 FIRs into empty tables.
   */
  deferFullText?: boolean;
}

export interface SeedResult {
  stations: number;
  officers: number;
  complaints: number;
  firs: number;
  firSections: number;
}

const STATION_COLUMNS = ['id', 'code', 'name', 'district', 'state', 'created_at'] as const;
const OFFICER_COLUMNS = ['id', 'station_id', 'name', 'rank', 'badge_number', 'role', 'created_at'] as const;
const SERIAL_COLUMNS = ['station_id', 'year', 'last_serial'] as const;

export async function seedDatabase(db: Kysely<DB>, opts: SeedOptions): Promise<SeedResult> {
  const total = opts.firs;
  if (!Number.isInteger(total) || total < 0) throw new RangeError(`firs must be a non-negative integer, got ${total}`);
  const batchSize = opts.batchSize ?? 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const seed = (opts.seed ?? 1) >>> 0;
  const now = (opts.now ?? new Date()).getTime();
  const my = isMysql(db);

  const sections = await loadSections(db);
  const base = await maxIds(db);
  const runSeed = mix(seed, base.fir);
  const existingPerDistrict = await stationsPerDistrict(db);

  // ---- 1. stations and officers -------------------------------------------------------------
  const planRng = new Rng(mix(runSeed, 0x5eed));
  const stationCount = total === 0 ? 0 : Math.min(500, 20 + Math.floor(total / 2000));
  const stations = planStations(planRng, stationCount, base.police_station, now, existingPerDistrict);
  const officers = planOfficers(planRng, stations, base.officer);

  // ---- 2. FIR skeletons -----------------------------------------------------------------------
  const sk = planSkeletons(new Rng(mix(runSeed, 0x51e7)), total, stations.length, now);

  const insert = (conn: Kysely<DB>, table: string, cols: readonly string[], values: unknown[]) =>
    insertRows(conn, my, table, cols, values, batchSize);
  const session = <T>(fn: (conn: Kysely<DB>) => Promise<T>): Promise<T> => bulkSession(db, my, fn);

  await session((conn) =>
    conn.transaction().execute(async (trx) => {
      const sv: unknown[] = [];
      for (const s of stations) sv.push(s.id, s.code, s.name, s.district.name[0], s.state.name, s.createdAt);
      await insert(trx, 'police_station', STATION_COLUMNS, sv);
      const ov: unknown[] = [];
      for (const o of officers) ov.push(o.id, o.station_id, o.name, o.rank, o.badge_number, o.role, o.created_at);
      await insert(trx, 'officer', OFFICER_COLUMNS, ov);
    }),
  );

  // Workers pull the next batch, generate it (synchronously) and insert it in one transaction.
  // With two MySQL sessions, one generates and sends while the server commits the other's batch;
  // PGlite has a single connection, so it gets one worker.
  // A big load into empty MySQL/MariaDB tables builds the two text indexes afterwards (seed-fulltext.ts).
  const deferFullText = my && (opts.deferFullText ?? (total >= DEFER_FULLTEXT_MIN && base.fir === 0 && base.complaint === 0));
  if (deferFullText) await dropFullText(db);
  const gen = new FirGenerator(runSeed, stations, sections, sk, base, now);
  const concurrency = Math.max(1, opts.concurrency ?? (my ? 2 : 1));
  let next = 0;
  let done = 0;
  let firSections = 0;
  let failed = false;
  const worker = async (conn: Kysely<DB>) => {
    while (next < total && !failed) {
      const start = next;
      const end = Math.min(total, start + batchSize);
      next = end;
      const cv: unknown[] = [];
      const fv: unknown[] = [];
      const xv: unknown[] = [];
      for (let i = start; i < end; i++) gen.generate(i, cv, fv, xv);
      try {
        await retryOnDeadlock(() =>
          conn.transaction().execute(async (trx) => {
            await insert(trx, 'complaint', COMPLAINT_COLUMNS, cv);
            await insert(trx, 'fir', FIR_COLUMNS, fv);
            await insert(trx, 'fir_section', FIR_SECTION_COLUMNS, xv);
          }),
        );
      } catch (err) {
        failed = true;
        throw err;
      }
      firSections += xv.length / FIR_SECTION_COLUMNS.length;
      done += end - start;
      opts.onProgress?.(done, total);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, Math.ceil(total / batchSize))) }, () => session(worker)));
  } finally {
    // Rebuilt even when the load failed, so the schema is never left without its search indexes.
    if (deferFullText) await createFullText(db);
  }

  await session(async (conn) => {
    const serials: unknown[] = [];
    for (const [key, last] of sk.lastSerial) {
      const station = stations[Math.floor(key / 10_000)] as PlannedStation;
      serials.push(station.id, key % 10_000, last);
    }
    await conn.transaction().execute((trx) => insert(trx, 'fir_serial', SERIAL_COLUMNS, serials));
    if (!my) {
      // Explicit ids do not move a Postgres identity sequence; without this the next
      // application insert would collide with a seeded id.
      for (const table of ['police_station', 'officer', 'complaint', 'fir'] as const) {
        await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(conn);
      }
    }
  });

  // Fresh planner statistics: PGlite runs no autovacuum, and without them a filtered first page
  // reads every matching row and sorts instead of walking the created_at index.
  await sql.raw(isMysql(db) ? 'analyze table police_station, officer, complaint, fir, fir_section' : 'analyze').execute(db);

  return { stations: stations.length, officers: officers.length, complaints: total, firs: total, firSections };
}

/**
 * Seeds a small demo data set (300 FIRs, seed 42) when there are no police stations yet.
 * Returns whether it seeded.
 */
export async function seedDemoIfEmpty(db: Kysely<DB>): Promise<boolean> {
  const any = await db.selectFrom('police_station').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  await seedDatabase(db, { firs: 300, seed: 42, batchSize: 300 });
  return true;
}
