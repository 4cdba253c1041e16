/**
 * `npm run worker`: generation workers as their own process (scale them apart from gateways).
 * Serves /health, /ready and /metrics on PORT for probes and Prometheus.
 */
import { createServer } from 'node:http';
import { configOrExit } from './config.ts';

const config = configOrExit();
// Loaded only once the environment is known to be valid, so a bad variable fails in milliseconds.
const [{ sql }, { createLogger, routeConsoleToLogger }, { createRuntime }] = await Promise.all([
  import('kysely'),
  import('./observability/logger.ts'),
  import('./runtime.ts'),
]);
const log = createLogger(config.LOG_LEVEL, { role: 'worker' });
routeConsoleToLogger(log);
const runtime = await createRuntime(config, { log, worker: true, gateway: false });
let draining = false;

const server = createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (path === '/health') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
  if (path === '/ready') {
    const ok = !draining && (await sql`select 1`.execute(runtime.database.db).then(() => true, () => false));
    return res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: ok ? 'ready' : 'unavailable' }));
  }
  if (path === '/metrics') return res.writeHead(200, { 'content-type': runtime.metrics.registry.contentType }).end(await runtime.metrics.registry.metrics());
  res.writeHead(404).end();
});
server.listen(config.PORT, config.HOST, () => {
  const address = server.address();
  log.info({ port: typeof address === 'object' && address ? address.port : config.PORT }, 'worker running');
});

// Same shutdown rules as the gateway (src/server.ts): stop accepting, close idle probe
// connections, stop the workers (pg-boss stop: unfinished jobs stay resumable) and pools, exit 0;
// whatever still hangs at 9 s is logged and the process exits 0 anyway; a second signal exits at once.
const SHUTDOWN_DEADLINE_MS = 9_000;
const pending = new Set<string>();
async function step(name: string, run: () => Promise<unknown>): Promise<void> {
  pending.add(name);
  try {
    await run();
  } finally {
    pending.delete(name);
  }
}
server.on('request', (_req, res) => {
  if (draining && !res.headersSent) res.setHeader('connection', 'close');
  res.once('finish', () => {
    if (draining) setImmediate(() => server.closeIdleConnections());
  });
});

async function shutdown(signal: string) {
  if (draining) {
    log.warn({ signal, pending: [...pending] }, 'second signal: exiting now');
    process.exit(0);
  }
  draining = true;
  log.info({ signal }, 'worker shutting down');
  setTimeout(() => {
    log.warn({ pending: [...pending] }, 'shutdown deadline passed: exiting with work pending');
    process.exit(0);
  }, SHUTDOWN_DEADLINE_MS).unref();
  setTimeout(() => server.closeAllConnections(), 2_000).unref();
  try {
    const httpClosed = step('http server', () => new Promise<void>((resolve) => server.close(() => resolve())));
    server.closeIdleConnections();
    await step('runtime', () => runtime.close());
    await httpClosed;
    log.info('worker stopped');
  } catch (err) {
    log.error({ err: { type: (err as Error)?.name, message: (err as Error)?.message }, pending: [...pending] }, 'error while shutting down');
  }
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
