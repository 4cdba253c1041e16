/**
 * `npm run chaos`: every fault of issue 14 injected into a running system of three gateways and a
 * worker (tests/chaos/world.ts) while clients read, write, subscribe and submit jobs. Each
 * scenario: traffic, the fault, the fault healed, traffic, then the checks; it prints one row per
 * scenario (writes acknowledged/lost, jobs lost/duplicated/stuck, stale reads, 5xx, recovery time)
 * and fails on any loss, stale read, uncoded error, 5xx other than a coded 503, or a request that
 * hung past its timeout.
 *
 * The traffic runs on a timeline (seconds of load before, during and after a fault): that is the
 * load being driven, not a wait for a condition; every wait for an outcome is a waitFor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTimeout } from '../helpers/wait.ts';
import { ChaosWorld, failures, type ScenarioReport, table, Workload } from './world.ts';

const reports: ScenarioReport[] = [];
const world = new ChaosWorld();

/** Lets the workload run for `ms` (the scenario's timeline). */
const drive = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Scenario {
  name: string;
  /** injects the fault; returns the heal */
  fault: () => Promise<() => Promise<void>>;
  /** how long the fault lasts */
  holdMs: number;
}

async function run(s: Scenario): Promise<ScenarioReport> {
  const load = new Workload(world);
  await load.start();
  let heal: (() => Promise<void>) | null = null;
  let healedAt = Date.now();
  let recoveryMs: number | null = null;
  try {
    await drive(2_000);
    heal = await s.fault();
    await drive(s.holdMs);
    await heal();
    heal = null;
    healedAt = Date.now();
    recoveryMs = await load.recovered().catch(() => null);
    await drive(2_000);
  } finally {
    if (heal) await heal().catch(() => undefined);
    await load.stop();
  }
  const report = await load.report(s.name, healedAt, recoveryMs);
  await load.dispose();
  reports.push(report);
  console.info(`[chaos] ${s.name}: ${JSON.stringify(report)}`);
  return report;
}

function check(r: ScenarioReport) {
  expect(failures(r), `${r.scenario}: ${failures(r).join(', ')}\n${r.examples.join('\n')}`).toEqual([]);
  expect(r.reads).toBeGreaterThan(0);
  expect(r.writesAcknowledged).toBeGreaterThan(0);
  expect(r.jobsSubmitted).toBeGreaterThan(0);
}

describe('chaos: faults under traffic', () => {
  beforeAll(async () => {
    await world.start();
  });
  afterAll(async () => {
    console.info(`\n[chaos] per scenario:\n${table(reports)}\n`);
    await world.close();
  });

  it('baseline: no fault', async () => {
    const r = await run({ name: 'baseline', holdMs: 2_000, fault: async () => async () => {} });
    check(r);
    // The stale-read check means something only if reads are served from the cache.
    expect(r.cachedReads).toBeGreaterThan(r.reads / 10);
  });

  it('Redis killed and restarted (empty)', async () => {
    const r = await run({
      name: 'redis-restart',
      holdMs: 3_000,
      fault: async () => {
        await world.redis.stop();
        return () => world.redis.start();
      },
    });
    check(r);
  });

  it('one gateway partitioned from Redis', async () => {
    const r = await run({
      name: 'redis-partition-gw3',
      holdMs: 5_000,
      fault: async () => {
        world.redisProxy.partition();
        return async () => world.redisProxy.restore();
      },
    });
    check(r);
  });

  it('Redis flushed twice under traffic', async () => {
    const { Redis } = await import('ioredis');
    const admin = new Redis(world.redis.url);
    try {
      const r = await run({
        name: 'redis-flush',
        holdMs: 3_000,
        fault: async () => {
          await admin.flushall();
          return async () => void (await admin.flushall());
        },
      });
      check(r);
    } finally {
      admin.disconnect();
    }
  });

  it('Redis frozen (SIGSTOP: connections open, no answers)', async () => {
    const r = await run({
      name: 'redis-freeze',
      holdMs: 3_000,
      fault: async () => {
        world.redis.signal('SIGSTOP');
        return async () => world.redis.signal('SIGCONT');
      },
    });
    check(r);
  });

  it('MariaDB killed (SIGKILL) and restarted: crash recovery', async () => {
    const r = await run({
      name: 'mariadb-restart',
      holdMs: 3_000,
      fault: async () => {
        await world.mariadb.stop('SIGKILL');
        return async () => void (await world.mariadb.start());
      },
    });
    check(r);
    expect(r.unavailable503).toBeGreaterThan(0); // the outage was seen, and answered 503
  });

  it('MariaDB down for 30 s: longer than the jobs\' retries would last', async () => {
    const r = await run({
      name: 'mariadb-down-30s',
      holdMs: 30_000,
      fault: async () => {
        await world.mariadb.stop('SIGKILL');
        return async () => void (await world.mariadb.start());
      },
    });
    check(r);
  });

  it('MariaDB frozen for 12 s (SIGSTOP: connections open, statements unanswered)', async () => {
    const r = await run({
      name: 'mariadb-freeze-12s',
      holdMs: 12_000,
      fault: async () => {
        world.mariadb.signal('SIGSTOP');
        return async () => world.mariadb.signal('SIGCONT');
      },
    });
    check(r);
    expect(r.unavailable503).toBeGreaterThan(0);
  });

  it('PostgreSQL (pg-boss) stopped immediately and restarted', async () => {
    const r = await run({
      name: 'postgres-restart',
      holdMs: 3_000,
      fault: async () => {
        // SIGQUIT: immediate shutdown, no checkpoint (crash recovery at start), backends gone too
        await world.postgres.stop('SIGQUIT');
        return async () => void (await world.postgres.start());
      },
    });
    check(r);
  });

  it('model server down for 20 s', async () => {
    const r = await run({
      name: 'model-outage-20s',
      holdMs: 20_000,
      fault: async () => {
        world.llmMode = 'down';
        return async () => void (world.llmMode = 'ok');
      },
    });
    check(r);
  });

  it('a gateway SIGKILLed and restarted', async () => {
    const r = await run({
      name: 'gateway-sigkill',
      holdMs: 1_000,
      fault: async () => {
        await world.gateways[1]!.kill('SIGKILL');
        return () => world.restartGateway(1);
      },
    });
    check(r);
  });

  it('the worker SIGKILLed mid-job and restarted', async () => {
    const r = await run({
      name: 'worker-sigkill',
      holdMs: 1_000,
      fault: async () => {
        await world.worker.kill('SIGKILL');
        return () => world.restartWorker();
      },
    });
    check(r);
  });

  it('a gateway SIGTERMed under traffic exits 0 within 10 s', async () => {
    let exit: { code: number | null; signal: string | null } | undefined;
    let tookMs = 0;
    const r = await run({
      name: 'gateway-sigterm',
      holdMs: 500,
      fault: async () => {
        const gw = world.gateways[0]!;
        const t0 = Date.now();
        gw.proc.kill('SIGTERM');
        exit = await withTimeout(gw.exited, 15_000, 'gateway-1 to exit after SIGTERM');
        tookMs = Date.now() - t0;
        return () => world.restartGateway(0);
      },
    });
    check(r);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(tookMs).toBeLessThan(10_000);
  });
});
