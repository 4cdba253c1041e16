/**
 * One generation job: TRANSCRIBE (audio/image) -> SUMMARIZE -> RETRIEVE_SECTIONS -> CHECK_SECTIONS
 * -> DRAFT_NARRATIVE -> ASSEMBLE -> VALIDATE -> DONE.
 *
 * Each completed stage commits its output (generation_job.state), its event and the job's progress
 * in one transaction, then publishes the event. A job that is retried, expired or picked up again
 * after its worker was killed resumes at the first stage without committed output, so no stage
 * event is ever written twice.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../db/types.ts';
import { type DraftInput, type Drafter, type Extraction, ModelError, type SectionCandidate, type Transcriber } from '../models/types.ts';
import type { AppPubSub, GenerationEventPayload } from '../pubsub.ts';
import { appendEvent, lockJob, publishEvents, TERMINAL_JOB_STATUSES } from './events.ts';
import type { FirChange, FirChangeListener } from '../fir/fir.service.ts';
import { validateDraft } from './validate.ts';

export const STAGES = ['TRANSCRIBE', 'SUMMARIZE', 'RETRIEVE_SECTIONS', 'CHECK_SECTIONS', 'DRAFT_NARRATIVE', 'ASSEMBLE', 'VALIDATE'] as const;
export type Stage = (typeof STAGES)[number];

const MESSAGES: Record<Stage | 'DONE', string> = {
  TRANSCRIBE: 'Complaint transcribed',
  SUMMARIZE: 'Complaint summarised',
  RETRIEVE_SECTIONS: 'Candidate BNS sections retrieved',
  CHECK_SECTIONS: 'Applicable sections checked',
  DRAFT_NARRATIVE: 'Narrative drafted',
  ASSEMBLE: 'FIR assembled',
  VALIDATE: 'FIR validated',
  DONE: 'FIR generated',
};

export interface PipelineDeps {
  db: Kysely<DB>;
  drafter: Drafter;
  /**
   * Drafts the rest of a job whose `drafter` had a model fault: output still invalid after repair
   * or a request the server refused at once, or an outage on the job's last attempt (earlier
   * attempts are retried with backoff first). Unset: the fault fails the job as before.
   */
  fallbackDrafter?: Drafter;
  pubsub: AppPubSub;
  log: Logger;
  asr?: Transcriber;
  ocr?: Transcriber;
  /** runs before each stage (tests inject faults here) */
  beforeStage?: (stage: Stage, jobId: number) => void | Promise<void>;
  /** told of every committed change to the FIR (response cache invalidation), before it is published */
  onFirsChanged?: FirChangeListener | null;
}

/** Reports a committed FIR change; a failing listener is logged, the job goes on. */
async function firChanged(deps: { onFirsChanged?: FirChangeListener | null; log?: Logger }, change: FirChange): Promise<void> {
  if (!deps.onFirsChanged) return;
  try {
    await deps.onFirsChanged([change]);
  } catch (err) {
    deps.log?.warn({ err: { type: (err as Error)?.name }, firId: change.id }, 'onFirsChanged listener failed');
  }
}

export interface Attempt {
  jobId: number;
  /** 0 for the first attempt */
  retryCount: number;
  retryLimit: number;
  signal?: AbortSignal;
}

interface StageState {
  done: Stage[];
  transcript?: string;
  extraction?: Omit<Extraction, 'incident'> & { incident: Record<string, unknown> };
  candidates?: SectionCandidate[];
  sections?: SectionCandidate[];
  narrative?: string;
  /** set once the fallback drafter took over: it drafts every later stage of this job */
  fallback?: { from: string; stage: Stage; code: string };
}

/** Model faults the fallback drafter answers; anything else (a bug, an abort) is not the model's. */
const MODEL_FAULTS = new Set(['MODEL_BAD_OUTPUT', 'MODEL_REQUEST_REJECTED', 'MODEL_UNAVAILABLE', 'MODEL_SERVER_ERROR', 'MODEL_TIMEOUT', 'MODEL_CONNECTION', 'MODEL_RATE_LIMITED']);

/** Which drafter made the FIR, as stored in fir.drafted_by. */
function draftedBy(deps: PipelineDeps, state: StageState): string {
  if (!state.fallback || !deps.fallbackDrafter) return deps.drafter.name;
  return `${deps.fallbackDrafter.name} (fallback from ${state.fallback.from}: ${state.fallback.code} at ${state.fallback.stage})`.slice(0, 160);
}

/** Outcome for the queue: 'retry' makes pg-boss try again later (after backoff). */
export type AttemptOutcome = 'succeeded' | 'failed' | 'cancelled' | 'skipped';

export class RetryableStageError extends Error {}

function plan(source: string): Stage[] {
  return source === 'TEXT' ? STAGES.filter((s) => s !== 'TRANSCRIBE') : [...STAGES];
}

function reviveExtraction(e: NonNullable<StageState['extraction']>): Extraction {
  const date = (v: unknown) => (v ? new Date(v as string) : null);
  return { ...e, incident: { ...e.incident, occurredFrom: date(e.incident.occurredFrom), occurredTo: date(e.incident.occurredTo) } } as Extraction;
}

export async function runGenerationAttempt(deps: PipelineDeps, attempt: Attempt): Promise<AttemptOutcome> {
  const { db, pubsub, log } = deps;
  const started = await db.transaction().execute(async (trx) => {
    const job = await lockJob(trx, attempt.jobId);
    if (!job || TERMINAL_JOB_STATUSES.has(job.status)) return null;
    if (job.cancel_requested) return { job, cancelled: true as const };
    await trx
      .updateTable('generation_job')
      .set({ status: 'RUNNING', attempts: job.attempts + 1, started_at: new Date() })
      .where('id', '=', job.id)
      .execute();
    return { job, cancelled: false as const };
  });
  if (!started) return 'skipped';
  const { job } = started;
  if (started.cancelled) return finishCancelled(deps, job.id, job.fir_id);

  const complaint = await db
    .selectFrom('fir')
    .innerJoin('complaint', 'complaint.id', 'fir.complaint_id')
    .select([
      'fir.id as fir_id',
      'fir.station_id',
      'complaint.id as complaint_id',
      'complaint.source',
      'complaint.language',
      'complaint.text',
      'complaint.received_at',
      'fir.complainant_name',
      'fir.complainant_address',
      'fir.complainant_contact',
      'fir.complainant_father_or_husband_name',
      'fir.complainant_occupation',
      'fir.complainant_nationality',
      'fir.complainant_dob',
      'fir.complainant_passport_number',
    ])
    .where('fir.id', '=', job.fir_id)
    .executeTakeFirstOrThrow();

  const state: StageState = job.state ? JSON.parse(job.state) : { done: [] };
  const stages = plan(complaint.source);
  let current: Stage | 'DONE' = stages.find((s) => !state.done.includes(s)) ?? 'DONE';
  const input = (): DraftInput => ({
    text: complaint.text ?? state.transcript ?? '',
    language: complaint.language,
    receivedAt: new Date(complaint.received_at),
    complainant: {
      name: complaint.complainant_name,
      address: complaint.complainant_address,
      contact: complaint.complainant_contact,
      fatherOrHusbandName: complaint.complainant_father_or_husband_name,
      occupation: complaint.complainant_occupation,
      nationality: complaint.complainant_nationality,
      dateOfBirth: complaint.complainant_dob,
      passportNumber: complaint.complainant_passport_number,
    },
  });

  try {
    for (const stage of stages) {
      if (state.done.includes(stage)) continue;
      current = stage;
      if (await cancelRequested(db, job.id)) return finishCancelled(deps, job.id, job.fir_id);
      await deps.beforeStage?.(stage, job.id);
      attempt.signal?.throwIfAborted();
      await runStage(deps, stage, state, complaint, input, attempt.signal, attempt.retryCount >= attempt.retryLimit);
      state.done.push(stage);
      const progress = Number((state.done.length / (stages.length + 1)).toFixed(4));
      const event = await db.transaction().execute(async (trx) => {
        // Cancelled (or finished elsewhere) while this stage ran: nothing more may be appended.
        if (await ended(trx, job.id)) return null;
        if (stage === 'ASSEMBLE') await assemble(trx, complaint.fir_id, state, draftedBy(deps, state));
        return appendEvent(
          trx,
          job.id,
          job.fir_id,
          { status: 'RUNNING', stage, progress, message: MESSAGES[stage] },
          { state: JSON.stringify(state), error_code: null, error_message: null, error_retryable: null },
        );
      });
      if (!event) return 'cancelled';
      if (stage === 'ASSEMBLE') {
        await firChanged(deps, { id: job.fir_id, stationId: complaint.station_id, statusBefore: 'GENERATING', statusAfter: 'GENERATING' });
      }
      publishEvents(pubsub, [event]);
    }
    current = 'DONE';
    const events = await db.transaction().execute(async (trx) => {
      if (await ended(trx, job.id)) return [];
      const now = new Date();
      await trx
        .updateTable('fir')
        .set((eb) => ({ status: 'GENERATED', updated_at: now, version: eb('version', '+', 1) }))
        .where('id', '=', job.fir_id)
        .where('status', '=', 'GENERATING')
        .execute();
      return [
        await appendEvent(trx, job.id, job.fir_id, { status: 'SUCCEEDED', stage: 'DONE', progress: 1, message: MESSAGES.DONE }, { finished_at: now }),
      ];
    });
    if (!events.length) return 'cancelled';
    await firChanged(deps, { id: job.fir_id, stationId: complaint.station_id, statusBefore: 'GENERATING', statusAfter: 'GENERATED' });
    publishEvents(pubsub, events);
    pubsub.publish('fir:updated', complaint.station_id, { firId: job.fir_id, stationId: complaint.station_id });
    return 'succeeded';
  } catch (err) {
    // An attempt aborted by pg-boss (expired, worker stopping) is retried whatever the stage threw.
    const retryable = attempt.signal?.aborted === true || !(err instanceof ModelError) || err.retryable;
    const code = err instanceof ModelError ? err.code : 'INTERNAL_ERROR';
    // Only our own messages go into the job: driver errors can quote data.
    const reason = err instanceof ModelError ? err.message : `${(err as Error)?.name ?? 'Error'} during ${current}`;
    const attemptsMade = attempt.retryCount + 1;
    const last = attempt.retryCount >= attempt.retryLimit;
    if (retryable && !last) {
      log.warn({ jobId: job.id, stage: current, code, attempt: attemptsMade }, 'generation stage failed; will retry');
      const event = await db.transaction().execute(async (trx) => {
        if (await ended(trx, job.id)) return null;
        return appendEvent(
          trx,
          job.id,
          job.fir_id,
          {
            status: 'RETRYING',
            stage: current,
            progress: Number((state.done.length / (stages.length + 1)).toFixed(4)),
            message: `${current} failed (${code}); attempt ${attemptsMade} of ${attempt.retryLimit + 1}, retrying`,
          },
          { error_code: code, error_message: reason, error_retryable: true },
        );
      });
      if (!event) return 'cancelled';
      publishEvents(pubsub, [event]);
      throw new RetryableStageError(`${current}: ${code}`);
    }
    const message = retryable ? `Generation failed after ${attemptsMade} attempts at ${current}: ${reason}` : `${current} failed: ${reason}`;
    log.warn({ jobId: job.id, stage: current, code, attempts: attemptsMade }, 'generation failed');
    const event = await db.transaction().execute(async (trx) => {
      if (await ended(trx, job.id)) return null;
      const now = new Date();
      await trx
        .updateTable('fir')
        .set((eb) => ({ status: 'FAILED', updated_at: now, version: eb('version', '+', 1) }))
        .where('id', '=', job.fir_id)
        .where('status', '=', 'GENERATING')
        .execute();
      return appendEvent(
        trx,
        job.id,
        job.fir_id,
        { status: 'FAILED', stage: current, progress: Number((state.done.length / (stages.length + 1)).toFixed(4)), message },
        { error_code: code, error_message: message, error_retryable: retryable, finished_at: now },
      );
    });
    if (!event) return 'cancelled';
    await firChanged(deps, { id: job.fir_id, stationId: complaint.station_id, statusBefore: 'GENERATING', statusAfter: 'FAILED' });
    publishEvents(pubsub, [event]);
    pubsub.publish('fir:updated', complaint.station_id, { firId: job.fir_id, stationId: complaint.station_id });
    return 'failed';
  }
}

/** Locks the job row; true when the job already reached a terminal status. */
async function ended(trx: Transaction<DB>, jobId: number): Promise<boolean> {
  const job = await lockJob(trx, jobId);
  return !job || TERMINAL_JOB_STATUSES.has(job.status);
}

async function cancelRequested(db: Kysely<DB>, jobId: number): Promise<boolean> {
  const row = await db.selectFrom('generation_job').select('cancel_requested').where('id', '=', jobId).executeTakeFirst();
  return Boolean(row?.cancel_requested);
}

/** Ends a job CANCELLED (its FIR goes back to DRAFT, from where it can be edited or retried). */
export async function finishCancelled(
  deps: Pick<PipelineDeps, 'db' | 'pubsub' | 'onFirsChanged'> & { log?: PipelineDeps['log'] },
  jobId: number,
  firId: number,
): Promise<'cancelled'> {
  const result = await deps.db.transaction().execute(async (trx) => {
    const job = await lockJob(trx, jobId);
    if (!job || TERMINAL_JOB_STATUSES.has(job.status)) return null;
    const now = new Date();
    const fir = await trx.selectFrom('fir').select(['station_id']).where('id', '=', firId).executeTakeFirstOrThrow();
    await trx
      .updateTable('fir')
      .set((eb) => ({ status: 'DRAFT', updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', firId)
      .where('status', '=', 'GENERATING')
      .execute();
    const event = await appendEvent(
      trx,
      jobId,
      firId,
      { status: 'CANCELLED', stage: job.stage, progress: Number(job.progress), message: 'Generation cancelled' },
      { finished_at: now },
    );
    return { event, stationId: fir.station_id };
  });
  if (result) {
    await firChanged(deps, { id: firId, stationId: result.stationId, statusBefore: 'GENERATING', statusAfter: 'DRAFT' });
    publishEvents(deps.pubsub, [result.event]);
    deps.pubsub.publish('fir:updated', result.stationId, { firId, stationId: result.stationId });
  }
  return 'cancelled';
}

type ComplaintRow = { complaint_id: number; fir_id: number; station_id: number; source: string; language: string | null };

async function runStage(
  deps: PipelineDeps,
  stage: Stage,
  state: StageState,
  complaint: ComplaintRow,
  input: () => DraftInput,
  signal: AbortSignal | undefined,
  lastAttempt: boolean,
) {
  const primary = deps.drafter;
  const fallback = deps.fallbackDrafter;
  /** One drafter call: the primary, or the fallback once it has taken over or on a model fault that retrying will not cure. */
  async function draft<T>(call: (d: Drafter) => Promise<T>): Promise<T> {
    if (state.fallback && fallback) return call(fallback);
    try {
      return await call(primary);
    } catch (err) {
      if (!fallback || !(err instanceof ModelError) || !MODEL_FAULTS.has(err.code) || signal?.aborted) throw err;
      if (err.retryable && !lastAttempt) throw err;
      state.fallback = { from: primary.name, stage, code: err.code };
      deps.log.warn({ stage, code: err.code, drafter: primary.name, fallback: fallback.name }, 'model fault: drafting with the fallback drafter');
      return call(fallback);
    }
  }
  switch (stage) {
    case 'TRANSCRIBE': {
      const media = await deps.db
        .selectFrom('complaint_media')
        .select(['bytes', 'content_type'])
        .where('complaint_id', '=', complaint.complaint_id)
        .executeTakeFirst();
      if (!media) throw new ModelError('MEDIA_MISSING', 'The complaint has no stored media to transcribe', false);
      const client = complaint.source === 'AUDIO' ? deps.asr : deps.ocr;
      if (!client) throw new ModelError('MODEL_NOT_CONFIGURED', `No ${complaint.source === 'AUDIO' ? 'ASR' : 'OCR'} server is configured`, false);
      const transcript = await client.transcribe({ bytes: new Uint8Array(media.bytes), contentType: media.content_type, language: complaint.language }, signal);
      if (!transcript.trim()) throw new ModelError('EMPTY_TRANSCRIPT', 'Nothing could be read from the uploaded media', false);
      state.transcript = transcript;
      await deps.db.updateTable('complaint').set({ transcript }).where('id', '=', complaint.complaint_id).execute();
      // The complaint now reads differently (its transcript): cached answers holding it must go.
      await firChanged(deps, {
        id: complaint.fir_id,
        stationId: complaint.station_id,
        statusBefore: 'GENERATING',
        statusAfter: 'GENERATING',
        complaintId: complaint.complaint_id,
      });
      return;
    }
    case 'SUMMARIZE':
      state.extraction = (await draft((d) => d.summarize(input(), signal))) as StageState['extraction'];
      return;
    case 'RETRIEVE_SECTIONS':
      state.candidates = await draft((d) => d.retrieveSections(input(), reviveExtraction(state.extraction!), signal));
      return;
    case 'CHECK_SECTIONS':
      state.sections = await draft((d) => d.checkSections(input(), reviveExtraction(state.extraction!), state.candidates ?? [], signal));
      return;
    case 'DRAFT_NARRATIVE':
      state.narrative = await draft((d) => d.draftNarrative(input(), reviveExtraction(state.extraction!), state.sections ?? [], signal));
      return;
    case 'ASSEMBLE':
      return; // written in the stage's own transaction (assemble below)
    case 'VALIDATE': {
      // No section is not a fault: the FIR is still a draft for a reviewer, whose missingFields
      // then names `sections`. FAILED is kept for real faults (bad media, retries exhausted).
      const problems = validateDraft(state);
      if (problems.length) throw new ModelError('VALIDATION_FAILED', `The drafted FIR is invalid: ${problems.join('; ')}`, false);
      return;
    }
  }
}

/** Writes the drafted fields into the FIR. Values given at submission are kept. */
async function assemble(trx: Transaction<DB>, firId: number, state: StageState, drafter: string) {
  const e = reviveExtraction(state.extraction!);
  const current = await trx
    .selectFrom('fir')
    .select([
      'complainant_name',
      'complainant_dob',
      'complainant_nationality',
      'complainant_father_or_husband_name',
      'complainant_address',
      'complainant_contact',
      'complainant_passport_number',
      'complainant_occupation',
    ])
    .where('id', '=', firId)
    .executeTakeFirstOrThrow();
  const keep = <T>(existing: T | null, drafted: T | null | undefined) => existing ?? drafted ?? null;
  const sections = state.sections ?? [];
  const ids = sections.length
    ? await trx
        .selectFrom('legal_section')
        .select(['id', 'act', 'number'])
        .where((eb) => eb.or(sections.map((s) => eb.and([eb('act', '=', s.act), eb('number', '=', s.number)]))))
        .execute()
    : [];
  const idOf = new Map(ids.map((r) => [`${r.act} ${r.number}`, r.id]));
  await trx
    .updateTable('fir')
    .set({
      summary: e.summary || null,
      narrative: state.narrative ?? null,
      acts: JSON.stringify([...new Set(sections.map((s) => s.act))]),
      complainant_name: keep(current.complainant_name, e.complainant.name),
      complainant_dob: keep(current.complainant_dob, e.complainant.dateOfBirth),
      complainant_nationality: keep(current.complainant_nationality, e.complainant.nationality),
      complainant_father_or_husband_name: keep(current.complainant_father_or_husband_name, e.complainant.fatherOrHusbandName),
      complainant_address: keep(current.complainant_address, e.complainant.address),
      complainant_contact: keep(current.complainant_contact, e.complainant.contact),
      complainant_passport_number: keep(current.complainant_passport_number, e.complainant.passportNumber),
      complainant_occupation: keep(current.complainant_occupation, e.complainant.occupation),
      incident_from: e.incident.occurredFrom ?? null,
      incident_to: e.incident.occurredTo ?? null,
      incident_place: e.incident.place ?? null,
      incident_address: e.incident.address ?? null,
      incident_description: e.incident.description ?? null,
      incident_delay_reason: e.incident.delayReason ?? null,
      suspects: JSON.stringify(e.suspects ?? []),
      witnesses: JSON.stringify(e.witnesses ?? []),
      drafted_by: drafter,
      updated_at: new Date(),
    })
    .where('id', '=', firId)
    .execute();
  // Sections an officer added stay; drafted ones are replaced. Rows are deleted by their keys
  // only when some exist: a DELETE matching nothing takes a gap lock on InnoDB, and two jobs
  // assembling at once then deadlocked on their inserts.
  const existing = await trx.selectFrom('fir_section').select(['section_id', 'source']).where('fir_id', '=', firId).execute();
  const drafted = existing.filter((r) => r.source !== 'OFFICER').map((r) => r.section_id);
  if (drafted.length) await trx.deleteFrom('fir_section').where('fir_id', '=', firId).where('section_id', 'in', drafted).execute();
  const officer = new Set(existing.filter((r) => r.source === 'OFFICER').map((r) => r.section_id));
  const rows = sections
    .map((s) => ({ fir_id: firId, section_id: idOf.get(`${s.act} ${s.number}`)!, confidence: Math.min(1, Math.max(0, s.confidence)), source: s.source }))
    .filter((r, i, all) => r.section_id !== undefined && !officer.has(r.section_id) && all.findIndex((x) => x.section_id === r.section_id) === i);
  if (rows.length) await trx.insertInto('fir_section').values(rows).execute();
}

export type { GenerationEventPayload };
