/**
 * Officer edits and the review workflow of FIRs: updateFir, registerFir, rejectFir and
 * bulkUpdateFirStatus. Each command is one transaction that locks the FIR rows it changes, checks
 * the rules (optimistic version, the status state machine in fir.status.ts), writes the rows and
 * their audit_log entries together, and only after commit hands the changes to the one
 * after-commit path (fir.changes.ts: cache invalidation, then `fir:updated`).
 *
 * Setting a FIR to the status it already has, or an edit that changes no value, is a no-op that
 * succeeds: no version bump, no audit row, no event. Clients can therefore retry registerFir,
 * rejectFir and bulkUpdateFirStatus whose answer they lost without doing anything twice. A retried
 * updateFir that did apply meets CONFLICT (its expectedVersion is now old): the client reloads and
 * sees its edit there.
 */
import type { Kysely, Transaction } from 'kysely';
import { retryOnDeadlock } from '../db/retry.ts';
import type { DB, FirUpdate } from '../db/types.ts';
import { AppError, badInput } from '../errors.ts';
import type { ComplainantDraft, IncidentDraft, PersonDraft } from '../models/types.ts';
import { type AuditEntry, insertAudit } from '../audit/audit.repository.ts';
import { auditChanges } from './fir.audit.ts';
import { COMPLAINANT_COLUMNS, COMPLAINANT_FIELDS, COMPLAINANT_LIMITS } from './complainant.ts';
import type { FirChange, FirChanges } from './fir.changes.ts';
import {
  deleteSectionLinks,
  existingSectionIds,
  type FirColumn,
  type FirRecord,
  insertSectionLinks,
  lockFirs,
  nextSerial,
  lockSectionLinks,
  stationCodes,
  updateFirRow,
  updateFirRows,
} from './fir.repository.ts';
import { assertTransition, BULK_TARGET_STATUSES, EDITABLE_STATUSES, type FirStatus, isFirStatus } from './fir.status.ts';

export interface FirDeps {
  db: Kysely<DB>;
  changes: FirChanges;
}

export interface Actor {
  actorId?: number | null;
  requestId?: string | null;
}

/**
 * Absent (undefined) fields keep their value; null clears a field (an empty list for lists).
 * `incident` and `complainant` change only the sub-fields they contain.
 */
export interface UpdateFirCommand extends Actor {
  id: number;
  expectedVersion: number;
  summary?: string | null;
  narrative?: string | null;
  acts?: readonly string[] | null;
  incident?: IncidentDraft | null;
  complainant?: ComplainantDraft | null;
  suspects?: readonly PersonDraft[] | null;
  witnesses?: readonly PersonDraft[] | null;
  sectionIds?: readonly number[] | null;
}

export const LIMITS = {
  summary: 10_000,
  narrative: 100_000,
  acts: 20,
  act: 100,
  persons: 50,
  sections: 50,
  rejectionReason: 2_000,
  bulkIds: 500,
} as const;

const INCIDENT: Record<keyof IncidentDraft, [FirColumn, number]> = {
  occurredFrom: ['incident_from', 0],
  occurredTo: ['incident_to', 0],
  place: ['incident_place', 300],
  address: ['incident_address', 2_000],
  description: ['incident_description', 20_000],
  delayReason: ['incident_delay_reason', 5_000],
};

const PERSON_LIMITS: Record<keyof PersonDraft, number> = { name: 200, description: 2_000, address: 2_000 };

/** Officer-chosen sections: the source the SectionSource enum has for them, full confidence. */
const OFFICER_SECTION = { source: 'OFFICER', confidence: 1 } as const;

function chars(s: string): number {
  return [...s].length;
}

function checkString(value: string | null | undefined, argument: string, max: number): void {
  if (value != null && chars(value) > max) throw badInput(`"${argument}" is longer than ${max} characters`, { argument });
}

function checkPersons(list: readonly PersonDraft[] | null | undefined, argument: string): PersonDraft[] | null {
  if (list == null) return null;
  if (list.length > LIMITS.persons) throw badInput(`"${argument}" takes at most ${LIMITS.persons} people`, { argument });
  return list.map((p, i) => {
    const out: PersonDraft = {};
    for (const key of Object.keys(PERSON_LIMITS) as (keyof PersonDraft)[]) {
      checkString(p[key], `${argument}[${i}].${key}`, PERSON_LIMITS[key]);
      const v = p[key]?.trim();
      if (v) out[key] = v;
    }
    return out;
  });
}

/** A planned change of one column: the API field it comes from and its new value. */
interface ColumnChange {
  field: string;
  column: FirColumn;
  value: unknown;
  /** how the API shows the value in the audit row (lists parsed) */
  display?: (stored: unknown) => unknown;
}

const parseJson = (v: unknown) => {
  try {
    return JSON.parse(String(v ?? '[]'));
  } catch {
    return [];
  }
};

/** Validates an update and turns it into column changes (sections are handled apart). */
function planUpdate(cmd: UpdateFirCommand): ColumnChange[] {
  if (!Number.isInteger(cmd.expectedVersion) || cmd.expectedVersion < 1) {
    throw badInput('"input.expectedVersion" must be the FIR version you read (1 or more)', { argument: 'input.expectedVersion' });
  }
  const plan: ColumnChange[] = [];
  if (cmd.summary !== undefined) {
    checkString(cmd.summary, 'input.summary', LIMITS.summary);
    plan.push({ field: 'summary', column: 'summary', value: cmd.summary });
  }
  if (cmd.narrative !== undefined) {
    checkString(cmd.narrative, 'input.narrative', LIMITS.narrative);
    plan.push({ field: 'narrative', column: 'narrative', value: cmd.narrative });
  }
  if (cmd.acts !== undefined) {
    const acts = cmd.acts ?? [];
    if (acts.length > LIMITS.acts) throw badInput(`"input.acts" takes at most ${LIMITS.acts} acts`, { argument: 'input.acts' });
    const clean = acts.map((a, i) => {
      const v = a.trim();
      if (!v) throw badInput(`"input.acts[${i}]" is empty`, { argument: `input.acts[${i}]` });
      checkString(v, `input.acts[${i}]`, LIMITS.act);
      return v;
    });
    plan.push({ field: 'acts', column: 'acts', value: JSON.stringify([...new Set(clean)]), display: parseJson });
  }
  for (const [key, list] of [
    ['suspects', cmd.suspects],
    ['witnesses', cmd.witnesses],
  ] as const) {
    if (list === undefined) continue;
    const persons = checkPersons(list, `input.${key}`) ?? [];
    plan.push({ field: key, column: key, value: JSON.stringify(persons), display: parseJson });
  }
  if (cmd.complainant) {
    for (const key of COMPLAINANT_FIELDS) {
      const v = cmd.complainant[key];
      if (v === undefined) continue;
      const column = COMPLAINANT_COLUMNS[key];
      checkString(v, `input.complainant.${key}`, COMPLAINANT_LIMITS[key]);
      if (key === 'dateOfBirth' && v != null && v > new Date().toISOString().slice(0, 10)) {
        throw badInput('"input.complainant.dateOfBirth" is in the future', { argument: 'input.complainant.dateOfBirth' });
      }
      plan.push({ field: `complainant.${key}`, column, value: v });
    }
  }
  if (cmd.incident) {
    for (const key of Object.keys(INCIDENT) as (keyof IncidentDraft)[]) {
      const v = cmd.incident[key];
      if (v === undefined) continue;
      const [column, max] = INCIDENT[key];
      if (typeof v === 'string') checkString(v, `input.incident.${key}`, max);
      plan.push({ field: `incident.${key}`, column, value: v });
    }
  }
  return plan;
}

/** Compares a stored value with a new one across drivers (Dates, DATE strings, numbers). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a == null || b == null) return a == null && b == null;
  if (a instanceof Date || b instanceof Date) return new Date(a as string).getTime() === new Date(b as string).getTime();
  return String(a) === String(b);
}

function notFound(argument: string) {
  return new AppError('NOT_FOUND', 'FIR not found', { argument });
}

function actorOf(cmd: Actor) {
  return { actorId: cmd.actorId ?? null, requestId: cmd.requestId ?? null };
}

// ---- updateFir ------------------------------------------------------------------------------------

export async function updateFir(deps: FirDeps, cmd: UpdateFirCommand): Promise<{ id: number; changed: boolean }> {
  const plan = planUpdate(cmd);
  let sectionIds: number[] | undefined;
  if (cmd.sectionIds !== undefined) {
    sectionIds = [...new Set(cmd.sectionIds ?? [])];
    if (sectionIds.length > LIMITS.sections) {
      throw badInput(`"input.sectionIds" takes at most ${LIMITS.sections} sections`, { argument: 'input.sectionIds' });
    }
  }
  const columns = [...new Set<FirColumn>(['status', 'version', 'station_id', 'incident_from', 'incident_to', ...plan.map((p) => p.column)])];

  const result = await retryOnDeadlock(() =>
    deps.db.transaction().execute(async (trx) => {
      const [fir] = await lockFirs(trx, [cmd.id], columns);
      if (!fir) throw notFound('input.id');
      if (fir.version !== cmd.expectedVersion) {
        throw new AppError(
          'CONFLICT',
          `The FIR was changed since you read it: it is at version ${fir.version}, not ${cmd.expectedVersion}. Reload it and apply your edit again.`,
          { argument: 'input.expectedVersion', currentVersion: fir.version },
        );
      }
      if (!(EDITABLE_STATUSES as readonly string[]).includes(fir.status!)) {
        throw badInput(`A ${fir.status} FIR cannot be edited; editable statuses: ${EDITABLE_STATUSES.join(', ')}`, {
          argument: 'input.id',
          status: fir.status,
        });
      }
      // A value given as null clears the time: only an absent entry keeps the stored one.
      const fromEntry = plan.find((p) => p.column === 'incident_from');
      const toEntry = plan.find((p) => p.column === 'incident_to');
      const from = fromEntry ? fromEntry.value : fir.incident_from;
      const to = toEntry ? toEntry.value : fir.incident_to;
      if (from != null && to != null && new Date(to as Date).getTime() < new Date(from as Date).getTime()) {
        throw badInput('"incident.occurredTo" is before "incident.occurredFrom"', { argument: 'input.incident.occurredTo' });
      }

      const values: FirUpdate = {};
      const changes: Record<string, [unknown, unknown]> = {};
      for (const p of plan) {
        const before = fir[p.column];
        if (sameValue(before, p.value)) continue;
        (values as Record<string, unknown>)[p.column] = p.value;
        changes[p.field] = p.display ? [p.display(before), p.display(p.value)] : [before, p.value];
      }
      if (sectionIds) {
        const sectionChange = await replaceSections(trx, cmd.id, sectionIds);
        if (sectionChange) changes.sectionIds = sectionChange;
      }
      if (Object.keys(changes).length === 0) return { change: null };
      const now = new Date();
      await updateFirRow(trx, cmd.id, values, now);
      changes.version = [fir.version, fir.version! + 1];
      await insertAudit(trx, [{ ...actorOf(cmd), action: 'updateFir', entityType: 'fir', entityId: cmd.id, changes: auditChanges(changes), at: now }]);
      return {
        change: { id: cmd.id, stationId: fir.station_id!, statusBefore: fir.status!, statusAfter: fir.status!, fields: Object.keys(changes) },
      };
    }),
  );
  await deps.changes.committed(result.change ? [result.change] : []);
  return { id: cmd.id, changed: result.change != null };
}

/**
 * Makes the FIR's sections exactly `sectionIds`. Sections it keeps keep their source and
 * confidence (how they were found stays on record); added ones are the officer's. Returns the
 * [before, after] id lists when anything changed.
 */
async function replaceSections(trx: Transaction<DB>, firId: number, sectionIds: number[]): Promise<[number[], number[]] | null> {
  const known = await existingSectionIds(trx, sectionIds);
  const unknown = sectionIds.filter((id) => !known.has(id));
  if (unknown.length) {
    throw badInput(`Unknown legal section${unknown.length > 1 ? 's' : ''} in "input.sectionIds"`, { argument: 'input.sectionIds', unknown: unknown.length });
  }
  // A locking read: sees the latest committed links whatever the isolation level's snapshot.
  const current = (await lockSectionLinks(trx, firId)).map((l) => l.section_id);
  const wanted = new Set(sectionIds);
  const removed = current.filter((id) => !wanted.has(id));
  const added = sectionIds.filter((id) => !current.includes(id));
  if (removed.length === 0 && added.length === 0) return null;
  await deleteSectionLinks(trx, firId, removed);
  await insertSectionLinks(trx, firId, added.map((sectionId) => ({ sectionId, ...OFFICER_SECTION })));
  const after = [...current.filter((id) => wanted.has(id)), ...added].sort((a, b) => a - b);
  return [[...current].sort((a, b) => a - b), after];
}

// ---- status changes -------------------------------------------------------------------------------

interface StatusCommand extends Actor {
  action: 'registerFir' | 'rejectFir' | 'bulkUpdateFirStatus';
  ids: number[];
  status: FirStatus;
  reason?: string;
  /** names the input argument in errors: `id` or `input.ids` */
  argument: string;
  /** bulk: the position in the client's list of each of `ids` (errors name it) */
  positions?: number[];
}

/**
 * Moves FIRs to `status` in one transaction: every FIR must exist and be allowed to make the
 * transition, or nothing changes. FIRs already in `status` are left as they are.
 */
async function changeStatus(deps: FirDeps, cmd: StatusCommand): Promise<FirChange[]> {
  const where = (i: number) => {
    const index = cmd.positions?.[i];
    return { argument: index === undefined ? cmd.argument : `${cmd.argument}[${index}]` };
  };
  const changes = await retryOnDeadlock(() =>
    deps.db.transaction().execute(async (trx) => {
      const rows = await lockFirs(trx, cmd.ids, ['status', 'version', 'station_id', 'fir_number', 'rejection_reason']);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const missing = cmd.ids.findIndex((id) => !byId.has(id));
      if (missing >= 0) throw notFound(where(missing).argument);

      const todo: FirRecord[] = [];
      cmd.ids.forEach((id, i) => {
        const fir = byId.get(id)!;
        if (fir.status === cmd.status) {
          if (cmd.status === 'REJECTED' && cmd.reason !== undefined && fir.rejection_reason !== cmd.reason) {
            throw badInput('The FIR is already REJECTED, with another reason', { ...where(i), status: fir.status });
          }
          return;
        }
        assertTransition(fir.status!, cmd.status, where(i));
        todo.push(fir);
      });
      if (todo.length === 0) return [];

      const now = new Date();
      const numbers = cmd.status === 'REGISTERED' ? await allocateNumbers(trx, todo, now) : new Map<number, string>();
      const audit: AuditEntry[] = [];
      // Without per-FIR values (numbers, a reason) one statement moves them all.
      if (cmd.status === 'UNDER_REVIEW') await updateFirRows(trx, todo.map((f) => f.id), { status: cmd.status }, now);
      for (const fir of todo) {
        const values: FirUpdate = { status: cmd.status };
        const change: Record<string, [unknown, unknown]> = { status: [fir.status, cmd.status] };
        if (cmd.status === 'REGISTERED') {
          values.fir_number = numbers.get(fir.id)!;
          values.registered_at = now;
          change.firNumber = [fir.fir_number ?? null, values.fir_number];
          change.registeredAt = [null, now];
        }
        if (cmd.status === 'REJECTED') {
          values.rejection_reason = cmd.reason!;
          change.rejectionReason = [fir.rejection_reason ?? null, cmd.reason];
        }
        change.version = [fir.version, fir.version! + 1];
        if (cmd.status !== 'UNDER_REVIEW') await updateFirRow(trx, fir.id, values, now);
        audit.push({ ...actorOf(cmd), action: cmd.action, entityType: 'fir', entityId: fir.id, changes: auditChanges(change), at: now });
      }
      await insertAudit(trx, audit);
      return todo.map((f) => ({ id: f.id, stationId: f.station_id!, statusBefore: f.status!, statusAfter: cmd.status }));
    }),
  );
  await deps.changes.committed(changes);
  return changes;
}

/**
 * FIR numbers `<STATIONCODE>-<YEAR>-<00001>`, the serial gapless per station and (UTC) year of
 * registration, as the seed numbers them. Stations are taken in id order so that two bulk
 * registrations spanning the same stations lock their counters in the same order.
 */
async function allocateNumbers(trx: Transaction<DB>, firs: FirRecord[], now: Date): Promise<Map<number, string>> {
  const year = now.getUTCFullYear();
  const stations = [...new Set(firs.map((f) => f.station_id!))].sort((a, b) => a - b);
  const codes = await stationCodes(trx, stations);
  const out = new Map<number, string>();
  for (const stationId of stations) {
    for (const fir of firs) {
      if (fir.station_id !== stationId) continue;
      const serial = await nextSerial(trx, stationId, year);
      out.set(fir.id, `${codes.get(stationId)}-${year}-${String(serial).padStart(5, '0')}`);
    }
  }
  return out;
}

export async function registerFir(deps: FirDeps, cmd: Actor & { id: number }): Promise<FirChange[]> {
  return changeStatus(deps, { ...cmd, action: 'registerFir', ids: [cmd.id], status: 'REGISTERED', argument: 'id' });
}

export async function rejectFir(deps: FirDeps, cmd: Actor & { id: number; reason: string }): Promise<FirChange[]> {
  const reason = cmd.reason.trim();
  if (!reason) throw badInput('"reason" must say why the FIR is rejected', { argument: 'reason' });
  checkString(reason, 'reason', LIMITS.rejectionReason);
  return changeStatus(deps, { ...cmd, action: 'rejectFir', ids: [cmd.id], status: 'REJECTED', reason, argument: 'id' });
}

/**
 * Sets one status on up to 500 FIRs, all or nothing. Only UNDER_REVIEW and REGISTERED may be set
 * (see BULK_TARGET_STATUSES); REGISTERED numbers each FIR like registerFir. Repeated ids count once.
 * Returns the distinct ids in the order given.
 */
export async function bulkUpdateFirStatus(deps: FirDeps, cmd: Actor & { ids: readonly number[]; status: string }): Promise<number[]> {
  if (!isFirStatus(cmd.status) || !BULK_TARGET_STATUSES.includes(cmd.status)) {
    throw badInput(
      `bulkUpdateFirStatus can set ${BULK_TARGET_STATUSES.join(' or ')}, not ${cmd.status}: ${
        cmd.status === 'REJECTED' ? 'rejecting needs a reason (rejectFir)' : 'that status is set by FIR generation'
      }`,
      { argument: 'input.status' },
    );
  }
  if (cmd.ids.length === 0) throw badInput('"input.ids" is empty', { argument: 'input.ids' });
  if (cmd.ids.length > LIMITS.bulkIds) {
    throw badInput(`"input.ids" takes at most ${LIMITS.bulkIds} ids, got ${cmd.ids.length}`, { argument: 'input.ids', max: LIMITS.bulkIds });
  }
  const seen = new Set<number>();
  const ids: number[] = [];
  const positions: number[] = [];
  cmd.ids.forEach((id, i) => {
    if (seen.has(id)) return;
    seen.add(id);
    ids.push(id);
    positions.push(i);
  });
  await changeStatus(deps, { ...cmd, action: 'bulkUpdateFirStatus', ids, positions, status: cmd.status, argument: 'input.ids' });
  return ids;
}
