/**
 * `npm run suites [-- --record] [--out <dir>] [--parity-dir <dir>]`: runs the suites in
 * suites/ with vitest, prints the matrix (auth method × case), writes JUnit XML and JSON results,
 * records parity (live, --record) or compares with the newest parity record (mock). Exits 1 when
 * a case fails.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { startVitest, type TestModule } from 'vitest/node';
import { parseScriptArgs, SCRIPT_EXIT_CODES } from '../scripts/script-args.ts';
import { toJUnitXml } from '../src/reports/junit.ts';
import { CASES } from './cases.ts';
import { renderMatrix } from './matrix.ts';
import { buildParityRecord, compareParity, type Divergence, formatDivergences, newestParityFile, readParityRecord, writeParityRecord } from './parity.ts';
import { collectResults, type ConformanceResult, toCaseResults } from './results.ts';
import { describeTargetFromEnv, METHODS } from './target.ts';

const ROOT = resolve(import.meta.dirname, '..');

interface Options {
  record: boolean;
  outDir: string;
  parityDir: string;
}

const USAGE = `
Usage: npm run suites [-- --record] [-- --out <dir>] [-- --parity-dir <dir>]

Runs the suites in suites/ (our clients, every auth method × case) against the embedded mock, or a
live endpoint when APIG_LIVE_* is set (suites/README.md), prints the matrix, writes junit.xml and
results.json, and compares with the newest parity record (or writes one with --record).

  --record            write a dated parity record (live target only)
  --out <dir>         where junit.xml and results.json go (default reports/conformance)
  --parity-dir <dir>  parity records (default fixtures/parity)
  -h, --help          this text

${SCRIPT_EXIT_CODES}
`;

function readOptions(argv: string[]): Options {
  const values = parseScriptArgs(
    USAGE,
    {
      record: { type: 'boolean', default: false },
      out: { type: 'string', default: join(ROOT, 'reports/conformance') },
      'parity-dir': { type: 'string', default: join(ROOT, 'fixtures/parity') },
    },
    argv,
  );
  return { record: values.record, outDir: resolve(values.out), parityDir: resolve(values['parity-dir']) };
}

/** Runs suites/**\/*.test.ts only, quietly, and hands back vitest's test modules. */
async function runSuites(): Promise<{ modules: ReadonlyArray<TestModule>; errors: number }> {
  let modules: ReadonlyArray<TestModule> = [];
  const collector = {
    onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
      modules = testModules;
    },
  };
  const vitest = await startVitest('test', [], { root: ROOT, include: ['suites/**/*.test.ts'], watch: false, reporters: [collector] });
  const errors = vitest.state.getUnhandledErrors().length;
  await vitest.close();
  return { modules, errors };
}

async function main(): Promise<number> {
  const options = readOptions(process.argv.slice(2));
  const target = describeTargetFromEnv();
  if (options.record && target.kind !== 'live') {
    process.stderr.write('--record needs a live target: set APIG_LIVE_SERVICE_URL or APIG_LIVE_APP_SERVICE_URL (see suites/README.md)\n');
    return 2;
  }
  const startedAt = new Date();
  const { modules, errors } = await runSuites();
  const results: ConformanceResult[] = collectResults(modules);
  const caseOrder = [...new Set(CASES.map((c) => c.name))];

  process.stdout.write(`Conformance against ${target.kind === 'live' ? `live ${target.origin}` : 'the embedded mock gateway'}\n\n`);
  process.stdout.write(`${renderMatrix(results, METHODS, caseOrder)}\n`);

  let parity: { recorded?: string; comparedWith?: string; divergences?: Divergence[] } = {};
  if (options.record) {
    const file = writeParityRecord(options.parityDir, buildParityRecord(results, target, new Date()));
    parity = { recorded: relative(ROOT, file) };
    process.stdout.write(`\nParity record written: ${parity.recorded}\n`);
  } else if (target.kind === 'embedded') {
    const file = newestParityFile(options.parityDir);
    if (file) {
      const divergences = compareParity(readParityRecord(file), results);
      parity = { comparedWith: relative(ROOT, file), divergences };
      process.stdout.write(`\n${formatDivergences(divergences, parity.comparedWith!)}\n`);
    }
  }

  mkdirSync(options.outDir, { recursive: true });
  writeFileSync(join(options.outDir, 'junit.xml'), toJUnitXml('apig-kit conformance', toCaseResults(results), startedAt));
  const totals = { cases: results.length, passed: 0, failed: 0, skipped: 0 };
  for (const r of results) totals[r.status]++;
  const report = { target, startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), totals, unhandledErrors: errors, parity, cases: results };
  writeFileSync(join(options.outDir, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(
    `\nWrote ${relative(process.cwd(), join(options.outDir, 'junit.xml'))} and ${relative(process.cwd(), join(options.outDir, 'results.json'))}\n`,
  );

  const expectedCases = CASES.reduce((n, c) => n + c.methods.length, 0);
  if (results.length !== expectedCases) process.stderr.write(`only ${results.length} of ${expectedCases} cases reported: a suite did not load\n`);
  return totals.failed > 0 || errors > 0 || results.length !== expectedCases ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`conformance: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
