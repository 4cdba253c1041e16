/**
 * generation_event is append-only with seq increasing per job. Appending locks the job row, so
 * the seq is gap-free even when the API (cancel) and a worker touch the same job at once.
 */
import type { Kysely, Transaction, Updateable } from 'kysely';
import type { DB, GenerationJobTable } from '../db/types.ts';
import type { AppPubSub, GenerationEventPayload } from '../pubsub.ts';

type Db = Kysely<DB> | Transaction<DB>;

export const TERMINAL_JOB_STATUSES = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

export interface NewEvent {
  status: string;
  stage: string;
  progress: number;
  message: string | null;
}

export async function lockJob(trx: Transaction<DB>, jobId: number) {
  return trx
    .selectFrom('generation_job')
    .select(['id', 'fir_id', 'status', 'stage', 'progress', 'attempts', 'priority', 'cancel_requested', 'state'])
    .where('id', '=', jobId)
    .forUpdate()
    .executeTakeFirst();
}

/** Appends an event and applies `job` changes in the caller's transaction (job row must be locked). */
export async function appendEvent(
  trx: Transaction<DB>,
  jobId: number,
  firId: number,
  event: NewEvent,
  job: Updateable<GenerationJobTable> = {},
): Promise<GenerationEventPayload> {
  const last = await trx
    .selectFrom('generation_event')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('job_id', '=', jobId)
    .executeTakeFirst();
  const seq = Number(last?.seq ?? 0) + 1;
  const at = new Date();
  await trx.insertInto('generation_event').values({ job_id: jobId, seq, at, ...event }).execute();
  await trx
    .updateTable('generation_job')
    .set({ status: event.status, stage: event.stage, progress: event.progress, ...job })
    .where('id', '=', jobId)
    .execute();
  return {
    job_id: jobId,
    seq,
    at: at.toISOString(),
    ...event,
    fir_id: TERMINAL_JOB_STATUSES.has(event.status) ? firId : null,
  };
}

export function publishEvents(pubsub: AppPubSub, events: GenerationEventPayload[]) {
  for (const e of events) pubsub.publish('generation:progress', e.job_id, e);
}

/** Stored events of a job after `after`, as published payloads (terminal ones carry the FIR id). */
export async function storedEvents(db: Db, jobId: number, after: number): Promise<GenerationEventPayload[]> {
  const rows = await db
    .selectFrom('generation_event')
    .innerJoin('generation_job', 'generation_job.id', 'generation_event.job_id')
    .select([
      'generation_event.job_id',
      'generation_event.seq',
      'generation_event.at',
      'generation_event.status',
      'generation_event.stage',
      'generation_event.progress',
      'generation_event.message',
      'generation_job.fir_id',
    ])
    .where('generation_event.job_id', '=', jobId)
    .where('generation_event.seq', '>', after)
    .orderBy('generation_event.seq')
    .execute();
  return rows.map((r) => ({
    job_id: r.job_id,
    seq: r.seq,
    at: new Date(r.at).toISOString(),
    status: r.status,
    stage: r.stage,
    progress: Number(r.progress),
    message: r.message,
    fir_id: TERMINAL_JOB_STATUSES.has(r.status) ? r.fir_id : null,
  }));
}
