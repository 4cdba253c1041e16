/**
 * Graceful shutdown of a process that serves HTTP (the gateway, src/server.ts, and the worker's
 * probe server, src/worker.ts), one set of rules for both. On SIGTERM/SIGINT: stop accepting,
 * let in-flight requests finish, close keep-alive connections as soon as they are idle (answers
 * say `Connection: close`), run the process's steps (WebSockets, then workers and pools), exit 0.
 * Connections still busy at `cutAfterMs` are cut so the later steps get their turn; whatever still
 * hangs at 9 s is logged and the process exits 0 anyway (orchestrators SIGKILL at 10 s by
 * default). A second signal exits at once.
 */
import type { Server } from 'node:http';
import type { Logger } from 'pino';

const DEADLINE_MS = 9_000;

export interface Step {
  name: string;
  run: () => Promise<unknown>;
}

export interface ShutdownOptions {
  log: Logger;
  server: Server;
  /** first log line ('shutting down') and last ('stopped') */
  messages: { start: string; stopped: string };
  /** busy HTTP connections are cut this long after the signal */
  cutAfterMs: number;
  /** run while the HTTP server drains (WebSockets) */
  whileDraining?: Step[];
  /** run once the HTTP server has closed (workers, pools) */
  afterHttp: Step[];
}

/** Installs the signal handlers; the returned function tells whether shutdown has begun. */
export function installShutdown(options: ShutdownOptions): () => boolean {
  const { log, server } = options;
  let draining = false;
  const pending = new Set<string>();
  const step = async ({ name, run }: Step) => {
    pending.add(name);
    try {
      await run();
    } finally {
      pending.delete(name);
    }
  };
  // Checked on every request only once draining, so the hot path carries nothing.
  server.on('request', (_req, res) => {
    if (draining && !res.headersSent) res.setHeader('connection', 'close');
  });

  async function shutdown(signal: string) {
    if (draining) {
      log.warn({ signal, pending: [...pending] }, 'second signal: exiting now');
      process.exit(0);
    }
    draining = true;
    log.info({ signal }, options.messages.start);
    setTimeout(() => {
      log.warn({ pending: [...pending] }, 'shutdown deadline passed: exiting with work pending');
      process.exit(0);
    }, DEADLINE_MS).unref();
    const cut = setTimeout(() => server.closeAllConnections(), options.cutAfterMs);
    cut.unref();
    // Connections that were busy when the signal came go idle later: close those as they do.
    setInterval(() => server.closeIdleConnections(), 100).unref();
    try {
      const httpClosed = step({ name: 'http server', run: () => new Promise<void>((resolve) => server.close(() => resolve())) });
      server.closeIdleConnections();
      for (const s of options.whileDraining ?? []) await step(s);
      await httpClosed;
      clearTimeout(cut);
      for (const s of options.afterHttp) await step(s);
      log.info(options.messages.stopped);
    } catch (err) {
      log.error({ err: { type: (err as Error)?.name, message: (err as Error)?.message }, pending: [...pending] }, 'error while shutting down');
    }
    process.exit(0);
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  return () => draining;
}
