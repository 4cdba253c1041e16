/**
 * `npm run worker`: generation workers as their own process (scale them apart from gateways).
 * Serves /health, /ready and /metrics on PORT for probes and Prometheus.
 */
import { createServer } from 'node:http';
import { configOrExit } from './config.ts';

const config = configOrExit();
// Loaded only once the environment is known to be valid, so a bad variable fails in milliseconds.
const [{ sql }, { createLogger }, { createRuntime }] = await Promise.all([
  import('kysely'),
  import('./observability/logger.ts'),
  import('./runtime.ts'),
]);
const log = createLogger(config.LOG_LEVEL, { role: 'worker' });
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

async function shutdown(signal: string) {
  if (draining) return;
  draining = true;
  log.info({ signal }, 'worker shutting down');
  setTimeout(() => process.exit(1), 30_000).unref();
  server.close();
  await runtime.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
