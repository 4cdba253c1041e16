import { formatWithOptions } from 'node:util';
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

type ConsoleMethod = 'log' | 'info' | 'warn' | 'error' | 'debug' | 'trace';
const LEVEL_OF: Record<ConsoleMethod, 'info' | 'warn' | 'error' | 'debug'> = {
  log: 'info',
  info: 'info',
  warn: 'warn',
  error: 'error',
  debug: 'debug',
  trace: 'debug',
};

/** longest message kept from one console call */
const MAX_MESSAGE = 2_000;

/**
 * One console call as a log line: strings, numbers and the like formatted as console would
 * (util.format, so '%s' works); an Error argument only by class and code (its message may quote
 * values); any other object by its kind alone, never its contents (it could be a row or variables).
 */
function consoleLine(args: unknown[]): { msg: string; err?: { type: string; code?: unknown } } {
  let err: { type: string; code?: unknown } | undefined;
  const parts = args.map((a) => {
    if (a instanceof Error) {
      err ??= { type: a.name, code: (a as { code?: unknown }).code };
      return `[${a.name}]`;
    }
    if (a !== null && typeof a === 'object') return Array.isArray(a) ? '[Array]' : `[${a.constructor?.name ?? 'Object'}]`;
    if (typeof a === 'function') return '[Function]';
    return a;
  });
  let msg = formatWithOptions({ colors: false }, ...parts);
  if (msg.length > MAX_MESSAGE) msg = `${msg.slice(0, MAX_MESSAGE)}…`;
  return err ? { msg, err } : { msg };
}

/**
 * Every line the process prints is pino JSON: console.log/info/warn/error/debug/trace (libraries
 * such as @envelop/response-cache report through console) and Node's own process warnings
 * (deprecations, MaxListenersExceeded...; Node's default stderr printer is replaced) go to `log`
 * with `source: 'console'` / `source: 'process-warning'`. Call it once, right after the logger is
 * made (server.ts, worker.ts). Returns a function that puts console and the warning printer back.
 */
export function routeConsoleToLogger(log: Logger, target: Console = console, proc: NodeJS.Process = process): () => void {
  const consoleLog = log.child({ source: 'console' });
  const warningLog = log.child({ source: 'process-warning' });
  const saved = new Map<ConsoleMethod, Console[ConsoleMethod]>();
  for (const method of Object.keys(LEVEL_OF) as ConsoleMethod[]) {
    saved.set(method, target[method]);
    const level = LEVEL_OF[method];
    target[method] = (...args: unknown[]) => {
      const { msg, err } = consoleLine(args);
      if (err) consoleLog[level]({ err }, msg);
      else consoleLog[level](msg);
    };
  }
  // Node prints warnings through a 'warning' listener of its own; ours takes its place.
  const previous = proc.listeners('warning');
  proc.removeAllListeners('warning');
  const onWarning = (warning: Error & { code?: string }) => {
    warningLog.warn({ warning: { type: warning.name, code: warning.code } }, warning.message.slice(0, MAX_MESSAGE));
  };
  proc.on('warning', onWarning);
  return () => {
    for (const [method, fn] of saved) target[method] = fn as never;
    proc.off('warning', onWarning);
    for (const l of previous) proc.on('warning', l as (w: Error) => void);
  };
}
