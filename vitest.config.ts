import { globSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';
import { HOW_TO_RUN_SERVICES, SERVICE_VARIABLES, SERVICES_TEST_GLOB, servicesConfigured } from './tests/helpers/services.ts';

// Test files that need MariaDB, PostgreSQL or Redis are named *.services.test.ts. They run when the
// services environment is set (.ci/run sets it); without it they are left out, and said so here,
// once, rather than skipped one by one. A services file run with part of the environment fails
// with the names of the missing variables (tests/helpers/services.ts).
const withServices = servicesConfigured();
if (!withServices) {
  const root = fileURLToPath(new URL('.', import.meta.url));
  const files = globSync(SERVICES_TEST_GLOB, { cwd: root }).sort();
  console.info(
    `[vitest.config] left out ${files.length} *.services.test.ts files (no ${SERVICE_VARIABLES.join('/')}; dialect matrices run on PGlite only): ${files.join(', ')}. Run them with ${HOW_TO_RUN_SERVICES}.`,
  );
}

export default defineConfig({
  resolve: {
    // graphql ships ESM and CJS builds; Pothos and Yoga must see the same copy as our code, or
    // graphql-js refuses types "from another module or realm".
    alias: [{ find: /^graphql$/, replacement: fileURLToPath(new URL('./node_modules/graphql/index.js', import.meta.url)) }],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...(withServices ? [] : [SERVICES_TEST_GLOB])],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores: more workers than that only adds contention with the databases.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
