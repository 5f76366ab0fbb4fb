/**
 * The tests Stryker runs against the mock gateway's auth, pipeline, IAM and admin code: everything
 * that drives the gateway through its request interface (test/gateway, test/iam, test/adapters,
 * test/services: a service's own APIs and its two addresses, the body budget's own test, the
 * world's hostile inputs, and the config test, which also tests the journal's bounds). The other hardening tests stay out: every request crosses the
 * pipeline, so each covers nearly every mutant, and their real sockets and thousands of requests
 * made a run take hours on two cores without testing a rule the tests here leave open.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: [
      'test/gateway/**/*.test.ts',
      'test/iam/**/*.test.ts',
      'test/adapters/**/*.test.ts',
      'test/hardening/body-budget*.test.ts',
      'test/hardening/hostile-world-inputs.test.ts',
      'test/config/load-config.test.ts',
      'test/services/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    setupFiles: ['stryker/fast-check-seed.ts'],
    // The token codec's property tests at 100 runs instead of 500: every mutant of the codec runs them.
    env: { PROPERTY_RUNS: '100' },
  },
});
