/**
 * Persisted operations benchmark: requests/s of the FirList query (schema/operations/fir-list.graphql,
 * 20 FIRs) sent as full text versus by document id from the committed manifest, response cache
 * off, on one gateway in one run. The two kinds alternate round by round (text, id, text, id, ...)
 * so drift on a shared machine hits both alike; the ratio is of the summed requests.
 *
 *   npm run bench:persisted [-- --rounds 6 --round 8 --connections 20 --firs 2000]
 *
 * See load/README.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFlags } from '../lib/args.ts';
import { copyEmbedded, describeTarget, gatewayEnv, prepareEmbedded, type Target } from '../lib/db.ts';
import { REPO_ROOT, runBounded, startGateway } from '../lib/gateway.ts';
import { type LoadResult, runLoad } from '../lib/load.ts';
import { log, machineInfo, printBlock, writeResult } from '../lib/report.ts';
import { fmtLatency } from '../lib/stats.ts';
import { AUTH_HEADERS } from '../lib/auth.ts';

const flags = parseFlags('usage: npm run bench:persisted -- [flags]', {
  firs: { type: 'string', default: '2000', help: 'FIRs to seed into the embedded database' },
  'data-dir': { type: 'string', help: 'use a temp copy of this already seeded PGlite directory instead of seeding' },
  seed: { type: 'string', default: '1', help: 'seed for the embedded data set' },
  connections: { type: 'string', default: '20', help: 'concurrent connections' },
  rounds: { type: 'string', default: '6', help: 'rounds per kind (text and id alternate)' },
  round: { type: 'string', default: '8', help: 'seconds per round' },
  warmup: { type: 'string', default: '5', help: 'warm-up seconds per kind (not measured)' },
  first: { type: 'string', default: '20', help: 'page size of the FirList query' },
  timeout: { type: 'string', default: '1800', help: 'abort the whole run after this many seconds' },
});

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'schema/generated/persisted-documents.json'), 'utf8')) as Record<string, string>;
const [documentId, text] = Object.entries(manifest).find(([, t]) => /\bquery FirList\b/.test(t)) ?? [];
if (!documentId || !text) throw new Error('FirList is not in schema/generated/persisted-documents.json');

await runBounded(flags.int('timeout', 10, 86_400) * 1000, async () => {
  const connections = flags.int('connections', 1, 10_000);
  const rounds = flags.int('rounds', 1, 100);
  const round = flags.int('round', 1, 600);
  const warmup = flags.int('warmup', 0, 600);
  const first = flags.int('first', 1, 100);
  const machine = machineInfo();

  const target: Target = flags.str('data-dir')
    ? copyEmbedded(flags.str('data-dir')!)
    : await prepareEmbedded({ firs: flags.int('firs', 200, 10_000_000), seed: flags.int('seed', 0, 0xffffffff) });
  log(`database: ${describeTarget(target)}`);
  const gw = await startGateway({ env: { ...gatewayEnv(target), RUN_WORKER: 'false', RESPONSE_CACHE: 'false', EXPOSE_SQL_COUNT: 'false' } });
  log(`gateway pid ${gw.child.pid} on ${gw.origin}`);

  const variables = { first };
  const kinds = {
    text: { query: text, variables },
    id: { documentId, variables },
  } as const;
  // Both kinds must answer the same page.
  const answers: string[] = [];
  for (const body of Object.values(kinds)) {
    const res = await fetch(gw.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...AUTH_HEADERS }, body: JSON.stringify(body) });
    const json = (await res.json()) as { data?: { firs: { edges: unknown[] } }; errors?: unknown };
    if (res.status !== 200 || json.errors || json.data?.firs.edges.length !== first) throw new Error(`sample failed: ${JSON.stringify(json).slice(0, 500)}`);
    answers.push(JSON.stringify(json.data));
  }
  if (answers[0] !== answers[1]) throw new Error('text and id answered differently');
  log(`request bodies: text ${JSON.stringify(kinds.text).length} B, id ${JSON.stringify(kinds.id).length} B`);

  if (warmup > 0) {
    for (const [name, body] of Object.entries(kinds)) {
      log(`warm-up ${name}: ${warmup} s`);
      await runLoad({ url: gw.graphqlUrl, body, connections, duration: warmup });
    }
  }

  const results: Record<keyof typeof kinds, LoadResult[]> = { text: [], id: [] };
  for (let i = 0; i < rounds; i++) {
    // Alternate which kind goes first too, so neither always follows the other.
    const order: Array<keyof typeof kinds> = i % 2 === 0 ? ['text', 'id'] : ['id', 'text'];
    for (const name of order) {
      const r = await runLoad({ url: gw.graphqlUrl, body: kinds[name], connections, duration: round });
      if (r.errors || r.non2xx || r.badBodies) throw new Error(`${name} round ${i + 1}: ${r.errors} errors, ${r.non2xx} non-2xx, ${r.badBodies} bad bodies; gateway ${gw.child.exitCode === null && gw.child.signalCode === null ? "running" : `exited (${gw.child.exitCode ?? gw.child.signalCode})`}:\n${gw.output()}`);
      results[name].push(r);
      log(`round ${i + 1} ${name.padEnd(4)} ${r.requestsPerSec.toFixed(1)} req/s`);
    }
  }

  const total = (rs: LoadResult[]) => {
    const requests = rs.reduce((n, r) => n + r.requests, 0);
    const seconds = rs.reduce((n, r) => n + r.durationS, 0);
    return { requests, seconds, rps: requests / seconds };
  };
  const t = total(results.text);
  const p = total(results.id);
  const ratio = p.rps / t.rps;
  const perRound = results.id.map((r, i) => r.requestsPerSec / results.text[i]!.requestsPerSec);
  const wins = perRound.filter((x) => x >= 1).length;
  const loadAfter = machineInfo().loadavg;

  printBlock('bench:persisted: FirList as full text vs by document id (response cache off)', [
    ['machine', `${machine.cpus} x ${machine.cpuModel}, ${machine.memGiB} GiB, ${machine.node}, commit ${machine.commit}${machine.dirty ? ' (dirty)' : ''}`],
    ['load average', `before ${machine.loadavg.join(' / ')}, after ${loadAfter.join(' / ')}`],
    ['setup', `${describeTarget(target)}; ${connections} connections; ${rounds} rounds x ${round} s per kind, alternating`],
    ['full text', `${t.rps.toFixed(1)} req/s (${t.requests} requests); rounds ${results.text.map((r) => r.requestsPerSec.toFixed(0)).join(', ')}`],
    ['document id', `${p.rps.toFixed(1)} req/s (${p.requests} requests); rounds ${results.id.map((r) => r.requestsPerSec.toFixed(0)).join(', ')}`],
    ['latency text', fmtLatency(results.text.at(-1)!.latency) + ' (last round)'],
    ['latency id', fmtLatency(results.id.at(-1)!.latency) + ' (last round)'],
    ['id / text', `${ratio.toFixed(3)} (per round ${perRound.map((x) => x.toFixed(2)).join(', ')}; id >= text in ${wins}/${rounds})`],
    ['verdict', ratio >= 1 ? 'persisted path not slower' : ratio >= 0.98 ? 'persisted path within 2 % (noise)' : 'persisted path SLOWER'],
  ]);
  const file = writeResult('persisted', { machine, loadAfter, connections, rounds, round, first, documentId, text: t, id: p, ratio, perRound, results });
  log(`result: ${file}`);
  await gw.stop();
});
