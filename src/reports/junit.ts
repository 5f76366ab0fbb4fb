/** One test case's outcome, as every report of apig-kit (console, JUnit, JSON, HTML) sees it. */
export interface CaseResult {
  /** The group the case belongs to: an auth method, a client, a suite. */
  suite: string;
  name: string;
  status: 'passed' | 'failed' | 'skipped';
  durationMs: number;
  /** One line: why it failed or was skipped. */
  message?: string | undefined;
  /** More lines for a failure: the exchange, the gateway's explanation. */
  details?: string | undefined;
  /** What kind of failure, as JUnit's `type` (default `failed-case`). */
  failureType?: string | undefined;
}

// XML 1.0 allows only these characters; anything else (e.g. a stray control byte from a client's output) is dropped.
const XML_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
  return text
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function testcaseXml(result: CaseResult): string {
  const open = `    <testcase classname="${escapeXml(result.suite)}" name="${escapeXml(result.name)}" time="${seconds(result.durationMs)}"`;
  const message = escapeXml(result.message ?? '');
  if (result.status === 'passed') return `${open}/>`;
  if (result.status === 'skipped') return `${open}>\n      <skipped message="${message}"/>\n    </testcase>`;
  const type = escapeXml(result.failureType ?? 'failed-case');
  return `${open}>\n      <failure type="${type}" message="${message}">${escapeXml(result.details ?? result.message ?? '')}</failure>\n    </testcase>`;
}

/** Ant's form (no zone, no fraction), in UTC: e.g. 2026-11-23T10:15:00. */
const antTimestamp = (time: Date) => time.toISOString().slice(0, 19);

/**
 * JUnit XML (the Ant/Surefire dialect that CI servers read, valid against Jenkins' junit-10.xsd):
 * one <testsuite> per suite, in first-seen order, stamped with the run's start.
 */
export function toJUnitXml(title: string, results: readonly CaseResult[], startedAt: Date = new Date()): string {
  const suites = new Map<string, CaseResult[]>();
  for (const result of results) suites.set(result.suite, [...(suites.get(result.suite) ?? []), result]);
  const count = (list: readonly CaseResult[], status: CaseResult['status']) => list.filter((r) => r.status === status).length;
  const total = (list: readonly CaseResult[]) => list.reduce((sum, r) => sum + r.durationMs, 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    // junit-10.xsd allows no `skipped` here: the counts per suite carry it.
    `<testsuites name="${escapeXml(title)}" tests="${results.length}" failures="${count(results, 'failed')}" errors="0" time="${seconds(total(results))}">`,
  ];
  for (const [name, list] of suites) {
    lines.push(
      `  <testsuite name="${escapeXml(name)}" tests="${list.length}" failures="${count(list, 'failed')}" errors="0" skipped="${count(list, 'skipped')}" time="${seconds(total(list))}" timestamp="${antTimestamp(startedAt)}">`,
    );
    lines.push(...list.map(testcaseXml));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}
