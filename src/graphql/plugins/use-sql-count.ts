/**
 * Reports how many SQL statements an operation issued: always to the histogram, and in
 * `extensions.sqlStatements` when enabled (tests and benchmarks).
 */
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.ts';

export interface SqlCountOptions {
  expose: boolean;
  observe?: (count: number) => void;
}

export function useSqlCount(options: SqlCountOptions): Plugin<Context> {
  return {
    onExecute() {
      return {
        onExecuteDone({ args, result, setResult }) {
          const ctx = args.contextValue as Context;
          const count = ctx.sql?.count ?? 0;
          options.observe?.(count);
          if (!options.expose || !result || Symbol.asyncIterator in result) return;
          setResult({ ...result, extensions: { ...(result.extensions ?? {}), sqlStatements: count } });
        },
      };
    },
  };
}
