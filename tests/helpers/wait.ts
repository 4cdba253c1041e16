/**
 * Waiting in tests. A test never sleeps for a fixed time hoping something has happened by then:
 * it waits for the thing itself (a row, a log line, a message, a counter), with a deadline that
 * fails the test with a message saying what never happened.
 *
 *   const row = await waitFor(() => db.selectFrom('job').selectAll().where(...).executeTakeFirst(), { message: 'the job row' });
 *   await waitFor(() => fake.inFlight === 0, { timeoutMs: 5_000, intervalMs: 10, message: 'the aborted request to close' });
 *   const exit = await withTimeout(child.exited, 15_000, 'the child to exit');
 */

export interface WaitOptions {
  /** the deadline; the wait fails once it has passed (default 30 s: generous on a busy 2-core CI machine) */
  timeoutMs?: number;
  /** pause between two checks (default 50 ms) */
  intervalMs?: number;
  /** what is waited for, for the failure message (a function: worded when the wait fails, with what was seen by then) */
  message?: string | (() => string);
}

/**
 * Checks `condition` until it returns something truthy, and returns that. An error thrown by the
 * condition ends the wait at once (a broken query should fail, not time out); a condition that
 * expects transient errors catches them itself.
 */
export async function waitFor<T>(condition: () => T | Promise<T>, options: WaitOptions = {}): Promise<NonNullable<T>> {
  const { timeoutMs = 30_000, intervalMs = 50, message = 'a condition' } = options;
  const deadline = Date.now() + timeoutMs;
  let checks = 0;
  for (;;) {
    const value = await condition();
    checks++;
    if (value) return value as NonNullable<T>;
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms (${checks} checks) waiting for ${typeof message === 'function' ? message() : message}`);
    // the pause between two checks of the condition (not a wait in itself)
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(intervalMs, deadline - Date.now()))));
  }
}

/** Rejects naming `label` if `promise` has not settled within `ms` (a deadline for an event). */
export async function withTimeout<T>(promise: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        // the deadline, not a wait: it only decides when to give up on `promise`
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${label}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  /** whether resolve() was called */
  readonly settled: boolean;
}

/** A promise the test resolves itself: a gate to hold a fake's answer, or a signal that something was reached. */
export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let settled = false;
  const promise = new Promise<T>((r) => (resolve = r));
  return {
    promise,
    resolve: (value: T) => {
      settled = true;
      resolve(value);
    },
    get settled() {
      return settled;
    },
  };
}
