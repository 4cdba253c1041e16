import type { Kysely, Transaction } from 'kysely';
import type { DB, GenerationEventRow, GenerationJobRow } from '../db/types.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type JobColumn = keyof GenerationJobRow;
export type JobRecord = Pick<GenerationJobRow, 'id'> & Partial<GenerationJobRow>;
export type EventColumn = keyof GenerationEventRow;

export async function jobsByIds(db: Db, ids: readonly number[], columns: readonly JobColumn[]) {
  return (await db
    .selectFrom('generation_job')
    .select(columns.map((c) => `generation_job.${c}` as const))
    .where('generation_job.id', 'in', [...ids])
    .execute()) as JobRecord[];
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
