/**
 * Submitting complaints and steering their generation jobs. Each command is one transaction that
 * writes the rows (through the complaint, FIR, job and audit repositories), the first event and
 * the enqueue (or its outbox row); after commit the FIR change goes down the one after-commit
 * path (fir/fir.changes.ts) and the job's event is published.
 */
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { insertAudit } from '../audit/audit.repository.ts';
import { insertComplaint } from '../complaint/complaint.repository.ts';
import type { DB } from '../db/types.ts';
import { AppError, badInput } from '../errors.ts';
import { checkComplainant } from '../fir/complainant.ts';
import type { FirChanges } from '../fir/fir.changes.ts';
import { createGeneratingFir, restartGeneration } from '../fir/fir.drafting.ts';
import { stationExists } from '../station/station.repository.ts';
import type { JobPriority } from '../jobs/boss.ts';
import type { JobEnqueuer } from '../jobs/enqueue.ts';
import type { ComplainantDraft } from '../models/types.ts';
import type { AppPubSub } from '../pubsub.ts';
import { publishEvents } from './events.ts';
import { appendEvent, insertJob, lockJob, requestCancel, TERMINAL_JOB_STATUSES } from './generation.repository.ts';
import { finishCancelled } from './pipeline.ts';

export interface GenerationDeps {
  db: Kysely<DB>;
  pubsub: AppPubSub;
  jobs: JobEnqueuer;
  /** which media can be turned into text; audio/image without it is refused at submit time */
  media: { asr: boolean; ocr: boolean };
  /** the after-commit path of FIR writes (cache invalidation, then `fir:updated`); awaited before the answer */
  changes: FirChanges;
}

export interface SubmitInput {
  stationId: number;
  text?: string | null;
  audio?: File | null;
  image?: File | null;
  language?: string | null;
  complainant?: ComplainantDraft | null;
  priority?: JobPriority | null;
  actorId?: number | null;
  /** a citizen's key (auth/viewer.ts citizenKey): its complaint and FIR are stored under it */
  submittedBy?: string | null;
  requestId?: string;
}

export const TEXT_MIN = 10;
export const TEXT_MAX = 50_000;
export const AUDIO_MAX_BYTES = 15 * 1024 * 1024;
export const IMAGE_MAX_BYTES = 10 * 1024 * 1024;

/** Media types accepted, as detected from the bytes (never from the file name or declared type). */
const AUDIO_TYPES = new Set(['audio/mpeg', 'audio/wav', 'audio/x-wav', 'audio/ogg', 'audio/opus', 'audio/mp4', 'audio/x-m4a', 'audio/aac', 'audio/flac', 'audio/x-flac', 'audio/webm', 'video/webm', 'audio/amr']);
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/tiff', 'image/heic', 'image/heif']);

async function readMedia(file: File, kind: 'audio' | 'image', max: number) {
  if (file.size > max) throw badInput(`The ${kind} file is ${file.size} bytes; the limit is ${max}`, { argument: `input.${kind}` });
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.byteLength === 0) throw badInput(`The ${kind} file is empty`, { argument: `input.${kind}` });
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(bytes);
  const allowed = kind === 'audio' ? AUDIO_TYPES : IMAGE_TYPES;
  if (!detected || !allowed.has(detected.mime)) {
    throw badInput(
      `The ${kind} file is not a supported ${kind} format (detected ${detected?.mime ?? 'unknown content'}); accepted: ${[...allowed].join(', ')}`,
      { argument: `input.${kind}` },
    );
  }
  return { bytes, contentType: detected.mime, sha256: createHash('sha256').update(bytes).digest('hex') };
}

export async function submitComplaint(deps: GenerationDeps, input: SubmitInput) {
  const given = [input.text != null, input.audio != null, input.image != null].filter(Boolean).length;
  if (given !== 1) throw badInput('Give exactly one of "text", "audio" or "image"', { argument: 'input' });
  checkComplainant(input.complainant, 'input.complainant');
  if (input.language != null && !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(input.language)) {
    throw badInput('"input.language" must be a language tag such as "en", "hi" or "mr"', { argument: 'input.language' });
  }
  let source: 'TEXT' | 'AUDIO' | 'IMAGE' = 'TEXT';
  let media: Awaited<ReturnType<typeof readMedia>> | undefined;
  if (input.text != null) {
    const length = [...input.text].length;
    if (length < TEXT_MIN || length > TEXT_MAX) {
      throw badInput(`"input.text" must be ${TEXT_MIN} to ${TEXT_MAX} characters, got ${length}`, { argument: 'input.text' });
    }
  } else if (input.audio) {
    if (!deps.media.asr) throw badInput('Audio complaints need a speech-to-text server, and none is configured (ASR_URL)', { argument: 'input.audio' });
    source = 'AUDIO';
    media = await readMedia(input.audio, 'audio', AUDIO_MAX_BYTES);
  } else {
    if (!deps.media.ocr) throw badInput('Image complaints need an OCR server, and none is configured (OCR_URL)', { argument: 'input.image' });
    source = 'IMAGE';
    media = await readMedia(input.image!, 'image', IMAGE_MAX_BYTES);
  }
  const priority: JobPriority = input.priority ?? 'NORMAL';
  const c = input.complainant ?? {};
  const now = new Date();

  const result = await deps.db.transaction().execute(async (trx) => {
    if (!(await stationExists(trx, input.stationId))) throw new AppError('NOT_FOUND', 'Police station not found', { argument: 'input.stationId' });
    const complaintId = await insertComplaint(trx, {
      stationId: input.stationId,
      source,
      language: input.language ?? null,
      text: input.text ?? null,
      receivedAt: now,
      media: media ?? null,
      submittedBy: input.submittedBy ?? null,
    });
    const change = await createGeneratingFir(trx, { stationId: input.stationId, complaintId, complainant: c, actorId: input.actorId ?? null, submittedBy: input.submittedBy ?? null, now });
    const { jobId, event } = await createJob(trx, deps, change.id, priority, now);
    await audit(trx, input, 'submitComplaint', 'fir', change.id, { status: [null, 'GENERATING'], source: [null, source] }, now);
    return { complaintId, firId: change.id, jobId, event, change };
  });
  deps.jobs.committed();
  await deps.changes.committed([result.change]);
  publishEvents(deps.pubsub, [result.event]);
  return result;
}

async function createJob(trx: Transaction<DB>, deps: GenerationDeps, firId: number, priority: JobPriority, now: Date) {
  const jobId = await insertJob(trx, {
    fir_id: firId,
    status: 'QUEUED',
    stage: 'QUEUED',
    progress: 0,
    attempts: 0,
    priority,
    queued_at: now,
    cancel_requested: false,
  });
  await lockJob(trx, jobId);
  const event = await appendEvent(trx, jobId, firId, { status: 'QUEUED', stage: 'QUEUED', progress: 0, message: 'Queued for generation' });
  await deps.jobs.enqueue(trx, { id: jobId, priority });
  return { jobId, event };
}

async function audit(
  trx: Transaction<DB>,
  input: { actorId?: number | null; requestId?: string },
  action: string,
  entityType: string,
  entityId: number,
  changes: Record<string, [unknown, unknown]>,
  at = new Date(),
) {
  await insertAudit(trx, [{ actorId: input.actorId ?? null, action, entityType, entityId, changes, requestId: input.requestId ?? null, at }]);
}

/** A new job for a FIR whose generation failed or was cancelled. */
export async function retryGeneration(deps: GenerationDeps, input: { firId: number; priority?: JobPriority | null; actorId?: number | null; requestId?: string }) {
  const result = await deps.db.transaction().execute(async (trx) => {
    const now = new Date();
    // FAILED or DRAFT (a cancelled generation) -> GENERATING; anything else names the illegal transition.
    const change = await restartGeneration(trx, input.firId, now);
    const { jobId, event } = await createJob(trx, deps, change.id, input.priority ?? 'NORMAL', now);
    await audit(trx, input, 'retryGeneration', 'fir', change.id, { status: [change.statusBefore, 'GENERATING'] }, now);
    return { jobId, event, change };
  });
  deps.jobs.committed();
  await deps.changes.committed([result.change]);
  publishEvents(deps.pubsub, [result.event]);
  return result.jobId;
}

/**
 * Cancels a job: a queued one ends CANCELLED at once; a running one stops at its next stage
 * boundary. Cancelling a finished job is a BAD_USER_INPUT naming its status.
 */
export async function cancelGeneration(deps: GenerationDeps, input: { jobId: number; actorId?: number | null; requestId?: string }) {
  const job = await deps.db.transaction().execute(async (trx) => {
    const job = await lockJob(trx, input.jobId);
    if (!job) throw new AppError('NOT_FOUND', 'Generation job not found', { argument: 'jobId' });
    if (TERMINAL_JOB_STATUSES.has(job.status)) {
      throw badInput(`The job has already ended (${job.status})`, { argument: 'jobId', status: job.status });
    }
    await requestCancel(trx, job.id);
    await audit(trx, input, 'cancelGeneration', 'generation_job', job.id, { cancel_requested: [false, true] });
    return job;
  });
  if (job.status === 'QUEUED' || job.status === 'RETRYING') await finishCancelled(deps, job.id, job.fir_id);
  return job.id;
}
