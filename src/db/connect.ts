/**
 * Builds the Kysely instance for the configured database. The composition root calls this once;
 * everything else receives `Kysely<DB>` and does not know which engine is behind it.
 */
import { mkdirSync } from 'node:fs';
import { Kysely, type LogEvent, MysqlDialect, type MysqlPool, PGliteDialect, PostgresDialect } from 'kysely';
import type { Config } from '../config.ts';
import type { DB } from './types.ts';

export type Database = Kysely<DB>;

export interface DatabaseHandle {
  db: Database;
  kind: 'mysql' | 'postgres' | 'pglite';
  /** the PGlite instance when embedded (pg-boss shares it) */
  pglite?: import('@electric-sql/pglite').PGlite;
  close(): Promise<void>;
}

type DbOptions = Pick<Config, 'DB_POOL_SIZE' | 'DB_QUEUE_LIMIT' | 'DB_IDLE_TIMEOUT_MS' | 'DB_CONNECT_RETRIES'> & {
  /**
   * how long one statement may run before the client gives up on it (a database that froze or a
   * connection that went silent mid-query): the statement fails as unavailable (503), and its
   * connection is closed rather than reused (its answer may still arrive). DDL is exempt
   * (migrations on big tables). 0 or unset: no limit.
   */
  DB_STATEMENT_TIMEOUT_MS?: number;
  /** called with the SQL of every executed statement (tests) */
  onQuery?: (sql: string) => void;
  /** how long opening one connection may take (TCP + handshake) before it fails */
  DB_CONNECT_TIMEOUT_MS?: number;
  /**
   * how long a statement may wait for a pooled connection (all busy, or the database down and
   * every connect attempt failing) before it fails with POOL_ACQUIRE_TIMEOUT: a request never
   * waits on the pool past its own deadline, it gets SERVICE_UNAVAILABLE (use-error-codes.ts).
   */
  DB_ACQUIRE_TIMEOUT_MS?: number;
};

const DEFAULTS: DbOptions = {
  DB_POOL_SIZE: 10,
  DB_QUEUE_LIMIT: 1000,
  DB_IDLE_TIMEOUT_MS: 60_000,
  DB_CONNECT_RETRIES: 8,
  DB_CONNECT_TIMEOUT_MS: 2_000,
  // generous: 500 parallel writes on a loaded 2-core machine queue for seconds and must not fail
  DB_ACQUIRE_TIMEOUT_MS: 10_000,
};

// Postgres type OIDs whose default parsing we change: DATE stays 'YYYY-MM-DD' (no local-midnight
// Date), int8 (COUNT) becomes a number.
const PG_DATE = 1082;
const PG_INT8 = 20;

export async function connectDatabase(
  database: Config['database'],
  options: Partial<DbOptions> = {},
): Promise<DatabaseHandle> {
  const o = { ...DEFAULTS, ...options };
  const log = o.onQuery ? (e: LogEvent) => o.onQuery!(e.query.sql) : undefined;
  if (database.kind === 'pglite') return connectPglite(database.dataDir, log);
  if (database.kind === 'mysql') {
    const { createPool } = await import('mysql2');
    const pool = createPool({
      uri: database.url,
      connectionLimit: o.DB_POOL_SIZE,
      maxIdle: o.DB_POOL_SIZE,
      idleTimeout: o.DB_IDLE_TIMEOUT_MS,
      queueLimit: o.DB_QUEUE_LIMIT,
      enableKeepAlive: true,
      keepAliveInitialDelay: 10_000,
      waitForConnections: true,
      // A database that is restarting fails fast (a request then gets 503 + Retry-After) rather
      // than holding the request for the 10 s default. A connection that dies (server restart,
      // reset) is dropped from the pool by mysql2 itself, and the next checkout opens a new one.
      connectTimeout: o.DB_CONNECT_TIMEOUT_MS,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      dateStrings: ['DATE'],
      supportBigNumbers: true,
      decimalNumbers: true,
    });
    const db = new Kysely<DB>({ dialect: new MysqlDialect({ pool: boundedAcquire(pool, o.DB_ACQUIRE_TIMEOUT_MS!, o.DB_STATEMENT_TIMEOUT_MS ?? 0) }), log });
    await waitUntilReachable(db, o.DB_CONNECT_RETRIES);
    return { db, kind: 'mysql', close: () => db.destroy() };
  }
  const pg = await import('pg');
  const types = {
    getTypeParser: (oid: number, format?: any) =>
      oid === PG_DATE ? (v: string) => v : oid === PG_INT8 ? (v: string) => Number(v) : pg.default.types.getTypeParser(oid, format),
  };
  const pool = new pg.default.Pool({
    connectionString: database.url,
    max: o.DB_POOL_SIZE,
    idleTimeoutMillis: o.DB_IDLE_TIMEOUT_MS,
    // pg bounds opening a connection and waiting for a pooled one with this one setting: the
    // acquire budget (a down server refuses at once; a silent one is covered by keepAlive)
    connectionTimeoutMillis: o.DB_ACQUIRE_TIMEOUT_MS,
    keepAlive: true,
    types: types as any,
  });
  // An idle client that loses its connection emits 'error' on the pool; without a listener that
  // would crash the process. The next checkout reconnects.
  pool.on('error', () => {});
  const statementMs = o.DB_STATEMENT_TIMEOUT_MS ?? 0;
  if (statementMs > 0) pool.on('connect', (client) => pgStatementTimeout(client, statementMs));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log });
  await waitUntilReachable(db, o.DB_CONNECT_RETRIES);
  return { db, kind: 'postgres', close: () => db.destroy() };
}

/** Statements the statement timeout leaves alone: schema changes (migrations) may take long. */
const DDL = /^\s*(create|alter|drop|rename|truncate|optimize|analyze)\b/i;

const TIMED = Symbol('afirgen.statementTimeout');

/**
 * mysql2 takes a per-query `timeout`, but on expiry it only fails the callback: the command stays
 * queued on the connection, and the pool would hand that connection to the next statement, which
 * would wait behind it. So a timed-out connection is destroyed (mysql2 drops it from the pool;
 * Kysely's release afterwards is a no-op).
 */
function mysqlStatementTimeout(connection: any, ms: number): void {
  if (connection[TIMED]) return;
  connection[TIMED] = true;
  const query = connection.query.bind(connection);
  connection.query = (sql: unknown, values: unknown, callback?: (err: any, ...rest: unknown[]) => void) => {
    if (typeof sql !== 'string' || DDL.test(sql)) return query(sql, values, callback);
    if (typeof callback !== 'function') return query({ sql, timeout: ms }, values);
    return query({ sql, timeout: ms }, values, (err: any, ...rest: unknown[]) => {
      if (err?.code === 'PROTOCOL_SEQUENCE_TIMEOUT') connection.destroy();
      callback(err, ...rest);
    });
  };
}

/**
 * node-postgres's per-query `query_timeout` likewise fails the query but leaves the client busy
 * with it; the client is ended on a timeout, so pg-pool drops it when Kysely releases it
 * (pg-pool discards a released client that is `_ending`).
 */
function pgStatementTimeout(client: any, ms: number): void {
  if (client[TIMED]) return;
  client[TIMED] = true;
  const query = client.query.bind(client);
  client.query = (text: unknown, values?: unknown, callback?: unknown) => {
    if (typeof text !== 'string' || DDL.test(text) || typeof values === 'function' || callback !== undefined) return query(text, values, callback);
    return query({ text, values, query_timeout: ms }).catch((err: Error) => {
      if (/Query read timeout/.test(err?.message ?? '')) client.end().catch(() => {});
      throw err;
    });
  };
}

/**
 * mysql2's pool has no acquire timeout: a checkout queued behind busy connections waits until one
 * is released. This wraps `getConnection` so the wait ends after `timeoutMs` with an error coded
 * POOL_ACQUIRE_TIMEOUT; a connection that arrives after that is handed straight back. With
 * `statementMs`, every statement of the connection gets that timeout (mysqlStatementTimeout).
 */
export function boundedAcquire(pool: MysqlPool, timeoutMs: number, statementMs = 0): MysqlPool {
  if (!(timeoutMs > 0) && !(statementMs > 0)) return pool;
  if (!(timeoutMs > 0)) {
    return {
      getConnection(callback) {
        pool.getConnection((err, connection) => {
          if (!err && statementMs > 0) mysqlStatementTimeout(connection, statementMs);
          callback(err, connection);
        });
      },
      end: (callback) => pool.end(callback),
    };
  }
  return {
    getConnection(callback) {
      let done = false;
      const timer = setTimeout(() => {
        done = true;
        const err = Object.assign(new Error(`no database connection within ${timeoutMs} ms`), { code: 'POOL_ACQUIRE_TIMEOUT' });
        callback(err, undefined as never);
      }, timeoutMs);
      timer.unref?.();
      pool.getConnection((err, connection) => {
        clearTimeout(timer);
        if (done) {
          if (!err) connection.release();
          return;
        }
        done = true;
        if (!err && statementMs > 0) mysqlStatementTimeout(connection, statementMs);
        callback(err, connection);
      });
    },
    end: (callback) => pool.end(callback),
  };
}

async function connectPglite(dataDir: string, log?: (e: LogEvent) => void): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  let pglite: import('@electric-sql/pglite').PGlite;
  if (dataDir === 'memory://' || dataDir === ':memory:') {
    pglite = await PGlite.create({ parsers: pgliteParsers() });
  } else {
    mkdirSync(dataDir, { recursive: true });
    pglite = await PGlite.create({ dataDir, parsers: pgliteParsers() });
  }
  // PGlite runs each query synchronously on this thread, and Kysely hands its one connection
  // from query to query through promises: under load, waiting requests drained back to back
  // without the event loop ever reading the network (seconds of delay for /health, keep-alives).
  // Yielding one macrotask before each query keeps the server responsive.
  const query = pglite.query.bind(pglite);
  pglite.query = (async (...args: Parameters<typeof query>) => {
    await new Promise((resolve) => setImmediate(resolve));
    return query(...args);
  }) as typeof pglite.query;
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }), log });
  return {
    db,
    kind: 'pglite',
    pglite,
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

function pgliteParsers() {
  return { [PG_DATE]: (v: string) => v, [PG_INT8]: (v: string) => Number(v) };
}

/** Connect retry with exponential backoff and jitter: a database that starts after us is waited for. */
async function waitUntilReachable(db: Kysely<DB>, retries: number): Promise<void> {
  const { sql } = await import('kysely');
  for (let attempt = 0; ; attempt++) {
    try {
      await sql`select 1`.execute(db);
      return;
    } catch (err) {
      if (attempt >= retries) throw err;
      const delay = Math.min(10_000, 200 * 2 ** attempt) * (0.5 + Math.random() / 2);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
