/**
 * Composition root: config -> adapters -> app -> HTTP server; graceful shutdown.
 * With no environment set everything runs in this process on embedded PGlite.
 */
import { createServer } from 'node:http';
import { createApp } from './app.ts';
import { ConfigError, parseConfig, redactUrl } from './config.ts';
import { connectDatabase } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { seedDemoIfEmpty } from './db/seed.ts';
import { createLogger } from './observability/logger.ts';
import { createMetrics } from './observability/metrics.ts';

let config;
try {
  config = parseConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

const log = createLogger(config.LOG_LEVEL);
const where = config.database.kind === 'pglite' ? `PGlite in ${config.database.dataDir}` : redactUrl(config.database.url);
log.info({ database: where }, 'starting');

const database = await connectDatabase(config.database, config);
await migrateToLatest(database.db);
if (config.seedDemo && (await seedDemoIfEmpty(database.db))) log.info('seeded demo data');

let draining = false;
const metrics = createMetrics();
const app = createApp({
  db: database.db,
  log,
  metrics,
  graphiql: config.graphiql,
  maxBodyBytes: config.MAX_BODY_BYTES,
  exposeSqlCount: config.EXPOSE_SQL_COUNT,
  production: config.NODE_ENV === 'production',
  draining: () => draining,
});

const server = createServer(app);
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(config.PORT, config.HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  log.info({ port }, `serving http://localhost:${port}/graphql`);
});

async function shutdown(signal: string) {
  if (draining) return;
  draining = true;
  log.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 20_000);
  force.unref();
  server.closeIdleConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await database.close();
  log.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
