/**
 * "Write the job and enqueue it" without losing work in between.
 *  - Same PostgreSQL/PGlite database for data and pg-boss: the pg-boss insert runs inside the
 *    data transaction (fromKysely), so both commit or neither does.
 *  - MySQL (or a separate jobs database): an outbox row is written in the data transaction and
 *    the relay sends it to pg-boss with the job's deterministic id, then deletes it. A relay that
 *    dies between the two steps sends again later; pg-boss ignores the duplicate id.
 */
import type { Kysely, Transaction } from 'kysely';
import { fromKysely, type PgBoss } from 'pg-boss';
import type { DB } from '../db/types.ts';
import { bossJobId, GENERATION_QUEUE, type JobPriority, PRIORITY } from './boss.ts';

export interface JobEnqueuer {
  readonly mode: 'transactional' | 'outbox';
  enqueue(trx: Transaction<DB>, job: { id: number; priority: JobPriority }): Promise<void>;
  /** called after the transaction committed */
  committed(): void;
}

export function transactionalEnqueuer(boss: PgBoss): JobEnqueuer {
  return {
    mode: 'transactional',
    async enqueue(trx, job) {
      await boss.send(GENERATION_QUEUE, { jobId: job.id }, { id: bossJobId(job.id), priority: PRIORITY[job.priority], db: fromKysely(trx) });
    },
    committed() {},
  };
}

export function outboxEnqueuer(relay: { kick(): void }): JobEnqueuer {
  return {
    mode: 'outbox',
    async enqueue(trx, job) {
      await trx
        .insertInto('job_outbox')
        .values({ job_id: job.id, queue: GENERATION_QUEUE, priority: PRIORITY[job.priority], created_at: new Date() })
        .execute();
    },
    committed() {
      relay.kick();
    },
  };
}

export interface OutboxRelayOptions {
  /** poll for rows left behind by a crashed process */
  intervalMs?: number;
  batchSize?: number;
  /** fault injection for tests: runs after a row was sent and before it is deleted */
  afterSend?: (jobId: number) => void | Promise<void>;
  onError?: (err: unknown) => void;
}

export class OutboxRelay {
  readonly #db: Kysely<DB>;
  readonly #boss: PgBoss;
  readonly #options: OutboxRelayOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;
  #again = false;

  constructor(db: Kysely<DB>, boss: PgBoss, options: OutboxRelayOptions = {}) {
    this.#db = db;
    this.#boss = boss;
    this.#options = options;
  }

  start() {
    this.#timer = setInterval(() => this.kick(), this.#options.intervalMs ?? 1000);
    this.#timer.unref();
    this.kick();
  }

  async stop() {
    clearInterval(this.#timer);
    await this.#running?.catch(() => {});
  }

  /** Relays now (coalescing concurrent kicks into at most one extra run). */
  kick() {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.runOnce()
      .catch((err) => {
        this.#options.onError?.(err);
        return 0;
      })
      .finally(() => {
        this.#running = undefined;
        if (this.#again) {
          this.#again = false;
          this.kick();
        }
      });
  }

  /** Sends every pending row once; returns how many were relayed. */
  async runOnce(): Promise<number> {
    const rows = await this.#db
      .selectFrom('job_outbox')
      .select(['id', 'job_id', 'queue', 'priority'])
      .orderBy('id')
      .limit(this.#options.batchSize ?? 100)
      .execute();
    for (const row of rows) {
      await this.#db.updateTable('job_outbox').set((eb) => ({ relay_attempts: eb('relay_attempts', '+', 1) })).where('id', '=', row.id).execute();
      await this.#boss.send(row.queue, { jobId: row.job_id }, { id: bossJobId(row.job_id), priority: row.priority });
      await this.#options.afterSend?.(row.job_id);
      await this.#db.deleteFrom('job_outbox').where('id', '=', row.id).execute();
    }
    return rows.length;
  }

  /** Waits until no run is in flight (tests). */
  async idle() {
    while (this.#running) await this.#running.catch(() => {});
  }
}
