/**
 * One HTTP exchange with a model server, with failures classified into ModelErrors.
 *
 * Error messages name the server (host:port) and the HTTP status only: request bodies carry
 * complainant data (complaint text, audio, photographed letters) and response bodies may echo
 * it, so neither ever goes into an error message or a log line. The one exception is an error
 * *token* from the server's error envelope (`{"error":{"type":"invalid_request_error"}}`),
 * included when it is a bare identifier.
 */
import { ModelError } from './types.ts';

export type FetchFn = typeof globalThis.fetch;

export interface ModelServer {
  /** used in error messages and as the policy name, e.g. 'llm@127.0.0.1:8080' */
  readonly label: string;
  readonly baseUrl: URL;
  readonly apiKey: string | undefined;
  readonly fetch: FetchFn;
}

export function modelServer(kind: string, baseUrl: string, apiKey?: string, fetchFn?: FetchFn): ModelServer {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`${kind} model server: base URL is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`${kind} model server: base URL must be http(s), got ${url.protocol}`);
  }
  return {
    label: `${kind}@${url.host}`,
    baseUrl: url,
    apiKey: apiKey || undefined,
    fetch: fetchFn ?? ((input, init) => globalThis.fetch(input, init)),
  };
}

/**
 * `${baseUrl}${path}`, where a base URL already ending in `/v1` (the form OpenAI SDKs use) is
 * accepted too: 'http://h:8080/v1' + '/v1/chat/completions' does not double the `/v1`.
 */
export function endpoint(server: ModelServer, path: string): URL {
  let base = server.baseUrl.pathname.replace(/\/+$/, '');
  if (base.endsWith('/v1') && path.startsWith('/v1/')) base = base.slice(0, -3);
  const url = new URL(server.baseUrl);
  url.pathname = base + path;
  url.search = '';
  url.hash = '';
  return url;
}

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

/**
 * POSTs `body` (a JSON value, or FormData for multipart) and returns the parsed JSON answer.
 * Throws:
 * - the fetch error itself when `signal` aborted (the policy turns it into MODEL_TIMEOUT or
 *   MODEL_CANCELLED, knowing which signal fired);
 * - MODEL_CONNECTION (retryable): refused, reset, DNS failure, socket closed mid-response;
 * - MODEL_RATE_LIMITED (retryable): 429;
 * - MODEL_SERVER_ERROR (retryable): 5xx, 408, 425;
 * - MODEL_REQUEST_REJECTED (not retryable): any other non-2xx;
 * - MODEL_BAD_OUTPUT (not retryable): a 2xx answer that is not JSON.
 */
export async function postToModel(server: ModelServer, path: string, body: unknown, signal: AbortSignal): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (server.apiKey) headers.authorization = `Bearer ${server.apiKey}`;
  let payload: BodyInit;
  if (body instanceof FormData) {
    payload = body; // fetch sets the multipart boundary
  } else {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }

  let res: Response;
  try {
    res = await server.fetch(endpoint(server, path), { method: 'POST', headers, body: payload, signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ModelError('MODEL_CONNECTION', `model server ${server.label} unreachable (${networkCode(error)})`, true, {
      cause: error,
    });
  }

  let text: string;
  try {
    text = await res.text();
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ModelError(
      'MODEL_CONNECTION',
      `model server ${server.label} closed the connection while answering (${networkCode(error)})`,
      true,
      { cause: error },
    );
  }

  if (!res.ok) {
    const token = errorToken(text);
    const what = `model server ${server.label} answered HTTP ${res.status}${token ? ` (${token})` : ''}`;
    if (res.status === 429) throw new ModelError('MODEL_RATE_LIMITED', what, true);
    if (RETRYABLE_STATUS.has(res.status) || res.status >= 500) throw new ModelError('MODEL_SERVER_ERROR', what, true);
    throw new ModelError('MODEL_REQUEST_REJECTED', what, false);
  }

  try {
    return JSON.parse(text) as unknown;
  } catch {
    // JSON.parse's message quotes the text; the text may hold complainant data.
    throw new ModelError('MODEL_BAD_OUTPUT', `model server ${server.label} answered HTTP ${res.status} with a body that is not JSON`, false);
  }
}

function networkCode(error: unknown): string {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z0-9_]+$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return error instanceof Error && error.message === 'terminated' ? 'terminated' : 'network error';
}

function errorToken(text: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const err = (parsed as { error?: unknown } | null)?.error;
  const candidates: unknown[] =
    err && typeof err === 'object' ? [(err as { type?: unknown }).type, (err as { code?: unknown }).code] : [err];
  for (const c of candidates) {
    if (typeof c === 'string' && /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(c)) return c;
  }
  return null;
}
