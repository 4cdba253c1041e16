/** Generation job loaders: jobs by id, a FIR's latest job, a job's stored events. */
import type { GraphQLResolveInfo } from 'graphql';
import { eventsForJobs, type JobColumn, type JobRecord, jobsByIds, latestJobsForFirs } from '../../generation/generation.repository.ts';
import type { Context } from '../context.ts';
import { type ColumnMap, columnsFor, selectionOf } from '../selection.ts';
import { byKey, groupByKey } from './registry.ts';

export const JOB_COLUMN_MAP: ColumnMap<JobColumn> = {
  fir: ['fir_id'],
  status: ['status'],
  stage: ['stage'],
  progress: ['progress'],
  attempts: ['attempts'],
  priority: ['priority'],
  error: ['error_code', 'error_message', 'error_retryable'],
  queuedAt: ['queued_at'],
  startedAt: ['started_at'],
  finishedAt: ['finished_at'],
};

function jobColumns(info: GraphQLResolveInfo) {
  return columnsFor(selectionOf(info), 'GenerationJob', JOB_COLUMN_MAP, ['id']);
}

export function loadJob(ctx: Context, id: number, info: GraphQLResolveInfo): Promise<JobRecord | null> {
  const cols = jobColumns(info);
  return ctx.loaders
    .get<number, JobRecord | null>(`job:${cols}`, async (ids) => byKey(ids, await jobsByIds(ctx.db, ids, cols, ctx.scope), (r) => r.id))
    .load(id);
}

/** A job's id and fir_id only (an event without fir_id finds its FIR through its job). */
export function loadJobFirId(ctx: Context, jobId: number): Promise<JobRecord | null> {
  return ctx.loaders
    .get<number, JobRecord | null>('job:fir_id,id', async (ids) => byKey(ids, await jobsByIds(ctx.db, ids, ['fir_id', 'id']), (r) => r.id))
    .load(jobId);
}

export function loadLatestJob(ctx: Context, firId: number, info: GraphQLResolveInfo): Promise<JobRecord | null> {
  const cols = jobColumns(info);
  return ctx.loaders
    .get<number, JobRecord | null>(`latestJob:${cols}`, async (ids) => byKey(ids, await latestJobsForFirs(ctx.db, ids, cols), (r) => r.fir_id!))
    .load(firId);
}

/** A generation event as stored or published. */
export interface EventShape {
  job_id: number;
  seq: number;
  at?: Date | string;
  status?: string;
  stage?: string;
  progress?: number;
  message?: string | null;
  fir_id?: number | null;
}

/** A job's stored events with seq > after, reading only the columns the selection needs. */
export function loadJobEvents(ctx: Context, jobId: number, after: number, info: GraphQLResolveInfo): Promise<EventShape[]> {
  const sel = selectionOf(info);
  const cols = (['at', 'status', 'stage', 'progress', 'message'] as const).filter(
    (c) => sel.has('GenerationEvent', c) || (c === 'status' && sel.has('GenerationEvent', 'fir')),
  );
  return ctx.loaders
    .get<number, EventShape[]>(`jobEvents:${after}:${cols}`, async (ids) =>
      groupByKey(ids, await eventsForJobs(ctx.db, ids, after, cols), (r) => r.job_id),
    )
    .load(jobId);
}
