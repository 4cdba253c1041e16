/**
 * npm run seed -- --firs N [--seed S] [--batch-size B] [--concurrency C]
 *
 * Migrates the configured database to the latest schema, then appends N synthetic FIRs (with their
 * complaints, stations, officers and sections). Exit code 2 on bad arguments or configuration.
 */
import { parseArgs } from 'node:util';
import { ConfigError, parseConfig, redactUrl } from '../config.ts';
import { connectDatabase } from './connect.ts';
import { migrateToLatest } from './migrate.ts';
import { seedDatabase } from './seed.ts';

const USAGE = 'usage: npm run seed -- --firs N [--seed S] [--batch-size B] [--concurrency C]';

function fail(message: string): never {
  console.error(`seed: ${message}\n${USAGE}`);
  process.exit(2);
}

function intArg(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.replace(/_/g, ''))) fail(`--${name} must be an integer, got '${value}'`);
  const n = Number(value.replace(/_/g, ''));
  if (n < min || n > max) fail(`--${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    args: process.argv.slice(2),
    options: {
      firs: { type: 'string' },
      seed: { type: 'string' },
      'batch-size': { type: 'string' },
      concurrency: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
}
try {
  args = parse();
} catch (err) {
  fail((err as Error).message);
}
if (args.values.help) {
  console.log(USAGE);
  process.exit(0);
}
const firs = intArg('firs', args.values.firs, 0, 50_000_000);
if (firs === undefined) fail('--firs is required');
const seed = intArg('seed', args.values.seed, 0, 0xffffffff) ?? 1;
const batchSize = intArg('batch-size', args.values['batch-size'], 1, 100_000) ?? 1000;
const concurrency = intArg('concurrency', args.values.concurrency, 1, 16);

let config: ReturnType<typeof parseConfig>;
try {
  config = parseConfig();
} catch (err) {
  if (err instanceof ConfigError) fail(err.message);
  throw err;
}

const where = config.database.kind === 'pglite' ? `PGlite at ${config.database.dataDir}` : redactUrl(config.database.url);
// Bulk inserts of a large seed may take longer than a request's statement should.
const handle = await connectDatabase(config.database, { ...config, DB_STATEMENT_TIMEOUT_MS: 0 });
try {
  const migrated = await migrateToLatest(handle.db);
  for (const r of migrated.results ?? []) console.log(`migrate ${r.direction} ${r.migrationName}: ${r.status}`);

  console.log(`seeding ${firs.toLocaleString('en-US')} FIRs into ${where} (seed ${seed}, batch size ${batchSize}${concurrency ? `, concurrency ${concurrency}` : ''})`);
  const started = performance.now();
  const step = Math.min(50_000, Math.max(batchSize, Math.ceil(firs / 20 / batchSize) * batchSize));
  let nextReport = step;
  const result = await seedDatabase(handle.db, {
    firs,
    seed,
    batchSize,
    concurrency,
    onProgress(done, total) {
      if (done >= nextReport || done === total) {
        const s = (performance.now() - started) / 1000;
        console.log(`  ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} FIRs  ${s.toFixed(1)} s  ${Math.round(done / s).toLocaleString('en-US')} FIRs/s`);
        while (nextReport <= done) nextReport += step;
      }
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const rows = result.stations + result.officers + result.complaints + result.firs + result.firSections;
  console.log(
    `done in ${seconds.toFixed(1)} s: ${result.stations} stations, ${result.officers} officers, ${result.complaints} complaints, ` +
      `${result.firs} FIRs, ${result.firSections} FIR sections (${rows.toLocaleString('en-US')} rows, ` +
      `${Math.round(rows / seconds).toLocaleString('en-US')} rows/s, ${Math.round(result.firs / seconds).toLocaleString('en-US')} FIRs/s)`,
  );
} finally {
  await handle.close();
}
