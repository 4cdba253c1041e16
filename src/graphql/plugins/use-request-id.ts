/**
 * Gives every request an id: the caller's `x-request-id` when it is a sane token, else a new
 * UUID. The id is echoed in the `x-request-id` response header, put in every error's
 * `extensions.requestId` and bound to the request's log lines.
 */
import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';

export interface RequestIdOptions {
  /** header to read and echo (default x-request-id) */
  header?: string;
}

const ids = new WeakMap<Request, string>();
const SANE = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdOf(request: Request): string {
  let id = ids.get(request);
  if (!id) {
    const incoming = request.headers.get('x-request-id');
    id = incoming && SANE.test(incoming) ? incoming : randomUUID();
    ids.set(request, id);
  }
  return id;
}

export function useRequestId(options: RequestIdOptions = {}): Plugin {
  const header = options.header ?? 'x-request-id';
  return {
    onResponse({ request, response }) {
      response.headers.set(header, requestIdOf(request));
    },
  };
}
