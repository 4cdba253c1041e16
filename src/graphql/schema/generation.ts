import type { GraphQLResolveInfo } from 'graphql';
import { eventsForJobs, type JobColumn, type JobRecord, jobsByIds, latestJobsForFirs } from '../../generation/generation.repository.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { decodeIdOf, encodeGlobalId } from '../global-id.ts';
import { byKey, groupByKey } from '../loaders.ts';
import { type ColumnMap, columnsFor, selectionOf } from '../selection.ts';
import { loadFir } from './fir.ts';
import { FirRef, GenerationJobRef, GenerationStageEnum, JobPriorityEnum, JobStatusEnum } from './refs.ts';

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
    .get<number, JobRecord | null>(`job:${cols}`, async (ids) => byKey(ids, await jobsByIds(ctx.db, ids, cols), (r) => r.id))
    .load(id);
}

export function loadLatestJob(ctx: Context, firId: number, info: GraphQLResolveInfo): Promise<JobRecord | null> {
  const cols = jobColumns(info);
  return ctx.loaders
    .get<number, JobRecord | null>(`latestJob:${cols}`, async (ids) => byKey(ids, await latestJobsForFirs(ctx.db, ids, cols), (r) => r.fir_id!))
    .load(firId);
}

const JobError = builder.objectRef<JobRecord>('JobError').implement({
  fields: (t) => ({
    code: t.string({ resolve: (j) => j.error_code! }),
    message: t.string({ resolve: (j) => j.error_message ?? '' }),
    retryable: t.boolean({ resolve: (j) => Boolean(j.error_retryable) }),
  }),
});

interface EventShape {
  job_id: number;
  seq: number;
  at?: Date;
  status?: string;
  stage?: string;
  progress?: number;
  message?: string | null;
  fir_id?: number | null;
}

export const GenerationEventRef = builder.objectRef<EventShape>('GenerationEvent').implement({
  fields: (t) => ({
    seq: t.exposeInt('seq'),
    at: t.field({ type: 'DateTime', resolve: (e) => e.at! }),
    jobId: t.id({ resolve: (e) => encodeGlobalId('GenerationJob', e.job_id) }),
    status: t.field({ type: JobStatusEnum, resolve: (e) => e.status as any }),
    stage: t.field({ type: GenerationStageEnum, resolve: (e) => e.stage as any }),
    progress: t.float({ resolve: (e) => Number(e.progress) }),
    message: t.string({ nullable: true, resolve: (e) => e.message ?? null }),
    fir: t.field({
      type: FirRef,
      nullable: true,
      description: 'Set on the final event',
      resolve: (e, _a, ctx, info) => (e.fir_id == null ? null : loadFir(ctx, e.fir_id, info)),
    }),
  }),
});

builder.node(GenerationJobRef, {
  id: { resolve: (j) => j.id },
  fields: (t) => ({
    fir: t.field({ type: FirRef, resolve: async (j, _a, ctx, info) => (await loadFir(ctx, j.fir_id!, info))! }),
    status: t.field({ type: JobStatusEnum, resolve: (j) => j.status as any }),
    stage: t.field({ type: GenerationStageEnum, resolve: (j) => j.stage as any }),
    progress: t.float({ resolve: (j) => Number(j.progress) }),
    attempts: t.int({ resolve: (j) => j.attempts! }),
    priority: t.field({ type: JobPriorityEnum, resolve: (j) => j.priority as any }),
    error: t.field({ type: JobError, nullable: true, resolve: (j) => (j.error_code ? j : null) }),
    queuedAt: t.field({ type: 'DateTime', resolve: (j) => j.queued_at! }),
    startedAt: t.field({ type: 'DateTime', nullable: true, resolve: (j) => j.started_at ?? null }),
    finishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (j) => j.finished_at ?? null }),
    events: t.field({
      type: [GenerationEventRef],
      args: { after: t.arg.int({ required: false, description: 'Only events with seq greater than this' }) },
      resolve: (j, args, ctx, info) => {
        const after = args.after ?? 0;
        const cols = (['at', 'status', 'stage', 'progress', 'message'] as const).filter((c) =>
          selectionOf(info).has('GenerationEvent', c === 'at' ? 'at' : c),
        );
        return ctx.loaders
          .get<number, EventShape[]>(`jobEvents:${after}:${cols}`, async (ids) =>
            groupByKey(ids, await eventsForJobs(ctx.db, ids, after, cols), (r) => r.job_id),
          )
          .load(j.id);
      },
    }),
  }),
});

builder.queryFields((t) => ({
  generationJob: t.field({
    type: GenerationJobRef,
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx, info) => loadJob(ctx, decodeIdOf('GenerationJob', String(args.id)), info),
  }),
}));
