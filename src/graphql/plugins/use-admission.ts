/**
 * Admission in Yoga's chain (src/graphql/admission.ts): authentication, limits and rate limit in
 * onParams, after persisted operations have turned an id into its document and before the
 * response cache looks for a hit, so a refused request never reaches the cache or execution.
 * The viewer is left in the request state for the context factory; RateLimit headers go on every
 * response. In production, introspection is for ADMIN only.
 *
 * Options:
 * - `admission`: the shared admission (the HTTP fast path and graphql-ws use the same one);
 * - `production`: refuse introspection (`__schema`, `__type`) to everyone but ADMIN.
 */
import { BREAK, type DocumentNode, visit } from 'graphql';
import { AppError } from '../../errors.ts';
import type { Plugin } from 'graphql-yoga';
import type { Admission } from '../admission.ts';
import { priorVerdicts, requestState } from '../request-state.ts';

export interface AdmissionPluginOptions {
  admission: Admission;
  production?: boolean;
}

/** The client's address as the node server saw it (Yoga's server context carries `req`). */
export function clientIpOf(serverContext: unknown): string | null {
  return (serverContext as { req?: { socket?: { remoteAddress?: string } } } | undefined)?.req?.socket?.remoteAddress ?? null;
}

export function useAdmission(options: AdmissionPluginOptions): Plugin {
  return {
    async onParams({ params, request, setResult, context }) {
      const state = requestState(request);
      const nodeRequest = (context as { req?: object } | undefined)?.req;
      const prior = nodeRequest ? priorVerdicts.get(nodeRequest) : undefined;
      if (nodeRequest && prior) priorVerdicts.delete(nodeRequest);
      const verdict = prior ?? (await options.admission.admit(request.headers.get('authorization'), clientIpOf(context), params));
      state.rateHeaders = verdict.headers;
      if (!verdict.ok) {
        setResult({ errors: [verdict.error] });
        return;
      }
      state.viewer = verdict.viewer;
      state.cost = verdict.cost;
      state.admitted = true;
    },
    // At execution, not validation: Yoga caches validation per document, not per viewer.
    onExecute({ args, setResultAndStopExecution }) {
      if (!options.production) return;
      const request = (args.contextValue as { request?: Request }).request;
      if (request && requestState(request).viewer.role === 'ADMIN') return;
      if (introspects(args.document)) {
        setResultAndStopExecution({
          errors: [new AppError('FORBIDDEN', 'Introspection is for ADMIN only in production', { http: { status: 403 } })],
        });
      }
    },
    onResponse({ request, response }) {
      const headers = requestState(request).rateHeaders;
      if (headers) for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
    },
  };
}

/** Whether a document selects `__schema` or `__type` anywhere (`__typename` is not introspection). */
function introspects(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}
