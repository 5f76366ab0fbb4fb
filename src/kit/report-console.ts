import { textTable } from '../reports/text-table.ts';
import type { Outcome, RunReport, ScenarioResult } from './results.ts';

const MARK: Record<Outcome, string> = { passed: 'pass', failed: 'FAIL', skipped: 'n/a', xfail: 'xfail', xpass: 'XPASS' };

/** One progress line as a case ends. */
export function progressLine(result: ScenarioResult, index: number, total: number): string {
  const width = String(total).length;
  return `[${String(index).padStart(width)}/${total}] ${MARK[result.outcome].padEnd(5)} ${result.client} · ${result.scenario} (${result.durationMs} ms)${result.outcome === 'passed' ? '' : ` — ${result.message}`}`;
}

/** The matrix: one row per scenario, one column per client. */
export function matrixTable(report: RunReport): string {
  const clients = report.clients.map((c) => c.name);
  const scenarios = [...new Map(report.results.map((r) => [r.scenario, r])).values()];
  const cell = (client: string, scenario: string) => MARK[report.results.find((r) => r.client === client && r.scenario === scenario)?.outcome ?? 'skipped'];
  const rows = scenarios.map((s) => [s.auth, s.scenario, s.expected, ...clients.map((c) => cell(c, s.scenario))]);
  const s = report.summary;
  return [
    textTable(['auth', 'scenario', 'expected', ...clients], rows),
    '',
    `${s.total} cases: ${s.passed} passed, ${s.failed + s.xpass} failed${s.xpass ? ` (${s.xpass} unexpected passes)` : ''}, ${s.xfail} known failures, ${s.skipped} not applicable`,
  ].join('\n');
}

/** For --trace: the full exchange and the gateway's explanation of each failure. */
export function traceOfFailures(report: RunReport): string {
  const failures = report.results.filter((r) => r.outcome === 'failed' || r.outcome === 'xpass' || r.outcome === 'xfail');
  return failures
    .map((r) =>
      [
        `── ${r.client} · ${r.scenario}: ${r.title}`,
        `   ${r.message}`,
        ...r.evidence.map((e) => `   ${e}`),
        r.exchange ? `   journal entry:\n${indent(JSON.stringify(r.exchange, null, 2), 6)}` : '',
        r.output ? `   client output (exit ${r.exitCode}):\n${indent(r.output, 6)}` : `   client exit code ${r.exitCode}, no output`,
      ]
        .filter(Boolean)
        .join('\n'),
    )
    .join('\n\n');
}

const indent = (text: string, spaces: number) =>
  text
    .split('\n')
    .map((l) => ' '.repeat(spaces) + l)
    .join('\n');
