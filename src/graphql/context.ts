import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { DB } from '../db/types.ts';
import type { FirChanges } from '../fir/fir.changes.ts';
import type { GenerationDeps } from '../generation/generation.service.ts';
import type { AppPubSub } from '../pubsub.ts';
import { ReferenceCache } from '../legal/reference-cache.ts';
import { Loaders } from './loaders/registry.ts';

import { ANONYMOUS, rowScope, type Viewer } from '../auth/viewer.ts';
import type { RowScope } from '../db/scope.ts';

export type { Viewer };

export interface Context {
  /** the request's Kysely: counts its statements */
  db: Kysely<DB>;
  loaders: Loaders;
  /** legal knowledge-base lookups shared across requests (they change only by migration) */
  reference: ReferenceCache;
  requestId: string;
  /** the caller (ANONYMOUS without a token); see src/auth/ */
  viewer: Viewer;
  /** the rows the viewer may see: every repository read takes it */
  scope: RowScope;
  /**
   * A subscription event is about to be delivered: spend the operation's cost from the viewer's
   * budget; the refusal (RATE_LIMITED) ends the stream. See streams/governed.ts.
   */
  spendEvent: () => Promise<GraphQLError | null>;
  sql: StatementCounter;
  log: Logger;
  pubsub: AppPubSub;
  /** null when this process has no job queue (read-only tests) */
  generation: GenerationDeps | null;
  /** the after-commit path of FIR writes (cache invalidation, then `fir:updated`); see fir/fir.changes.ts */
  changes: FirChanges;
}

/**
 * Counts the SQL statements a request issues (metrics, the statement-bound tests, benchmarks).
 * Counted when a result arrives: Kysely also runs transformQuery for every sub-query builder that
 * is embedded in a statement, which would count one statement several times.
 */
export class StatementCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.count++;
    return args.result;
  }
}

export function createContext(base: {
  db: Kysely<DB>;
  log: Logger;
  requestId: string;
  viewer?: Viewer | null;
  spendEvent?: () => Promise<GraphQLError | null>;
  pubsub: AppPubSub;
  generation: GenerationDeps | null;
  changes: FirChanges;
  /** the app's; a fresh one (nothing shared) when omitted */
  reference?: ReferenceCache;
}): Context {
  const sql = new StatementCounter();
  const viewer = base.viewer ?? ANONYMOUS;
  return {
    db: base.db.withPlugin(sql),
    loaders: new Loaders(),
    reference: base.reference ?? new ReferenceCache(),
    requestId: base.requestId,
    viewer,
    scope: rowScope(viewer),
    spendEvent: base.spendEvent ?? (async () => null),
    sql,
    log: base.log,
    pubsub: base.pubsub,
    generation: base.generation,
    changes: base.changes,
  };
}
