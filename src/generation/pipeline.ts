/**
 * One generation job: TRANSCRIBE (audio/image) -> SUMMARIZE -> RETRIEVE_SECTIONS -> CHECK_SECTIONS
 * -> DRAFT_NARRATIVE -> ASSEMBLE -> VALIDATE -> DONE.
 *
 * Each completed stage commits its output (generation_job.state), its event and the job's progress
 * in one transaction, then publishes the event. A job that is retried, expired or picked up again
 * after its worker was killed resumes at the first stage without committed output, so no stage
 * event is ever written twice.
 *
 * A model server that is down (circuit open, unreachable, 5xx, timeout, 429) does not spend the
 * job's retries: the attempt records a RETRYING event saying the job waits for the server and
 * ends with a 'waiting' result; the worker then queues a continuation that runs after a capped
 * backoff (`dependencyWait`). The job fails only when the server stayed down past `maxSeconds`.
 * With a fallback drafter configured, drafting stages fall back instead (see `fallbackDrafter`).
 *
 * No SQL here: the job's rows go through generation.repository.ts, the FIR's through the FIR
 * service (fir/fir.drafting.ts), and every committed FIR change down fir/fir.changes.ts.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Logger } from 'pino';
import { complaintMedia, setTranscript } from '../complaint/complaint.repository.ts';
import { isDatabaseUnavailable } from '../db/retry.ts';
import type { DB } from '../db/types.ts';
import { complainantOf } from '../fir/complainant.ts';
import type { FirChanges } from '../fir/fir.changes.ts';
import { applyDraft, endGeneration } from '../fir/fir.drafting.ts';
import { firWithComplaint } from '../fir/fir.repository.ts';
import { type DraftInput, type Drafter, type Extraction, ModelError, type SectionCandidate, type Transcriber } from '../models/types.ts';
import type { AppPubSub } from '../pubsub.ts';
import { publishEvents } from './events.ts';
import { appendEvent, cancelRequested, lockJob, markRunning, TERMINAL_JOB_STATUSES } from './generation.repository.ts';
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
  /** the after-commit path of FIR writes (cache invalidation, then `fir:updated`) */
  changes: FirChanges;
  /** waiting out a model server outage without spending retries; unset or maxSeconds 0: off */
  dependencyWait?: DependencyWait;
}

export interface DependencyWait {
  /** a job fails once its model server has been down this long */
  maxSeconds: number;
  /** first pause; it doubles per try */
  retryDelaySeconds: number;
  /** the cap on a pause */
  retryMaxSeconds: number;
}

export interface Attempt {
  jobId: number;
  /** 0 for the first attempt */
  retryCount: number;
  retryLimit: number;
  signal?: AbortSignal;
  /** set on a continuation: when the job began waiting for a model server, and how many tries since */
  waiting?: { since: Date; tries: number };
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

/** Outcome for the queue; a retryable failure is thrown instead, so pg-boss tries again after backoff. */
export type AttemptOutcome = 'succeeded' | 'failed' | 'cancelled' | 'skipped' | Waiting;

/** The job waits for a model server: run it again in `delaySeconds`, without spending a retry. */
export interface Waiting {
  outcome: 'waiting';
  delaySeconds: number;
  since: Date;
  tries: number;
}

/** Faults that mean "the model server is not answering now" (as opposed to answering wrongly). */
const DEPENDENCY_FAULTS = new Set(['MODEL_UNAVAILABLE', 'MODEL_SERVER_ERROR', 'MODEL_TIMEOUT', 'MODEL_CONNECTION', 'MODEL_RATE_LIMITED', 'MODEL_BUSY']);

/**
 * The data database is away (not a model fault: a model client's connection error carries the
 * same socket codes in its cause, and must be waited for as a model outage, with events).
 */
export function databaseAway(err: unknown): boolean {
  return !(err instanceof ModelError) && isDatabaseUnavailable(err);
}

/** Capped exponential backoff with full jitter on the upper half: [d/2, d]. */
export function dependencyDelay(wait: DependencyWait, tries: number): number {
  const d = Math.min(wait.retryMaxSeconds, wait.retryDelaySeconds * 2 ** Math.min(tries, 20));
  return Math.max(1, Math.round(d / 2 + Math.random() * (d / 2)));
}

class RetryableStageError extends Error {}

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
    await markRunning(trx, job.id, job.attempts + 1, new Date());
    return { job, cancelled: false as const };
  });
  if (!started) return 'skipped';
  const { job } = started;
  if (started.cancelled) return finishCancelled(deps, job.id, job.fir_id);

  const complaint = await firWithComplaint(db, job.fir_id);
  const fir = { id: job.fir_id, stationId: complaint.station_id };
  const state: StageState = job.state ? JSON.parse(job.state) : { done: [] };
  const stages = plan(complaint.source);
  let current: Stage | 'DONE' = stages.find((s) => !state.done.includes(s)) ?? 'DONE';
  /** a stage completed in this attempt: an earlier wait is over, a new fault starts a new one */
  let progressed = false;
  const input = (): DraftInput => ({
    text: complaint.text ?? state.transcript ?? '',
    language: complaint.language,
    receivedAt: new Date(complaint.received_at),
    complainant: complainantOf(complaint),
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
      progressed = true;
      const progress = Number((state.done.length / (stages.length + 1)).toFixed(4));
      const committed = await db.transaction().execute(async (trx) => {
        // Cancelled (or finished elsewhere) while this stage ran: nothing more may be appended.
        if (await ended(trx, job.id)) return null;
        const change =
          stage === 'ASSEMBLE'
            ? await applyDraft(
                trx,
                fir,
                { extraction: reviveExtraction(state.extraction!), narrative: state.narrative ?? null, sections: state.sections ?? [], draftedBy: draftedBy(deps, state) },
                new Date(),
              )
            : null;
        const event = await appendEvent(
          trx,
          job.id,
          job.fir_id,
          { status: 'RUNNING', stage, progress, message: MESSAGES[stage] },
          { state: JSON.stringify(state), error_code: null, error_message: null, error_retryable: null },
        );
        return { event, change };
      });
      if (!committed) return 'cancelled';
      if (committed.change) await deps.changes.committed([committed.change]);
      publishEvents(pubsub, [committed.event]);
    }
    current = 'DONE';
    const done = await db.transaction().execute(async (trx) => {
      if (await ended(trx, job.id)) return null;
      const now = new Date();
      const change = await endGeneration(trx, fir, 'GENERATED', now);
      const event = await appendEvent(trx, job.id, job.fir_id, { status: 'SUCCEEDED', stage: 'DONE', progress: 1, message: MESSAGES.DONE }, { finished_at: now });
      return { change, event };
    });
    if (!done) return 'cancelled';
    await deps.changes.committed([done.change]);
    publishEvents(pubsub, [done.event]);
    return 'succeeded';
  } catch (err) {
    // The database itself is away: nothing can be recorded; the worker waits for it (generation-worker.ts).
    if (databaseAway(err)) throw err;
    // An attempt aborted by pg-boss (expired, worker stopping) is retried whatever the stage threw.
    const retryable = attempt.signal?.aborted === true || !(err instanceof ModelError) || err.retryable;
    const code = err instanceof ModelError ? err.code : 'INTERNAL_ERROR';
    // Only our own messages go into the job: driver errors can quote data.
    const reason = err instanceof ModelError ? err.message : `${(err as Error)?.name ?? 'Error'} during ${current}`;
    const attemptsMade = attempt.retryCount + 1;
    const last = attempt.retryCount >= attempt.retryLimit;
    const progress = Number((state.done.length / (stages.length + 1)).toFixed(4));
    const wait = deps.dependencyWait;
    // A drafting stage with a fallback drafter falls back (on its last attempt) instead of waiting.
    const fallsBack = deps.fallbackDrafter !== undefined && current !== 'TRANSCRIBE';
    /** Records and publishes the RETRYING event between attempts; false when the job ended meanwhile. */
    const retrying = async (message: string): Promise<boolean> => {
      const event = await db.transaction().execute(async (trx) => {
        if (await ended(trx, job.id)) return null;
        return appendEvent(trx, job.id, job.fir_id, { status: 'RETRYING', stage: current, progress, message }, { error_code: code, error_message: reason, error_retryable: true });
      });
      if (event) publishEvents(pubsub, [event]);
      return event !== null;
    };
    let outage: string | null = null;
    if (err instanceof ModelError && DEPENDENCY_FAULTS.has(err.code) && !attempt.signal?.aborted && wait && wait.maxSeconds > 0 && !fallsBack) {
      const earlier = progressed ? undefined : attempt.waiting;
      const since = earlier?.since ?? new Date();
      const waitedSeconds = (Date.now() - since.getTime()) / 1000;
      if (waitedSeconds < wait.maxSeconds) {
        const tries = (earlier?.tries ?? 0) + 1;
        const delaySeconds = Math.min(dependencyDelay(wait, tries - 1), Math.max(1, Math.ceil(wait.maxSeconds - waitedSeconds)));
        log.warn({ jobId: job.id, stage: current, code, tries, delaySeconds }, 'model server unavailable; the job waits for it');
        const message = `${current} is waiting for the model server (${code}), down for ${Math.round(waitedSeconds)} s; try ${tries + 1} in ${delaySeconds} s`;
        if (!(await retrying(message))) return 'cancelled';
        return { outcome: 'waiting', delaySeconds, since, tries };
      }
      outage = `the model server was unavailable for ${Math.round(waitedSeconds)} s (the limit is ${wait.maxSeconds} s)`;
    }
    if (retryable && !last && !outage) {
      log.warn({ jobId: job.id, stage: current, code, attempt: attemptsMade }, 'generation stage failed; will retry');
      if (!(await retrying(`${current} failed (${code}); attempt ${attemptsMade} of ${attempt.retryLimit + 1}, retrying`))) return 'cancelled';
      throw new RetryableStageError(`${current}: ${code}`);
    }
    const message = outage
      ? `Generation failed at ${current}: ${outage}: ${reason}`
      : retryable
        ? `Generation failed after ${attemptsMade} attempts at ${current}: ${reason}`
        : `${current} failed: ${reason}`;
    log.warn({ jobId: job.id, stage: current, code, attempts: attemptsMade }, 'generation failed');
    const failed = await db.transaction().execute(async (trx) => {
      if (await ended(trx, job.id)) return null;
      const now = new Date();
      const change = await endGeneration(trx, fir, 'FAILED', now);
      const event = await appendEvent(
        trx,
        job.id,
        job.fir_id,
        { status: 'FAILED', stage: current, progress, message },
        { error_code: code, error_message: message, error_retryable: retryable, finished_at: now },
      );
      return { change, event };
    });
    if (!failed) return 'cancelled';
    await deps.changes.committed([failed.change]);
    publishEvents(pubsub, [failed.event]);
    return 'failed';
  }
}

/** Locks the job row; true when the job already reached a terminal status. */
async function ended(trx: Transaction<DB>, jobId: number): Promise<boolean> {
  const job = await lockJob(trx, jobId);
  return !job || TERMINAL_JOB_STATUSES.has(job.status);
}

/** Ends a job CANCELLED (its FIR goes back to DRAFT, from where it can be edited or retried). */
export async function finishCancelled(deps: Pick<PipelineDeps, 'db' | 'pubsub' | 'changes'>, jobId: number, firId: number): Promise<'cancelled'> {
  const result = await deps.db.transaction().execute(async (trx) => {
    const job = await lockJob(trx, jobId);
    if (!job || TERMINAL_JOB_STATUSES.has(job.status)) return null;
    const now = new Date();
    const { station_id: stationId } = await firWithComplaint(trx, firId);
    const change = await endGeneration(trx, { id: firId, stationId }, 'DRAFT', now);
    const event = await appendEvent(
      trx,
      jobId,
      firId,
      { status: 'CANCELLED', stage: job.stage, progress: Number(job.progress), message: 'Generation cancelled' },
      { finished_at: now },
    );
    return { event, change };
  });
  if (result) {
    await deps.changes.committed([result.change]);
    publishEvents(deps.pubsub, [result.event]);
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
      const media = await complaintMedia(deps.db, complaint.complaint_id);
      if (!media) throw new ModelError('MEDIA_MISSING', 'The complaint has no stored media to transcribe', false);
      const client = complaint.source === 'AUDIO' ? deps.asr : deps.ocr;
      if (!client) throw new ModelError('MODEL_NOT_CONFIGURED', `No ${complaint.source === 'AUDIO' ? 'ASR' : 'OCR'} server is configured`, false);
      const transcript = await client.transcribe({ bytes: new Uint8Array(media.bytes), contentType: media.content_type, language: complaint.language }, signal);
      if (!transcript.trim()) throw new ModelError('EMPTY_TRANSCRIPT', 'Nothing could be read from the uploaded media', false);
      state.transcript = transcript;
      await setTranscript(deps.db, complaint.complaint_id, transcript);
      // The complaint now reads differently (its transcript): cached answers holding it must go.
      await deps.changes.committed([{
        id: complaint.fir_id,
        stationId: complaint.station_id,
        statusBefore: 'GENERATING',
        statusAfter: 'GENERATING',
        complaintId: complaint.complaint_id,
        withinJob: true,
      }]);
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

