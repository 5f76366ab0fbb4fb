/**
 * `apig-kit/kit`: the external-client conformance runner that `apig-kit conformance` runs. `runKit`
 * runs each client command once per scenario against a fresh mock and judges it from the journal.
 */
export { type ClientUnderTest, DEFAULT_CLIENT_TIMEOUT_MS, type KitOptions, kitFailed, runKit } from '../conformance/kit.ts';
export { AUTH_METHODS, type AuthMethod, BUNDLED_SCENARIOS, loadScenario, loadScenarios, type Scenario, ScenarioError } from '../conformance/scenario.ts';
export { loadKnownFailing } from '../conformance/known-failing.ts';
export type { Outcome, RunReport, ScenarioResult } from '../conformance/results.ts';
export { matrixTable, progressLine, traceOfFailures } from '../conformance/report-console.ts';
export { toHtml } from '../conformance/report-html.ts';
export { writeReports } from '../conformance/report-files.ts';
export { type CaseResult, toJUnitXml } from '../reports/junit.ts';
