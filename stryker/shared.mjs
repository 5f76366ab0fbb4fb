/**
 * What the two mutation scopes share. Each scope has its own config (protocol.config.mjs,
 * gateway.config.mjs) because each has its own break threshold; `npm run mutation` runs both.
 * Run from the repository root (the npm scripts do): every path here is relative to it.
 */
export function scopeConfig({ name, mutate, vitestConfig, breakAt, ignoreStatic = false }) {
  return {
    $schema: '../node_modules/@stryker-mutator/core/schema/stryker-schema.json',
    packageManager: 'npm',
    testRunner: 'vitest',
    vitest: { configFile: vitestConfig, related: false },
    coverageAnalysis: 'perTest',
    checkers: ['typescript'],
    tsconfigFile: 'stryker/tsconfig.json',
    typescriptChecker: { prioritizePerformanceOverAccuracy: true },
    mutate,
    ignoreStatic,
    // Two cores, shared: never more than two workers.
    concurrency: 2,
    timeoutMS: 20_000,
    thresholds: { high: 95, low: breakAt, break: breakAt },
    // The baseline is committed: CI and a fresh clone re-test only the mutants whose code or tests changed.
    incremental: true,
    incrementalFile: `stryker/incremental-${name}.json`,
    reporters: ['clear-text', 'progress', 'html', 'json'],
    htmlReporter: { fileName: `reports/mutation/${name}.html` },
    jsonReporter: { fileName: `reports/mutation/${name}.json` },
    tempDirName: '.stryker-tmp',
    cleanTempDir: 'always',
  };
}
