/**
 * Cost budgets shared by every gateway: two gateway processes A and B on one Redis (and one
 * MariaDB), a small RATE_LIMIT_COST_PER_MINUTE, and one principal spending through both. Together
 * they admit exactly floor(budget / cost) operations of that principal in the window, then answer
 * 429 RATE_LIMITED with Retry-After, while another principal (another token `sub`) is untouched.
 * Cache hits spend too: the response cache is on, so after the first answer every request is a
 * hit served by the HTTP fast path, which must charge like Yoga's chain.
 *
 * Real services only (TEST_MYSQL_URL, TEST_JOBS_DATABASE_URL, TEST_REDIS_URL): a services file.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLimits, DEFAULT_LIMITS } from '../../src/graphql/limits.ts';
import { schema } from '../../src/graphql/schema.ts';
import { tokenFor } from '../helpers/auth.ts';
import { postJson } from '../helpers/graphql.ts';
import { E2eHarness, expectCleanExits, type ServiceProcess } from '../helpers/processes.ts';
import { requireServices } from '../helpers/services.ts';

const services = requireServices();
const QUERY = '{ legalSections(first: 5) { edges { node { id number } } } }';
const BUDGET = 300;

describe('rate limits across two gateway processes on real Redis', () => {
  const world = new E2eHarness();
  let a: ServiceProcess;
  let b: ServiceProcess;
  const cost = (() => {
    const v = createLimits(schema, DEFAULT_LIMITS).check({ query: QUERY });
    if (!v.ok) throw new Error('the test query is over a limit');
    return v.cost;
  })();

  beforeAll(async () => {
    await world.start();
    const common = {
      ...(await world.servicesEnv(services, { migrate: false })),
      RUN_WORKER: 'false',
      RATE_LIMIT_COST_PER_MINUTE: String(BUDGET),
      RATE_LIMIT_GLOBAL_COST_PER_SECOND: '1000000',
      RATE_LIMIT_NAMESPACE: `rl-test-${randomBytes(4).toString('hex')}`,
    };
    a = await world.procs.gateway(common, 'gateway A');
    b = await world.procs.gateway(common, 'gateway B');
  }, 240_000);

  afterAll(async () => expectCleanExits(await world.close()), 60_000);

  const ask = (gw: ServiceProcess, token: string) => postJson(fetch, `${gw.base}/graphql`, { query: QUERY }, { headers: { authorization: `Bearer ${token}` }, timeoutMs: 30_000 });

  it('one principal spending through A and B gets exactly floor(budget / cost) answers, then 429 from both', async () => {
    expect(cost).toBeGreaterThan(1);
    const allowed = Math.floor(BUDGET / cost);
    const token = await tokenFor('CITIZEN', `citizen-${randomBytes(4).toString('hex')}`);
    const statuses: number[] = [];
    for (let i = 0; i < allowed + 4; i++) {
      const res = await ask(i % 2 === 0 ? a : b, token);
      statuses.push(res.status);
      expect(res.headers.get('ratelimit-policy')).toBe(`"cost";q=${BUDGET};w=60`);
      expect(res.headers.get('ratelimit')).toMatch(/^"cost";r=\d+;t=\d+$/);
      if (res.status === 429) {
        expect(res.body.errors?.[0]?.extensions.code).toBe('RATE_LIMITED');
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      } else {
        expect(res.status, res.text).toBe(200);
        expect(res.body.data.legalSections.edges.length).toBe(5);
      }
    }
    expect(statuses.filter((s) => s === 200).length).toBe(allowed);
    expect(statuses.slice(allowed)).toEqual([429, 429, 429, 429]);

    // Another principal is not slowed by the first one's exhaustion, on either gateway.
    const other = await tokenFor('CITIZEN', `citizen-${randomBytes(4).toString('hex')}`);
    expect((await ask(a, other)).status).toBe(200);
    expect((await ask(b, other)).status).toBe(200);
  });

  it('remaining budget counts down by the cost on every answer, across the two gateways', async () => {
    const token = await tokenFor('CITIZEN', `citizen-${randomBytes(4).toString('hex')}`);
    const first = await ask(a, token);
    const second = await ask(b, token);
    const remaining = (r: typeof first) => Number(/r=(\d+)/.exec(r.headers.get('ratelimit') ?? '')?.[1]);
    expect(remaining(first)).toBe(BUDGET - cost);
    expect(remaining(second)).toBe(BUDGET - 2 * cost);
  });
});
