/**
 * Deterministic synthetic data: police stations, officers, complaints, FIRs and their BNS sections.
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
import { CompiledQuery, type Kysely, sql } from 'kysely';
import { isMysql } from './dialect.ts';
import { retryOnDeadlock } from './retry.ts';
import {
  type Bi, DELAY_REASONS, type District, INVESTIGATION_STATUSES, type Lang, NAMES, type NamePool, OCCUPATIONS,
  REJECTION_REASONS, STATES, STATION_VARIANTS, type State, STREETS,
} from './seed-data.ts';
import { type Crime, complaintText, mix, narrativeText, type Person, pickCrime, Rng, type TextCtx } from './seed-text.ts';
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

export const FIR_STATUSES = ['DRAFT', 'GENERATING', 'GENERATED', 'UNDER_REVIEW', 'REGISTERED', 'REJECTED', 'FAILED'] as const;
const [DRAFT, GENERATING, GENERATED, UNDER_REVIEW, REGISTERED, REJECTED, FAILED] = [0, 1, 2, 3, 4, 5, 6] as const;
/** statuses whose FIR has been drafted by the model (summary + narrative present) */
const HAS_TEXT = [false, false, true, true, true, true, false];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const IST = 330 * MINUTE;
const WINDOW = 730 * DAY;
const MAX_PARAMS = 65_535;

/** cumulative status mixes: FIRs older than the recent window, and recent ones */
const MIX_OLD = cumulative([4, 0, 5, 6, 72, 9, 4]);
const MIX_RECENT = cumulative([12, 6, 25, 25, 22, 4, 6]);

interface PlannedStation {
  id: number;
  code: string;
  name: string;
  nameLocal: string;
  district: District;
  state: State;
  locality: Bi;
  createdAt: Date;
  /** officer ids that write FIRs (SI, ASI, Head Constable, SHO) and that investigate (SI, Inspector) */
  writers: number[];
  investigators: number[];
}

interface OfficerRow {
  id: number;
  station_id: number | null;
  name: string;
  rank: string;
  badge_number: string;
  role: string;
  created_at: Date;
}

interface SectionRef {
  id: number;
  number: string;
}

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

  const stationCols = ['id', 'code', 'name', 'district', 'state', 'created_at'] as const;
  const officerCols = ['id', 'station_id', 'name', 'rank', 'badge_number', 'role', 'created_at'] as const;
  const complaintCols = ['id', 'station_id', 'source', 'language', 'text', 'transcript', 'media_ref', 'media_type', 'received_at'] as const;
  const firCols = [
    'id', 'station_id', 'complaint_id', 'status', 'fir_number', 'complainant_name', 'complainant_dob', 'complainant_nationality',
    'complainant_father_or_husband_name', 'complainant_address', 'complainant_contact', 'complainant_passport_number',
    'complainant_occupation', 'incident_from', 'incident_to', 'incident_place', 'incident_address', 'incident_description',
    'incident_delay_reason', 'acts', 'summary', 'narrative', 'suspects', 'witnesses', 'investigation_officer_id',
    'investigation_status', 'investigation_action_taken', 'investigation_despatch_date', 'rejection_reason', 'version',
    'created_by', 'created_at', 'updated_at', 'registered_at',
  ] as const;
  const sectionCols = ['fir_id', 'section_id', 'confidence', 'source'] as const;
  const serialCols = ['station_id', 'year', 'last_serial'] as const;

  const insert = (conn: Kysely<DB>, table: string, cols: readonly string[], values: unknown[]) =>
    insertRows(conn, my, table, cols, values, batchSize);

  // Bulk-load settings for the seed's own sessions only: ids and references are consistent by
  // construction, so per-row foreign-key lookups and unique-index read-before-write are skipped.
  const session = <T>(fn: (conn: Kysely<DB>) => Promise<T>): Promise<T> =>
    db.connection().execute(async (conn) => {
      if (my) await sql`set session unique_checks = 0, foreign_key_checks = 0`.execute(conn);
      try {
        return await fn(conn);
      } finally {
        if (my) await sql`set session unique_checks = 1, foreign_key_checks = 1`.execute(conn);
      }
    });

  await session((conn) =>
    conn.transaction().execute(async (trx) => {
      const sv: unknown[] = [];
      for (const s of stations) sv.push(s.id, s.code, s.name, s.district.name[0], s.state.name, s.createdAt);
      await insert(trx, 'police_station', stationCols, sv);
      const ov: unknown[] = [];
      for (const o of officers) ov.push(o.id, o.station_id, o.name, o.rank, o.badge_number, o.role, o.created_at);
      await insert(trx, 'officer', officerCols, ov);
    }),
  );

  // Workers pull the next batch, generate it (synchronously) and insert it in one transaction.
  // With two MySQL sessions, one generates and sends while the server commits the other's batch;
  // PGlite has a single connection, so it gets one worker.
  // InnoDB keeps a FULLTEXT index up to date through a small in-memory cache that it merges into
  // the auxiliary index tables over and over during a big load (most of the server's CPU). Into
  // empty tables it is cheaper to load without the two text indexes and build each once, sorted.
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
            await insert(trx, 'complaint', complaintCols, cv);
            await insert(trx, 'fir', firCols, fv);
            await insert(trx, 'fir_section', sectionCols, xv);
          }),
        );
      } catch (err) {
        failed = true;
        throw err;
      }
      firSections += xv.length / sectionCols.length;
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
    await conn.transaction().execute((trx) => insert(trx, 'fir_serial', serialCols, serials));
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

// ---------------------------------------------------------------------------------------------

/** FIR count from which a seed into empty MySQL tables builds the FULLTEXT indexes after the load */
const DEFER_FULLTEXT_MIN = 100_000;
/** the FULLTEXT indexes of migration 0001 that the load would otherwise maintain row by row */
const DEFERRED_FULLTEXT = [
  { table: 'fir', index: 'fir_fulltext_idx', columns: 'summary, narrative' },
  { table: 'complaint', index: 'complaint_fulltext_idx', columns: 'text, transcript' },
] as const;

async function dropFullText(db: Kysely<DB>): Promise<void> {
  for (const { table, index } of DEFERRED_FULLTEXT) {
    const present = await sql<{ n: number }>`
      select count(*) as n from information_schema.statistics
      where table_schema = database() and table_name = ${table} and index_name = ${index}`.execute(db);
    if (Number(present.rows[0]?.n ?? 0) > 0) {
      await sql.raw(`alter table \`${table}\` drop index \`${index}\``).execute(db);
      // Dropping the index leaves InnoDB's hidden FTS_DOC_ID column behind; rows loaded with it and
      // indexed later were not found by MATCH (MariaDB 10.11: the rebuilt index numbered the
      // documents afresh). Rebuilding the still empty table removes the column, so the index
      // built after the load adds it together with the documents.
      await sql.raw(`alter table \`${table}\` force`).execute(db);
    }
  }
}

async function createFullText(db: Kysely<DB>): Promise<void> {
  for (const { table, index, columns } of DEFERRED_FULLTEXT) {
    const present = await sql<{ n: number }>`
      select count(*) as n from information_schema.statistics
      where table_schema = database() and table_name = ${table} and index_name = ${index}`.execute(db);
    if (Number(present.rows[0]?.n ?? 0) === 0) await sql.raw(`create fulltext index \`${index}\` on \`${table}\` (${columns})`).execute(db);
  }
}

async function loadSections(db: Kysely<DB>): Promise<SectionRef[]> {
  const rows = await db.selectFrom('legal_section').select(['id', 'act', 'number']).orderBy('id').execute();
  if (rows.length === 0) {
    throw new Error(
      'Cannot seed: the legal_section table is empty. Run the migrations first (0002_legal_knowledge_base loads the BNS sections).',
    );
  }
  const bns = rows.filter((r) => r.act === 'BNS');
  return (bns.length > 0 ? bns : rows).map((r) => ({ id: Number(r.id), number: r.number }));
}

async function maxIds(db: Kysely<DB>) {
  const one = async (table: 'police_station' | 'officer' | 'complaint' | 'fir') => {
    const row = await db.selectFrom(table).select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
    return Number(row?.m ?? 0);
  };
  return { police_station: await one('police_station'), officer: await one('officer'), complaint: await one('complaint'), fir: await one('fir') };
}

async function stationsPerDistrict(db: Kysely<DB>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('police_station')
    .select(['state', 'district', (eb) => eb.fn.countAll().as('n')])
    .groupBy(['state', 'district'])
    .execute();
  return new Map(rows.map((r) => [`${r.state}|${r.district}`, Number(r.n)]));
}

/**
 * One multi-row INSERT per chunk, compiled by hand: at a million rows the query builder's
 * per-value AST would cost more than the database.
 */
async function insertRows(
  db: Kysely<DB>,
  my: boolean,
  table: string,
  cols: readonly string[],
  values: unknown[],
  maxRows: number,
): Promise<void> {
  const width = cols.length;
  const rows = values.length / width;
  if (rows === 0) return;
  const perInsert = Math.max(1, Math.min(maxRows, Math.floor(MAX_PARAMS / width)));
  const q = my ? '`' : '"';
  const head = `insert into ${q}${table}${q} (${cols.map((c) => `${q}${c}${q}`).join(', ')}) values `;
  const myTuple = `(${new Array(width).fill('?').join(', ')})`;
  for (let r0 = 0; r0 < rows; r0 += perInsert) {
    const n = Math.min(perInsert, rows - r0);
    let text: string;
    if (my) {
      text = head + new Array(n).fill(myTuple).join(', ');
    } else {
      const tuples: string[] = new Array(n);
      for (let r = 0; r < n; r++) {
        const p0 = r * width;
        let t = '(';
        for (let c = 1; c <= width; c++) t += c === 1 ? `$${p0 + c}` : `, $${p0 + c}`;
        tuples[r] = `${t})`;
      }
      text = head + tuples.join(', ');
    }
    const params = r0 === 0 && n === rows ? values : values.slice(r0 * width, (r0 + n) * width);
    await db.executeQuery(CompiledQuery.raw(text, params));
  }
}

function cumulative(weights: number[]): Float64Array {
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = new Float64Array(weights.length);
  let acc = 0;
  weights.forEach((w, i) => {
    acc += w / sum;
    out[i] = acc;
  });
  out[weights.length - 1] = 1;
  return out;
}

function pickCumulative(cum: Float64Array, x: number): number {
  let i = 0;
  while (i < cum.length - 1 && x >= (cum[i] as number)) i++;
  return i;
}

function planStations(r: Rng, count: number, baseId: number, now: number, existing: Map<string, number>): PlannedStation[] {
  const districts: Array<{ state: State; district: District; weight: number }> = [];
  for (const state of STATES) for (const district of state.districts) districts.push({ state, district, weight: state.weight / state.districts.length });
  const cum = cumulative(districts.map((d) => d.weight));
  const perDistrict = new Map<string, number>(existing);
  const out: PlannedStation[] = [];
  for (let k = 0; k < count; k++) {
    // The first stations cover every district once, the rest follow the weights.
    const d = districts[k < districts.length ? k : pickCumulative(cum, r.next())]!;
    const key = `${d.state.name}|${d.district.name[0]}`;
    const n = perDistrict.get(key) ?? 0;
    perDistrict.set(key, n + 1);
    const locs = d.district.localities;
    const locality = locs[n % locs.length]!;
    const round = Math.floor(n / locs.length);
    const variant = STATION_VARIANTS[round % STATION_VARIANTS.length]!;
    const extra = round >= STATION_VARIANTS.length ? ` ${Math.floor(round / STATION_VARIANTS.length) + 1}` : '';
    const tamil = d.state.code === 'TN';
    const id = baseId + k + 1;
    out.push({
      id,
      code: `${d.state.code}${d.district.code}${String(id).padStart(4, '0')}`,
      name: `${locality[0]}${variant[0]}${extra}`,
      nameLocal: `${locality[1] ?? locality[0]}${locality[1] ? (tamil ? variant[2] : variant[1]) : variant[0]}${extra}`,
      district: d.district,
      state: d.state,
      locality,
      // Stations and their officers exist before the first FIR of the window.
      createdAt: new Date(now - WINDOW - r.range(400, 1500) * DAY - r.int(DAY)),
      writers: [],
      investigators: [],
    });
  }
  return out;
}

function personName(r: Rng, pool: NamePool, male: boolean, surname?: Bi): { name: string; local: string; surname: Bi } {
  const given = r.pick(male ? pool.male : pool.female);
  const sur = surname ?? r.pick(pool.surnames);
  return { name: `${given[0]} ${sur[0]}`, local: `${given[1] ?? given[0]} ${sur[1] ?? sur[0]}`, surname: sur };
}

function planOfficers(r: Rng, stations: PlannedStation[], baseId: number): OfficerRow[] {
  const out: OfficerRow[] = [];
  let id = baseId;
  const add = (s: PlannedStation | null, state: State, rank: string, role: string, createdAt: Date) => {
    id++;
    const pool = r.pick(NAMES[state.region]);
    out.push({
      id,
      station_id: s?.id ?? null,
      name: personName(r, pool, r.chance(0.82)).name,
      rank,
      badge_number: `${state.code}-${String(id).padStart(6, '0')}`,
      role,
      created_at: createdAt,
    });
    return id;
  };
  const districtsSeen = new Set<string>();
  for (const s of stations) {
    const at = new Date(s.createdAt.getTime() + r.int(20) * DAY);
    const sho = add(s, s.state, 'Inspector', 'STATION_HOUSE_OFFICER', at);
    s.writers.push(sho);
    s.investigators.push(sho);
    const n = 5 + r.int(10);
    for (let k = 0; k < n; k++) {
      const rank = k === 0 ? 'Inspector' : k <= 2 ? 'Sub-Inspector' : k <= 4 ? 'Assistant Sub-Inspector' : k <= 7 ? 'Head Constable' : 'Constable';
      const oid = add(s, s.state, rank, 'OFFICER', new Date(at.getTime() + r.int(300) * DAY));
      if (rank === 'Inspector' || rank === 'Sub-Inspector') s.investigators.push(oid);
      if (rank === 'Sub-Inspector' || rank === 'Assistant Sub-Inspector' || rank === 'Head Constable') s.writers.push(oid);
    }
    // One district administrator per district in this run, attached to the district's first station.
    const dkey = `${s.state.code}${s.district.code}`;
    if (!districtsSeen.has(dkey)) {
      districtsSeen.add(dkey);
      add(s, s.state, 'Superintendent of Police', 'DISTRICT_ADMIN', at);
    }
  }
  if (stations.length > 0) add(null, stations[0]!.state, 'Inspector General of Police', 'ADMIN', stations[0]!.createdAt);
  return out;
}

interface Skeletons {
  station: Int32Array;
  created: Float64Array;
  status: Uint8Array;
  registered: Float64Array;
  serial: Int32Array;
  /** key = stationIndex * 10000 + year -> last serial */
  lastSerial: Map<number, number>;
}

function planSkeletons(r: Rng, n: number, stationCount: number, now: number): Skeletons {
  const station = new Int32Array(n);
  const created = new Float64Array(n);
  const status = new Uint8Array(n);
  const registered = new Float64Array(n).fill(Number.NaN);
  const serial = new Int32Array(n);
  // Busy urban stations get more FIRs than quiet ones.
  const weights = new Float64Array(stationCount);
  let sum = 0;
  for (let s = 0; s < stationCount; s++) sum += weights[s] = 0.4 + 1.6 * r.next() * r.next() + (r.chance(0.1) ? 2 : 0);
  const cum = new Float64Array(stationCount);
  let acc = 0;
  for (let s = 0; s < stationCount; s++) cum[s] = acc += (weights[s] as number) / sum;

  // created_at rises with id (as real ids do) and is uniform over the window: stratified sampling.
  const start = now - WINDOW;
  const span = WINDOW - 10 * MINUTE;
  const recentFrom = n - Math.max(40, Math.ceil(n * 0.02));
  const forcedFrom = n >= FIR_STATUSES.length ? n - FIR_STATUSES.length : n;
  const forced = [0, 1, 2, 3, 4, 5, 6];
  for (let i = forced.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [forced[i], forced[j]] = [forced[j]!, forced[i]!];
  }
  for (let i = 0; i < n; i++) {
    const x = r.next();
    let lo = 0;
    let hi = stationCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (x < (cum[mid] as number)) hi = mid;
      else lo = mid + 1;
    }
    station[i] = lo;
    const c = Math.floor(start + ((i + r.next()) * span) / n);
    created[i] = c;
    // The last seven FIRs carry one of each status, so even a small demo set shows all of them.
    const st = i >= forcedFrom ? forced[i - forcedFrom]! : pickCumulative(i >= recentFrom ? MIX_RECENT : MIX_OLD, r.next());
    status[i] = st;
    if (st === REGISTERED) {
      const delay = 20 * MINUTE + r.next() * r.next() * 48 * HOUR;
      registered[i] = Math.max(c + 1000, Math.min(c + delay, now - 1000));
    }
  }

  // Serials: gapless 1..k per (station, registration year), in registration order.
  let regCount = 0;
  for (let i = 0; i < n; i++) if (status[i] === REGISTERED) regCount++;
  const order = new Int32Array(regCount);
  for (let i = 0, k = 0; i < n; i++) if (status[i] === REGISTERED) order[k++] = i;
  order.sort((a, b) => station[a]! - station[b]! || registered[a]! - registered[b]! || a - b);
  const lastSerial = new Map<number, number>();
  for (const i of order) {
    const key = station[i]! * 10_000 + new Date(registered[i]!).getUTCFullYear();
    const next = (lastSerial.get(key) ?? 0) + 1;
    lastSerial.set(key, next);
    serial[i] = next;
  }
  return { station, created, status, registered, serial, lastSerial };
}

function baseNumber(n: string): string {
  return n.replace(/\s*\(.*$/, '').trim();
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** 'DD/MM/YYYY' and 'HH:MM' in IST */
function istDate(ms: number): string {
  const d = new Date(ms + IST);
  return `${pad2(d.getUTCDate())}/${pad2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}
function istTime(ms: number): string {
  const d = new Date(ms + IST);
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}
/** 'YYYY-MM-DD' in IST */
function istIsoDate(ms: number): string {
  const d = new Date(ms + IST);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

function pickLang(r: Rng, state: State): Lang {
  const x = r.next();
  for (const [lang, p] of state.languages) if (x < p) return lang;
  return 'en';
}

const SECTION_SOURCES_REGISTERED = cumulative([15, 60, 25]);
const SECTION_SOURCES = cumulative([45, 50, 5]);
const SOURCE_NAMES = ['RETRIEVED', 'MODEL_CHECKED', 'OFFICER'] as const;

class FirGenerator {
  r: Rng;
  runSeed: number;
  stations: PlannedStation[];
  sections: SectionRef[];
  /** exact number, and number without sub-section -> first section with it */
  byNumber: Map<string, SectionRef>;
  byBase: Map<string, SectionRef>;
  sk: Skeletons;
  base: { complaint: number; fir: number };
  now: number;

  constructor(
    runSeed: number,
    stations: PlannedStation[],
    sections: SectionRef[],
    sk: Skeletons,
    base: { complaint: number; fir: number },
    now: number,
  ) {
    this.r = new Rng(0);
    this.runSeed = runSeed;
    this.stations = stations;
    this.sections = sections;
    this.byNumber = new Map();
    this.byBase = new Map();
    for (const s of sections) {
      if (!this.byNumber.has(s.number)) this.byNumber.set(s.number, s);
      const b = baseNumber(s.number);
      if (!this.byBase.has(b)) this.byBase.set(b, s);
    }
    this.sk = sk;
    this.base = base;
    this.now = now;
  }

  person(pool: NamePool, male: boolean, age: number, surname?: Bi): Person & { surname: Bi } {
    const n = personName(this.r, pool, male, surname);
    return { name: n.name, local: n.local, male, age, surname: n.surname };
  }

  /** Appends one complaint, one FIR and its sections to the value arrays. */
  generate(i: number, cv: unknown[], fv: unknown[], xv: unknown[]): void {
    // Each FIR has its own stream, so the data does not depend on the batch size.
    const r = this.r.reset(mix(this.runSeed, i));
    const sk = this.sk;
    const st = this.stations[sk.station[i]!]!;
    const status = sk.status[i]!;
    const created = sk.created[i]!;
    const now = this.now;
    const crime = pickCrime(r);
    const lang = pickLang(r, st.state);
    const pool = r.pick(NAMES[st.state.region]);

    // People
    const female = r.chance(crime.female);
    const age = crime.key === 'DOWRY_CRUELTY' ? r.range(20, 38) : r.range(18, 74);
    const married = female && (crime.key === 'DOWRY_CRUELTY' || (age > 24 && r.chance(0.75)));
    const p = this.person(pool, !female, age);
    const relation = !female ? 'S/o' : married ? 'W/o' : 'D/o';
    const rel = this.person(pool, true, married ? age + r.range(1, 7) : age + r.range(22, 32), p.surname);
    const other = this.person(r.pick(NAMES[st.state.region]), true, r.range(22, 60));
    const witness = this.person(r.pick(NAMES[st.state.region]), r.chance(0.7), r.range(20, 65));

    // Places
    const d = st.district;
    const loc = r.chance(0.7) ? st.locality : r.pick(d.localities);
    const loc2 = r.pick(d.localities);
    const house = `${r.chance(0.3) ? `${r.pick(['A', 'B', 'C', 'D'])}-` : ''}${r.range(1, 450)}`;
    const street = r.pick(STREETS);
    const pin = `${d.pin}0${pad2(r.range(1, 60))}`;
    const address = `${house}, ${street}, ${loc[0]}, ${d.name[0]}, ${st.state.name} - ${pin}`;
    const addrLocal =
      lang === 'hi' ? `मकान नं. ${house}, ${loc[1] ?? loc[0]}, ${d.name[1] ?? d.name[0]}` : lang === 'mr' ? `घर क्र. ${house}, ${loc[1] ?? loc[0]}, ${d.name[1] ?? d.name[0]}` : `${house}, ${loc[1] ?? loc[0]}, ${d.name[1] ?? d.name[0]}`;

    // Time line: incident, report (complaint received), FIR created, updated, registered
    const reportDelay = r.chance(0.6)
      ? 30 * MINUTE + r.next() * 11.5 * HOUR
      : r.chance(0.75)
        ? 12 * HOUR + r.next() * 60 * HOUR
        : 3 * DAY + r.next() * 27 * DAY;
    const incidentTo = Math.floor(created - reportDelay);
    const [dmin, dmax] = crime.durationMin;
    const incidentFrom = incidentTo - r.range(dmin, dmax) * MINUTE;
    const received = created - Math.min(reportDelay / 2, r.range(1, 45) * MINUTE);
    const date2 =
      crime.key === 'HOUSE_BREAKING'
        ? istDate(incidentTo)
        : crime.key === 'DOWRY_CRUELTY'
          ? istDate(incidentFrom - r.range(200, 2500) * DAY)
          : istDate(incidentFrom - r.range(5, 60) * DAY);
    const contact = `${r.pick(['9', '8', '7', '6'])}${r.digits(9)}`;

    const c: TextCtx = {
      r,
      lang,
      p,
      rel,
      relation,
      other,
      witness,
      city: d.name[0],
      cityLocal: d.name[1] ?? d.name[0],
      locality: loc[0],
      localityLocal: loc[1] ?? loc[0],
      locality2: loc2[0],
      address,
      addressLocal: addrLocal,
      date: istDate(incidentFrom),
      time: istTime(incidentFrom),
      date2,
      rto: r.pick(st.state.rto),
      contact,
    };
    const t = crime.build(c);

    // Complaint
    const complaintId = this.base.complaint + i + 1;
    const text = complaintText(c, t, st.name, st.nameLocal);
    const srcX = r.next();
    const source = srcX < 0.82 ? 'TEXT' : srcX < 0.94 ? 'AUDIO' : 'IMAGE';
    const ym = istIsoDate(received).slice(0, 7).replace('-', '/');
    let mediaRef: string | null = null;
    let mediaType: string | null = null;
    if (source === 'AUDIO') {
      const [ext, type] = r.pick([['ogg', 'audio/ogg'], ['m4a', 'audio/mp4'], ['webm', 'audio/webm'], ['mp3', 'audio/mpeg']] as const);
      mediaRef = `media/complaints/${ym}/${complaintId}.${ext}`;
      mediaType = type;
    } else if (source === 'IMAGE') {
      const [ext, type] = r.pick([['jpg', 'image/jpeg'], ['png', 'image/png']] as const);
      mediaRef = `media/complaints/${ym}/${complaintId}.${ext}`;
      mediaType = type;
    }
    cv.push(
      complaintId,
      st.id,
      source,
      lang,
      source === 'TEXT' ? text : null,
      source === 'TEXT' ? null : text,
      mediaRef,
      mediaType,
      new Date(received),
    );

    // Sections
    const firId = this.base.fir + i + 1;
    const chosen = this.chooseSections(crime);
    const sectionList = chosen.map((s) => s.number).join(', ');
    const srcCum = status === REGISTERED ? SECTION_SOURCES_REGISTERED : SECTION_SOURCES;
    for (let k = 0; k < chosen.length; k++) {
      const conf = k === 0 ? 0.78 + r.next() * 0.21 : 0.42 + r.next() * 0.45;
      xv.push(firId, chosen[k]!.id, Math.round(conf * 1000) / 1000, SOURCE_NAMES[pickCumulative(srcCum, r.next())]);
    }

    // FIR
    const occupation = p.male || r.chance(0.6) ? r.pick(OCCUPATIONS) : 'Homemaker';
    const hasText = HAS_TEXT[status]!;
    const receivedHow = source === 'AUDIO' ? 'gave an oral complaint' : source === 'IMAGE' ? 'gave a handwritten complaint' : 'gave a written complaint';
    const summary = hasText ? t.summary : null;
    const narrative = hasText ? narrativeText(c, t, st.name, st.nameLocal, sectionList, receivedHow, occupation, istDate(created)) : null;
    const reg = sk.registered[i]!;
    const isReg = status === REGISTERED;
    const regYear = isReg ? new Date(reg).getUTCFullYear() : 0;
    const firNumber = isReg ? `${st.code}-${regYear}-${String(sk.serial[i]).padStart(5, '0')}` : null;
    let updated: number;
    let version: number;
    switch (status) {
      case DRAFT:
        updated = created;
        version = 1;
        break;
      case GENERATING:
        updated = created + r.range(2, 50) * 1000;
        version = 1;
        break;
      case FAILED:
        updated = created + r.range(30, 300) * 1000;
        version = 1;
        break;
      case GENERATED:
        updated = created + r.range(20, 180) * 1000;
        version = r.range(1, 2);
        break;
      case UNDER_REVIEW:
        updated = created + r.range(5, 24 * 60) * MINUTE;
        version = 2;
        break;
      case REGISTERED:
        updated = reg;
        version = r.chance(0.8) ? 3 : 2;
        break;
      default: // REJECTED
        updated = created + r.range(60, 5 * 24 * 60) * MINUTE;
        version = r.range(2, 3);
    }
    updated = Math.max(created, Math.min(updated, now));
    const io = isReg ? r.pick(st.investigators) : null;
    const ageDays = (now - created) / DAY;
    fv.push(
      firId,
      st.id,
      complaintId,
      FIR_STATUSES[status],
      firNumber,
      p.name,
      `${new Date(created).getUTCFullYear() - age}-${pad2(r.range(1, 12))}-${pad2(r.range(1, 28))}`,
      'Indian',
      rel.name,
      address,
      `+91 ${contact}`,
      r.chance(0.03) ? `${String.fromCharCode(65 + r.int(26))}${r.digits(7)}` : null,
      occupation,
      new Date(incidentFrom),
      new Date(incidentTo),
      t.place,
      `${loc[0]}, ${d.name[0]}, ${st.state.name} - ${pin}`,
      t.fact.charAt(0).toUpperCase() + t.fact.slice(1) + '.',
      reportDelay > 3 * DAY ? r.pick(DELAY_REASONS) : null,
      '["BNS"]',
      summary,
      narrative,
      JSON.stringify(t.suspects),
      JSON.stringify(t.witnesses),
      io,
      isReg ? (ageDays < 30 ? 'Under investigation' : r.pick(INVESTIGATION_STATUSES)) : null,
      isReg ? t.actionTaken : null,
      isReg ? istIsoDate(reg + r.int(2) * DAY) : null,
      status === REJECTED ? r.pick(REJECTION_REASONS) : null,
      version,
      // The writer on duty: one per station per 8-hour shift (keeps the created_by index's
      // insertion points to one per station at a time).
      st.writers[(Math.floor(created / (8 * HOUR)) + st.id) % st.writers.length],
      new Date(created),
      new Date(updated),
      isReg ? new Date(reg) : null,
    );
  }

  /** 1–3 distinct sections: the offence's own sections found in the table, else random ones. */
  chooseSections(crime: Crime): SectionRef[] {
    const r = this.r;
    const out: SectionRef[] = [];
    for (const num of crime.sections) {
      const s = this.byNumber.get(num) ?? this.byBase.get(baseNumber(num));
      if (!s || out.includes(s)) continue;
      if (out.length === 0 || r.chance(0.55)) out.push(s);
      if (out.length === 3) break;
    }
    if (out.length === 0) {
      const want = Math.min(this.sections.length, r.range(1, 3));
      while (out.length < want) {
        const s = r.pick(this.sections);
        if (!out.includes(s)) out.push(s);
      }
    }
    return out;
  }
}
