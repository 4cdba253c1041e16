/**
 * Subscriptions end to end through the real server on the real services: a throwaway MariaDB
 * database, pg-boss in a schema of its own on PostgreSQL (TEST_JOBS_DATABASE_URL), Redis pub/sub.
 * The tests are in subscriptions.suite.ts (subscriptions.test.ts runs them on embedded PGlite).
 */
import { isolateIds } from '../helpers/processes.ts';
import { requireServices } from '../helpers/services.ts';
import { subscriptionsSuite } from './subscriptions.suite.ts';

const services = requireServices();

subscriptionsSuite({
  name: 'MariaDB + PostgreSQL jobs + Redis',
  async storage(world) {
    const env = await world.servicesEnv(services);
    // two stations on random ids: Redis channels are shared with every other test database
    await isolateIds(world.db!.db, 2);
    return env;
  },
});
