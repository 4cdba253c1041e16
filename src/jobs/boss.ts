/**
 * pg-boss setup: one queue for FIR generation with priorities, retries with exponential backoff
 * and jitter, expiry of stuck jobs, heartbeats and a dead-letter queue. LISTEN/NOTIFY wakes
 * workers when a job is created, so pickup does not wait for the polling interval.
 */
import { createHash } from 'node:crypto';
import { fromPglite, PgBoss } from 'pg-boss';

export const GENERATION_QUEUE = 'fir-generation';
export const GENERATION_DEAD_LETTER = 'fir-generation-dead';

export type JobPriority = 'URGENT' | 'HIGH' | 'NORMAL' | 'LOW';

/** pg-boss runs higher numbers first. */
export const PRIORITY: Record<JobPriority, number> = { URGENT: 30, HIGH: 20, NORMAL: 10, LOW: 0 };

export interface GenerationJobData {
  jobId: number;
  /** a continuation of a job waiting for a model server: its number (1, 2, …), since when it waits (ISO) and tries so far */
  continuation?: number;
  waitingSince?: string;
  waitingTries?: number;
}

export interface QueueSettings {
  /** attempts after the first */
  retryLimit: number;
  retryDelaySeconds: number;
  retryDelayMaxSeconds: number;
  /** a job running longer than this is expired and retried */
  expireInSeconds: number;
  /** a worker that stops heartbeating (killed) loses its job after this */
  heartbeatSeconds: number;
  /**
   * how often pg-boss looks for jobs whose heartbeat stopped (and expired ones); default: a fifth
   * of heartbeatSeconds, 1-5 s, so a killed worker's job is retried within about
   * heartbeatSeconds + this + the retry delay and a poll
   */
  superviseIntervalSeconds?: number;
}

export function superviseInterval(settings: QueueSettings): number {
  return Math.max(1, Math.round(settings.superviseIntervalSeconds ?? Math.min(5, Math.floor(settings.heartbeatSeconds / 5))));
}

export type BossTarget = { pglite: import('@electric-sql/pglite').PGlite } | { url: string };

export async function startBoss(target: BossTarget, settings: QueueSettings, options: { schema?: string; onError?: (err: Error) => void } = {}) {
  // pg-boss fails jobs whose heartbeat stopped in its queue monitor pass, which runs every
  // max(monitorIntervalSeconds, superviseIntervalSeconds) (default 60 s each): both go down to the
  // supervise interval, or a killed worker's job waits up to a minute past its heartbeat.
  const supervise = superviseInterval(settings);
  const timers = { superviseIntervalSeconds: supervise, monitorIntervalSeconds: supervise };
  const boss =
    'pglite' in target
      ? new PgBoss({ db: fromPglite(target.pglite as any), backend: 'pglite', schema: options.schema ?? 'pgboss', useListenNotify: true, ...timers })
      : new PgBoss({ connectionString: target.url, schema: options.schema ?? 'pgboss', useListenNotify: true, max: 10, application_name: 'afirgen', ...timers });
  boss.on('error', (err) => options.onError?.(err));
  await boss.start();
  await ensureQueues(boss, settings);
  return boss;
}

async function ensureQueues(boss: PgBoss, settings: QueueSettings) {
  const common = {
    retryLimit: settings.retryLimit,
    retryDelay: settings.retryDelaySeconds,
    retryBackoff: true,
    retryDelayMax: settings.retryDelayMaxSeconds,
    expireInSeconds: settings.expireInSeconds,
  };
  if (!(await boss.getQueue(GENERATION_DEAD_LETTER))) await boss.createQueue(GENERATION_DEAD_LETTER, { retryLimit: 0 });
  const queue = { ...common, heartbeatSeconds: settings.heartbeatSeconds, deadLetter: GENERATION_DEAD_LETTER, notify: true };
  if (!(await boss.getQueue(GENERATION_QUEUE))) await boss.createQueue(GENERATION_QUEUE, queue);
  else await boss.updateQueue(GENERATION_QUEUE, queue);
}

/**
 * The pg-boss id of a generation job: a UUID derived from our job id (and continuation number),
 * so sending the same job twice (an outbox relay that crashed after sending, a worker that
 * queued a continuation and died before completing) inserts nothing the second time.
 */
export function bossJobId(jobId: number, continuation = 0): string {
  const h = createHash('sha1').update(continuation ? `afirgen:generation-job:${jobId}:${continuation}` : `afirgen:generation-job:${jobId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((Number.parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}
