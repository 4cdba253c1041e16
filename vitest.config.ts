import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql ships ESM and CJS builds; Pothos and Yoga must see the same copy as our code, or
    // graphql-js refuses types "from another module or realm".
    alias: [{ find: /^graphql$/, replacement: fileURLToPath(new URL('./node_modules/graphql/index.js', import.meta.url)) }],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores: more workers than that only adds contention with the databases.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
