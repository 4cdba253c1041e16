/**
 * Submitting complaints and steering their generation jobs. Each command is one transaction that
 * writes the rows, the first event and the enqueue (or its outbox row); events are published
 * only after commit.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { insertReturningId } from '../db/dialect.ts';
import type { DB } from '../db/types.ts';
import { AppError, badInput } from '../errors.ts';
import type { JobPriority } from '../jobs/boss.ts';
import type { JobEnqueuer } from '../jobs/enqueue.ts';
import { assertTransition } from '../fir/fir.status.ts';
import type { ComplainantDraft } from '../models/types.ts';
import type { AppPubSub } from '../pubsub.ts';
import { appendEvent, lockJob, publishEvents, TERMINAL_JOB_STATUSES } from './events.ts';
import { finishCancelled } from './pipeline.ts';
import type { FirChange, FirChangeListener } from '../fir/fir.service.ts';

export interface GenerationDeps {
  db: Kysely<DB>;
  pubsub: AppPubSub;
  jobs: JobEnqueuer;
  /** which media can be turned into text; audio/image without it is refused at submit time */
  media: { asr: boolean; ocr: boolean };
  /** told of every committed FIR change (response cache invalidation); awaited before the answer */
  onFirsChanged?: FirChangeListener | null;
}

async function firChanged(deps: GenerationDeps, change: FirChange): Promise<void> {
  // The FIR is committed; a failing listener must not turn the mutation into an error.
  await Promise.resolve(deps.onFirsChanged?.([change])).catch(() => {});
}

/** The complainant block of a submission: what the drafter fills in too. */
export type ComplainantInput = ComplainantDraft;

export interface SubmitInput {
  stationId: number;
  text?: string | null;
  audio?: File | null;
  image?: File | null;
  language?: string | null;
  complainant?: ComplainantInput | null;
  priority?: JobPriority | null;
  actorId?: number | null;
  requestId?: string;
}

export const TEXT_MIN = 10;
export const TEXT_MAX = 50_000;
export const AUDIO_MAX_BYTES = 15 * 1024 * 1024;
export const IMAGE_MAX_BYTES = 10 * 1024 * 1024;

/** Media types accepted, as detected from the bytes (never from the file name or declared type). */
const AUDIO_TYPES = new Set(['audio/mpeg', 'audio/wav', 'audio/x-wav', 'audio/ogg', 'audio/opus', 'audio/mp4', 'audio/x-m4a', 'audio/aac', 'audio/flac', 'audio/x-flac', 'audio/webm', 'video/webm', 'audio/amr']);
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/tiff', 'image/heic', 'image/heif']);

const LIMITS: Record<keyof ComplainantInput, number> = {
  name: 200,
  dateOfBirth: 10,
  nationality: 100,
  fatherOrHusbandName: 200,
  address: 2000,
  contact: 100,
  passportNumber: 32,
  occupation: 100,
};

function checkComplainant(c: ComplainantInput | null | undefined) {
  for (const [key, max] of Object.entries(LIMITS) as [keyof ComplainantInput, number][]) {
    const v = c?.[key];
    if (v != null && [...v].length > max) throw badInput(`"input.complainant.${key}" is longer than ${max} characters`, { argument: `input.complainant.${key}` });
  }
}

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
  checkComplainant(input.complainant);
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
    const station = await trx.selectFrom('police_station').select('id').where('id', '=', input.stationId).executeTakeFirst();
    if (!station) throw new AppError('NOT_FOUND', 'Police station not found', { argument: 'input.stationId' });
    const complaintId = await insertReturningId(trx, 'complaint', {
      station_id: input.stationId,
      source,
      language: input.language ?? null,
      text: input.text ?? null,
      media_ref: media ? `sha256:${media.sha256}` : null,
      media_type: media?.contentType ?? null,
      received_at: now,
    });
    if (media) {
      await trx
        .insertInto('complaint_media')
        .values({ complaint_id: complaintId, content_type: media.contentType, size: media.bytes.byteLength, sha256: media.sha256, bytes: media.bytes })
        .execute();
    }
    const firId = await insertReturningId(trx, 'fir', {
      station_id: input.stationId,
      complaint_id: complaintId,
      status: 'GENERATING',
      complainant_name: c.name ?? null,
      complainant_dob: c.dateOfBirth ?? null,
      complainant_nationality: c.nationality ?? null,
      complainant_father_or_husband_name: c.fatherOrHusbandName ?? null,
      complainant_address: c.address ?? null,
      complainant_contact: c.contact ?? null,
      complainant_passport_number: c.passportNumber ?? null,
      complainant_occupation: c.occupation ?? null,
      acts: '[]',
      suspects: '[]',
      witnesses: '[]',
      version: 1,
      created_by: input.actorId ?? null,
      created_at: now,
      updated_at: now,
    });
    const { jobId, event } = await createJob(trx, deps, firId, priority, now);
    await audit(trx, input, 'submitComplaint', 'fir', firId, { status: [null, 'GENERATING'], source: [null, source] });
    return { complaintId, firId, jobId, event };
  });
  deps.jobs.committed();
  await firChanged(deps, { id: result.firId, stationId: input.stationId, statusBefore: null, statusAfter: 'GENERATING' });
  publishEvents(deps.pubsub, [result.event]);
  deps.pubsub.publish('fir:updated', input.stationId, { firId: result.firId, stationId: input.stationId });
  return result;
}

async function createJob(trx: any, deps: GenerationDeps, firId: number, priority: JobPriority, now: Date) {
  const jobId = await insertReturningId(trx, 'generation_job', {
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

async function audit(trx: any, input: { actorId?: number | null; requestId?: string }, action: string, entity: string, id: number, changes: Record<string, [unknown, unknown]>) {
  await trx
    .insertInto('audit_log')
    .values({ actor_id: input.actorId ?? null, action, entity_type: entity, entity_id: id, changes: JSON.stringify(changes), request_id: input.requestId ?? null, at: new Date() })
    .execute();
}

/** A new job for a FIR whose generation failed or was cancelled. */
export async function retryGeneration(deps: GenerationDeps, input: { firId: number; priority?: JobPriority | null; actorId?: number | null; requestId?: string }) {
  const result = await deps.db.transaction().execute(async (trx) => {
    const fir = await trx.selectFrom('fir').select(['id', 'status', 'station_id']).where('id', '=', input.firId).forUpdate().executeTakeFirst();
    if (!fir) throw new AppError('NOT_FOUND', 'FIR not found', { argument: 'firId' });
    // FAILED or DRAFT (a cancelled generation) -> GENERATING; anything else names the illegal transition.
    assertTransition(fir.status, 'GENERATING', { argument: 'firId', status: fir.status });
    const now = new Date();
    await trx
      .updateTable('fir')
      .set((eb) => ({ status: 'GENERATING', updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', fir.id)
      .execute();
    const { jobId, event } = await createJob(trx, deps, fir.id, input.priority ?? 'NORMAL', now);
    await audit(trx, input, 'retryGeneration', 'fir', fir.id, { status: [fir.status, 'GENERATING'] });
    return { jobId, event, stationId: fir.station_id, firId: fir.id, statusBefore: fir.status };
  });
  deps.jobs.committed();
  await firChanged(deps, { id: result.firId, stationId: result.stationId, statusBefore: result.statusBefore, statusAfter: 'GENERATING' });
  publishEvents(deps.pubsub, [result.event]);
  deps.pubsub.publish('fir:updated', result.stationId, { firId: result.firId, stationId: result.stationId });
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
    await trx.updateTable('generation_job').set({ cancel_requested: true }).where('id', '=', job.id).execute();
    await audit(trx, input, 'cancelGeneration', 'generation_job', job.id, { cancel_requested: [false, true] });
    return job;
  });
  if (job.status === 'QUEUED' || job.status === 'RETRYING') await finishCancelled(deps, job.id, job.fir_id);
  return job.id;
}
