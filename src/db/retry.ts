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
