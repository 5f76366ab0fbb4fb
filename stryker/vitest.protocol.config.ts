/**
 * The tests Stryker runs against src/protocol: the protocol unit tests, the fixed vectors, and the
 * official-SDK property test at 200 runs with a fixed seed (a mutant must be killed the same way on
 * every run, and 1000 runs per mutant would not fit a CI run on 2 cores).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/protocol/**/*.test.ts', 'test/vectors/**/*.test.ts', 'test/property/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    setupFiles: ['stryker/fast-check-seed.ts'],
    env: { PROPERTY_RUNS: '200', FC_SEED: '20191115' },
  },
});
