/**
 * npm run migrate            -> all pending migrations
 * npm run migrate:down [-- N] -> undo the last N (default 1)
 */
import { parseConfig, redactUrl } from '../config.ts';
import { connectDatabase } from './connect.ts';
import { migrateDown, migrateToLatest } from './migrate.ts';

const config = parseConfig();
const [direction = 'up', countArg] = process.argv.slice(2);
const handle = await connectDatabase(config.database, { ...config, DB_STATEMENT_TIMEOUT_MS: 0 });
try {
  const where = config.database.kind === 'pglite' ? config.database.dataDir : redactUrl(config.database.url);
  const result = direction === 'down' ? await migrateDown(handle.db, Number(countArg ?? 1)) : await migrateToLatest(handle.db);
  for (const r of result.results ?? []) console.log(`${r.direction} ${r.migrationName}: ${r.status}`);
  if (!result.results?.length) console.log(`nothing to migrate (${where})`);
} finally {
  await handle.close();
}
