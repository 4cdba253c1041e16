/**
 * The gateway process: config -> runtime (database, pub/sub, pg-boss, workers, app) -> HTTP +
 * WebSocket server on one port, demo seed on first start, graceful shutdown on SIGTERM/SIGINT.
 * main.ts runs it with the environment's config; load/lib/unguarded-gateway.ts with benchmarks'.
 */
import { createServer } from 'node:http';
import { type Config, redactUrl } from './config.ts';
import type { RuntimeOptions } from './runtime.ts';
import { installShutdown } from './shutdown.ts';

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

  // replaced by the shutdown handler's flag once the server is up
  let draining = () => false;
  let runtime;
  try {
    runtime = await createRuntime(config, { log, worker: config.RUN_WORKER, gateway: true, draining: () => draining(), ...extra });
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

  draining = installShutdown({
    log,
    server,
    messages: { start: 'shutting down', stopped: 'stopped' },
    cutAfterMs: 6_000,
    whileDraining: [{ name: 'websockets', run: () => ws.close() }],
    afterHttp: [{ name: 'runtime', run: () => runtime!.close() }],
  });
}
