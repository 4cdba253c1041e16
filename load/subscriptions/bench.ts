/**
 * graphql-ws subscription benchmark: (a) gateway memory per idle `generationProgress`
 * subscription, (b) event delivery latency to many subscribers of one job.
 *
 *   npm run bench:subscriptions [-- --idle 10000 --subscribers 1000]
 *
 * The gateway runs as a child process on embedded PGlite (fresh DATA_DIR, SEED_DEMO=true); the
 * websocket clients run in a second child process (load/lib/ws.ts), so neither shares an event
 * loop with the other or with this coordinating process. The file-descriptor limit is raised for
 * all three (this script re-executes itself under `bash -c 'ulimit -n 65536; exec node …'`).
 *
 * (a) RUN_WORKER=false and one submitted complaint: its job stays QUEUED, so no live event ever
 *     arrives and every subscription is idle after replaying the stored QUEUED event. Memory is
 *     read before any subscription and after 10 %, 50 % and 100 % of --idle connections (one
 *     subscription each): the median of several samples after settling (RSS from /proc, heap from
 *     /metrics), and -- more exact -- after a forced full GC through the child's inspector
 *     (`--inspect=127.0.0.1:<port>`, HeapProfiler.collectGarbage). Per subscription = delta / K.
 *     After closing them all it is read once more (memory should return: leak check).
 * (b) RUN_WORKER=true, WORKER_CONCURRENCY=1, LLM_URL = a fake OpenAI-style server in this process
 *     that answers at once -- except the target job's first call (SUMMARIZE), which it holds until
 *     --subscribers subscriptions have attached and received the replayed QUEUED event. (Holding
 *     it behind other jobs was unreliable: the worker takes each new job at once -- see
 *     load/JOBS_AND_SUBSCRIPTIONS.md.) The job must still have only its QUEUED event then, so
 *     every later event reaches every subscriber live.
 *     Latency per (subscriber, event) = client
 *     receive time (taken when the frame arrives, before parsing) - the event's `at` (server
 *     time when the event row was written, inside its transaction). Same machine, same clock.
 *     Layouts compared side by side: --connections connections sharing the subscribers, and one
 *     connection per subscriber.
 * See load/JOBS_AND_SUBSCRIPTIONS.md.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFlags } from '../lib/args.ts';
import { copyEmbedded } from '../lib/db.ts';
import { freePort, type Gateway, onCleanup, REPO_ROOT, runBounded, startGateway } from '../lib/gateway.ts';
import { GraphqlClient } from '../lib/graphql.ts';
import { log, machineInfo, printBlock, writeResult } from '../lib/report.ts';
import { fmtLatency, ms, percentile, rounded, summarize } from '../lib/stats.ts';
import { InspectorSession, type OpenResult, WsClientProcess } from '../lib/ws.ts';

const flags = parseFlags('usage: npm run bench:subscriptions -- [flags]', {
  idle: { type: 'string', default: '10000', help: '(a) idle websocket connections, one generationProgress subscription each' },
  subscribers: { type: 'string', default: '1000', help: '(b) subscribers of one job' },
  connections: { type: 'string', default: '50', help: '(b) connections the subscribers share (the other layout is one connection each)' },
  'no-one-each': { type: 'boolean', help: '(b) skip the one-connection-per-subscriber layout' },
  rounds: { type: 'string', default: '2', help: '(b) measured jobs per layout' },
  'select-fir': { type: 'boolean', help: '(b) also select `fir { id status }` (resolved per subscriber on the final event)' },
  settle: { type: 'string', default: '5', help: '(a) seconds to wait before sampling memory' },
  samples: { type: 'string', default: '7', help: '(a) memory samples per point (median), one per second' },
  'no-force-gc': { type: 'boolean', help: '(a) do not attach the inspector to force GC (medians only)' },
  'skip-idle': { type: 'boolean', help: 'skip (a)' },
  'skip-delivery': { type: 'boolean', help: 'skip (b)' },
  'data-dir': { type: 'string', help: 'start from a temp copy of this seeded PGlite directory instead of seeding a fresh one' },
  'cpu-prof': { type: 'boolean', help: '(b) run the delivery gateway with --cpu-prof; the .cpuprofile goes to load/results/' },
  timeout: { type: 'string', default: '2400', help: 'abort the whole run after this many seconds' },
});

// ---- file descriptors: re-execute under a raised limit -----------------------------------------

const WANTED_FDS = 65_536;

function fdLimits(): { soft: number; hard: number } {
  try {
    const m = /^Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    const n = (v: string | undefined) => (v === 'unlimited' ? Number.MAX_SAFE_INTEGER : Number(v));
    return m ? { soft: n(m[1]), hard: n(m[2]) } : { soft: Number.NaN, hard: Number.NaN };
  } catch {
    return { soft: Number.NaN, hard: Number.NaN };
  }
}

if (process.env.AFIRGEN_BENCH_FDS !== 'raised') {
  const { soft, hard } = fdLimits();
  // 65536 needs CAP_SYS_RESOURCE when the hard limit is lower; else go as far as the hard limit
  const canWanted = spawnSync('bash', ['-c', `ulimit -n ${WANTED_FDS}`]).status === 0;
  const to = canWanted ? WANTED_FDS : hard;
  if (soft < WANTED_FDS && to > soft) {
    const child = spawn('bash', ['-c', `ulimit -n ${to}; exec "$0" "$@"`, process.execPath, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, AFIRGEN_BENCH_FDS: 'raised' },
    });
    // Ctrl-C reaches the whole process group (the child cleans up); forward a plain SIGTERM
    process.on('SIGINT', () => {});
    process.on('SIGTERM', () => child.kill('SIGTERM'));
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
    await new Promise(() => {});
  }
}

// ---- GraphQL -----------------------------------------------------------------------------------

const SUBMIT = /* GraphQL */ `
  mutation BenchSubmit($input: SubmitComplaintInput!) { submitComplaint(input: $input) { job { id } } }
`;
const JOB_EVENTS = /* GraphQL */ `
  query BenchJobEvents($id: ID!) { generationJob(id: $id) { status events { seq stage status } } }
`;
const progressQuery = (withFir: boolean) => /* GraphQL */ `
  subscription BenchProgress($jobId: ID!) {
    generationProgress(jobId: $jobId) { seq at status stage progress message${withFir ? ' fir { id status }' : ''} }
  }
`;

const TEXTS = [
  { language: 'en', text: 'Sir, my name is Ramesh Kumar and I live at 14 Gandhi Nagar. On 12 March at about 9 pm two men on a black motorcycle snatched my wife\'s gold chain near the bus stand and fled towards the highway. Please register my complaint.' },
  { language: 'hi', text: 'सेवा में, श्रीमान थानाध्यक्ष महोदय, निवेदन है कि कल रात लगभग 11 बजे अज्ञात चोरों ने मेरे घर का ताला तोड़कर अलमारी से सोने के गहने और 25,000 रुपये नकद चुरा लिए। कृपया रिपोर्ट दर्ज कर उचित कार्रवाई करें।' },
  { language: 'en', text: 'Respected Sir, an unknown caller claiming to be from my bank asked for an OTP and Rs 48,500 was debited from my SBI account in three UPI transactions on 3 April. I request you to register a case of online fraud.' },
];

const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));
const KB = 1024;

class Api {
  readonly client: GraphqlClient;
  readonly stationId: string;
  #n = 0;
  constructor(url: string, stationId: string) {
    this.client = new GraphqlClient(url);
    this.stationId = stationId;
  }
  static async connect(gw: Gateway): Promise<Api> {
    const c = new GraphqlClient(gw.graphqlUrl);
    const r: any = await c.ok(`{ stations(first: 1) { edges { node { id } } } }`);
    c.close();
    const id = r.body.data.stations.edges[0]?.node.id;
    if (!id) throw new Error('no police station in the database (seeding failed?)');
    return new Api(gw.graphqlUrl, id);
  }
  async submit(priority: 'NORMAL' | 'LOW' = 'NORMAL', client = this.client, marker = ''): Promise<string> {
    const t = TEXTS[this.#n % TEXTS.length]!;
    this.#n++;
    const r: any = await client.ok(SUBMIT, { input: { stationId: this.stationId, language: t.language, text: `${t.text} (${this.#n}${marker ? ` ${marker}` : ''})`, priority } });
    return r.body.data.submitComplaint.job.id;
  }
  close() {
    this.client.close();
  }
}

// ---- memory ------------------------------------------------------------------------------------

interface MemoryPoint {
  /** open connections (= subscriptions) */
  connections: number;
  /** median of the samples, bytes */
  rss: number;
  heapUsed: number;
  /** after a forced full GC (inspector), bytes */
  gc: { rss: number; heapUsed: number; external: number; arrayBuffers: number } | null;
  openMs?: number;
}

function rssOf(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * KB : Number.NaN;
}

async function metric(origin: string, name: string): Promise<number> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : Number.NaN;
}

async function measureMemory(gw: Gateway, inspector: InspectorSession | null, connections: number, settleS: number, samples: number): Promise<MemoryPoint> {
  await sleep(settleS * 1000);
  const rss: number[] = [];
  const heap: number[] = [];
  for (let i = 0; i < samples; i++) {
    if (i > 0) await sleep(1000);
    rss.push(rssOf(gw.child.pid!));
    heap.push(await metric(gw.origin, 'nodejs_heap_size_used_bytes'));
  }
  const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
  let gc: MemoryPoint['gc'] = null;
  if (inspector) {
    const m = await inspector.gcAndMeasure();
    gc = { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
  }
  return { connections, rss: median(rss), heapUsed: median(heap), gc };
}

const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
const kb = (b: number) => `${(b / KB).toFixed(1)} KB`;

async function idleMemory(dataDir: string, client: WsClientProcess, k: number, opts: { settleS: number; samples: number; forceGc: boolean }) {
  const inspectPort = opts.forceGc ? await freePort() : null;
  const t0 = performance.now();
  const gw = await startGateway({
    env: { DATA_DIR: dataDir, RUN_WORKER: 'false', SEED_DEMO: 'true' },
    nodeArgs: inspectPort ? [`--inspect=127.0.0.1:${inspectPort}`] : [],
    readyTimeoutMs: 300_000,
  });
  log(`(a) gateway pid ${gw.child.pid} ready in ${ms(performance.now() - t0, 0)} (RUN_WORKER=false${inspectPort ? `, inspector on 127.0.0.1:${inspectPort}` : ''})`);
  const inspector = inspectPort ? await InspectorSession.connect(inspectPort) : null;
  const api = await Api.connect(gw);
  const jobId = await api.submit();
  const url = gw.graphqlUrl.replace(/^http/, 'ws');
  const payload = { query: progressQuery(false), variables: { jobId } };
  log(`(a) held job ${jobId} (QUEUED, no worker)`);

  // warm-up: code paths, JIT, pools -- not counted
  const warm = await client.open({ group: 'idle-warm', url, connections: Math.min(200, k), subscriptionsPerConnection: 1, payload, waitFirstEvent: true });
  await client.close('idle-warm');
  if (warm.failedConnections || warm.failedSubscriptions) throw new Error(`warm-up failed: ${warm.errors.join('; ')}`);

  const baseline = await measureMemory(gw, inspector, 0, opts.settleS, opts.samples);
  log(`(a) baseline: RSS ${mb(baseline.rss)}, heap ${mb(baseline.heapUsed)}${baseline.gc ? `; after GC RSS ${mb(baseline.gc.rss)}, heap ${mb(baseline.gc.heapUsed)}` : ''}`);
  const steps = [...new Set([Math.round(k / 10), Math.round(k / 2), k].filter((x) => x > 0))];
  const points: MemoryPoint[] = [];
  const opens: OpenResult[] = [];
  let open = 0;
  for (const step of steps) {
    const r = await client.open({
      group: `idle-${step}`,
      url,
      connections: step - open,
      subscriptionsPerConnection: 1,
      payload,
      waitFirstEvent: true,
      parallel: 200,
      timeoutMs: 900_000,
    });
    opens.push(r);
    if (r.failedConnections || r.failedSubscriptions) {
      throw new Error(`(a) ${r.failedConnections} connections / ${r.failedSubscriptions} subscriptions failed at ${step}: ${r.errors.join('; ')}`);
    }
    open += r.connections;
    const p = await measureMemory(gw, inspector, open, opts.settleS, opts.samples);
    p.openMs = r.ms;
    points.push(p);
    log(
      `(a) ${open} idle subscriptions (opened in ${ms(r.ms, 0)}): RSS +${kb((p.rss - baseline.rss) / open)}/sub, heap +${kb((p.heapUsed - baseline.heapUsed) / open)}/sub` +
        (p.gc && baseline.gc ? `; after GC RSS +${kb((p.gc.rss - baseline.gc.rss) / open)}/sub, heap +${kb((p.gc.heapUsed - baseline.gc.heapUsed) / open)}/sub` : ''),
    );
  }
  const stats = await client.stats();
  if (stats.openConnections !== open) throw new Error(`(a) ${open - stats.openConnections} of ${open} connections were closed by the gateway while idle`);
  for (const step of steps) await client.close(`idle-${step}`);
  const afterClose = await measureMemory(gw, inspector, 0, opts.settleS, opts.samples);
  log(`(a) all closed: RSS ${mb(afterClose.rss)}, heap ${mb(afterClose.heapUsed)}${afterClose.gc ? `; after GC RSS ${mb(afterClose.gc.rss)}, heap ${mb(afterClose.gc.heapUsed)}` : ''}`);
  // The subscriptions' resolvers may still wait for the job's next event after their sockets
  // closed; give them one (cancelling the held job publishes CANCELLED) and look again.
  await api.client.ok(`mutation BenchCancel($id: ID!) { cancelGeneration(jobId: $id) { status } }`, { id: jobId });
  const afterEvent = await measureMemory(gw, inspector, 0, opts.settleS, opts.samples);
  log(`(a) after the held job's next event: RSS ${mb(afterEvent.rss)}, heap ${mb(afterEvent.heapUsed)}${afterEvent.gc ? `; after GC RSS ${mb(afterEvent.gc.rss)}, heap ${mb(afterEvent.gc.heapUsed)}` : ''}`);
  inspector?.close();
  api.close();
  const output = gw.output();
  await gw.stop();
  return { baseline, points, afterClose, afterEvent, clientMemory: stats, gatewayOutput: output.split('\n').slice(-10) };
}

// ---- delivery ----------------------------------------------------------------------------------

interface Layout {
  name: string;
  connections: number;
  perConnection: number;
}

interface RoundResult {
  layout: string;
  jobId: string;
  setupMs: number;
  subscriptions: number;
  /** every subscription got seq 1..final exactly once and completed */
  complete: number;
  incomplete: number;
  events: number;
  /** the job's status at the end (SUCCEEDED expected) */
  finalStatus: string;
  /** gateway CPU (user+system) from releasing the job to the last subscriber's completion */
  gatewayCpuMs: number;
  /** ms per (subscriber, live event): receive - at */
  latencies: number[];
  /** ms per (subscriber, live event): receive - first receive of that event by any subscriber */
  spreads: number[];
  /** ms per live event: first receive - at */
  firstReceipt: number[];
  /** per stage: p99 of receive - at */
  perStage: Record<string, number>;
}

// ---- a fake LLM server, to park a job inside its first stage -----------------------------------

/**
 * An OpenAI-style chat-completions server on 127.0.0.1 answering the LLM drafter's three JSON
 * schemas at once, except a request whose prompt contains a held marker: that one waits until
 * released. The gateway's worker then sits in the SUMMARIZE stage of that job (awaiting network
 * I/O, so the gateway keeps serving) with only the QUEUED event written.
 */
async function startFakeLlm() {
  const holds: Array<{ marker: string; arrived: () => void; released: Promise<void> }> = [];
  let requests = 0;
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      requests++;
      let body: any;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        res.writeHead(400).end();
        return;
      }
      const name = body?.response_format?.json_schema?.name;
      const prompt = Array.isArray(body?.messages) ? body.messages.map((m: any) => String(m?.content ?? '')).join('\n') : '';
      const hold = name === 'fir_extraction' ? holds.find((h) => prompt.includes(h.marker)) : undefined;
      if (hold) {
        holds.splice(holds.indexOf(hold), 1);
        hold.arrived();
        await hold.released;
      }
      let answer: unknown;
      if (name === 'fir_extraction') {
        answer = {
          summary: 'The complainant reports that a mobile phone was stolen from a bag at a crowded market.',
          language: 'en',
          complainant: { name: null, dateOfBirth: null, nationality: null, fatherOrHusbandName: null, address: null, contact: null, passportNumber: null, occupation: null },
          incident: { occurredFrom: null, occurredTo: null, place: 'market', address: null, description: 'A mobile phone was stolen from the complainant’s bag.', delayReason: null },
          suspects: [],
          witnesses: [],
          property: [{ description: 'mobile phone', valueInr: null }],
          amountsInr: [],
        };
      } else if (name === 'fir_sections') {
        const choices = body?.response_format?.json_schema?.schema?.properties?.sections?.items?.properties?.section?.enum;
        answer = { sections: Array.isArray(choices) && choices.length ? [{ section: choices[0], confidence: 0.9 }] : [] };
      } else if (name === 'fir_narrative') {
        answer = { narrative: 'The complainant states that a mobile phone was stolen from a bag at a crowded market.' };
      } else {
        res.writeHead(404).end();
        return;
      }
      const out = JSON.stringify({ id: 'bench', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify(answer) }, finish_reason: 'stop' }] });
      res.writeHead(200, { 'content-type': 'application/json' }).end(out);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  onCleanup(() => new Promise<void>((r) => server.close(() => r())));
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    /** holds the next fir_extraction request whose prompt contains `marker` */
    hold(marker: string) {
      let arrived!: () => void;
      let release!: () => void;
      const arrivedP = new Promise<void>((r) => (arrived = r));
      const released = new Promise<void>((r) => (release = r));
      holds.push({ marker, arrived, released });
      return { arrived: arrivedP, release };
    },
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}
type FakeLlm = Awaited<ReturnType<typeof startFakeLlm>>;

let rounds = 0;

async function deliveryRound(gw: Gateway, api: Api, llm: FakeLlm, client: WsClientProcess, layout: Layout, group: string, withFir: boolean): Promise<RoundResult> {
  const url = gw.graphqlUrl.replace(/^http/, 'ws');
  const marker = `bench-round-${++rounds}-${Date.now().toString(36)}`;
  const hold = llm.hold(marker);
  const jobId = await api.submit('NORMAL', api.client, marker);
  await withTimeout(hold.arrived, 120_000, `job ${jobId} never reached the (held) SUMMARIZE call`);
  const t = performance.now();
  const opened = await client.open({
    group,
    url,
    connections: layout.connections,
    subscriptionsPerConnection: layout.perConnection,
    payload: { query: progressQuery(withFir), variables: { jobId } },
    waitFirstEvent: true,
    parallel: 100,
    timeoutMs: 500_000,
  });
  const setupMs = performance.now() - t;
  const check: any = await api.client.ok(JOB_EVENTS, { id: jobId });
  const stored = check.body.data.generationJob.events.length;
  const cpu0 = gw.cpuTimeMs();
  hold.release();
  if (opened.failedConnections || opened.failedSubscriptions) {
    throw new Error(`${opened.failedConnections} connections / ${opened.failedSubscriptions} subscriptions failed: ${opened.errors.join('; ')}`);
  }
  if (stored !== 1) throw new Error(`job ${jobId} had ${stored} events while parked (expected only QUEUED)`);
  const done = await client.completed(group, 300_000);
  const cpu1 = gw.cpuTimeMs();
  if (done.running) throw new Error(`${done.running} subscriptions did not complete`);
  const { subscriptions } = await client.collect(group);
  await client.close(group);

  const latencies: number[] = [];
  const spreads: number[] = [];
  const byStage = new Map<string, number[]>();
  const firstBySeq = new Map<number, number>();
  let complete = 0;
  let finalSeq = 0;
  for (const s of subscriptions) for (const [recv, seq] of s.events) if (seq >= 2) firstBySeq.set(seq, Math.min(firstBySeq.get(seq) ?? Infinity, recv));
  for (const s of subscriptions) finalSeq = Math.max(finalSeq, ...s.events.map((e) => e[1]));
  const stageOf = new Map<number, string>();
  const stages: any = await api.client.ok(JOB_EVENTS, { id: jobId });
  for (const e of stages.body.data.generationJob.events) stageOf.set(e.seq, e.stage);
  for (const s of subscriptions) {
    const seqs = s.events.map((e) => e[1]);
    if (s.completed && !s.error && seqs.length === finalSeq && seqs.every((q, i) => q === i + 1)) complete++;
    for (const [recv, seq, at] of s.events) {
      if (seq < 2) continue; // the replayed QUEUED event
      latencies.push(recv - at);
      spreads.push(recv - firstBySeq.get(seq)!);
      const stage = stageOf.get(seq) ?? String(seq);
      if (!byStage.has(stage)) byStage.set(stage, []);
      byStage.get(stage)!.push(recv - at);
    }
  }
  const firstReceipt: number[] = [];
  for (const [seq, recv] of firstBySeq) {
    const at = subscriptions.find((s) => s.events.some((e) => e[1] === seq))!.events.find((e) => e[1] === seq)![2];
    firstReceipt.push(recv - at);
  }
  const perStage = Object.fromEntries([...byStage].map(([k, v]) => [k, Math.round(summarize(v).p99 * 10) / 10]));
  return {
    layout: layout.name,
    jobId,
    setupMs,
    subscriptions: subscriptions.length,
    complete,
    incomplete: subscriptions.length - complete,
    events: finalSeq,
    finalStatus: stages.body.data.generationJob.status,
    gatewayCpuMs: cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : Number.NaN,
    latencies,
    spreads,
    firstReceipt,
    perStage,
  };
}

async function withTimeout<T>(p: Promise<T>, msec: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${msec} ms: ${label}`)), msec)))]);
  } finally {
    clearTimeout(timer);
  }
}

async function delivery(dataDir: string, client: WsClientProcess, layouts: Layout[], rounds: number, withFir: boolean) {
  const t0 = performance.now();
  const llm = await startFakeLlm();
  const gw = await startGateway({
    env: { DATA_DIR: dataDir, RUN_WORKER: 'true', WORKER_CONCURRENCY: '1', SEED_DEMO: 'true', LLM_URL: llm.url, MODEL_TIMEOUT_MS: '600000', MODEL_RETRIES: '0' },
    nodeArgs: flags.bool('cpu-prof') ? ['--cpu-prof', `--cpu-prof-dir=${join(REPO_ROOT, 'load', 'results')}`, '--cpu-prof-name=subscriptions-gateway-${pid}.cpuprofile'] : [],
    readyTimeoutMs: 300_000,
  });
  log(`(b) gateway pid ${gw.child.pid} ready in ${ms(performance.now() - t0, 0)} (RUN_WORKER=true, WORKER_CONCURRENCY=1, LLM drafter -> fake LLM ${llm.url})`);
  const api = await Api.connect(gw);
  // warm-up round (not counted): a small job with a few subscribers
  await deliveryRound(gw, api, llm, client, { name: 'warm-up', connections: 5, perConnection: 10 }, 'delivery-warm', withFir);
  const results: RoundResult[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const layout of layouts) {
      const r = await deliveryRound(gw, api, llm, client, layout, `delivery-${round}-${layout.connections}`, withFir);
      results.push(r);
      const s = summarize(r.latencies);
      log(`(b) ${layout.name}, round ${round + 1}: job ${r.finalStatus}, ${r.subscriptions} subscribers (setup ${ms(r.setupMs, 0)}), ${r.latencies.length} deliveries: ${fmtLatency(s)}`);
    }
  }
  api.close();
  const cpu = gw.cpuTimeMs();
  const output = gw.output();
  await gw.stop();
  llm.close();
  return { results, gatewayCpuMs: cpu, gatewayOutput: output.split('\n').slice(-10) };
}

// ---- main --------------------------------------------------------------------------------------

await runBounded(flags.int('timeout', 10, 86_400) * 1000, async () => {
  const idle = flags.int('idle', 1, 1_000_000);
  const subscribers = flags.int('subscribers', 1, 100_000);
  const connections = flags.int('connections', 1, 100_000);
  const rounds = flags.int('rounds', 1, 100);
  const settleS = flags.int('settle', 0, 600);
  const samples = flags.int('samples', 1, 100);
  const withFir = flags.bool('select-fir');
  const startedAt = new Date();
  const machine = machineInfo();
  const { soft: limit, hard } = fdLimits();
  log(`file descriptors: limit ${limit} (hard ${hard}; wanted ${WANTED_FDS}) for this process, the gateway and the client process`);

  let dataDir: string;
  let source: string;
  if (flags.str('data-dir')) {
    const t = copyEmbedded(flags.str('data-dir')!);
    if (t.kind !== 'embedded') throw new Error('unreachable');
    dataDir = t.dataDir;
    source = t.source;
  } else {
    dataDir = mkdtempSync(join(os.tmpdir(), 'afirgen-bench-subs-'));
    onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
    source = 'fresh, SEED_DEMO';
  }
  const database = `embedded PGlite (${source}) in ${dataDir}`;
  log(`database: ${database}`);

  const client = await WsClientProcess.start();
  onCleanup(() => client.stop());
  log(`websocket client process pid ${client.pid}`);

  // ---- (a) ------------------------------------------------------------------------------------
  let a: Awaited<ReturnType<typeof idleMemory>> | null = null;
  let idleK = idle;
  if (!flags.bool('skip-idle')) {
    if (Number.isFinite(limit) && idle > limit - 1000) {
      idleK = Math.max(1, limit - 1000);
      log(`(a) capping --idle ${idle} to ${idleK}: the file-descriptor limit is ${limit}`);
    }
    a = await idleMemory(dataDir, client, idleK, { settleS, samples, forceGc: !flags.bool('no-force-gc') });
  }

  // ---- (b) ------------------------------------------------------------------------------------
  let b: Awaited<ReturnType<typeof delivery>> | null = null;
  const layouts: Layout[] = [];
  if (!flags.bool('skip-delivery')) {
    const conns = Math.min(connections, subscribers);
    const per = Math.ceil(subscribers / conns);
    layouts.push({ name: `${conns} connections x ${per}`, connections: conns, perConnection: per });
    if (!flags.bool('no-one-each') && conns !== subscribers) layouts.push({ name: `${subscribers} connections x 1`, connections: subscribers, perConnection: 1 });
    b = await delivery(dataDir, client, layouts, rounds, withFir);
  }
  const clientStats = await client.stats();
  await client.stop();

  // ---- summary --------------------------------------------------------------------------------
  const rows: Array<[string, string]> = [
    ['database', database],
    ['machine', `${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memGiB} GiB, node ${machine.node}, commit ${machine.commit ?? '?'}${machine.dirty ? ' (src dirty)' : ''}, load avg before run ${machine.loadavg.join(' ')}`],
    ['file descriptors', `limit ${limit} per process (hard ${hard}${limit < WANTED_FDS ? `; ${WANTED_FDS} refused: no CAP_SYS_RESOURCE` : ''})`],
  ];
  const json: Record<string, unknown> = {
    bench: 'subscriptions',
    startedAt: startedAt.toISOString(),
    database,
    machine,
    fdLimit: limit,
    options: { idle: idleK, subscribers, connections, rounds, settleS, samples, selectFir: withFir, forceGc: !flags.bool('no-force-gc') },
  };
  const TARGET_KB = 30;
  const TARGET_P99 = 50;
  if (a) {
    const base = a.baseline;
    const perSub = (p: MemoryPoint) => ({
      connections: p.connections,
      rssPerSubKB: (p.rss - base.rss) / p.connections / KB,
      heapPerSubKB: (p.heapUsed - base.heapUsed) / p.connections / KB,
      gcRssPerSubKB: p.gc && base.gc ? (p.gc.rss - base.gc.rss) / p.connections / KB : null,
      gcHeapPerSubKB: p.gc && base.gc ? (p.gc.heapUsed - base.gc.heapUsed) / p.connections / KB : null,
      gcExternalPerSubKB: p.gc && base.gc ? (p.gc.external - base.gc.external) / p.connections / KB : null,
    });
    const per = a.points.map(perSub);
    const last = per.at(-1)!;
    // slope between the first and the last point: what one more subscription costs, fixed costs excluded
    const p0 = a.points[0]!;
    const pN = a.points.at(-1)!;
    const dk = pN.connections - p0.connections;
    const slope =
      dk > 0
        ? {
            rssKB: (pN.rss - p0.rss) / dk / KB,
            heapKB: (pN.heapUsed - p0.heapUsed) / dk / KB,
            gcRssKB: pN.gc && p0.gc ? (pN.gc.rss - p0.gc.rss) / dk / KB : null,
            gcHeapKB: pN.gc && p0.gc ? (pN.gc.heapUsed - p0.gc.heapUsed) / dk / KB : null,
          }
        : null;
    const verdict = (v: number | null) => (v === null ? '' : v < TARGET_KB ? 'OK' : 'ABOVE TARGET');
    const f = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(1)} KB`);
    rows.push(
      [`(a) idle subscriptions`, `1 generationProgress subscription per connection on a QUEUED job (no worker); medians of ${samples} samples after ${settleS} s`],
      ['  baseline', `RSS ${mb(base.rss)}, heap used ${mb(base.heapUsed)}${base.gc ? `; after forced GC: RSS ${mb(base.gc.rss)}, heap ${mb(base.gc.heapUsed)}` : ''}`],
    );
    for (const [i, p] of a.points.entries()) {
      const q = per[i]!;
      rows.push([
        `  ${p.connections} open`,
        `RSS ${mb(p.rss)} (+${f(q.rssPerSubKB)}/sub), heap ${mb(p.heapUsed)} (+${f(q.heapPerSubKB)}/sub)` +
          (p.gc ? `; after GC: RSS +${f(q.gcRssPerSubKB)}/sub, heap +${f(q.gcHeapPerSubKB)}/sub, external +${f(q.gcExternalPerSubKB)}/sub` : '') +
          `; opened in ${ms(p.openMs ?? Number.NaN, 0)}`,
      ]);
    }
    rows.push(
      [`  per subscription at ${last.connections}`, `RSS ${f(last.rssPerSubKB)} (target < ${TARGET_KB} KB: ${verdict(last.rssPerSubKB)}), heap ${f(last.heapPerSubKB)} (${verdict(last.heapPerSubKB)})${last.gcHeapPerSubKB !== null ? `; after GC: RSS ${f(last.gcRssPerSubKB)}, heap ${f(last.gcHeapPerSubKB)} (${verdict(last.gcHeapPerSubKB)})` : ''}`],
    );
    if (slope) rows.push([`  marginal ${p0.connections}->${pN.connections}`, `RSS ${f(slope.rssKB)}, heap ${f(slope.heapKB)}${slope.gcHeapKB !== null ? `; after GC: RSS ${f(slope.gcRssKB)}, heap ${f(slope.gcHeapKB)}` : ''} per extra subscription`]);
    const ac = a.afterClose;
    rows.push([
      '  after closing all',
      `RSS ${mb(ac.rss)} (${((ac.rss - base.rss) / 2 ** 20).toFixed(1)} MiB vs baseline), heap ${mb(ac.heapUsed)}` +
        (ac.gc && base.gc ? `; after GC heap ${mb(ac.gc.heapUsed)} (${((ac.gc.heapUsed - base.gc.heapUsed) / 2 ** 20).toFixed(2)} MiB vs baseline)` : ''),
    ]);
    const ae = a.afterEvent;
    rows.push([
      "  after the job's next event",
      `RSS ${mb(ae.rss)}, heap ${mb(ae.heapUsed)}` +
        (ae.gc && base.gc ? `; after GC heap ${mb(ae.gc.heapUsed)} (${((ae.gc.heapUsed - base.gc.heapUsed) / 2 ** 20).toFixed(2)} MiB vs baseline) -- cancelGeneration on the held job publishes CANCELLED` : ''),
    ]);
    json.idle = {
      ...a,
      perSubscription: per.map((x) => Object.fromEntries(Object.entries(x).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 100) / 100 : v]))),
      marginal: slope,
      target: { kbPerSubscription: TARGET_KB },
    };
  }
  if (b) {
    const byLayout = layouts.map((l) => {
      const rs = b!.results.filter((r) => r.layout === l.name);
      const lat = summarize(rs.flatMap((r) => r.latencies));
      const spread = summarize(rs.flatMap((r) => r.spreads));
      const first = summarize(rs.flatMap((r) => r.firstReceipt));
      return { layout: l, rounds: rs, lat, spread, first };
    });
    rows.push([`(b) delivery`, `${subscribers} subscribers of one job, live events SUMMARIZE..DONE, ${rounds} job(s) per layout${withFir ? ', selecting fir { id status }' : ''}`]);
    for (const x of byLayout) {
      const incomplete = x.rounds.reduce((s, r) => s + r.incomplete, 0);
      rows.push(
        [`  ${x.layout.name}`, `${x.lat.n} deliveries (${x.rounds.length} jobs: ${x.rounds.map((r) => `${r.finalStatus} after ${r.events} events`).join(', ')}); subscribe phase ${x.rounds.map((r) => ms(r.setupMs, 0)).join(', ')}; incomplete/out-of-order subscriptions ${incomplete}`],
        ['    at -> receive', `${fmtLatency(x.lat)}  (target p99 < ${TARGET_P99} ms: ${x.lat.p99 < TARGET_P99 ? 'OK' : 'ABOVE TARGET'})`],
        ['    first subscriber', fmtLatency(x.first)],
        ['    spread after first', fmtLatency(x.spread)],
        ['    gateway CPU', `${x.rounds.map((r) => ms(r.gatewayCpuMs, 0)).join(', ')} per job run (release -> all complete), i.e. ${ms(x.rounds.reduce((t, r) => t + r.gatewayCpuMs, 0) / x.lat.n, 3)} per delivery incl. the job's own work`],
        ['    p99 per stage', Object.entries(x.rounds[0]!.perStage).map(([k, v]) => `${k} ${v}`).join(', ')],
      );
    }
    if (byLayout.length === 2) {
      const [x, y] = byLayout as [(typeof byLayout)[0], (typeof byLayout)[0]];
      rows.push(['  ratio', `${y.layout.name} / ${x.layout.name}: p50 ${(y.lat.p50 / x.lat.p50).toFixed(2)}x, p99 ${(y.lat.p99 / x.lat.p99).toFixed(2)}x`]);
    }
    json.delivery = {
      gatewayCpuMs: b.gatewayCpuMs,
      target: { p99Ms: TARGET_P99 },
      layouts: byLayout.map((x) => ({
        layout: x.layout,
        atToReceive: rounded({ ...x.lat }),
        firstSubscriber: rounded({ ...x.first }),
        spreadAfterFirst: rounded({ ...x.spread }),
        rounds: x.rounds.map(({ latencies, spreads, firstReceipt, ...r }) => ({ ...r, setupMs: Math.round(r.setupMs), latency: rounded({ ...summarize(latencies) }) })),
      })),
      gatewayOutput: b.gatewayOutput,
    };
  }
  json.clientProcess = clientStats;
  json.finishedAt = new Date().toISOString();
  const file = writeResult('subscriptions', json);
  rows.push(['results', file]);
  printBlock('bench:subscriptions summary', rows);
});
