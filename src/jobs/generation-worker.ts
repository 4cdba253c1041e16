/**
 * Runs generation jobs from pg-boss. Inside the gateway by default; `npm run worker` runs the same
 * thing as a separate process. A retryable stage failure is rethrown so pg-boss retries the job
 * with exponential backoff and jitter; the attempt after the last retry ends the job FAILED.
 */
import type { JobWithMetadata, PgBoss } from 'pg-boss';
import { type PipelineDeps, runGenerationAttempt } from '../generation/pipeline.ts';
import { GENERATION_QUEUE, type GenerationJobData } from './boss.ts';

export interface WorkerOptions {
  concurrency: number;
  pollingIntervalSeconds: number;
  onOutcome?: (outcome: string, jobId: number) => void;
}

export async function startGenerationWorker(boss: PgBoss, deps: PipelineDeps, options: WorkerOptions): Promise<string> {
  return boss.work<GenerationJobData>(
    GENERATION_QUEUE,
    {
      batchSize: 1,
      localConcurrency: options.concurrency,
      includeMetadata: true,
      pollingIntervalSeconds: options.pollingIntervalSeconds,
      // NOTIFY wakes an idle worker when a job is created, but not when a retry's backoff ends or
      // after each job of a backlog; pg-boss's default 30 s backstop would stall both.
      notifyPollingIntervalSeconds: options.pollingIntervalSeconds,
    },
    async ([first]) => {
      if (!first) return;
      const job = first as JobWithMetadata<GenerationJobData>;
      const outcome = await runGenerationAttempt(deps, {
        jobId: job.data.jobId,
        retryCount: job.retryCount,
        retryLimit: job.retryLimit,
        signal: job.signal,
      });
      options.onOutcome?.(outcome, job.data.jobId);
      return { outcome };
    },
  );
}
