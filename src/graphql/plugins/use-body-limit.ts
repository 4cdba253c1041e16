/**
 * Refuses request bodies over a size limit before they are read, with a coded GraphQL error and
 * HTTP 413 instead of buffering megabytes into memory.
 */
import type { Plugin } from 'graphql-yoga';
import { requestIdOf } from './use-request-id.ts';

export interface BodyLimitOptions {
  maxBytes: number;
}

export function useBodyLimit(options: BodyLimitOptions): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const length = Number(request.headers.get('content-length') ?? 0);
      if (length > options.maxBytes) {
        endResponse(
          new fetchAPI.Response(
            JSON.stringify({
              errors: [
                {
                  message: `Request body is ${length} bytes; the limit is ${options.maxBytes}`,
                  extensions: { code: 'BAD_USER_INPUT', requestId: requestIdOf(request) },
                },
              ],
            }),
            { status: 413, headers: { 'content-type': 'application/json; charset=utf-8', 'x-request-id': requestIdOf(request) } },
          ),
        );
      }
    },
  };
}
