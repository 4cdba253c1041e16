/**
 * Cache hits answered at the HTTP layer, before the GraphQL server: a POST to /graphql with a
 * small JSON body (Content-Length known) is read, its document looked up in the response cache,
 * and on a hit the stored bytes go out with the same headers Yoga would send (content type by
 * Accept, ETag, Cache-Control, Vary, x-request-id; 304 on If-None-Match; gzip/brotli by
 * Accept-Encoding). That is what lets a warm cache serve at a good fraction of a bare node:http
 * server: no Request/Response objects, no plugin chain, no JSON serialisation.
 *
 * Everything else goes to Yoga untouched: other paths and methods, streamed or large bodies,
 * batches, unknown documents and misses (the body already read is handed on, and so is the miss,
 * so Yoga neither reads nor looks up again).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { personalScopeKey, scopeKey } from '../auth/viewer.ts';
import type { Admission } from './admission.ts';
import type { Compressor } from './plugins/use-compression.ts';
import { priorVerdicts } from './request-state.ts';
import { matches, type ResponseCache } from './plugins/use-response-cache.ts';

export interface FastPathOptions {
  cache: ResponseCache;
  compressor: Compressor;
  /** the app's admission: a hit is served only to a request it admits, as Yoga's chain would */
  admission: Admission;
  /** GraphQL endpoint path */
  path?: string;
  /** larger bodies go straight to Yoga (which enforces MAX_BODY_BYTES while streaming) */
  maxBodyBytes?: number;
  /**
   * Whether this request may be answered here at all (false: Yoga decides). The persisted
   * operations rules use it: a persisted-only client's arbitrary text must meet its refusal, not a
   * cached answer another client's identical text left behind.
   */
  admits?: (params: Record<string, unknown>, header: (name: string) => string | null) => boolean;
}

const SANE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function withCacheFastPath(next: RequestListener, options: FastPathOptions): RequestListener {
  const path = options.path ?? '/graphql';
  const maxBody = options.maxBodyBytes ?? 64 * 1024;
  return (req, res) => {
    const started = performance.now();
    const length = Number(req.headers['content-length']);
    if (
      req.method !== 'POST' ||
      !(req.url === path || req.url?.startsWith(`${path}?`)) ||
      !(length > 0 && length <= maxBody) ||
      !req.headers['content-type']?.includes('json')
    ) {
      next(req, res);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= maxBody) chunks.push(c);
    });
    req.once('error', () => res.destroy());
    req.once('end', () => {
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      // Yoga's node adapter takes an already read body from `req.body`.
      (req as IncomingMessage & { body?: Buffer }).body = body;
      void answer(req, res, body).then(
        (done) => {
          if (done) options.cache.servedEarly((performance.now() - started) / 1000);
          else next(req, res);
        },
        () => next(req, res),
      );
    });
  };

  async function answer(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<boolean> {
    let params: unknown;
    try {
      params = JSON.parse(body.toString('utf8'));
    } catch {
      return false; // Yoga answers the syntax error
    }
    if (!params || typeof params !== 'object' || Array.isArray(params)) return false;
    // Cross-origin requests get Yoga's CORS headers; other representations (SSE, multipart, or a
    // 406 for a type nobody serves) are Yoga's to choose.
    if (req.headers.origin !== undefined || !jsonOnly(header(req, 'accept'))) return false;
    if (options.admits && !options.admits(params as Record<string, unknown>, (name) => header(req, name))) return false;
    // Authentication, limits and rate limit exactly as in Yoga's chain (one admission, one spend:
    // Yoga takes this verdict when the request goes on to it).
    const verdict = await options.admission.admit(header(req, 'authorization'), req.socket.remoteAddress ?? null, params as Record<string, unknown>);
    priorVerdicts.set(req, verdict);
    if (!verdict.ok) return false;
    const found = await options.cache.lookup(params as Record<string, unknown>, { scope: scopeKey(verdict.viewer), personal: personalScopeKey(verdict.viewer) });
    if (!found) return false;
    if (!found.entry) {
      options.cache.priorLookups.set(req, found);
      return false;
    }
    const entry = found.entry;
    const incomingId = header(req, 'x-request-id');
    const headers: Record<string, string | number> = {
      'content-type': `${mediaType(header(req, 'accept'))}; charset=utf-8`,
      'cache-control': `${entry.private ? 'private' : 'public'}, max-age=${Math.max(0, Math.floor((entry.expiresAt - Date.now()) / 1000))}`,
      etag: entry.etag,
      vary: entry.private ? 'Accept, Accept-Encoding, Authorization' : 'Accept, Accept-Encoding',
      'x-request-id': incomingId && SANE_ID.test(incomingId) ? incomingId : randomUUID(),
      ...verdict.headers,
    };
    if (matches(header(req, 'if-none-match'), entry.etag)) {
      delete headers['content-type'];
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    let bytes: Buffer = entry.bytes ?? Buffer.from(entry.body, 'utf8');
    const encoding = bytes.length >= options.compressor.minBytes ? options.compressor.negotiate(header(req, 'accept-encoding')) : undefined;
    if (encoding) {
      bytes = await options.compressor.compress(bytes, encoding, entry.etag);
      headers['content-encoding'] = encoding;
    }
    headers['content-length'] = bytes.length;
    res.writeHead(200, headers);
    res.end(bytes);
    return true;
  }
}

const JSON_TYPES = new Set(['*/*', 'application/*', 'application/json', 'application/graphql-response+json']);

/** Accept absent, or listing only JSON types and wildcards */
function jsonOnly(accept: string | null): boolean {
  if (!accept) return true;
  return accept.split(',').every((range) => JSON_TYPES.has(range.split(';')[0]!.trim().toLowerCase()));
}

function header(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

/**
 * The media type Yoga picks for a single result: the first of the two GraphQL-over-HTTP JSON
 * types the client lists; application/json when it lists neither (or only wildcards).
 */
function mediaType(accept: string | null): string {
  if (!accept) return 'application/json';
  const gql = accept.indexOf('application/graphql-response+json');
  const json = accept.indexOf('application/json');
  if (gql >= 0 && (json < 0 || gql < json)) return 'application/graphql-response+json';
  return 'application/json';
}
