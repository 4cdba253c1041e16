/**
 * Runs a transaction again when the database aborted it to break a deadlock or a serialization
 * conflict (MySQL/MariaDB 1213, PostgreSQL 40P01 / 40001): the aborted attempt did nothing.
 */
export async function retryOnDeadlock<T>(fn: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const e = err as { errno?: number; code?: string } | null;
      const retryable = e?.errno === 1213 || e?.code === 'ER_LOCK_DEADLOCK' || e?.code === '40P01' || e?.code === '40001';
      if (!retryable || attempt >= attempts) throw err;
      // jittered, growing pause so the contenders do not collide again in step
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}

/** mysql2 / pg / node codes of a database that cannot be reached or is going away (not query errors) */
const UNAVAILABLE_CODES = new Set([
  // node sockets
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  // mysql2
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'ER_TOO_MANY_USER_CONNECTIONS',
  'ER_SERVER_LOST',
  'CR_SERVER_LOST',
  'CR_SERVER_GONE_ERROR',
  'CR_CONNECTION_ERROR',
  'CR_CONN_HOST_ERROR',
  'POOL_CLOSED',
  'POOL_ACQUIRE_TIMEOUT',
  // pg: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/** MariaDB/MySQL errnos: 1040 too many connections, 1053 server shutdown, 1927 connection killed, 2002/2003/2006/2013 client-side connection errors */
const UNAVAILABLE_ERRNOS = new Set([1040, 1053, 1927, 2002, 2003, 2006, 2013]);

const UNAVAILABLE_MESSAGES = [
  /^Pool is closed/i,
  /^Connection terminated/i, // pg: "Connection terminated unexpectedly" / "... due to connection timeout"
  /^timeout exceeded when trying to connect/i, // pg-pool checkout timeout
  /Can't add new command when connection is in closed state/i, // mysql2 on a dead connection
  /^connect ETIMEDOUT/i,
  /^Client has encountered a connection error/i, // pg
  /^Queue limit reached/i, // mysql2 pool: DB_QUEUE_LIMIT checkouts already waiting
  /^No connections available/i,
  /^Query read timeout/i, // pg: DB_STATEMENT_TIMEOUT_MS passed without an answer
];

function unavailableItself(e: any): boolean {
  if (!e || typeof e !== 'object') return false;
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code && UNAVAILABLE_CODES.has(code)) return true;
  // SQLSTATE class 08: connection exception (pg codes, and mysql2's sqlState)
  if (code && /^08[0-9A-Z]{3}$/.test(code)) return true;
  if (typeof e.sqlState === 'string' && /^08/.test(e.sqlState)) return true;
  if (typeof e.errno === 'number' && UNAVAILABLE_ERRNOS.has(e.errno)) return true;
  // mysql2 marks the errors after which a connection is unusable
  if (e.fatal === true && code?.startsWith('PROTOCOL_')) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return UNAVAILABLE_MESSAGES.some((re) => re.test(message));
}

/**
 * Whether an error says the database is down, restarting or refusing connections (retryable by
 * the client: 503), as opposed to an error of the statement itself. Looks through `cause`,
 * graphql-js's `originalError` and AggregateError's `errors` (node's connect tries every address).
 * Lock wait timeouts and deadlocks are not outages.
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 8) return false;
  if (unavailableItself(err)) return true;
  const e = err as { cause?: unknown; originalError?: unknown; errors?: unknown };
  if (e.originalError && e.originalError !== err && isDatabaseUnavailable(e.originalError, depth + 1)) return true;
  if (e.cause && e.cause !== err && isDatabaseUnavailable(e.cause, depth + 1)) return true;
  if (Array.isArray(e.errors) && err instanceof AggregateError) return e.errors.some((x) => isDatabaseUnavailable(x, depth + 1));
  return false;
}
