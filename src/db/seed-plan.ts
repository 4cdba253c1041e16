/**
 * Planning the synthetic seed in memory, before any row is written: police stations spread over
 * the districts, their officers, and every FIR's skeleton (station, created_at, status,
 * registered_at and the registration serial) in typed arrays, so that serials are gapless per
 * (station, year) in registration order whatever the batch size of the load.
 */
import { FIR_STATUSES } from '../fir/fir.status.ts';
import { type Bi, type District, NAMES, type NamePool, STATES, STATION_VARIANTS, type State } from './seed-data.ts';
import { cumulative, pickCumulative, type Rng } from './seed-rng.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** the seeded FIRs span the two years before `now` */
const WINDOW = 730 * DAY;

/** indexes into FIR_STATUSES, as stored in Skeletons.status */
export const [DRAFT, GENERATING, GENERATED, UNDER_REVIEW, REGISTERED, REJECTED, FAILED] = [0, 1, 2, 3, 4, 5, 6] as const;

/** cumulative status mixes: FIRs older than the recent window, and recent ones */
const MIX_OLD = cumulative([4, 0, 5, 6, 72, 9, 4]);
const MIX_RECENT = cumulative([12, 6, 25, 25, 22, 4, 6]);

export interface PlannedStation {
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

export interface OfficerRow {
  id: number;
  station_id: number | null;
  name: string;
  rank: string;
  badge_number: string;
  role: string;
  created_at: Date;
}

export interface Skeletons {
  station: Int32Array;
  created: Float64Array;
  status: Uint8Array;
  registered: Float64Array;
  serial: Int32Array;
  /** key = stationIndex * 10000 + year -> last serial */
  lastSerial: Map<number, number>;
}

export function planStations(r: Rng, count: number, baseId: number, now: number, existing: Map<string, number>): PlannedStation[] {
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

export function personName(r: Rng, pool: NamePool, male: boolean, surname?: Bi): { name: string; local: string; surname: Bi } {
  const given = r.pick(male ? pool.male : pool.female);
  const sur = surname ?? r.pick(pool.surnames);
  return { name: `${given[0]} ${sur[0]}`, local: `${given[1] ?? given[0]} ${sur[1] ?? sur[0]}`, surname: sur };
}

export function planOfficers(r: Rng, stations: PlannedStation[], baseId: number): OfficerRow[] {
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

export function planSkeletons(r: Rng, n: number, stationCount: number, now: number): Skeletons {
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
