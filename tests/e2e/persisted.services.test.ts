/**
 * Automatic persisted queries across gateways: two gateways (`node src/main.ts`, each on its own
 * embedded PGlite) sharing Redis (TEST_REDIS_URL) as the APQ store. A query Apollo Client
 * registers on one is a hit on the other. persisted.test.ts has everything else about persisted
 * operations, on one gateway without Redis.
 */
import { randomBytes } from 'node:crypto';
import { gql as apolloGql } from '@apollo/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apollo } from '../helpers/persisted.ts';
import { E2eHarness, expectCleanExits, type ServiceProcess, START_TIMEOUT_MS } from '../helpers/processes.ts';
import { requireServices } from '../helpers/services.ts';

const services = requireServices();

describe('persisted operations: APQ shared through Redis (two real servers)', () => {
  const world = new E2eHarness(); // processes only: no fake model server here
  let one: ServiceProcess;
  let two: ServiceProcess;

  beforeAll(async () => {
    const env: Record<string, string> = {
      DATA_DIR: 'memory://',
      SEED_DEMO: 'true',
      RUN_WORKER: 'false',
      REDIS_URL: services.redis,
      APQ_NAMESPACE: `apqtest:${randomBytes(5).toString('hex')}`,
    };
    [one, two] = await Promise.all([world.procs.gateway(env, 'gateway-1', START_TIMEOUT_MS), world.procs.gateway(env, 'gateway-2', START_TIMEOUT_MS)]);
  }, START_TIMEOUT_MS + 30_000);

  afterAll(async () => expectCleanExits(await world.close()), 60_000);

  it('a query registered on one gateway is a hit on another sharing Redis', async () => {
    const query = apolloGql`
      query ApqOtherInstance($act: String) { legalSections(act: $act, first: 1) { totalCount } }
    `;
    const a = apollo(one.base);
    await a.client.query<any>({ query, variables: { act: 'BNS' }, fetchPolicy: 'network-only' });
    expect(a.sent.map((s) => s.status)).toEqual([404, 200]);
    const b = apollo(two.base);
    const r = await b.client.query<any>({ query, variables: { act: 'BNS' }, fetchPolicy: 'network-only' });
    expect(r.data?.legalSections.totalCount).toBeGreaterThan(0);
    expect(b.sent).toEqual([{ method: 'GET', hasQuery: false, status: 200 }]);
  });
});
