import { basename, dirname, join } from 'node:path';
import { DEFAULT_CLIENT_TIMEOUT_MS, kitFailed, runKit } from '../../kit/kit.ts';
import { loadKnownFailing } from '../../kit/known-failing.ts';
import { matrixTable, progressLine, traceOfFailures } from '../../kit/report-console.ts';
import { writeReports } from '../../kit/report-files.ts';
import { BUNDLED_SCENARIOS, loadScenarios, ScenarioError } from '../../kit/scenario.ts';
import { CliError } from '../cli-error.ts';

export interface ConformanceOptions {
  client: string[];
  name?: string[];
  scenarios?: string[];
  knownFailing?: string;
  report?: string;
  trace?: boolean;
  timeout?: string;
  https?: boolean;
}

/** A label for a client: its --name, else the folder of the script it runs (fixtures/clients/python/run.sh → python). */
export function clientName(command: string, index: number, names: readonly string[] = []): string {
  if (names[index]) return names[index]!;
  const script = command.split(/\s+/).find((word) => /[/.]/.test(word) && !word.startsWith('-') && !word.includes('='));
  if (script) {
    const folder = basename(dirname(script));
    if (folder && folder !== '.' && folder !== 'bin') return folder;
    return basename(script).replace(/\.[a-z]+$/, '');
  }
  return `client-${index + 1}`;
}

export async function runConformance(options: ConformanceOptions, io: { out: (text: string) => void }): Promise<number> {
  const timeoutSeconds = options.timeout === undefined ? DEFAULT_CLIENT_TIMEOUT_MS / 1000 : Number(options.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new CliError(`--timeout must be a positive number of seconds, not "${options.timeout}"`);
  let scenarios;
  let knownFailing;
  try {
    scenarios = await loadScenarios(options.scenarios?.length ? options.scenarios : [BUNDLED_SCENARIOS]);
    knownFailing = options.knownFailing ? await loadKnownFailing(options.knownFailing) : undefined;
  } catch (error) {
    if (error instanceof ScenarioError || (error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError)
      throw new CliError((error as Error).message);
    throw error;
  }
  const clients = options.client.map((command, i) => ({ name: clientName(command, i, options.name), command }));
  io.out(`apig-kit conformance: ${clients.length} client(s) × ${scenarios.length} scenarios\n`);
  const report = await runKit({
    clients,
    scenarios,
    knownFailing,
    timeoutMs: timeoutSeconds * 1000,
    https: options.https === true,
    onResult: (result, index, total) => io.out(`${progressLine(result, index, total)}\n`),
  });
  io.out(`\n${matrixTable(report)}\n`);
  if (options.trace) {
    const trace = traceOfFailures(report);
    if (trace) io.out(`\n${trace}\n`);
  }
  if (options.report) {
    await writeReports(report, options.report);
    io.out(`reports: ${join(options.report, 'results.json')}, junit.xml, report.html\n`);
  }
  return kitFailed(report) ? 1 : 0;
}
