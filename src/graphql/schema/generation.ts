import type { GraphQLResolveInfo } from 'graphql';
import { AppError, badInput } from '../../errors.ts';
import { type FeedMember, type JobFeed, jobFeed, type JobSnapshot, TERMINAL_JOB_STATUSES } from '../../generation/events.ts';
import { cancelGeneration, retryGeneration, submitComplaint } from '../../generation/generation.service.ts';
import type { GenerationEventPayload } from '../../pubsub.ts';
import { loadComplaint } from './complaint.ts';
import { eventsForJobs, type JobColumn, type JobRecord, jobsByIds, latestJobsForFirs } from '../../generation/generation.repository.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { decodeIdOf, encodeGlobalId } from '../../global-id.ts';
import { byKey, groupByKey } from '../loaders.ts';
import { type ColumnMap, columnsFor, selectionOf } from '../selection.ts';
import { ComplainantInput, loadFir } from './fir.ts';
import { ComplaintRef, FirRef, GenerationJobRef, GenerationStageEnum, JobPriorityEnum, JobStatusEnum } from './refs.ts';

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
  at?: Date | string;
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
      description: 'Set on the final event (SUCCEEDED, FAILED or CANCELLED)',
      resolve: async (e, _a, ctx, info) => {
        if (e.fir_id != null) return loadFir(ctx, e.fir_id, info);
        if (!e.status || !TERMINAL_JOB_STATUSES.has(e.status)) return null;
        const job = await ctx.loaders
          .get<number, JobRecord | null>('job:fir_id,id', async (ids) => byKey(ids, await jobsByIds(ctx.db, ids, ['fir_id', 'id']), (r) => r.id))
          .load(e.job_id);
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
      resolve: (j, args, ctx, info) => {
        const after = args.after ?? 0;
        const sel = selectionOf(info);
        const cols = (['at', 'status', 'stage', 'progress', 'message'] as const).filter(
          (c) => sel.has('GenerationEvent', c) || (c === 'status' && sel.has('GenerationEvent', 'fir')),
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

builder.mutationType({});

builder.mutationFields((t) => ({
  submitComplaint: t.field({
    type: SubmitComplaintPayload,
    description: 'Stores the complaint and returns at once; the FIR is drafted by a background job (see generationProgress)',
    args: { input: t.arg({ type: SubmitComplaintInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const result = await submitComplaint(generationDeps(ctx), {
        stationId: decodeIdOf('PoliceStation', String(input.stationId), 'input.stationId'),
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
    args: { firId: t.arg.id({ required: true }), priority: t.arg({ type: JobPriorityEnum, required: false }) },
    resolve: async (_root, args, ctx, info) => {
      const jobId = await retryGeneration(generationDeps(ctx), {
        firId: decodeIdOf('Fir', String(args.firId), 'firId'),
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
    args: { jobId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx, info) => {
      const jobId = await cancelGeneration(generationDeps(ctx), {
        jobId: decodeIdOf('GenerationJob', String(args.jobId), 'jobId'),
        actorId: ctx.viewer?.officerId ?? null,
        requestId: ctx.requestId,
      });
      ctx.loaders.clearAll();
      return (await loadJob(ctx, jobId, info))!;
    },
  }),
}));

// ---- subscriptions ----

const RUNNING = 1;
const ENDED = 2;
const CLOSED = 3;
const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/**
 * One generationProgress subscription. Kept small (thousands may sit idle on one gateway): the
 * pub/sub listener, the fallback poll and the database reads belong to the job's feed, shared
 * by every subscriber of the job in this process.
 */
class ProgressStream implements AsyncIterableIterator<GenerationEventPayload>, FeedMember {
  /** seq of the last event taken (handed out or ready to be) */
  last: number;
  #ctx: Pick<Context, 'db' | 'pubsub'> | null;
  #jobId: number;
  #pollMs: number;
  #state = 0;
  #feed: JobFeed | null = null;
  /** events taken, not yet handed out */
  #ready: GenerationEventPayload[] = [];
  /** while a database read is in flight: live messages received meanwhile, taken after it */
  #held: GenerationEventPayload[] | null = null;
  #waiters: Array<{ resolve: (r: IteratorResult<GenerationEventPayload>) => void; reject: (e: unknown) => void }> | null = null;
  #error: unknown = null;

  constructor(ctx: Pick<Context, 'db' | 'pubsub'>, jobId: number, after: number, pollMs: number) {
    this.#ctx = ctx;
    this.#jobId = jobId;
    this.last = after;
    this.#pollMs = pollMs;
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  next(): Promise<IteratorResult<GenerationEventPayload>> {
    if (this.#state === 0) this.#start();
    if (this.#ready.length) return Promise.resolve({ value: this.#ready.shift()!, done: false });
    if (this.#error !== null) {
      const err = this.#error;
      this.#error = null;
      return Promise.reject(err);
    }
    if (this.#state !== RUNNING) return Promise.resolve(DONE);
    return new Promise((resolve, reject) => (this.#waiters ??= []).push({ resolve, reject }));
  }

  return(): Promise<IteratorResult<GenerationEventPayload>> {
    this.#state = CLOSED;
    this.#ready.length = 0;
    this.#held = null;
    this.#error = null;
    this.#leave();
    this.#flush();
    return Promise.resolve(DONE);
  }

  throw(): Promise<IteratorResult<GenerationEventPayload>> {
    return this.return();
  }

  // FeedMember
  live(e: GenerationEventPayload) {
    this.#offer(e);
    this.#flush();
  }

  polled(events: GenerationEventPayload[]) {
    this.#take(events);
    this.#flush();
  }

  #start() {
    const ctx = this.#ctx!;
    this.#ctx = null;
    this.#state = RUNNING;
    // Joined (the feed's listener attached) before the read below starts: an event published in
    // between arrives live, held until the read is taken, and is then dropped as a duplicate.
    const feed = jobFeed(ctx.db, ctx.pubsub, this.#jobId, this.#pollMs);
    feed.join(this);
    this.#feed = feed;
    this.#held = [];
    feed.read(this.last).then(
      (s) => this.#read(s, true),
      (err) => this.#fail(err),
    );
  }

  #read(s: JobSnapshot, first: boolean) {
    if (this.#state !== RUNNING) return;
    if (s.status === null) return this.#fail(new AppError('NOT_FOUND', 'Generation job not found', { argument: 'jobId' }));
    const held = this.#held!;
    this.#held = null;
    this.#take(s.events);
    this.#take(held);
    // A job that had ended when the first read looked has all its events in that read.
    if (first && TERMINAL_JOB_STATUSES.has(s.status) && this.#held === null) this.#end();
    this.#flush();
  }

  #take(events: GenerationEventPayload[]) {
    for (let i = 0; i < events.length && this.#state === RUNNING; i++) this.#offer(events[i]!);
  }

  #offer(e: GenerationEventPayload) {
    if (this.#state !== RUNNING || e.seq <= this.last) return;
    if (this.#held) {
      this.#held.push(e);
    } else if (e.seq === this.last + 1) {
      this.#ready.push(e);
      this.last = e.seq;
      if (TERMINAL_JOB_STATUSES.has(e.status)) this.#end();
    } else {
      // A jump in seq (a message lost in transit): fill from the database, hold what follows.
      this.#held = [e];
      this.#feed!.read(this.last).then(
        (s) => this.#read(s, false),
        (err) => this.#fail(err),
      );
    }
  }

  #end() {
    this.#state = ENDED;
    this.#held = null;
    this.#leave();
  }

  #leave() {
    const feed = this.#feed;
    this.#feed = null;
    feed?.leave(this);
  }

  #fail(err: unknown) {
    if (this.#state !== RUNNING) return;
    this.#end();
    this.#error = err;
    this.#flush();
  }

  #flush() {
    const waiters = this.#waiters;
    if (!waiters?.length) return;
    while (waiters.length && this.#ready.length) waiters.shift()!.resolve({ value: this.#ready.shift()!, done: false });
    if (this.#state === RUNNING) return;
    if (this.#error !== null && waiters.length) {
      waiters.shift()!.reject(this.#error);
      this.#error = null;
    }
    while (waiters.length) waiters.shift()!.resolve(DONE);
  }
}

/**
 * Stored events with seq > after, then live ones, without gap or duplicate:
 *  - the subscriber joins its job's feed (whose pub/sub listener is attached) before the stored
 *    events are read (the first next() starts it), so nothing published in between is missed;
 *  - live events at or below the last seq taken are dropped; a jump in seq (a message lost in
 *    transit) is filled from the database;
 *  - while no live event arrives for the job the database is re-read every `pollMs`, so even a
 *    lost final event (Redis dropped mid-job) ends the stream.
 * Ends after the terminal event, at once for a finished job whose events the client has all seen,
 * and as soon as the client unsubscribes (return() never waits for an event).
 * The listener, the poll timer and the reads are per job and process (see jobFeed in
 * generation/events.ts): concurrent reads of a job's subscribers are batched into one.
 */
export function generationEvents(
  ctx: Pick<Context, 'db' | 'pubsub'>,
  jobId: number,
  after: number,
  options: { pollMs?: number } = {},
): AsyncIterableIterator<GenerationEventPayload> {
  return new ProgressStream(ctx, jobId, after, options.pollMs ?? 3000);
}

builder.subscriptionType({});

builder.subscriptionFields((t) => ({
  generationProgress: t.field({
    type: GenerationEventRef,
    description: 'Replays stored events with seq > after, then streams live ones; completes after the final event',
    args: {
      jobId: t.arg.id({ required: true }),
      after: t.arg.int({ required: false, description: 'The last seq already seen (0 or omitted: from the start)' }),
    },
    subscribe: (_root, args, ctx) => {
      const jobId = decodeIdOf('GenerationJob', String(args.jobId), 'jobId');
      const after = args.after ?? 0;
      if (after < 0) throw badInput('"after" must be 0 or more', { argument: 'after' });
      return generationEvents(ctx, jobId, after);
    },
    resolve: (event) => event,
  }),
  firUpdated: t.field({
    type: FirRef,
    description: "Every change to a FIR of this station (new, generated, edited, registered …)",
    args: { stationId: t.arg.id({ required: true }) },
    subscribe: (_root, args, ctx) => ctx.pubsub.subscribe('fir:updated', decodeIdOf('PoliceStation', String(args.stationId), 'stationId')),
    resolve: async (payload, _args, ctx, info) => {
      // One context serves every event of a subscription: forget what earlier events loaded.
      ctx.loaders.clearAll();
      return (await loadFir(ctx, payload.firId, info))!;
    },
  }),
}));
