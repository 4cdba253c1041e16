/**
 * The gateway process: config -> runtime (database, pub/sub, pg-boss, workers, app) -> HTTP +
 * WebSocket server on one port, demo seed on first start, graceful shutdown on SIGTERM/SIGINT.
 * main.ts runs it with the environment's config; load/lib/unguarded-gateway.ts with benchmarks'.
 */
import { createServer } from 'node:http';
import { type Config, redactUrl } from './config.ts';
import type { RuntimeOptions } from './runtime.ts';

export async function serve(config: Config, extra: Pick<RuntimeOptions, 'unguarded'> = {}): Promise<void> {
  // Loaded only once the environment is known to be valid, so a bad variable fails in milliseconds.
  const [{ createHttpHandler }, { seedDemoIfEmpty }, { attachWebSocket }, { createLogger, routeConsoleToLogger }, { createRuntime }] = await Promise.all([
    import('./app.ts'),
    import('./db/seed.ts'),
    import('./graphql/websocket.ts'),
    import('./observability/logger.ts'),
    import('./runtime.ts'),
  ]);
  const log = createLogger(config.LOG_LEVEL);
  // Libraries' console output and Node's warnings become JSON lines too.
  routeConsoleToLogger(log);
  const where = config.database.kind === 'pglite' ? `PGlite in ${config.database.dataDir}` : redactUrl(config.database.url);
  log.info({ database: where, worker: config.RUN_WORKER }, 'starting');
  if (extra.unguarded) log.warn('UNGUARDED: no authentication, limits or rate limits (benchmark baseline)');

  let draining = false;
  let runtime;
  try {
    runtime = await createRuntime(config, { log, worker: config.RUN_WORKER, gateway: true, draining: () => draining, ...extra });
  } catch (err) {
    log.fatal({ err: { type: (err as Error)?.name, message: (err as Error)?.message } }, 'could not start');
    process.exit(1);
  }
  if (config.seedDemo && (await seedDemoIfEmpty(runtime.database.db))) log.info('seeded demo data');

  const app = runtime.app!;
  const server = createServer(createHttpHandler(app));
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const ws = attachWebSocket(server, app, { maxSubscriptions: config.WS_MAX_SUBSCRIPTIONS, keepAliveMs: config.WS_KEEPALIVE_MS, log });
  server.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    log.info({ port }, `serving http://localhost:${port}/graphql`);
  });

  // Shutdown (SIGTERM/SIGINT): stop accepting, let in-flight requests finish, close keep-alive
  // connections as soon as they are idle, close WebSockets with 1001, stop workers and pools, exit
  // 0. Whatever still hangs at SHUTDOWN_DEADLINE_MS is logged and the process exits 0 anyway (the
  // orchestrator's own SIGKILL budget is usually 10 s). A second signal exits at once.
  const SHUTDOWN_DEADLINE_MS = 9_000;
  const pending = new Set<string>();
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    pending.add(name);
    try {
      return await run();
    } finally {
      pending.delete(name);
    }
  };
  // While draining, a connection whose request has been answered is closed instead of kept alive
  // (checked on every request only once draining, so the hot path carries nothing).
  server.on('request', (_req, res) => {
    if (draining && !res.headersSent) res.setHeader('connection', 'close');
  });

  async function shutdown(signal: string) {
    if (draining) {
      log.warn({ signal, pending: [...pending] }, 'second signal: exiting now');
      process.exit(0);
    }
    draining = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => {
      log.warn({ pending: [...pending] }, 'shutdown deadline passed: exiting with work pending');
      process.exit(0);
    }, SHUTDOWN_DEADLINE_MS).unref();
    // Connections still busy shortly before the deadline are cut, so runtime.close() gets its turn.
    const cut = setTimeout(() => server.closeAllConnections(), SHUTDOWN_DEADLINE_MS - 3_000);
    cut.unref();
    // Connections that were busy when the signal came go idle later: close those as they do.
    setInterval(() => server.closeIdleConnections(), 100).unref();
    try {
      const httpClosed = step('http server', () => new Promise<void>((resolve) => server.close(() => resolve())));
      server.closeIdleConnections();
      await step('websockets', () => ws.close());
      await httpClosed;
      clearTimeout(cut);
      await step('runtime', () => runtime!.close());
      log.info('stopped');
    } catch (err) {
      log.error({ err: { type: (err as Error)?.name, message: (err as Error)?.message }, pending: [...pending] }, 'error while shutting down');
    }
    process.exit(0);
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
