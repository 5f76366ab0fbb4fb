/**
 * `apig-kit/kit`: the external-client conformance runner that `apig-kit conformance` runs. `runKit`
 * runs each client command once per scenario against a fresh mock and judges it from the journal.
 */
export { type ClientUnderTest, DEFAULT_CLIENT_TIMEOUT_MS, type KitOptions, kitFailed, runKit } from '../kit/kit.ts';
export { type AuthMethod, BUNDLED_SCENARIOS, loadScenario, loadScenarios, type Scenario, ScenarioError } from '../kit/scenario.ts';
export { loadKnownFailing } from '../kit/known-failing.ts';
export type { Outcome, RunReport, ScenarioResult } from '../kit/results.ts';
export { matrixTable, progressLine, traceOfFailures } from '../kit/report-console.ts';
export { toHtml } from '../kit/report-html.ts';
export { writeReports } from '../kit/report-files.ts';
export { type CaseResult, toJUnitXml } from '../reports/junit.ts';
export { AUTH_METHOD_IDS, AUTH_METHODS, type AuthMethodId, type AuthMethodInfo } from '../protocol/index.ts';
