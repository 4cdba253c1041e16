/**
 * /health (process is up), /ready (the database answers) and /metrics (Prometheus), served by
 * the same app on the same port as /graphql.
 */
import type { Plugin } from 'graphql-yoga';
import type { Registry } from 'prom-client';

export interface OpsEndpointsOptions {
  registry: Registry;
  /** resolves when every dependency needed to serve traffic answers; rejects otherwise */
  ready: () => Promise<void>;
  /** becomes true when shutdown starts, so /ready drains the instance */
  draining?: () => boolean;
}

export function useOpsEndpoints(options: OpsEndpointsOptions): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      const json = (status: number, body: unknown) =>
        endResponse(new fetchAPI.Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
      switch (url.pathname) {
        case '/health':
          return json(200, { status: 'ok' });
        case '/ready':
          if (options.draining?.()) return json(503, { status: 'draining' });
          try {
            await options.ready();
            return json(200, { status: 'ready' });
          } catch {
            return json(503, { status: 'unavailable' });
          }
        case '/metrics':
          return endResponse(
            new fetchAPI.Response(await options.registry.metrics(), { status: 200, headers: { 'content-type': options.registry.contentType } }),
          );
      }
    },
  };
}
