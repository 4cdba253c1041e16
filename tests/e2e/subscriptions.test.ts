/**
 * Subscriptions end to end through the real server on embedded PGlite (fresh DATA_DIR, demo
 * seed, in-process pg-boss and pub/sub). The tests are in subscriptions.suite.ts; the same suite
 * runs on the real services in subscriptions.services.test.ts.
 */
import { subscriptionsSuite } from './subscriptions.suite.ts';

subscriptionsSuite({ name: 'embedded PGlite', storage: async (world) => world.embeddedEnv() });
