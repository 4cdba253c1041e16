/**
 * Resilience for calls to model servers (LLM, ASR, OCR), built on cockatiel.
 *
 * One policy per model server, composed outer → inner:
 *
 *   retry (exponential backoff, half jitter; retryable ModelErrors only)
 *     → circuit breaker (consecutive failures; fail fast while open)
 *       → bulkhead (concurrency limit + bounded queue)
 *         → timeout (aggressive: the attempt is abandoned and its request aborted)
 *
 * Every failure leaving `execute` is a ModelError, so the job runner can decide on `retryable`
 * alone. The ordering matters:
 * - the timeout is innermost so it bounds one network attempt, not time spent queued in the
 *   bulkhead or sleeping between retries (the caller's own signal bounds the whole call);
 * - the breaker sits outside the bulkhead so a call refused while the circuit is open never
 *   takes a concurrency slot, and MODEL_BUSY (a local condition) is not counted as a server
 *   failure;
 * - retry is outermost, but a call refused by an open breaker is not retried here: retrying it
 *   within the same call would only sleep and fail again. It still carries `retryable: true` so
 *   the job stage is retried later, when the server may be back.
 */
import { createHash } from 'node:crypto';
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  IsolatedCircuitError,
  TaskCancelledError,
  TimeoutStrategy,
  bulkhead,
  circuitBreaker,
  halfJitterGenerator,
  handleWhen,
  retry,
  timeout,
} from 'cockatiel';
import { LRUCache } from 'lru-cache';
import { ModelError } from './types.ts';

export interface ModelPolicyOptions {
  /** bound on one attempt (one HTTP request), in ms */
  timeoutMs: number;
  /** extra attempts after the first; 0 disables retrying */
  retries: number;
  /** first backoff delay; later ones double (each jittered into [d/2, d)) */
  baseDelayMs: number;
  /** cap on a single backoff delay */
  maxDelayMs: number;
  /** consecutive server failures that open the circuit */
  breakerThreshold: number;
  /** how long the circuit stays open before one probe call is let through */
  halfOpenAfterMs: number;
  /** concurrent attempts allowed against the server */
  concurrency: number;
  /** calls allowed to wait for a slot; beyond that, MODEL_BUSY */
  queue: number;
}

export const DEFAULT_MODEL_POLICY: Readonly<ModelPolicyOptions> = Object.freeze({
  timeoutMs: 60_000,
  retries: 2,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  breakerThreshold: 5,
  halfOpenAfterMs: 30_000,
  concurrency: 4,
  queue: 100,
});

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface Disposable {
  dispose(): void;
}

export interface RetryEvent {
  /** 1 for the first retry */
  attempt: number;
  delayMs: number;
  error: unknown;
}

export interface ModelPolicy {
  readonly name: string;
  readonly options: Readonly<ModelPolicyOptions>;
  /**
   * Runs `fn` under the policy. `fn` receives a signal that aborts when the attempt times out or
   * the caller's `signal` aborts; it should pass it to fetch.
   */
  execute<T>(fn: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T>;
  readonly state: BreakerState;
  onBreak(listener: (event: { error: unknown }) => void): Disposable;
  onReset(listener: () => void): Disposable;
  onHalfOpen(listener: () => void): Disposable;
  onRetry(listener: (event: RetryEvent) => void): Disposable;
}

/** Errors made by the open breaker: retryable for the job, but not retried within the call. */
const breakerRefusals = new WeakSet<Error>();

/** Server-side trouble: counts towards opening the circuit. */
function isServerFailure(error: unknown): boolean {
  return error instanceof ModelError && error.retryable && error.code !== 'MODEL_BUSY' && !breakerRefusals.has(error);
}

function isRetryable(error: unknown): boolean {
  return error instanceof ModelError && error.retryable && !breakerRefusals.has(error);
}

function cancelled(name: string, signal: AbortSignal | undefined): ModelError {
  return new ModelError('MODEL_CANCELLED', `call to model server ${name} was cancelled`, false, { cause: signal?.reason });
}

export function createModelPolicy(name: string, opts: Partial<ModelPolicyOptions> = {}): ModelPolicy {
  const options: Readonly<ModelPolicyOptions> = Object.freeze({ ...DEFAULT_MODEL_POLICY, ...opts });
  validate(name, options);

  const retryPolicy = retry(handleWhen(isRetryable), {
    maxAttempts: options.retries,
    backoff: new ExponentialBackoff({
      generator: halfJitterGenerator,
      initialDelay: options.baseDelayMs,
      maxDelay: options.maxDelayMs,
    }),
  });
  const breaker = circuitBreaker(handleWhen(isServerFailure), {
    halfOpenAfter: options.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(options.breakerThreshold),
  });
  const bulkheadPolicy = bulkhead(options.concurrency, options.queue);
  const timeoutPolicy = timeout(options.timeoutMs, TimeoutStrategy.Aggressive);

  const attempt = async <T>(fn: (signal: AbortSignal) => Promise<T>, outer: AbortSignal | undefined): Promise<T> => {
    try {
      return await timeoutPolicy.execute(async ({ signal }) => {
        try {
          return await fn(signal);
        } catch (error) {
          // fetch rejects with an AbortError when the attempt's signal fires; say why it fired.
          if (signal.aborted && !(error instanceof ModelError)) throw abortError();
          throw error;
        }
      }, outer);
    } catch (error) {
      if (error instanceof TaskCancelledError) throw abortError();
      throw error;
    }

    function abortError(): ModelError {
      if (outer?.aborted) return cancelled(name, outer);
      return new ModelError('MODEL_TIMEOUT', `model server ${name} did not answer within ${options.timeoutMs} ms`, true);
    }
  };

  const throughBulkhead = async <T>(fn: (signal: AbortSignal) => Promise<T>, outer: AbortSignal | undefined): Promise<T> => {
    try {
      return await bulkheadPolicy.execute(() => attempt(fn, outer), outer);
    } catch (error) {
      if (error instanceof BulkheadRejectedError) {
        throw new ModelError(
          'MODEL_BUSY',
          `model server ${name} is busy: ${options.concurrency} calls in flight and ${options.queue} queued`,
          true,
        );
      }
      if (error instanceof TaskCancelledError) throw cancelled(name, outer);
      throw error;
    }
  };

  const throughBreaker = async <T>(fn: (signal: AbortSignal) => Promise<T>, outer: AbortSignal | undefined): Promise<T> => {
    try {
      return await breaker.execute(() => throughBulkhead(fn, outer), outer);
    } catch (error) {
      if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
        const refusal = new ModelError(
          'MODEL_UNAVAILABLE',
          `model server ${name} is unavailable: circuit open after ${options.breakerThreshold} consecutive failures, next probe within ${options.halfOpenAfterMs} ms`,
          true,
          { cause: lastFailure() },
        );
        breakerRefusals.add(refusal);
        throw refusal;
      }
      if (error instanceof TaskCancelledError) throw cancelled(name, outer);
      throw error;
    }
  };

  const lastFailure = (): unknown => {
    const last = breaker.lastFailure;
    return last && 'error' in last ? last.error : undefined;
  };

  return {
    name,
    options,
    async execute<T>(fn: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
      if (signal?.aborted) throw cancelled(name, signal);
      const run = retryPolicy.execute(() => throughBreaker(fn, signal), signal);
      if (!signal) return run;
      // cockatiel notices an abort only between attempts; a call sleeping in backoff or waiting
      // in the bulkhead queue must give up at once (the retry loop then stops by itself).
      return new Promise<T>((resolve, reject) => {
        const onAbort = () => reject(cancelled(name, signal));
        signal.addEventListener('abort', onAbort, { once: true });
        run.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
      });
    },
    get state(): BreakerState {
      switch (breaker.state) {
        case CircuitState.Closed:
          return 'closed';
        case CircuitState.HalfOpen:
          return 'half-open';
        default:
          return 'open';
      }
    },
    onBreak(listener) {
      return breaker.onBreak((reason) => listener({ error: 'error' in reason ? reason.error : undefined }));
    },
    onReset(listener) {
      return breaker.onReset(() => listener());
    },
    onHalfOpen(listener) {
      return breaker.onHalfOpen(() => listener());
    },
    onRetry(listener) {
      return retryPolicy.onRetry((event) =>
        listener({ attempt: event.attempt, delayMs: event.delay, error: 'error' in event ? event.error : undefined }),
      );
    },
  };
}

function validate(name: string, o: ModelPolicyOptions): void {
  const checks: [keyof ModelPolicyOptions, number][] = [
    ['timeoutMs', 1],
    ['retries', 0],
    ['baseDelayMs', 0],
    ['maxDelayMs', 0],
    ['breakerThreshold', 1],
    ['halfOpenAfterMs', 0],
    ['concurrency', 1],
    ['queue', 0],
  ];
  for (const [key, min] of checks) {
    const v = o[key];
    if (!Number.isFinite(v) || v < min || (key !== 'timeoutMs' && !Number.isInteger(v))) {
      throw new RangeError(`model policy ${name}: ${key} must be ${key === 'timeoutMs' ? 'a number' : 'an integer'} >= ${min}, got ${v}`);
    }
  }
}

// ───────────────────────────── result cache ─────────────────────────────

export interface ResultCache {
  /**
   * Returns the cached result for `key` or computes it. Identical keys in flight at the same time
   * share one computation. Only successes are stored; callers get a copy, never a shared object.
   */
  cached<T>(key: unknown, compute: () => Promise<T>): Promise<T>;
  readonly size: number;
  clear(): void;
}

/**
 * LRU of model results keyed by sha256 of the canonical JSON of the input (keys sorted, byte
 * arrays replaced by their sha256), so the key never holds complainant text or audio itself.
 * `max` 0 disables caching (in-flight sharing still applies).
 */
export function createResultCache(max: number): ResultCache {
  const lru = max > 0 ? new LRUCache<string, { value: unknown }>({ max }) : null;
  const inFlight = new Map<string, Promise<unknown>>();
  return {
    async cached<T>(key: unknown, compute: () => Promise<T>): Promise<T> {
      const hash = hashKey(key);
      const hit = lru?.get(hash);
      if (hit) return structuredClone(hit.value) as T;
      const shared = inFlight.get(hash);
      if (shared) {
        try {
          return structuredClone(await shared) as T;
        } catch (error) {
          // Another caller's cancellation is not ours: compute for ourselves.
          if (!(error instanceof ModelError && error.code === 'MODEL_CANCELLED')) throw error;
        }
      }
      const own = compute().then((value) => {
        lru?.set(hash, { value: structuredClone(value) });
        return value;
      });
      inFlight.set(hash, own);
      try {
        return structuredClone(await own);
      } finally {
        if (inFlight.get(hash) === own) inFlight.delete(hash);
      }
    },
    get size() {
      return lru?.size ?? 0;
    },
    clear() {
      lru?.clear();
    },
  };
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** sha256 of the canonical JSON of `value` */
export function hashKey(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

/** JSON with object keys sorted at every level; byte arrays become `{"$sha256": …}`. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (value instanceof Uint8Array) return { $sha256: sha256Hex(value) };
  if (value instanceof ArrayBuffer) return { $sha256: sha256Hex(new Uint8Array(value)) };
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : canonical(v)));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = canonical(v);
    }
    return out;
  }
  return value;
}
