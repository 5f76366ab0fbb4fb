/**
 * The tests Stryker runs against the mock gateway's auth, pipeline, IAM and admin code: everything
 * that drives the gateway through its request interface (test/gateway, test/iam, test/hardening's
 * body-budget test). The heavy hardening tests (fuzz, memory load, raw sockets) stay out: they
 * test robustness, not the auth and pipeline rules, and would multiply the run time.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/gateway/**/*.test.ts', 'test/iam/**/*.test.ts', 'test/hardening/body-budget.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
