import pino, { type Logger } from 'pino';

/**
 * JSON logs. Secrets and complainant data are redacted by path as a second line of defence;
 * the first is that no code logs variables, bodies or rows.
 */
export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: 'afirgen-gateway', ...base },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token', 'variables', '*.variables', '*.complainant', '*.text'],
      censor: '[redacted]',
    },
  });
}
