/**
 * Response cache benchmark: the 50-FIR nested list query with the cache cold (every request a
 * miss: a fresh unused variable per request), warm in memory and warm in Redis, next to a bare
 * node:http server that sends the very same bytes and headers (its own process, like the gateway);
 * then the hit rate of a mixed 90% read / 10% write workload, in memory and in Redis.
 *
 *   npm run bench:cache [-- --redis-url redis://127.0.0.1:6379] [--database-url mysql://…]
 *                       [--connections 50] [--duration 10] [--mixed-duration 20] [--firs 20000]
 *
 * Targets (issue 4): warm-cache throughput at least 0.6 of the bare server's; hit rate of the mixed
 * workload above 80%. See load/README.md.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseFlags } from '../lib/args.ts';
import { NESTED_FIR_LIST as QUERY } from '../lib/queries.ts';
import { assertLocal, copyEmbedded, describeTarget, gatewayEnv, prepareEmbedded, type Target } from '../lib/db.ts';
import { freePort, type Gateway, onCleanup, REPO_ROOT, runBounded, startGateway } from '../lib/gateway.ts';
import { GraphqlClient } from '../lib/graphql.ts';
import { type LoadResult, runLoad } from '../lib/load.ts';
import { log, machineInfo, printBlock, writeResult } from '../lib/report.ts';
import { fmtLatency, ms } from '../lib/stats.ts';
import { AUTH_HEADERS } from '../lib/auth.ts';

const flags = parseFlags('usage: npm run bench:cache -- [flags]', {
  'database-url': { type: 'string', help: 'benchmark this database as is (127.0.0.1 only); default: seeded embedded PGlite' },
  'jobs-database-url': { type: 'string', help: 'PostgreSQL for pg-boss when --database-url is MySQL' },
  'redis-url': { type: 'string', help: 'Redis for the Redis phases (default $REDIS_URL or redis://127.0.0.1:6379); "none" skips them' },
  firs: { type: 'string', default: '20000', help: 'FIRs to seed into the embedded database' },
  'data-dir': { type: 'string', help: 'use a temp copy of this already seeded PGlite directory instead of seeding' },
  connections: { type: 'string', default: '50', help: 'concurrent connections of the throughput phases' },
  duration: { type: 'string', default: '10', help: 'seconds per throughput phase' },
  warmup: { type: 'string', default: '3', help: 'warm-up seconds before each throughput phase' },
  'mixed-connections': { type: 'string', default: '20', help: 'concurrent clients of the mixed workload' },
  'mixed-duration': { type: 'string', default: '20', help: 'seconds of the mixed workload per store' },
  timeout: { type: 'string', default: '1800', help: 'abort the whole run after this many seconds' },
});

const PAGE = 50;
/** FIRs under active work in the mixed workload (writes uniform over them, detail reads Zipf) */
const POOL = 1000;
/** cumulative Zipf(1) weights by n (declared before the run: top-level await starts it) */
const zipfTables = new Map<number, Float64Array>();
const RATIO_TARGET = 0.6;
const HIT_TARGET = 0.8;

const FIR_DETAIL = `query Fir($id: ID!) { node(id: $id) { ... on Fir { id status summary version firNumber station { id name } sections { section { number title } } } } }`;
const STATION_LIST = `query StationFirs($s: [ID!]) { firs(first: 20, filter: { stationIds: $s }) { edges { node { id status summary version } } } }`;
const UPDATE = `mutation Edit($input: UpdateFirInput!) { updateFir(input: $input) { id version } }`;

interface Phase {
  label: string;
  load: LoadResult;
}

await runBounded(flags.int('timeout', 10, 86_400) * 1000, async () => {
  const connections = flags.int('connections', 1, 10_000);
  const duration = flags.int('duration', 1, 3600);
  const warmup = flags.int('warmup', 0, 600);
  const mixedConnections = flags.int('mixed-connections', 1, 1000);
  const mixedDuration = flags.int('mixed-duration', 1, 3600);
  const redisFlag = flags.str('redis-url') ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redisUrl = redisFlag === 'none' ? null : redisFlag;
  if (redisUrl) assertLocal(redisUrl.replace(/^redis/, 'http'));
  const machine = machineInfo();
  const startedAt = new Date();

  // ---- database: every gateway gets its own copy of an embedded one (PGlite is one process) ----
  const url = flags.str('database-url');
  let source: Target;
  if (url) {
    assertLocal(url);
    source = { kind: 'url', url };
  } else if (flags.str('data-dir')) {
    source = copyEmbedded(flags.str('data-dir')!);
  } else {
    source = await prepareEmbedded({ firs: flags.int('firs', 200, 10_000_000), seed: 1, keep: true });
  }
  const targetFor = (): Target => (source.kind === 'embedded' ? copyEmbedded(source.dataDir) : source);
  log(`database: ${describeTarget(source)}`);

  const gatewayWith = async (cache: 'off' | 'memory' | 'redis'): Promise<Gateway> => {
    const env: Record<string, string | undefined> = {
      ...gatewayEnv(targetFor(), flags.str('jobs-database-url')),
      RUN_WORKER: 'false',
      EXPOSE_SQL_COUNT: 'false',
      RESPONSE_CACHE: cache === 'off' ? 'false' : 'true',
      CACHE_NAMESPACE: `bench-cache:${randomBytes(4).toString('hex')}`,
    };
    if (cache === 'redis') env.REDIS_URL = redisUrl!;
    const gw = await startGateway({ env });
    log(`gateway (cache ${cache}) pid ${gw.child.pid} on ${gw.origin}`);
    return gw;
  };

  const body = { query: QUERY, variables: { first: PAGE } };
  const phases: Phase[] = [];
  const run = async (label: string, target: string, opts: { nextBody?: () => unknown } = {}) => {
    if (warmup > 0) await runLoad({ url: target, body, connections, duration: warmup, nextBody: opts.nextBody });
    const load = await runLoad({ url: target, body, connections, duration, nextBody: opts.nextBody });
    log(`${label}: ${load.requestsPerSec.toFixed(0)} req/s, ${fmtLatency(load.latency)}, failures ${load.errors + load.non2xx + load.badBodies}`);
    phases.push({ label, load });
    return load;
  };

  // ---- the bytes the bare server sends: the gateway's own answer ------------------------------
  let captured: { body: string; headers: Record<string, string> };
  {
    const gw = await gatewayWith('memory');
    try {
      await fetch(gw.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...AUTH_HEADERS }, body: JSON.stringify(body) });
      const res = await fetch(gw.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...AUTH_HEADERS }, body: JSON.stringify(body) });
      const text = await res.text();
      const headers: Record<string, string> = {};
      for (const h of ['content-type', 'etag', 'cache-control', 'vary']) {
        const v = res.headers.get(h);
        if (v) headers[h] = v;
      }
      captured = { body: text, headers };
      const parsed = JSON.parse(text);
      if (parsed.errors || parsed.data.firs.edges.length !== PAGE) throw new Error(`unexpected answer: ${text.slice(0, 300)}`);
      log(`response: ${(text.length / 1024).toFixed(1)} KiB, ${JSON.stringify(headers)}`);
    } finally {
      await gw.stop();
    }
  }
  const bare = await startBareServer(captured);

  // ---- throughput: bare, cold, warm memory, warm Redis, bare again ------------------------------
  const bare1 = await run('bare node:http (before)', bare.url);
  {
    const gw = await gatewayWith('memory');
    let nonce = 0;
    await run('cache cold (every request a miss)', gw.graphqlUrl, { nextBody: () => ({ query: QUERY, variables: { first: PAGE, nonce: ++nonce } }) });
    await run('cache warm, in memory', gw.graphqlUrl);
    await gw.stop();
  }
  if (redisUrl) {
    const gw = await gatewayWith('redis');
    await run('cache warm, Redis', gw.graphqlUrl);
    await gw.stop();
  }
  const bare2 = await run('bare node:http (after)', bare.url);
  await bare.stop();
  const bareRps = (bare1.requestsPerSec + bare2.requestsPerSec) / 2;
  const rps = (label: string) => phases.find((p) => p.label === label)?.load.requestsPerSec ?? Number.NaN;

  // ---- mixed 90/10 workload: hit rate ------------------------------------------------------------
  const mixed: Record<string, MixedResult> = {};
  for (const store of redisUrl ? (['memory', 'redis'] as const) : (['memory'] as const)) {
    const gw = await gatewayWith(store);
    try {
      mixed[store] = await mixedWorkload(gw, mixedConnections, mixedDuration);
      const m = mixed[store]!;
      log(
        `mixed (${store}): ${m.requests} requests (${m.writes} writes, ${m.conflicts} version conflicts, ${m.failures} failures), hit rate ${(m.hitRate * 100).toFixed(1)}%, ` +
          `${(m.requests / mixedDuration).toFixed(0)} req/s`,
      );
    } finally {
      await gw.stop();
    }
  }

  const rows: Array<[string, string]> = [
    ['machine', `${machine.cpus} cpus, load ${machine.loadavg.join(' ')} at start`],
    ['response', `${(captured.body.length / 1024).toFixed(1)} KiB, ${connections} connections, ${duration} s per phase`],
  ];
  for (const p of phases) rows.push([p.label, `${p.load.requestsPerSec.toFixed(0)} req/s, p99 ${ms(p.load.latency.p99)}, failures ${p.load.errors + p.load.non2xx + p.load.badBodies}`]);
  const memRatio = rps('cache warm, in memory') / bareRps;
  rows.push(['warm memory / bare', `${memRatio.toFixed(2)} (target >= ${RATIO_TARGET}: ${memRatio >= RATIO_TARGET ? 'met' : 'MISSED'})`]);
  if (redisUrl) {
    const r = rps('cache warm, Redis') / bareRps;
    rows.push(['warm Redis / bare', `${r.toFixed(2)} (target >= ${RATIO_TARGET}: ${r >= RATIO_TARGET ? 'met' : 'MISSED'})`]);
  }
  rows.push(['warm memory / cold', (rps('cache warm, in memory') / rps('cache cold (every request a miss)')).toFixed(1)]);
  for (const [store, m] of Object.entries(mixed)) {
    rows.push([`mixed 90/10 hit rate (${store})`, `${(m.hitRate * 100).toFixed(1)}% (target > ${HIT_TARGET * 100}%: ${m.hitRate > HIT_TARGET ? 'met' : 'MISSED'}), p99 ${ms(m.p99)}`]);
  }
  printBlock('bench:cache', rows);
  const file = writeResult('cache', { startedAt, machine, settings: { connections, duration, warmup, mixedConnections, mixedDuration, redis: Boolean(redisUrl), database: describeTarget(source) }, response: { bytes: captured.body.length, headers: captured.headers }, phases, bareRps, mixed });
  log(`results: ${file}`);
  if (source.kind === 'embedded') rmSync(source.dataDir, { recursive: true, force: true });
});

// ---- the bare server ------------------------------------------------------------------------------

async function startBareServer(captured: { body: string; headers: Record<string, string> }) {
  const dir = mkdtempSync(join(os.tmpdir(), 'afirgen-bare-'));
  const file = join(dir, 'response.json');
  writeFileSync(file, JSON.stringify(captured));
  const port = await freePort();
  // The least a server can do: read the request, send the stored bytes with the same headers.
  const script = `
    const http = require('node:http');
    const { body, headers } = JSON.parse(require('node:fs').readFileSync(${JSON.stringify(file)}, 'utf8'));
    const bytes = Buffer.from(body);
    http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { ...headers, 'content-length': bytes.length });
        res.end(bytes);
      });
    }).listen(${port}, '127.0.0.1', () => console.log('ready'));
  `;
  const child = spawn(process.execPath, ['-e', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  onCleanup(stop);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/graphql`, stop };
}

// ---- mixed workload ---------------------------------------------------------------------------------

interface MixedResult {
  requests: number;
  writes: number;
  conflicts: number;
  failures: number;
  hits: number;
  misses: number;
  hitRate: number;
  p99: number;
}

/**
 * `clients` loops, each sending one request at a time for `seconds`: 10% updateFir (summary) on
 * FIRs drawn uniformly from the POOL (1,000) newest editable FIRs, 90% reads drawn with a Zipf(1)
 * skew, as traffic to an API is: 70% FIR details from the same pool, 25% the first page of one of
 * 20 stations, 5% the global first page. Hit rate from the gateway's own counters (/metrics), lookups of this phase only.
 */
async function mixedWorkload(gw: Gateway, clients: number, seconds: number): Promise<MixedResult> {
  const setup = new GraphqlClient(gw.graphqlUrl);
  // The active FIRs: the newest POOL an officer can edit (GENERATED, UNDER_REVIEW), so every write
  // is a real edit, not a refusal.
  const firs: Array<{ id: string; version: number }> = [];
  let cursor: string | null = null;
  while (firs.length < POOL) {
    const page: any = await setup.ok<any>(
      `query($after: String) { firs(first: 100, after: $after, filter: { statuses: [GENERATED, UNDER_REVIEW] }) { pageInfo { endCursor hasNextPage } edges { node { id version } } } }`,
      { after: cursor },
    );
    firs.push(...page.body.data.firs.edges.map((e: any) => ({ ...e.node })));
    if (!page.body.data.firs.pageInfo.hasNextPage) break;
    cursor = page.body.data.firs.pageInfo.endCursor;
  }
  const stationPage = await setup.ok<any>(`{ stations(first: 20) { edges { node { id } } } }`);
  setup.close();
  const stations: string[] = stationPage.body.data.stations.edges.map((e: any) => e.node.id);
  const zipf = (n: number) => {
    // inverse-CDF of a Zipf(1) over 1..n (precomputed harmonic weights)
    const cum = zipfTables.get(n) ?? buildZipf(n);
    const x = Math.random();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const before = await cacheCounters(gw.origin);
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  let writes = 0;
  let conflicts = 0;
  let failures = 0;
  const deadline = performance.now() + seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const r = Math.random();
      const t0 = performance.now();
      if (r < 0.1) {
        const f = firs[Math.floor(Math.random() * firs.length)]!;
        writes++;
        const res = await post(agent, gw.graphqlUrl, UPDATE, { input: { id: f.id, expectedVersion: f.version, summary: `edited ${Math.random().toString(36).slice(2, 8)}` } });
        const err = res.errors?.[0];
        if (err?.extensions?.code === 'CONFLICT') {
          conflicts++;
          f.version = Number(err.extensions.currentVersion ?? f.version);
        } else if (err) failures++;
        else f.version = res.data.updateFir.version;
      } else if (r < 0.1 + 0.9 * 0.7) {
        const res = await post(agent, gw.graphqlUrl, FIR_DETAIL, { id: firs[zipf(firs.length)]!.id });
        if (res.errors) failures++;
      } else if (r < 0.1 + 0.9 * 0.95) {
        const res = await post(agent, gw.graphqlUrl, STATION_LIST, { s: [stations[zipf(stations.length)]!] });
        if (res.errors) failures++;
      } else {
        const res = await post(agent, gw.graphqlUrl, STATION_LIST, { s: null });
        if (res.errors) failures++;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
  agent.destroy();
  const after = await cacheCounters(gw.origin);
  const hits = after.hit - before.hit;
  const misses = after.miss - before.miss;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    writes,
    conflicts,
    failures,
    hits,
    misses,
    hitRate: hits + misses > 0 ? hits / (hits + misses) : 0,
    p99: latencies[Math.floor(latencies.length * 0.99)] ?? Number.NaN,
  };
}

function buildZipf(n: number): Float64Array {
  const cum = new Float64Array(n);
  let sum = 0;
  for (let k = 1; k <= n; k++) sum += 1 / k;
  let acc = 0;
  for (let k = 1; k <= n; k++) {
    acc += 1 / k / sum;
    cum[k - 1] = acc;
  }
  cum[n - 1] = 1;
  zipfTables.set(n, cum);
  return cum;
}

function post(agent: Agent, url: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const payload = Buffer.from(JSON.stringify({ query, variables }));
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': payload.length, ...AUTH_HEADERS } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch (err) {
          reject(err);
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** graphql_response_cache_lookups_total by outcome, summed over stores */
async function cacheCounters(origin: string): Promise<{ hit: number; miss: number }> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const out = { hit: 0, miss: 0 };
  for (const line of text.split('\n')) {
    const m = /^graphql_response_cache_lookups_total\{([^}]*)\} (\S+)/.exec(line);
    if (!m) continue;
    if (m[1]!.includes('outcome="hit"')) out.hit += Number(m[2]);
    if (m[1]!.includes('outcome="miss"')) out.miss += Number(m[2]);
  }
  return out;
}
