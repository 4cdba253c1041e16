/**
 * Refuses request bodies over a size limit (MAX_BODY_BYTES, default 1 MB) instead of buffering
 * megabytes into memory: at once when Content-Length says so, and while reading when the body is
 * streamed (chunked) without one. The refusal has the shape of every limit (docs/api.md,
 * src/graphql/limits.ts): HTTP 400, `BAD_USER_INPUT`, `extensions.limit: 'body'`.
 *
 * Multipart requests (`multipart/form-data`, GraphQL uploads) are not counted here: uploads have
 * their own limits, which the generation service applies to each file (size and type) as it
 * reads them.
 */
import type { Plugin } from 'graphql-yoga';
import { requestIdOf } from './use-request-id.ts';

export interface BodyLimitOptions {
  maxBytes: number;
}


function tooLarge(fetchAPI: typeof globalThis, request: Request, message: string) {
  return new fetchAPI.Response(
    JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT', limit: 'body', requestId: requestIdOf(request) } }] }),
    { status: 400, headers: { 'content-type': 'application/json; charset=utf-8', 'x-request-id': requestIdOf(request) } },
  );
}

/** GraphQL multipart requests (uploads), which have limits of their own */
function isMultipart(request: Request): boolean {
  return /^\s*multipart\/form-data\b/i.test(request.headers.get('content-type') ?? '');
}

export function useBodyLimit(options: BodyLimitOptions): Plugin {
  /** streamed requests -> whether they went over the limit */
  const exceeded = new WeakMap<Request, { over: boolean }>();
  return {
    onRequest({ request, endResponse, fetchAPI, setRequest }) {
      if (isMultipart(request)) return;
      const declared = request.headers.get('content-length');
      if (declared !== null) {
        if (Number(declared) > options.maxBytes) {
          endResponse(tooLarge(fetchAPI as any, request, `Request body is ${declared} bytes; the limit is ${options.maxBytes}`));
        }
        return;
      }
      if (!request.body) return;
      // No length given: count while the body streams and fail the read past the limit.
      let total = 0;
      const max = options.maxBytes;
      const state = { over: false };
      const body = request.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            total += chunk.byteLength;
            if (total > max) {
              state.over = true;
              controller.error(new Error('request body over the limit'));
            } else controller.enqueue(chunk);
          },
        }),
      );
      const headers = new fetchAPI.Headers(request.headers);
      headers.set('x-request-id', requestIdOf(request));
      const next = new fetchAPI.Request(request.url, { method: request.method, headers, body, duplex: 'half' } as RequestInit);
      exceeded.set(next, state);
      setRequest(next);
    },
    onRequestParse({ request, requestParser, setRequestParser }) {
      const state = exceeded.get(request);
      if (!state || !requestParser) return;
      setRequestParser(async (req) => {
        try {
          const params = await requestParser(req);
          if (!state.over) return params;
        } catch (err) {
          if (!state.over) throw err;
        }
        return tooLarge(globalThis, req, `Request body is over the limit of ${options.maxBytes} bytes`);
      });
    },
  };
}
