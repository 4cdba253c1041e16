/**
 * The FIR side of generation: creating a FIR for a submitted complaint, writing what the drafter
 * made of it, and the status a job leaves it in. Each function runs in the caller's transaction
 * (the generation service and pipeline own the transactions that also write the job), checks the
 * status rules of fir.status.ts and writes through fir.repository.ts; none publishes anything (the
 * caller hands the FirChange it returns to fir.changes.ts after commit).
 */
import type { Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import { AppError } from '../errors.ts';
import { sectionIdsByActNumber } from '../legal/legal.repository.ts';
import type { ComplainantDraft, Extraction, SectionCandidate } from '../models/types.ts';
import { COMPLAINANT_COLUMNS, COMPLAINANT_FIELDS, complainantColumns } from './complainant.ts';
import type { FirChange } from './fir.changes.ts';
import {
  deleteSectionLinks,
  firsByIds,
  insertFir,
  insertSectionLinks,
  lockFirs,
  sectionSources,
  setStatusFromGenerating,
  updateFirRow,
  writeDraft,
} from './fir.repository.ts';
import { assertTransition } from './fir.status.ts';

/** A new FIR, GENERATING, for a complaint just stored. Values the submitter gave are kept through drafting. */
export async function createGeneratingFir(
  trx: Transaction<DB>,
  input: { stationId: number; complaintId: number; complainant: ComplainantDraft; actorId: number | null; submittedBy?: string | null; now: Date },
): Promise<FirChange> {
  const id = await insertFir(trx, {
    station_id: input.stationId,
    complaint_id: input.complaintId,
    submitted_by: input.submittedBy ?? null,
    status: 'GENERATING',
    ...complainantColumns(Object.fromEntries(COMPLAINANT_FIELDS.map((f) => [f, input.complainant[f] ?? null]))),
    acts: '[]',
    suspects: '[]',
    witnesses: '[]',
    version: 1,
    created_by: input.actorId,
    created_at: input.now,
    updated_at: input.now,
  });
  return { id, stationId: input.stationId, statusBefore: null, statusAfter: 'GENERATING' };
}

/** A FAILED FIR, or a DRAFT one (a cancelled generation), goes back to GENERATING for a new job. */
export async function restartGeneration(trx: Transaction<DB>, firId: number, now: Date): Promise<FirChange> {
  const [fir] = await lockFirs(trx, [firId], ['status', 'station_id']);
  if (!fir) throw new AppError('NOT_FOUND', 'FIR not found', { argument: 'firId' });
  assertTransition(fir.status!, 'GENERATING', { argument: 'firId', status: fir.status });
  await updateFirRow(trx, fir.id, { status: 'GENERATING' }, now);
  return { id: fir.id, stationId: fir.station_id!, statusBefore: fir.status!, statusAfter: 'GENERATING' };
}

/** A job ended: its GENERATING FIR becomes GENERATED, FAILED or (cancelled) DRAFT. */
export async function endGeneration(
  trx: Transaction<DB>,
  fir: { id: number; stationId: number },
  status: 'GENERATED' | 'FAILED' | 'DRAFT',
  now: Date,
): Promise<FirChange> {
  assertTransition('GENERATING', status);
  await setStatusFromGenerating(trx, fir.id, status, now);
  return { id: fir.id, stationId: fir.stationId, statusBefore: 'GENERATING', statusAfter: status };
}

export interface Draft {
  extraction: Extraction;
  narrative: string | null;
  sections: readonly SectionCandidate[];
  /** which drafter made it (fir.drafted_by) */
  draftedBy: string;
}

/**
 * Writes the drafted fields into the FIR. Complainant values given at submission are kept; the
 * sections an officer added stay, drafted ones are replaced.
 */
export async function applyDraft(trx: Transaction<DB>, fir: { id: number; stationId: number }, draft: Draft, now: Date): Promise<FirChange> {
  const e = draft.extraction;
  const [current] = await firsByIds(trx, [fir.id], COMPLAINANT_FIELDS.map((f) => COMPLAINANT_COLUMNS[f]));
  const complainant: ComplainantDraft = {};
  for (const f of COMPLAINANT_FIELDS) complainant[f] = current?.[COMPLAINANT_COLUMNS[f]] ?? e.complainant[f] ?? null;
  await writeDraft(
    trx,
    fir.id,
    {
      summary: e.summary || null,
      narrative: draft.narrative ?? null,
      acts: JSON.stringify([...new Set(draft.sections.map((s) => s.act))]),
      ...complainantColumns(complainant),
      incident_from: e.incident.occurredFrom ?? null,
      incident_to: e.incident.occurredTo ?? null,
      incident_place: e.incident.place ?? null,
      incident_address: e.incident.address ?? null,
      incident_description: e.incident.description ?? null,
      incident_delay_reason: e.incident.delayReason ?? null,
      suspects: JSON.stringify(e.suspects ?? []),
      witnesses: JSON.stringify(e.witnesses ?? []),
      drafted_by: draft.draftedBy,
    },
    now,
  );
  // Rows are deleted by their keys only when some exist: a DELETE matching nothing takes a gap
  // lock on InnoDB, and two jobs assembling at once then deadlocked on their inserts.
  const idOf = await sectionIdsByActNumber(trx, draft.sections);
  const existing = await sectionSources(trx, fir.id);
  const drafted = existing.filter((r) => r.source !== 'OFFICER').map((r) => r.section_id);
  if (drafted.length) await deleteSectionLinks(trx, fir.id, drafted);
  const officer = new Set(existing.filter((r) => r.source === 'OFFICER').map((r) => r.section_id));
  const seen = new Set<number>();
  const links = [];
  for (const s of draft.sections) {
    const sectionId = idOf.get(`${s.act} ${s.number}`);
    if (sectionId === undefined || officer.has(sectionId) || seen.has(sectionId)) continue;
    seen.add(sectionId);
    links.push({ sectionId, source: s.source, confidence: Math.min(1, Math.max(0, s.confidence)) });
  }
  await insertSectionLinks(trx, fir.id, links);
  return { id: fir.id, stationId: fir.stationId, statusBefore: 'GENERATING', statusAfter: 'GENERATING', withinJob: true };
}
