/**
 * GenerationJob and GenerationEvent, the generationJob query, the generation mutations
 * (submitComplaint, retryGeneration, cancelGeneration) and the subscriptions (generationProgress,
 * firUpdated). The generationProgress stream itself is streams/generation-progress.ts.
 */
import { AppError, badInput } from '../../errors.ts';
import { TERMINAL_JOB_STATUSES } from '../../generation/generation.repository.ts';
import type { JobRecord } from '../../generation/generation.repository.ts';
import { cancelGeneration, retryGeneration, submitComplaint } from '../../generation/generation.service.ts';
import { decodeIdOf, encodeGlobalId } from '../../global-id.ts';
import { citizenKey } from '../../auth/viewer.ts';
import { firStationIds } from '../../fir/fir.repository.ts';
import { jobsByIds } from '../../generation/generation.repository.ts';
import { assertActInStation, authScopesOf, unauthorized } from '../authz.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { loadComplaint } from '../loaders/complaint.ts';
import { loadFir } from '../loaders/fir.ts';
import { type EventShape, loadJob, loadJobEvents, loadJobFirId } from '../loaders/generation.ts';
import { generationEvents } from '../streams/generation-progress.ts';
import { governed } from '../streams/governed.ts';
import { ComplainantInput } from './fir-inputs.ts';
import { ComplaintRef, FirRef, GenerationJobRef } from './refs.ts';

const JobStatusEnum = builder.enumType('JobStatus', {
  values: ['QUEUED', 'RUNNING', 'RETRYING', 'SUCCEEDED', 'FAILED', 'CANCELLED'] as const,
});
const GenerationStageEnum = builder.enumType('GenerationStage', {
  values: ['QUEUED', 'TRANSCRIBE', 'SUMMARIZE', 'RETRIEVE_SECTIONS', 'CHECK_SECTIONS', 'DRAFT_NARRATIVE', 'ASSEMBLE', 'VALIDATE', 'DONE'] as const,
});
const JobPriorityEnum = builder.enumType('JobPriority', { values: ['URGENT', 'HIGH', 'NORMAL', 'LOW'] as const });

const JobError = builder.objectRef<JobRecord>('JobError').implement({
  fields: (t) => ({
    code: t.string({ resolve: (j) => j.error_code! }),
    message: t.string({ resolve: (j) => j.error_message ?? '' }),
    retryable: t.boolean({ resolve: (j) => Boolean(j.error_retryable) }),
  }),
});

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
      description: 'Set on the final event (SUCCEEDED, FAILED or CANCELLED)',
      resolve: async (e, _a, ctx, info) => {
        if (e.fir_id != null) return loadFir(ctx, e.fir_id, info);
        if (!e.status || !TERMINAL_JOB_STATUSES.has(e.status)) return null;
        const job = await loadJobFirId(ctx, e.job_id);
        return job?.fir_id == null ? null : loadFir(ctx, job.fir_id, info);
      },
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
      resolve: (j, args, ctx, info) => loadJobEvents(ctx, j.id, args.after ?? 0, info),
    }),
  }),
});

builder.queryFields((t) => ({
  generationJob: t.field({
    type: GenerationJobRef,
    nullable: true,
    description: 'A generation job of a FIR the viewer may see; null otherwise',
    authScopes: { authenticated: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx, info) => loadJob(ctx, decodeIdOf('GenerationJob', String(args.id)), info),
  }),
}));

// ---- mutations ----

function generationDeps(ctx: Context) {
  if (!ctx.generation) throw new AppError('SERVICE_UNAVAILABLE', 'FIR generation is not available on this instance');
  return ctx.generation;
}

const SubmitComplaintInput = builder.inputType('SubmitComplaintInput', {
  fields: (t) => ({
    stationId: t.id({ required: true }),
    text: t.string({ required: false, description: '10 to 50,000 characters, any script' }),
    audio: t.field({ type: 'Upload', required: false, description: 'A recording (mp3, wav, ogg, m4a, flac, webm, amr); needs an ASR server' }),
    image: t.field({ type: 'Upload', required: false, description: 'A photographed letter (jpeg, png, webp, tiff, heic); needs an OCR server' }),
    language: t.string({ required: false, description: 'Language tag of the complaint, e.g. en, hi, mr, ta' }),
    complainant: t.field({ type: ComplainantInput, required: false }),
    priority: t.field({ type: JobPriorityEnum, required: false, description: 'Default NORMAL' }),
  }),
});

const SubmitComplaintPayload = builder
  .objectRef<{ complaintId: number; firId: number; jobId: number }>('SubmitComplaintPayload')
  .implement({
    fields: (t) => ({
      complaint: t.field({
        type: ComplaintRef,
        resolve: async (p, _a, ctx, info) => (await loadComplaint(ctx, p.complaintId, info))!,
      }),
      fir: t.field({ type: FirRef, resolve: async (p, _a, ctx, info) => (await loadFir(ctx, p.firId, info))! }),
      job: t.field({ type: GenerationJobRef, resolve: async (p, _a, ctx, info) => (await loadJob(ctx, p.jobId, info))! }),
    }),
  });

builder.mutationFields((t) => ({
  submitComplaint: t.field({
    type: SubmitComplaintPayload,
    description: 'Stores the complaint and returns at once; the FIR is drafted by a background job (see generationProgress)',
    authScopes: { citizen: true, stationStaff: true, admin: true },
    args: { input: t.arg({ type: SubmitComplaintInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const stationId = decodeIdOf('PoliceStation', String(input.stationId), 'input.stationId');
      // A citizen may submit to any station; station staff to their own.
      if (ctx.viewer.role !== 'CITIZEN') assertActInStation(ctx, [stationId]);
      const result = await submitComplaint(generationDeps(ctx), {
        stationId,
        submittedBy: ctx.viewer.role === 'CITIZEN' && ctx.viewer.sub ? citizenKey(ctx.viewer.sub) : null,
        text: input.text,
        audio: input.audio,
        image: input.image,
        language: input.language,
        complainant: input.complainant,
        priority: input.priority,
        actorId: ctx.viewer?.officerId ?? null,
        requestId: ctx.requestId,
      });
      ctx.loaders.clearAll();
      return result;
    },
  }),
  retryGeneration: t.field({
    type: GenerationJobRef,
    description: 'Starts a new generation job for a FAILED (or cancelled, now DRAFT) FIR',
    authScopes: { stationStaff: true, admin: true },
    args: { firId: t.arg.id({ required: true }), priority: t.arg({ type: JobPriorityEnum, required: false }) },
    resolve: async (_root, args, ctx, info) => {
      const firId = decodeIdOf('Fir', String(args.firId), 'firId');
      if (ctx.viewer.role !== 'ADMIN') assertActInStation(ctx, (await firStationIds(ctx.db, [firId])).values());
      const jobId = await retryGeneration(generationDeps(ctx), {
        firId,
        priority: args.priority,
        actorId: ctx.viewer?.officerId ?? null,
        requestId: ctx.requestId,
      });
      ctx.loaders.clearAll();
      return (await loadJob(ctx, jobId, info))!;
    },
  }),
  cancelGeneration: t.field({
    type: GenerationJobRef,
    description: 'A queued job ends CANCELLED at once; a running one at its next stage boundary',
    authScopes: { stationStaff: true, admin: true },
    args: { jobId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx, info) => {
      const target = decodeIdOf('GenerationJob', String(args.jobId), 'jobId');
      if (ctx.viewer.role !== 'ADMIN') {
        const job = await loadJobFirId(ctx, target);
        if (job?.fir_id != null) assertActInStation(ctx, (await firStationIds(ctx.db, [job.fir_id])).values());
      }
      const jobId = await cancelGeneration(generationDeps(ctx), {
        jobId: target,
        actorId: ctx.viewer?.officerId ?? null,
        requestId: ctx.requestId,
      });
      ctx.loaders.clearAll();
      return (await loadJob(ctx, jobId, info))!;
    },
  }),
}));

// ---- subscriptions ----

builder.subscriptionFields((t) => ({
  generationProgress: t.field({
    type: GenerationEventRef,
    description: 'Replays stored events with seq > after, then streams live ones; completes after the final event',
    args: {
      jobId: t.arg.id({ required: true }),
      after: t.arg.int({ required: false, description: 'The last seq already seen (0 or omitted: from the start)' }),
    },
    authScopes: { authenticated: true },
    subscribe: async (_root, args, ctx) => {
      const jobId = decodeIdOf('GenerationJob', String(args.jobId), 'jobId');
      const after = args.after ?? 0;
      if (after < 0) throw badInput('"after" must be 0 or more', { argument: 'after' });
      // A job of a FIR the viewer may not see is refused; an unknown one is NOT_FOUND below.
      if (ctx.scope.kind !== 'all' && (await jobsByIds(ctx.db, [jobId], ['id'], ctx.scope)).length === 0) {
        if ((await jobsByIds(ctx.db, [jobId], ['id'])).length > 0) throw unauthorized(ctx, 'This job belongs to a FIR you may not see');
      }
      return governed(ctx, generationEvents(ctx, jobId, after));
    },
    resolve: (event) => event,
  }),
  firUpdated: t.field({
    type: FirRef,
    description: "Every change to a FIR of this station (new, generated, edited, registered …): the station's officers and ADMIN",
    args: { stationId: t.arg.id({ required: true }) },
    authScopes: (_root, args, ctx) => authScopesOf(ctx).actInStation(decodeIdOf('PoliceStation', String(args.stationId), 'stationId')),
    subscribe: (_root, args, ctx) => governed(ctx, ctx.pubsub.subscribe('fir:updated', decodeIdOf('PoliceStation', String(args.stationId), 'stationId'))),
    resolve: async (payload, _args, ctx, info) => {
      // One context serves every event of a subscription: forget what earlier events loaded.
      ctx.loaders.clearAll();
      const fir = await loadFir(ctx, payload.firId, info);
      if (!fir) throw unauthorized(ctx, 'This FIR is not visible to you');
      return fir;
    },
  }),
}));
