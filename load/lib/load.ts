/**
 * autocannon, in-process (the gateway is a separate process). Every response time is kept so the
 * percentiles (p95 included, which autocannon does not report) are exact, and every body is checked
 * for GraphQL errors: a 200 with `"errors"` counts as a failure too.
 */
import { createRequire } from 'node:module';
import { type LatencySummary, summarize } from './stats.ts';
import { AUTH_HEADERS } from './auth.ts';

const require = createRequire(import.meta.url);

interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  mismatches: number;
  non2xx: number;
  resets: number;
  statusCodeStats: Record<string, { count: number }>;
  requests: { average: number; total: number };
  throughput: { average: number };
}
interface AutocannonInstance {
  on(event: 'response', fn: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void;
  on(event: 'reqError', fn: (err: Error) => void): void;
  stop(): void;
}
type Autocannon = (opts: Record<string, unknown>, cb: (err: Error | null, result: AutocannonResult) => void) => AutocannonInstance;
const autocannon = require('autocannon') as Autocannon;

// autocannon's timer helper (retimer) reschedules with -1 ms under a busy event loop, which
// Node reports as TimeoutNegativeWarning; it is harmless, so only that warning is silenced.
process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (w.name !== 'TimeoutNegativeWarning') console.error(`(node) ${w.name}: ${w.message}`);
});

export interface LoadOptions {
  url: string;
  /** JSON body for POST */
  body: unknown;
  connections: number;
  /** seconds */
  duration: number;
  headers?: Record<string, string>;
  /** per-request timeout, seconds */
  timeout?: number;
  /** a body is a failure when this returns false (default: no `"errors"` key) */
  verifyBody?: (body: string) => boolean;
  /** a fresh JSON body per request instead of `body` (e.g. to make every request a cache miss) */
  nextBody?: () => unknown;
}

export interface LoadResult {
  connections: number;
  /** seconds actually run */
  durationS: number;
  requests: number;
  /** completed requests / seconds run */
  requestsPerSec: number;
  latency: LatencySummary;
  /** connection errors (timeouts included) */
  errors: number;
  timeouts: number;
  non2xx: number;
  /** responses whose body failed verifyBody (GraphQL errors) */
  badBodies: number;
  statusCodes: Record<string, number>;
  bytesPerSec: number;
  /** completed responses in each second of the run (a 0 is a stall) */
  perSecond: number[];
  /** seconds into the run at which connection errors/timeouts happened */
  errorTimesS: number[];
}

export const noGraphqlErrors = (body: string) => !body.includes('"errors"');

export function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const times: number[] = [];
  const perSecond: number[] = [];
  const errorTimesS: number[] = [];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: opts.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...AUTH_HEADERS, ...opts.headers },
        body: JSON.stringify(opts.body),
        ...(opts.nextBody
          ? { requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: JSON.stringify(opts.nextBody!()) }) }] }
          : {}),
        connections: opts.connections,
        duration: opts.duration,
        timeout: opts.timeout ?? 10,
        verifyBody: opts.verifyBody ?? noGraphqlErrors,
      },
      (err, r) => {
        if (err) return reject(err);
        const requests = times.length;
        resolve({
          connections: opts.connections,
          durationS: r.duration,
          requests,
          requestsPerSec: r.duration > 0 ? requests / r.duration : 0,
          latency: summarize(times),
          errors: r.errors,
          timeouts: r.timeouts,
          non2xx: r.non2xx,
          badBodies: r.mismatches,
          statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count])),
          bytesPerSec: r.throughput.average,
          perSecond: Array.from({ length: Math.min(opts.duration, Math.ceil(r.duration)) }, (_, i) => perSecond[i] ?? 0),
          errorTimesS,
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      times.push(responseTime);
      const second = Math.floor((performance.now() - started) / 1000);
      if (second < opts.duration) perSecond[second] = (perSecond[second] ?? 0) + 1;
    });
    instance.on('reqError', () => errorTimesS.push(Math.round((performance.now() - started) / 100) / 10));
  });
}
