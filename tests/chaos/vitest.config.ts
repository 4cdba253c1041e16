import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `npm run chaos`: tests/chaos/*.chaos.ts, one file, scenarios in order against one system
// (tests/chaos/world.ts). Not part of `npm test`: it starts its own MariaDB, PostgreSQL and Redis
// and takes minutes; .ci/run runs it after the tests.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  resolve: {
    alias: [{ find: /^graphql$/, replacement: fileURLToPath(new URL('../../node_modules/graphql/index.js', import.meta.url)) }],
  },
  test: {
    include: ['tests/chaos/**/*.chaos.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    pool: 'forks',
    maxWorkers: 1,
    reporters: ['default'],
  },
});
