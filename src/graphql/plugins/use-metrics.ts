/** Counts and times every operation by type and outcome, and counts errors by code. */
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Metrics } from '../../observability/metrics.ts';

export function useMetrics(metrics: Metrics): Plugin {
  return {
    onExecute({ args }) {
      const started = performance.now();
      const type = getOperationAST(args.document, args.operationName)?.operation ?? 'unknown';
      return {
        onExecuteDone({ result }) {
          const failed = !!result && !(Symbol.asyncIterator in result) && !!result.errors?.length;
          metrics.requests.inc({ operation_type: type, status: failed ? 'error' : 'ok' });
          metrics.duration.observe({ operation_type: type }, (performance.now() - started) / 1000);
        },
      };
    },
    onResultProcess({ result }) {
      for (const r of Array.isArray(result) ? result : [result]) {
        for (const e of (r as any)?.errors ?? []) metrics.errors.inc({ code: String(e.extensions?.code ?? 'UNKNOWN') });
      }
    },
  };
}
