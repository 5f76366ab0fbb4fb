/** Conformance results read from vitest's test cases, and their JUnit form. */
import type { TestCase, TestModule } from 'vitest/node';
import type { CaseResult } from '../src/reports/junit.ts';
import type { CaseMeta } from './define-suite.ts';
import type { Expected, Observation } from './observation.ts';

export interface ConformanceResult {
  /** `<method>/<case>`. */
  id: string;
  method: string;
  case: string;
  title: string;
  status: 'passed' | 'failed' | 'skipped';
  /** Why it was skipped, or the first line of why it failed. */
  message?: string | undefined;
  expected?: Expected | undefined;
  observed?: Observation | undefined;
  durationMs: number;
}

const TEST_NAME = /^([\w-]+)\/([\w-]+): (.*)$/s;

export function resultOf(test: TestCase): ConformanceResult {
  const meta = (test.meta() as { conformance?: CaseMeta }).conformance;
  const named = TEST_NAME.exec(test.name);
  const result = test.result();
  const status = result.state === 'passed' ? 'passed' : result.state === 'failed' ? 'failed' : 'skipped';
  const message =
    result.state === 'skipped'
      ? (result.note ?? meta?.skipReason ?? 'skipped')
      : result.state === 'failed'
        ? result.errors.map((e) => e.message.split('\n')[0]).join('; ')
        : undefined;
  return {
    id: meta?.id ?? (named ? `${named[1]}/${named[2]}` : test.fullName),
    method: meta?.method ?? named?.[1] ?? 'unknown',
    case: meta?.case ?? named?.[2] ?? test.name,
    title: named?.[3] ?? test.name,
    status,
    message,
    expected: meta?.expected,
    observed: meta?.observed,
    durationMs: Math.round(test.diagnostic()?.duration ?? 0),
  };
}

export function collectResults(modules: ReadonlyArray<TestModule>): ConformanceResult[] {
  return modules.flatMap((module) => [...module.children.allTests()].map(resultOf));
}

export function toCaseResults(results: readonly ConformanceResult[]): CaseResult[] {
  return results.map((r) => ({
    suite: r.method,
    name: `${r.id}: ${r.title}`,
    status: r.status,
    durationMs: r.durationMs,
    message: r.message,
    details:
      r.status === 'failed'
        ? [r.message, r.expected && `expected: ${JSON.stringify(r.expected)}`, r.observed && `observed: ${JSON.stringify(r.observed)}`]
            .filter(Boolean)
            .join('\n')
        : undefined,
  }));
}
