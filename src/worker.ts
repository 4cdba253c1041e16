/**
 * `npm run worker`: generation workers as their own process (scale them apart from gateways).
 * Serves /health, /ready and /metrics on PORT for probes and Prometheus.
 */
import { createServer } from 'node:http';
import { configOrExit } from './config.ts';
import { installShutdown } from './shutdown.ts';

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
let draining = () => false;

const server = createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (path === '/health') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
  if (path === '/ready') {
    const ok = !draining() && (await sql`select 1`.execute(runtime.database.db).then(() => true, () => false));
    return res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: ok ? 'ready' : 'unavailable' }));
  }
  if (path === '/metrics') return res.writeHead(200, { 'content-type': runtime.metrics.registry.contentType }).end(await runtime.metrics.registry.metrics());
  res.writeHead(404).end();
});
server.listen(config.PORT, config.HOST, () => {
  const address = server.address();
  log.info({ port: typeof address === 'object' && address ? address.port : config.PORT }, 'worker running');
});

// Same shutdown rules as the gateway (src/shutdown.ts): stop the workers (pg-boss stop: unfinished
// jobs stay resumable) and pools once the probe server has closed.
draining = installShutdown({
  log,
  server,
  messages: { start: 'worker shutting down', stopped: 'worker stopped' },
  cutAfterMs: 2_000,
  afterHttp: [{ name: 'runtime', run: () => runtime.close() }],
});
