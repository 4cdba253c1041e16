/**
 * Runs generation jobs from pg-boss. Inside the gateway by default; `npm run worker` runs the same
 * thing as a separate process. A retryable stage failure is rethrown so pg-boss retries the job
 * with exponential backoff and jitter; the attempt after the last retry ends the job FAILED.
 * A job waiting for a model server (pipeline outcome 'waiting') completes its pg-boss job and
 * queues a continuation (a new pg-boss job with its own retries) that starts after the backoff.
 * The same when the data database is unreachable (the attempt can record nothing then): the job
 * waits for it within the same budget instead of spending retries, so a database restart longer
 * than the retries' backoff neither fails the job nor leaves it RUNNING with no pg-boss job.
 */
import type { JobWithMetadata, PgBoss } from 'pg-boss';
import { databaseAway, dependencyDelay, type PipelineDeps, runGenerationAttempt } from '../generation/pipeline.ts';
import { bossJobId, GENERATION_QUEUE, type GenerationJobData } from './boss.ts';

export interface WorkerOptions {
  concurrency: number;
  pollingIntervalSeconds: number;
  onOutcome?: (outcome: string, jobId: number) => void;
}

/**
 * One pg-boss worker (localConcurrency 1) per slot, so each slot has an id of its own: a slot
 * that has just run a job fetches again at once (`notifyWorker`) instead of sleeping
 * `pollingIntervalSeconds`, and a backlog drains as fast as the slots run jobs. A slot whose
 * fetch comes back empty sleeps until a NOTIFY (a new job) or the polling backstop (a retry
 * whose backoff ended). Returns the slots' worker ids; `boss.offWork(GENERATION_QUEUE)` stops
 * them all.
 */
export async function startGenerationWorker(boss: PgBoss, deps: PipelineDeps, options: WorkerOptions): Promise<string[]> {
  const ids: string[] = [];
  for (let slot = 0; slot < Math.max(1, options.concurrency); slot++) {
    let workerId: string | undefined;
    workerId = await boss.work<GenerationJobData>(
      GENERATION_QUEUE,
      {
        batchSize: 1,
        localConcurrency: 1,
        includeMetadata: true,
        pollingIntervalSeconds: options.pollingIntervalSeconds,
        // NOTIFY wakes an idle worker when a job is created, but not when a retry's backoff ends;
        // pg-boss's default 30 s backstop would stall those.
        notifyPollingIntervalSeconds: options.pollingIntervalSeconds,
      },
      async ([first]) => {
        if (!first) return;
        const job = first as JobWithMetadata<GenerationJobData>;
        try {
          const { jobId, continuation = 0, waitingSince, waitingTries = 0 } = job.data;
          let result: Awaited<ReturnType<typeof runGenerationAttempt>>;
          try {
            result = await runGenerationAttempt(deps, {
              jobId,
              retryCount: job.retryCount,
              retryLimit: job.retryLimit,
              signal: job.signal,
              waiting: waitingSince ? { since: new Date(waitingSince), tries: waitingTries } : undefined,
            });
          } catch (err) {
            const wait = deps.dependencyWait;
            const since = waitingSince ? new Date(waitingSince) : new Date();
            const waited = (Date.now() - since.getTime()) / 1000;
            if (!databaseAway(err) || !wait || wait.maxSeconds <= 0 || job.signal?.aborted || waited >= wait.maxSeconds) throw err;
            const delaySeconds = dependencyDelay(wait, waitingTries);
            deps.log.warn({ jobId, tries: waitingTries + 1, delaySeconds }, 'database unavailable; the job waits for it');
            result = { outcome: 'waiting', delaySeconds, since, tries: waitingTries + 1 };
          }
          if (typeof result === 'object') {
            // The id is derived from (job, continuation): queued twice, it is inserted once.
            const next = continuation + 1;
            const data: GenerationJobData = { jobId, continuation: next, waitingSince: result.since.toISOString(), waitingTries: result.tries };
            await boss.send(GENERATION_QUEUE, data, { id: bossJobId(jobId, next), priority: job.priority, startAfter: result.delaySeconds });
          }
          const outcome = typeof result === 'object' ? result.outcome : result;
          options.onOutcome?.(outcome, jobId);
          return { outcome };
        } finally {
          // Only NOTIFYs that arrive while a job runs would otherwise make the slot fetch again
          // without the polling delay (and all of them collapse into one fetch).
          if (workerId) boss.notifyWorker(workerId);
        }
      },
    );
    ids.push(workerId);
  }
  return ids;
}
