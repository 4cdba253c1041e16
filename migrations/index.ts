/**
 * Every migration, in order. A static list (not a directory scan) so the same set runs under
 * Node's type stripping, vitest and a bundled build.
 */
import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_core_schema.ts';
import * as m0002 from './0002_legal_knowledge_base.ts';
import * as m0003 from './0003_generation_jobs.ts';
import * as m0004 from './0004_fir_drafted_by.ts';
import * as m0005 from './0005_submitted_by.ts';
import * as m0006 from './0006_cache_invalidation.ts';

export const migrations: Record<string, Migration> = {
  '0001_core_schema': m0001,
  '0002_legal_knowledge_base': m0002,
  '0003_generation_jobs': m0003,
  '0004_fir_drafted_by': m0004,
  '0005_submitted_by': m0005,
  '0006_cache_invalidation': m0006,
};
