/**
 * Every error leaves with `extensions.code` from the public list and `extensions.requestId`.
 * Errors made by our code (AppError) keep their code; parse, validation and variable errors are
 * the client's (BAD_USER_INPUT); a database that is down or restarting (connection refused, lost,
 * shut down, pool closed or timed out: src/db/retry.ts isDatabaseUnavailable, looked for through
 * `cause` and `originalError`) is SERVICE_UNAVAILABLE with HTTP 503 and Retry-After; anything else
 * unexpected was masked before reaching here and is INTERNAL_SERVER_ERROR.
 */
import { GraphQLError } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { isDatabaseUnavailable } from '../../db/retry.ts';
import { AppError, type ErrorCode, serviceUnavailable } from '../../errors.ts';
import { requestIdOf } from './use-request-id.ts';

const CODES = new Set<ErrorCode>([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_ONLY',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
]);

/** Yoga's `maskError`: our errors pass, anything else is replaced (and logged with its request id below). */
export function maskError() {
  return (error: unknown): Error => {
    const original = error instanceof GraphQLError ? error.originalError : error;
    if (error instanceof GraphQLError && (!original || original instanceof GraphQLError)) return error;
    if (original instanceof AppError) return error as Error;
    if (isDatabaseUnavailable(error)) {
      const unavailable = serviceUnavailable('The database is unavailable; retry shortly.');
      const masked = createGraphQLError(unavailable.message, {
        nodes: error instanceof GraphQLError ? error.nodes : undefined,
        path: error instanceof GraphQLError ? error.path : undefined,
        originalError: unavailable,
        extensions: unavailable.extensions,
      });
      outages.set(masked, original);
      return masked;
    }
    const masked = createGraphQLError('Unexpected error.', {
      nodes: error instanceof GraphQLError ? error.nodes : undefined,
      path: error instanceof GraphQLError ? error.path : undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    unexpected.set(masked, original);
    return masked;
  };
}

/** masked error -> what it hid, for the log line written where the request id is known */
const unexpected = new WeakMap<object, unknown>();
/** SERVICE_UNAVAILABLE error -> the driver error it replaced (logged as a warning, by class and code) */
const outages = new WeakMap<object, unknown>();

/** class, code and errno of a driver error: its message may quote values, so it is not logged */
function describe(err: any) {
  const root = err?.cause && !err.code ? err.cause : err;
  return { type: root?.name ?? err?.name, code: root?.code ?? err?.code, errno: typeof root?.errno === 'number' ? root.errno : undefined };
}

/** Extension keys a client may see; anything else (e.g. Yoga's originalError, which can quote the body) is dropped. */
const PUBLIC_EXTENSIONS = new Set(['code', 'requestId', 'argument', 'status', 'http', 'currentVersion', 'limit', 'reason', 'retryAfter']);

function codeOf(error: any): ErrorCode {
  const code = error?.extensions?.code;
  if (CODES.has(code)) return code;
  if (error?.extensions?.http?.status === 503) return 'SERVICE_UNAVAILABLE';
  if (error?.extensions?.http?.status >= 500) return 'INTERNAL_SERVER_ERROR';
  if (error?.extensions?.http?.status === 413) return 'BAD_USER_INPUT';
  return 'BAD_USER_INPUT';
}

/** Gives every error of a result its code and request id and drops non-public extensions. */
export function normalise(result: any, requestId: string, log: Logger) {
  if (!result?.errors?.length) return result;
  return {
    ...result,
    errors: result.errors.map((e: any) => {
      if (unexpected.has(e)) {
        const err = unexpected.get(e) as Error | undefined;
        // A driver error's message may quote values, so only its class, code and stack are logged.
        log.error(
          { requestId, err: { type: err?.name, code: (err as any)?.code, stack: err?.stack?.split('\n').slice(1, 8).join('\n') } },
          'unexpected error',
        );
      }
      if (outages.has(e)) log.warn({ requestId, err: describe(outages.get(e)) }, 'database unavailable');
      const extensions: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(e.extensions ?? {})) if (PUBLIC_EXTENSIONS.has(k)) extensions[k] = v;
      extensions.code = codeOf(e);
      extensions.requestId = requestId;
      if (e instanceof GraphQLError) {
        return new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, path: e.path, originalError: e.originalError, extensions });
      }
      return { ...e, extensions };
    }),
  };
}

export function useErrorCodes(log: Logger): Plugin {
  return {
    onResultProcess({ request, result, setResult }) {
      const id = requestIdOf(request);
      if (Array.isArray(result)) return setResult(result.map((r) => normalise(r, id, log)));
      if (result && typeof (result as any)[Symbol.asyncIterator] === 'function') {
        const source = result as AsyncIterable<any>;
        return setResult(
          (async function* () {
            for await (const r of source) yield normalise(r, id, log);
          })(),
        );
      }
      setResult(normalise(result, id, log));
    },
  };
}
