/**
 * The one application error. It is a GraphQLError, so Yoga passes it through unmasked with
 * `extensions.code`; every other error is masked as INTERNAL_SERVER_ERROR.
 */
import { GraphQLError } from 'graphql';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'PERSISTED_QUERY_NOT_FOUND'
  | 'PERSISTED_QUERY_ONLY'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

export class AppError extends GraphQLError {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.code = code;
  }
}

export const badInput = (message: string, extensions?: Record<string, unknown>) =>
  new AppError('BAD_USER_INPUT', message, extensions);

/** seconds a client is told to wait (Retry-After) before trying again after a SERVICE_UNAVAILABLE */
export const RETRY_AFTER_SECONDS = 1;

/**
 * A dependency (the database) is down or restarting: HTTP 503 with Retry-After, code
 * SERVICE_UNAVAILABLE, and `retryAfter` (seconds) for clients without headers (WebSocket).
 */
export function serviceUnavailable(message = 'The service is temporarily unavailable; retry shortly.', retryAfterSeconds = RETRY_AFTER_SECONDS): AppError {
  return new AppError('SERVICE_UNAVAILABLE', message, {
    retryAfter: retryAfterSeconds,
    http: { status: 503, headers: { 'retry-after': String(retryAfterSeconds) } },
  });
}
