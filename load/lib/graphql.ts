/**
 * A minimal GraphQL-over-HTTP client on node:http with one kept-alive socket, for sequential,
 * timed requests (low and constant client overhead, no connection setup inside a measurement).
 */
import { Agent, request } from 'node:http';
import { AUTH_HEADERS } from './auth.ts';

export interface GraphqlResponse<T = any> {
  status: number;
  body: { data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }>; extensions?: Record<string, unknown> };
  /** wall time from sending the request to the last byte of the response, ms */
  ms: number;
}

export class GraphqlClient {
  readonly #agent = new Agent({ keepAlive: true, maxSockets: 1 });
  readonly #url: URL;

  constructor(url: string) {
    this.#url = new URL(url);
  }

  post<T = any>(query: string, variables?: Record<string, unknown>, timeoutMs = 30_000): Promise<GraphqlResponse<T>> {
    const payload = Buffer.from(JSON.stringify({ query, variables }));
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const req = request(
        this.#url,
        {
          method: 'POST',
          agent: this.#agent,
          headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': payload.length, ...AUTH_HEADERS },
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const ms = performance.now() - started;
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), ms });
            } catch {
              reject(new Error(`HTTP ${res.statusCode}: not JSON: ${text.slice(0, 300)}`));
            }
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`request timed out after ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** post, and throw unless HTTP 200 without GraphQL errors */
  async ok<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse<T> & { body: { data: T } }> {
    const r = await this.post<T>(query, variables);
    if (r.status !== 200 || r.body.errors?.length || !r.body.data) {
      throw new Error(`GraphQL request failed (HTTP ${r.status}): ${JSON.stringify(r.body.errors ?? r.body).slice(0, 500)}`);
    }
    return r as GraphqlResponse<T> & { body: { data: T } };
  }

  close(): void {
    this.#agent.destroy();
  }
}

/** Reads one Prometheus histogram's `_sum` and `_count` from GET /metrics (summed over labels). */
export async function histogramTotals(origin: string, name: string): Promise<{ sum: number; count: number }> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const total = (suffix: string) => {
    const re = new RegExp(`^${name}_${suffix}(?:\\{[^}]*\\})? (\\S+)$`);
    let n = 0;
    for (const line of text.split('\n')) {
      const m = re.exec(line);
      if (m) n += Number(m[1]);
    }
    return n;
  };
  return { sum: total('sum'), count: total('count') };
}

/**
 * Waits until the gateway has finished the requests a load run abandoned (autocannon closes its
 * connections at the end of a run, but the server still executes what it had received): the
 * `graphql_requests_total`-style counter `histogram`_count must stay unchanged for `quietMs`.
 */
export async function waitForIdle(origin: string, histogram: string, quietMs = 500, timeoutMs = 60_000): Promise<number> {
  const started = performance.now();
  let last = (await histogramTotals(origin, histogram)).count;
  let stableSince = performance.now();
  while (performance.now() - started < timeoutMs) {
    await new Promise((r) => setTimeout(r, 100));
    const now = (await histogramTotals(origin, histogram)).count;
    if (now !== last) {
      last = now;
      stableSince = performance.now();
    } else if (performance.now() - stableSince >= quietMs) {
      return performance.now() - started;
    }
  }
  throw new Error(`gateway still busy ${timeoutMs} ms after the load stopped`);
}

/**
 * Polls `url` (e.g. /health) every `intervalMs` until stopped and records each answer's latency:
 * a blocked event loop in the gateway shows up here as probes that take seconds.
 */
export function startProbe(url: string, intervalMs = 250): { stop(): Promise<{ latencies: number[]; failures: number }> } {
  const latencies: number[] = [];
  let failures = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const t = performance.now();
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
        await res.arrayBuffer();
        if (res.ok) latencies.push(performance.now() - t);
        else failures++;
      } catch {
        failures++;
      }
      const wait = intervalMs - (performance.now() - t);
      if (running && wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { latencies, failures };
    },
  };
}
