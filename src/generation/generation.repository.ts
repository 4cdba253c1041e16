/**
 * The job repository: generation_job and generation_event, and nothing else writes them.
 * generation_event is append-only with seq increasing per job. Appending locks the job row, so
 * the seq is gap-free even when the API (cancel) and a worker touch the same job at once.
 */
import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import { insertReturningId } from '../db/dialect.ts';
import type { DB, GenerationEventRow, GenerationJobRow, GenerationJobTable } from '../db/types.ts';
import { ALL_ROWS, type RowScope, visibleJob } from '../db/scope.ts';
import type { GenerationEventPayload } from '../pubsub.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type JobColumn = keyof GenerationJobRow;
export type JobRecord = Pick<GenerationJobRow, 'id'> & Partial<GenerationJobRow>;
export type EventColumn = keyof GenerationEventRow;

export async function jobsByIds(db: Db, ids: readonly number[], columns: readonly JobColumn[], scope: RowScope = ALL_ROWS) {
  let q = db
    .selectFrom('generation_job')
    .select(columns.map((c) => `generation_job.${c}` as const))
    .where('generation_job.id', 'in', [...ids]);
  if (scope.kind !== 'all') q = q.where(visibleJob(scope));
  return (await q.execute()) as JobRecord[];
}

/** The newest job of each FIR, in one statement. */
export async function latestJobsForFirs(db: Db, firIds: readonly number[], columns: readonly JobColumn[]) {
  const cols = columns.includes('fir_id') ? columns : [...columns, 'fir_id' as const];
  return (await db
    .selectFrom('generation_job')
    .select(cols.map((c) => `generation_job.${c}` as const))
    .where('generation_job.id', 'in', (eb) =>
      eb
        .selectFrom('generation_job as j')
        .select((e) => e.fn.max('j.id').as('id'))
        .where('j.fir_id', 'in', [...firIds])
        .groupBy('j.fir_id'),
    )
    .execute()) as JobRecord[];
}

export async function eventsForJobs(db: Db, jobIds: readonly number[], after: number, columns: readonly EventColumn[]) {
  const cols = [...new Set<EventColumn>(['job_id', 'seq', ...columns])];
  return (await db
    .selectFrom('generation_event')
    .select(cols.map((c) => `generation_event.${c}` as const))
    .where('generation_event.job_id', 'in', [...jobIds])
    .where('generation_event.seq', '>', after)
    .orderBy('generation_event.job_id')
    .orderBy('generation_event.seq')
    .execute()) as Array<Pick<GenerationEventRow, 'job_id' | 'seq'> & Partial<GenerationEventRow>>;
}

export const TERMINAL_JOB_STATUSES = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

export interface NewEvent {
  status: string;
  stage: string;
  progress: number;
  message: string | null;
}

/** A new job row (QUEUED) in the caller's transaction. */
export async function insertJob(trx: Transaction<DB>, values: Insertable<GenerationJobTable>): Promise<number> {
  return insertReturningId(trx, 'generation_job', values);
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

/** An attempt starts: the job is RUNNING, one more attempt made (job row locked by the caller). */
export async function markRunning(trx: Transaction<DB>, jobId: number, attempts: number, now: Date): Promise<void> {
  await trx.updateTable('generation_job').set({ status: 'RUNNING', attempts, started_at: now }).where('id', '=', jobId).execute();
}

/** Asks a running job to stop at its next stage boundary. */
export async function requestCancel(trx: Transaction<DB>, jobId: number): Promise<void> {
  await trx.updateTable('generation_job').set({ cancel_requested: true }).where('id', '=', jobId).execute();
}

export async function cancelRequested(db: Db, jobId: number): Promise<boolean> {
  const row = await db.selectFrom('generation_job').select('cancel_requested').where('id', '=', jobId).executeTakeFirst();
  return Boolean(row?.cancel_requested);
}

/** The job's status; null when there is no such job. */
export async function jobStatus(db: Db, jobId: number): Promise<string | null> {
  const job = await db.selectFrom('generation_job').select('status').where('id', '=', jobId).executeTakeFirst();
  return job?.status ?? null;
}
