// Three projects: unit (no servers), int (against the running local stack, in
// parallel; each test makes its own data), chaos (kills and restarts stack nodes,
// so it runs alone, after int). `npm test` runs them in that order.
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@': path.resolve(import.meta.dirname) };

// Integration tests use their own database on the local stack, never the demo one.
// (Ignored when DATABASE_URL names the servers: then that database is used.)
process.env.DATABASE_NAME ??= 'afirgen_test';
// Tests provoke failures on purpose; their expected warnings would bury the results.
process.env.LOG_LEVEL ??= 'error';
// The console's overview scrapes the worker's metrics port: never a worker the developer left running.
process.env.WORKER_METRICS_PORT ??= '0';

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'server/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'int',
          include: ['tests/int/**/*.int.test.ts', 'server/**/*.int.test.ts'],
          globalSetup: ['tests/helpers/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'chaos',
          include: ['tests/chaos/**/*.int.test.ts'],
          globalSetup: ['tests/helpers/global-setup.ts', 'tests/helpers/chaos-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
