import type { CaseResult } from '../reports/junit.ts';
import type { AuthMethod } from './scenario.ts';

/** passed/failed/skipped as judged, plus the known-failing list's view: xfail (failed as known), xpass (passed though listed). */
export type Outcome = 'passed' | 'failed' | 'skipped' | 'xfail' | 'xpass';

export interface ScenarioResult {
  client: string;
  scenario: string;
  title: string;
  auth: AuthMethod;
  credentials: string;
  expected: string;
  observed?: string | undefined;
  outcome: Outcome;
  message: string;
  evidence: string[];
  durationMs: number;
  exitCode: number | null;
  /** The client's own output, secrets masked. */
  output: string;
  knownFailing?: string | undefined;
  /** The journal's record of the decisive call (redacted by the gateway): headers, verdict, canonical request. */
  exchange?: unknown;
}

export interface RunReport {
  tool: string;
  startedAt: string;
  endpoint: string;
  clients: Array<{ name: string; command: string }>;
  results: ScenarioResult[];
  summary: Record<Outcome, number> & { total: number };
}

export function summarize(results: readonly ScenarioResult[]): RunReport['summary'] {
  const summary = { total: results.length, passed: 0, failed: 0, skipped: 0, xfail: 0, xpass: 0 };
  for (const r of results) summary[r.outcome] += 1;
  return summary;
}

export const isFailure = (outcome: Outcome) => outcome === 'failed' || outcome === 'xpass';

export function toCaseResult(result: ScenarioResult): CaseResult {
  const status = isFailure(result.outcome) ? 'failed' : result.outcome === 'passed' ? 'passed' : 'skipped';
  const details = [result.message, ...result.evidence, result.output ? `client output:\n${result.output}` : ''].filter(Boolean).join('\n');
  const failureType = result.outcome === 'xpass' ? 'unexpected-pass' : 'failed-case';
  return {
    suite: result.client,
    name: `${result.scenario}: ${result.title}`,
    status,
    durationMs: result.durationMs,
    message: result.message,
    details,
    failureType,
  };
}
