/**
 * Generation-job benchmark: submit latency, submit -> pickup latency and end-to-end time of FIR
 * generation jobs run by the gateway's in-process worker with the built-in drafter.
 *
 *   npm run bench:jobs [-- --jobs 300 --concurrency 20 --idle-jobs 50]
 *   npm run bench:jobs -- --database-url mysql://root@127.0.0.1:3306/afirgen_bench_jobs \
 *        --jobs-database-url postgres://postgres@127.0.0.1:5432/afirgen_jobs_test --redis-url redis://127.0.0.1:6379/14
 *
 * Two phases against one gateway, side by side:
 *  1. "worker idle": --idle-jobs jobs one at a time (submit, wait until it ended, pause), so the
 *     worker is idle when each job arrives and LISTEN/NOTIFY -- not the polling interval --
 *     decides the pickup time. This is the figure the pickup target (p50 < 50 ms) is about.
 *  2. "under load": --jobs jobs submitted by --concurrency closed-loop HTTP clients as fast as the
 *     gateway accepts them; pickup then includes the time spent queued behind other jobs.
 *
 * Per job: submit latency (HTTP round trip of submitComplaint), pickup = queuedAt -> startedAt
 * (both written by the server: queued_at when the submit transaction starts, started_at when the
 * worker takes the job), run = startedAt -> finishedAt, end-to-end = client submit start ->
 * finishedAt (same machine clock). jobs/s = succeeded jobs / (last finishedAt - first submit).
 * See load/JOBS_AND_SUBSCRIPTIONS.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, get } from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { parseFlags } from '../lib/args.ts';
import { assertLocal, copyEmbedded, DEFAULT_JOBS_DATABASE_URL } from '../lib/db.ts';
import { onCleanup, runBounded, startGateway } from '../lib/gateway.ts';
import { GraphqlClient } from '../lib/graphql.ts';
import { log, machineInfo, printBlock, writeResult } from '../lib/report.ts';
import { fmtLatency, type LatencySummary, ms, rounded, summarize } from '../lib/stats.ts';
import { epochNow } from '../lib/ws.ts';

const flags = parseFlags('usage: npm run bench:jobs -- [flags]', {
  jobs: { type: 'string', default: '300', help: 'jobs in the load phase' },
  concurrency: { type: 'string', default: '20', help: 'concurrent submitting HTTP clients in the load phase (closed loop)' },
  'idle-jobs': { type: 'string', default: '50', help: 'jobs in the worker-idle phase (one at a time; 0 skips it)' },
  'idle-pause-ms': { type: 'string', default: '300', help: 'pause after a job ended before the next one is submitted (worker-idle phase)' },
  warmup: { type: 'string', default: '5', help: 'unmeasured jobs run one at a time first' },
  'worker-concurrency': { type: 'string', default: '2', help: 'WORKER_CONCURRENCY of the in-process worker' },
  'poll-seconds': { type: 'string', default: '2', help: 'JOB_POLL_SECONDS (pg-boss polling interval; NOTIFY should make it irrelevant)' },
  'data-dir': { type: 'string', help: 'embedded: start from a temp copy of this PGlite directory (e.g. made by `DATA_DIR=dir npm run seed -- --firs 300 --seed 42`) instead of seeding a fresh one' },
  'database-url': { type: 'string', help: 'data database (MySQL/MariaDB or PostgreSQL, 127.0.0.1 only); default: a fresh embedded PGlite' },
  'jobs-database-url': { type: 'string', help: `PostgreSQL for pg-boss (required with MySQL; default ${DEFAULT_JOBS_DATABASE_URL} then)` },
  'redis-url': { type: 'string', help: 'REDIS_URL for event pub/sub (127.0.0.1 only)' },
  'pgboss-schema': { type: 'string', default: 'pgboss_bench_jobs', help: 'PGBOSS_SCHEMA when a jobs database URL is used' },
  'idle-poll-ms': { type: 'string', default: '100', help: 'status poll interval while waiting for a job in the worker-idle phase' },
  'probe-ms': { type: 'string', default: '25', help: 'worker-idle phase: GET /health every this many ms to see how long the gateway stops answering while a job runs (0: off)' },
  'max-wait': { type: 'string', default: '300', help: 'load phase: stop waiting for the backlog this many seconds after the last submit (the rest counts as failed)' },
  'status-poll-ms': { type: 'string', default: '250', help: 'how often the load phase polls job statuses (nodes(ids:), 100 per request)' },
  timeout: { type: 'string', default: '1800', help: 'abort the whole run after this many seconds' },
});

const PICKUP_TARGET_MS = 50;

const SUBMIT = /* GraphQL */ `
  mutation BenchSubmit($input: SubmitComplaintInput!) {
    submitComplaint(input: $input) { job { id } }
  }
`;

/** cheap status poll (up to 100 ids) */
const STATUSES = /* GraphQL */ `
  query BenchStatuses($ids: [ID!]!) { nodes(ids: $ids) { ... on GenerationJob { id status } } }
`;

/** the times of ended jobs, fetched once (up to 100 ids) */
const TIMES = /* GraphQL */ `
  query BenchTimes($ids: [ID!]!) {
    nodes(ids: $ids) { ... on GenerationJob { id status attempts queuedAt startedAt finishedAt events { seq at stage } } }
  }
`;

const TEXTS = /* GraphQL */ `
  query BenchTexts($after: String) {
    firs(first: 100, after: $after) {
      pageInfo { endCursor hasNextPage }
      edges { node { station { id } complaint { source language text } } }
    }
  }
`;

/** used when the database has no text complaints to borrow (e.g. an unseeded external database) */
const FALLBACK_TEXTS: Array<{ language: string; text: string }> = [
  { language: 'en', text: 'Sir, my name is Ramesh Kumar and I live at 14 Gandhi Nagar. On 12 March at about 9 pm two men on a black motorcycle snatched my wife\'s gold chain near the bus stand and fled towards the highway. Please register my complaint. My number is 98xxxxxx10.' },
  { language: 'en', text: 'To the SHO, I wish to report that my mobile phone (Samsung Galaxy A52, black) was stolen from my bag in the crowded market near the railway station yesterday evening between 6 and 7 pm. IMEI available. Kindly register an FIR.' },
  { language: 'en', text: 'Respected Sir, an unknown caller claiming to be from my bank asked for an OTP and Rs 48,500 was debited from my SBI account in three UPI transactions on 3 April. I request you to register a case of online fraud and help recover the money.' },
  { language: 'en', text: 'I, Sunita Devi, report that my neighbour Mahesh entered my house on Sunday night, abused me, beat my son with a stick and threatened to kill us if we complained. My son has injuries on his arm. Please take action.' },
  { language: 'hi', text: 'सेवा में, श्रीमान थानाध्यक्ष महोदय, निवेदन है कि कल रात लगभग 11 बजे अज्ञात चोरों ने मेरे घर का ताला तोड़कर अलमारी से सोने के गहने और 25,000 रुपये नकद चुरा लिए। कृपया रिपोर्ट दर्ज कर उचित कार्रवाई करें।' },
  { language: 'hi', text: 'महोदय, मेरी मोटरसाइकिल हीरो स्प्लेंडर (काले रंग की) बाजार के पास खड़ी थी, जिसे कोई अज्ञात व्यक्ति 5 तारीख की शाम चोरी करके ले गया। कृपया प्रथम सूचना रिपोर्ट दर्ज करने की कृपा करें।' },
  { language: 'hi', text: 'श्रीमान जी, मेरे पड़ोसी ने जमीन के विवाद में मुझे गाली दी, लाठी से मारा और जान से मारने की धमकी दी। मेरे सिर में चोट आई है। कृपया कानूनी कार्रवाई करें।' },
];

interface JobTimes {
  id: string;
  status: string;
  attempts: number;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  events: Array<{ seq: number; at: string; stage: string }>;
}

interface JobSample {
  /** client clock (epoch ms) when the submit request was sent */
  submitStart: number;
  submitMs: number;
  id: string;
  times?: JobTimes;
}

interface PhaseResult {
  jobs: number;
  succeeded: number;
  notSucceeded: Array<{ id: string; status: string }>;
  submit: LatencySummary;
  pickup: LatencySummary;
  run: LatencySummary;
  endToEnd: LatencySummary;
  /** queuedAt -> finishedAt (server clock only) */
  endToEndServer: LatencySummary;
  /** pickup split at the QUEUED event's `at` (written inside the submit transaction, before the enqueue and commit) */
  pickupSplit: { queuedToEvent: LatencySummary; eventToStarted: LatencySummary };
  /** startedAt -> the first stage event (SUMMARIZE for text) */
  firstStage: LatencySummary;
  /** jobs whose submit response reached the client after the worker had started / finished them */
  responseAfterStarted: number;
  responseAfterFinished: number;
  wallS: number;
  jobsPerSec: number;
  submitsPerSec: number;
  retried: number;
}

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);
const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));

function analyse(samples: JobSample[]): PhaseResult {
  const done = samples.filter((s) => s.times?.status === 'SUCCEEDED' && s.times.startedAt && s.times.finishedAt);
  const t = (iso: string) => Date.parse(iso);
  const firstSubmit = Math.min(...samples.map((s) => s.submitStart));
  const lastSubmitEnd = Math.max(...samples.map((s) => s.submitStart + s.submitMs));
  const lastDone = Math.max(...done.map((s) => t(s.times!.finishedAt!)));
  const wallS = (lastDone - firstSubmit) / 1000;
  return {
    jobs: samples.length,
    succeeded: done.length,
    notSucceeded: samples.filter((s) => s.times?.status !== 'SUCCEEDED').map((s) => ({ id: s.id, status: s.times?.status ?? 'unknown' })),
    submit: summarize(samples.map((s) => s.submitMs)),
    pickup: summarize(done.map((s) => t(s.times!.startedAt!) - t(s.times!.queuedAt))),
    run: summarize(done.map((s) => t(s.times!.finishedAt!) - t(s.times!.startedAt!))),
    endToEnd: summarize(done.map((s) => t(s.times!.finishedAt!) - s.submitStart)),
    endToEndServer: summarize(done.map((s) => t(s.times!.finishedAt!) - t(s.times!.queuedAt))),
    wallS,
    jobsPerSec: done.length / wallS,
    submitsPerSec: samples.length / ((lastSubmitEnd - firstSubmit) / 1000),
    retried: samples.filter((s) => (s.times?.attempts ?? 0) > 1).length,
    pickupSplit: {
      queuedToEvent: summarize(done.map((s) => t(eventAt(s, 1)) - t(s.times!.queuedAt))),
      eventToStarted: summarize(done.map((s) => t(s.times!.startedAt!) - t(eventAt(s, 1)))),
    },
    firstStage: summarize(done.map((s) => t(eventAt(s, 2)) - t(s.times!.startedAt!))),
    responseAfterStarted: done.filter((s) => s.submitStart + s.submitMs > t(s.times!.startedAt!)).length,
    responseAfterFinished: done.filter((s) => s.submitStart + s.submitMs > t(s.times!.finishedAt!)).length,
  };
}

function eventAt(s: JobSample, seq: number): string {
  const e = s.times!.events.find((x) => x.seq === seq);
  if (!e) throw new Error(`job ${s.id} has no event ${seq}`);
  return e.at;
}

/** The full times of ended jobs, 100 per request. */
async function fetchTimes(client: GraphqlClient, samples: JobSample[]): Promise<void> {
  for (let i = 0; i < samples.length; i += 100) {
    const chunk = samples.slice(i, i + 100);
    const r: any = await client.ok(TIMES, { ids: chunk.map((s) => s.id) });
    const byId = new Map((r.body.data.nodes as JobTimes[]).filter(Boolean).map((j) => [j.id, j]));
    for (const s of chunk) s.times = byId.get(s.id);
  }
}

await runBounded(flags.int('timeout', 10, 86_400) * 1000, async () => {
  const jobs = flags.int('jobs', 1, 100_000);
  const concurrency = flags.int('concurrency', 1, 1000);
  const idleJobs = flags.int('idle-jobs', 0, 10_000);
  const idlePauseMs = flags.int('idle-pause-ms', 0, 60_000);
  const warmup = flags.int('warmup', 0, 1000);
  const workerConcurrency = flags.int('worker-concurrency', 1, 64);
  const statusPollMs = flags.int('status-poll-ms', 10, 10_000);
  const idlePollMs = flags.int('idle-poll-ms', 10, 10_000);
  const probeMs = flags.int('probe-ms', 0, 10_000);
  const maxWaitS = flags.int('max-wait', 5, 86_400);
  const pollSeconds = flags.str('poll-seconds') ?? '2';
  const databaseUrl = flags.str('database-url');
  const redisUrl = flags.str('redis-url');
  const startedAt = new Date();
  const machine = machineInfo();

  // ---- gateway env ---------------------------------------------------------------------------
  const env: Record<string, string> = {
    RUN_WORKER: 'true',
    WORKER_CONCURRENCY: String(workerConcurrency),
    JOB_POLL_SECONDS: pollSeconds,
    SEED_DEMO: 'true',
    EXPOSE_SQL_COUNT: 'false',
  };
  let database: string;
  if (databaseUrl) {
    assertLocal(databaseUrl);
    env.DATABASE_URL = databaseUrl;
    let jobsUrl = flags.str('jobs-database-url');
    if (!jobsUrl && databaseUrl.startsWith('mysql')) jobsUrl = DEFAULT_JOBS_DATABASE_URL;
    if (jobsUrl) {
      assertLocal(jobsUrl);
      env.JOBS_DATABASE_URL = jobsUrl;
      env.PGBOSS_SCHEMA = flags.str('pgboss-schema')!;
    }
    database = `${redact(databaseUrl)}${jobsUrl ? `, pg-boss ${redact(jobsUrl)} schema ${env.PGBOSS_SCHEMA}` : ''}`;
  } else if (flags.str('data-dir')) {
    const target = copyEmbedded(flags.str('data-dir')!);
    if (target.kind !== 'embedded') throw new Error('unreachable');
    env.DATA_DIR = target.dataDir;
    database = `embedded PGlite (${target.source}) in ${target.dataDir}; pg-boss in the same PGlite`;
  } else {
    const dataDir = mkdtempSync(join(os.tmpdir(), 'afirgen-bench-jobs-'));
    onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
    env.DATA_DIR = dataDir;
    database = `embedded PGlite (fresh, SEED_DEMO) in ${dataDir}; pg-boss in the same PGlite`;
  }
  if (redisUrl) {
    assertLocal(redisUrl);
    env.REDIS_URL = redisUrl;
  }
  const pubsub = redisUrl ? `Redis ${redact(redisUrl)}` : 'in-process';
  log(`database: ${database}; pub/sub ${pubsub}`);

  const t0 = performance.now();
  const gw = await startGateway({ env, readyTimeoutMs: 300_000 });
  log(`gateway pid ${gw.child.pid} ready on ${gw.origin} in ${ms(performance.now() - t0, 0)} (worker concurrency ${workerConcurrency})`);
  const control = new GraphqlClient(gw.graphqlUrl);

  // ---- complaint texts: borrowed from the seeded FIRs (English and Hindi), else built-in -------
  const inputs: Array<{ stationId: string; language: string; text: string }> = [];
  const stations = new Set<string>();
  let after: string | null = null;
  for (let page = 0; page < 5; page++) {
    const r: any = await control.ok(TEXTS, { after });
    for (const e of r.body.data.firs.edges) {
      const c = e.node.complaint;
      stations.add(e.node.station.id);
      if (c.source === 'TEXT' && c.text && (c.language === 'en' || c.language === 'hi')) {
        inputs.push({ stationId: e.node.station.id, language: c.language, text: c.text });
      }
    }
    if (!r.body.data.firs.pageInfo.hasNextPage) break;
    after = r.body.data.firs.pageInfo.endCursor;
  }
  if (stations.size === 0) throw new Error('the database has no police stations: seed it (SEED_DEMO=true on an empty database does)');
  if (inputs.length < 10) {
    const list = [...stations];
    FALLBACK_TEXTS.forEach((f, i) => inputs.push({ stationId: list[i % list.length]!, ...f }));
  }
  const languages = inputs.reduce<Record<string, number>>((m, x) => ((m[x.language] = (m[x.language] ?? 0) + 1), m), {});
  log(`${inputs.length} distinct complaint texts (${Object.entries(languages).map(([k, v]) => `${k} ${v}`).join(', ')}) over ${new Set(inputs.map((i) => i.stationId)).size} stations`);
  let nextInput = 0;
  const input = (i: number) => {
    const x = inputs[nextInput++ % inputs.length]!;
    // vary the text a little so no two submissions are identical
    const suffix = x.language === 'hi' ? ` (शिकायत क्रमांक ${i + 1})` : ` (Ref. ${i + 1})`;
    return { stationId: x.stationId, language: x.language, text: x.text + suffix, priority: 'NORMAL' };
  };

  const submit = async (client: GraphqlClient, i: number): Promise<JobSample> => {
    const submitStart = epochNow();
    const r: any = await client.post(SUBMIT, { input: input(i) });
    if (r.status !== 200 || r.body.errors?.length || !r.body.data?.submitComplaint) {
      throw new Error(`submitComplaint failed (HTTP ${r.status}): ${JSON.stringify(r.body.errors ?? r.body).slice(0, 400)}`);
    }
    return { submitStart, submitMs: r.ms, id: r.body.data.submitComplaint.job.id };
  };
  const waitEnded = async (client: GraphqlClient, id: string, pollMs: number, timeoutMs = 120_000): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await sleep(pollMs);
      const r: any = await client.ok(STATUSES, { ids: [id] });
      const status = r.body.data.nodes[0]?.status as string;
      if (TERMINAL.has(status)) return;
      if (Date.now() > deadline) throw new Error(`job ${id} still ${status} after ${timeoutMs} ms`);
    }
  };

  // ---- warm-up (JIT, caches, pg-boss queue cache) ---------------------------------------------
  let seq = 0;
  if (warmup > 0) {
    for (let i = 0; i < warmup; i++) {
      const s = await submit(control, seq++);
      await waitEnded(control, s.id, 50);
    }
    log(`warm-up: ${warmup} jobs`);
  }

  // ---- phase 1: worker idle ------------------------------------------------------------------
  let idle: PhaseResult | null = null;
  let healthProbe: LatencySummary | null = null;
  /** gateway CPU per job in the worker-idle phase (submit + run + status polls), ms */
  let idleCpuPerJob = Number.NaN;
  const idleSamples: JobSample[] = [];
  if (idleJobs > 0) {
    log(`worker-idle phase: ${idleJobs} jobs one at a time, ${idlePauseMs} ms pause after each ended`);
    const cpu0 = gw.cpuTimeMs();
    const probe = probeMs > 0 ? startProbe(`${gw.origin}/health`, probeMs) : null;
    for (let i = 0; i < idleJobs; i++) {
      await sleep(idlePauseMs);
      const s = await submit(control, seq++);
      // first status poll --idle-poll-ms after the response: pickup normally happens before that,
      // so the poll does not compete with it for the (embedded, single-connection) database
      await waitEnded(control, s.id, idlePollMs);
      idleSamples.push(s);
    }
    healthProbe = (await probe?.stop()) ?? null;
    await fetchTimes(control, idleSamples);
    idle = analyse(idleSamples);
    const cpu1 = gw.cpuTimeMs();
    if (cpu0 !== null && cpu1 !== null) idleCpuPerJob = (cpu1 - cpu0) / idleJobs;
    log(`worker idle: pickup ${fmtLatency(idle.pickup)}${cpu0 !== null && cpu1 !== null ? `; gateway CPU ${ms((cpu1 - cpu0) / idleJobs)}/job` : ''}`);
  }

  // ---- phase 2: under load -------------------------------------------------------------------
  log(`load phase: ${jobs} jobs, ${concurrency} concurrent submitters`);
  const loadSamples: JobSample[] = [];
  const pending = new Map<string, JobSample>();
  let submitting = true;
  let stopPolling = false;
  let submitErrors = 0;
  const firstError: string[] = [];
  const cpuLoad0 = gw.cpuTimeMs();
  const poller = (async () => {
    const client = new GraphqlClient(gw.graphqlUrl);
    try {
      while (!stopPolling && (submitting || pending.size > 0)) {
        await sleep(statusPollMs);
        const ids = [...pending.keys()];
        for (let i = 0; i < ids.length; i += 100) {
          const r: any = await client.ok(STATUSES, { ids: ids.slice(i, i + 100) });
          for (const j of r.body.data.nodes as Array<{ id: string; status: string } | null>) {
            if (j && TERMINAL.has(j.status)) pending.delete(j.id);
          }
        }
      }
    } finally {
      client.close();
    }
  })();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, jobs) }, async () => {
      const client = new GraphqlClient(gw.graphqlUrl);
      try {
        while (next < jobs) {
          const i = next++;
          try {
            const s = await submit(client, seq + i);
            loadSamples.push(s);
            pending.set(s.id, s);
          } catch (err) {
            submitErrors++;
            if (firstError.length < 3) firstError.push((err as Error).message);
          }
        }
      } finally {
        client.close();
      }
    }),
  );
  seq += jobs;
  submitting = false;
  const lastSubmitEnd = epochNow();
  log(`submitted ${loadSamples.length} jobs (${submitErrors} errors); waiting up to ${maxWaitS} s for ${pending.size} to end`);
  const waitTimer = setInterval(() => log(`  ${pending.size} jobs not ended yet`), 15_000);
  let pollerError: unknown = null;
  void poller.catch((err) => (pollerError = err));
  while (pending.size > 0 && !pollerError && epochNow() - lastSubmitEnd < maxWaitS * 1000) await sleep(250);
  clearInterval(waitTimer);
  stopPolling = true;
  await poller;
  const waitedS = (epochNow() - lastSubmitEnd) / 1000;
  const stillPending = pending.size;
  if (stillPending) log(`gave up waiting: ${stillPending} jobs had not ended ${waitedS.toFixed(0)} s after the last submit`);
  const cpuLoad1 = gw.cpuTimeMs();
  await fetchTimes(control, loadSamples);
  const load = analyse(loadSamples);
  // how fast the backlog left after the last submit drained (server finish times)
  const endedAfterSubmits = loadSamples.filter((x) => x.times?.finishedAt && Date.parse(x.times.finishedAt) > lastSubmitEnd).length;
  const capacity = workerConcurrency / (((idle ?? load).run.p50 || Number.NaN) / 1000);
  const drain = { backlogAtLastSubmit: endedAfterSubmits + stillPending, endedAfterLastSubmit: endedAfterSubmits, stillPending, waitedS, jobsPerSec: endedAfterSubmits / waitedS };
  const cpuPerJob = cpuLoad0 !== null && cpuLoad1 !== null ? (cpuLoad1 - cpuLoad0) / loadSamples.length : Number.NaN;
  log(`under load: ${load.jobsPerSec.toFixed(2)} jobs/s; pickup ${fmtLatency(load.pickup)}`);

  control.close();
  const output = gw.output();
  await gw.stop();

  // ---- summary -------------------------------------------------------------------------------
  const verdict = (v: number) => (v < PICKUP_TARGET_MS ? 'OK' : 'ABOVE TARGET');
  const rows: Array<[string, string]> = [
    ['database', database],
    ['pub/sub', pubsub],
    ['machine', `${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memGiB} GiB, node ${machine.node}, commit ${machine.commit ?? '?'}${machine.dirty ? ' (src dirty)' : ''}, load avg before run ${machine.loadavg.join(' ')}`],
    ['worker', `in-process, WORKER_CONCURRENCY=${workerConcurrency}, JOB_POLL_SECONDS=${pollSeconds}, built-in drafter`],
  ];
  if (idle) {
    rows.push(
      [`worker idle (${idleJobs} jobs, one at a time)`, ''],
      ['  pickup queued->started', `${fmtLatency(idle.pickup)}  (target p50 < ${PICKUP_TARGET_MS} ms: ${verdict(idle.pickup.p50)})`],
      ['    queued->QUEUED event', fmtLatency(idle.pickupSplit.queuedToEvent)],
      ['    QUEUED event->started', `${fmtLatency(idle.pickupSplit.eventToStarted)}  (enqueue + commit + NOTIFY + fetch + start txn)`],
      ['  submit (HTTP)', fmtLatency(idle.submit)],
      ['  run started->finished', fmtLatency(idle.run)],
      ['    started->first stage event', fmtLatency(idle.firstStage)],
      ['  end-to-end submit->DONE', fmtLatency(idle.endToEnd)],
      ['  submit response after start/DONE', `${idle.responseAfterStarted} / ${idle.responseAfterFinished} of ${idle.succeeded} jobs (the HTTP answer reached the client after the worker had started / finished the job)`],
      ['  not succeeded / retried', `${idle.notSucceeded.length} / ${idle.retried}`],
    );
    if (healthProbe) {
      rows.push(['  GET /health meanwhile', `${fmtLatency(healthProbe)}  (one probe every ${probeMs} ms; a high max = the gateway stopped answering while a job ran)`]);
    }
  }
  rows.push(
    [`under load (${jobs} jobs, ${concurrency} submitters)`, ''],
    ['  jobs/s', `${load.jobsPerSec.toFixed(2)} (${load.succeeded} succeeded in ${load.wallS.toFixed(1)} s from first submit to last DONE); submits/s ${load.submitsPerSec.toFixed(1)}`],
    ['  submit (HTTP)', fmtLatency(load.submit)],
    ['  pickup queued->started', fmtLatency(load.pickup)],
    ['    queued->QUEUED event', fmtLatency(load.pickupSplit.queuedToEvent)],
    ['    QUEUED event->started', fmtLatency(load.pickupSplit.eventToStarted)],
    ['  run started->finished', fmtLatency(load.run)],
    ['  end-to-end submit->DONE', fmtLatency(load.endToEnd)],
    ['  backlog after last submit', `${drain.backlogAtLastSubmit} jobs: ${drain.endedAfterLastSubmit} ended in the next ${drain.waitedS.toFixed(1)} s (${drain.jobsPerSec.toFixed(2)} jobs/s)${drain.stillPending ? `, ${drain.stillPending} still not ended (gave up after --max-wait ${maxWaitS} s)` : ''}`],
    ['  worker capacity', `${capacity.toFixed(2)} jobs/s = WORKER_CONCURRENCY / median run time${idle ? ' (worker-idle phase)' : ''}${Number.isFinite(idleCpuPerJob) ? `; ${(1000 / idleCpuPerJob).toFixed(2)} jobs/s = one event loop / gateway CPU per job (${ms(idleCpuPerJob, 1)}, worker-idle phase)` : ''}; observed drain / min(capacity) = ${(drain.jobsPerSec / Math.min(capacity, Number.isFinite(idleCpuPerJob) ? 1000 / idleCpuPerJob : Infinity)).toFixed(3)}`],
    ['  gateway CPU / job', `${ms(cpuPerJob)} (user+system of the gateway process, submit + run + polling)`],
    ['  failures', `submit errors ${submitErrors}, not succeeded ${load.notSucceeded.length} (${Object.entries(load.notSucceeded.reduce<Record<string, number>>((m, x) => ((m[x.status] = (m[x.status] ?? 0) + 1), m), {})).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}), retried ${load.retried}`],
  );
  if (idle) {
    rows.push(
      ['ratios load/idle (p50)', `submit ${(load.submit.p50 / idle.submit.p50).toFixed(2)}x, pickup ${(load.pickup.p50 / idle.pickup.p50).toFixed(1)}x, run ${(load.run.p50 / idle.run.p50).toFixed(2)}x, end-to-end ${(load.endToEnd.p50 / idle.endToEnd.p50).toFixed(1)}x`],
    );
  }
  const r = (s: LatencySummary) => rounded({ ...s });
  const phase = (p: PhaseResult) => ({
    ...p,
    submit: r(p.submit),
    pickup: r(p.pickup),
    run: r(p.run),
    endToEnd: r(p.endToEnd),
    endToEndServer: r(p.endToEndServer),
    pickupSplit: { queuedToEvent: r(p.pickupSplit.queuedToEvent), eventToStarted: r(p.pickupSplit.eventToStarted) },
    firstStage: r(p.firstStage),
    wallS: Math.round(p.wallS * 100) / 100,
    jobsPerSec: Math.round(p.jobsPerSec * 100) / 100,
    submitsPerSec: Math.round(p.submitsPerSec * 10) / 10,
  });
  const file = writeResult('jobs', {
    bench: 'jobs',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    database,
    pubsub,
    machine,
    options: { jobs, concurrency, idleJobs, idlePauseMs, idlePollMs, probeMs, maxWaitS, warmup, workerConcurrency, pollSeconds, statusPollMs },
    target: { idlePickupP50Ms: PICKUP_TARGET_MS, met: idle ? idle.pickup.p50 < PICKUP_TARGET_MS : null },
    idle: idle ? { ...phase(idle), gatewayCpuMsPerJob: Math.round(idleCpuPerJob * 100) / 100, healthProbe: healthProbe ? rounded({ ...healthProbe }) : null } : null,
    load: { ...phase(load), capacityJobsPerSec: Math.round(capacity * 100) / 100, drain: { ...drain, waitedS: Math.round(drain.waitedS * 10) / 10, jobsPerSec: Math.round(drain.jobsPerSec * 1000) / 1000 }, submitErrors, firstErrors: firstError, gatewayCpuMsPerJob: Math.round(cpuPerJob * 100) / 100 },
    // raw per-job times, for re-analysis
    samples: {
      idle: idleSamples.map(raw),
      load: loadSamples.map(raw),
    },
    gatewayOutput: output ? output.split('\n').slice(-20) : [],
  });
  rows.push(['results', file]);
  printBlock('bench:jobs summary', rows);
  if (submitErrors > 0 || load.notSucceeded.length > 0 || (idle && idle.notSucceeded.length > 0)) {
    throw new Error(`failures: ${submitErrors} submit errors, ${load.notSucceeded.length + (idle?.notSucceeded.length ?? 0)} jobs not succeeded ${firstError.join(' | ')}`);
  }
});

/**
 * GET `url` every `everyMs` on one kept-alive socket (the next probe waits for the previous
 * answer), keeping every response time: a gateway whose event loop is held shows up as a long one.
 */
function startProbe(url: string, everyMs: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const t = performance.now();
      await new Promise<void>((resolve) => {
        const req = get(url, { agent, timeout: 30_000 }, (res) => {
          res.resume();
          res.on('end', () => resolve());
          res.on('error', () => resolve());
        });
        req.on('error', () => resolve());
        req.on('timeout', () => req.destroy());
      });
      times.push(performance.now() - t);
      await sleep(Math.max(0, everyMs - (performance.now() - t)));
    }
  })();
  return {
    async stop(): Promise<LatencySummary> {
      running = false;
      await done;
      agent.destroy();
      return summarize(times);
    },
  };
}

function raw(s: JobSample) {
  return {
    id: s.id,
    submitStart: new Date(s.submitStart).toISOString(),
    submitMs: Math.round(s.submitMs * 100) / 100,
    status: s.times?.status,
    attempts: s.times?.attempts,
    queuedAt: s.times?.queuedAt,
    startedAt: s.times?.startedAt,
    finishedAt: s.times?.finishedAt,
    events: s.times?.events.map((e) => [e.seq, e.stage, e.at]),
  };
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable url>';
  }
}
