/** The console matrix: auth method × case → pass, FAIL, skip with a numbered reason. */
import { textTable } from '../src/reports/text-table.ts';
import type { ConformanceResult } from './results.ts';

const NOT_APPLICABLE = '·';

export function renderMatrix(results: readonly ConformanceResult[], methods: readonly string[], caseOrder: readonly string[]): string {
  const byId = new Map(results.map((r) => [r.id, r]));
  const reasons: string[] = [];
  const reasonNumber = (reason: string) => {
    const index = reasons.indexOf(reason);
    return index >= 0 ? index + 1 : reasons.push(reason);
  };
  const cases = [...caseOrder, ...new Set(results.map((r) => r.case).filter((c) => !caseOrder.includes(c)))];
  const rows = cases.map((name) => [
    name,
    ...methods.map((method) => {
      const result = byId.get(`${method}/${name}`);
      if (!result) return NOT_APPLICABLE;
      if (result.status === 'passed') return 'pass';
      if (result.status === 'failed') return 'FAIL';
      return `skip[${reasonNumber(result.message ?? 'skipped')}]`;
    }),
  ]);
  const out = [textTable(['case', ...methods], rows)];
  if (reasons.length > 0) out.push('', ...reasons.map((reason, i) => `skip[${i + 1}] ${reason}`));
  const failed = results.filter((r) => r.status === 'failed');
  if (failed.length > 0) out.push('', 'Failures:', ...failed.map((r) => `  ${r.id}: ${r.message ?? ''}`));
  const count = (status: ConformanceResult['status']) => results.filter((r) => r.status === status).length;
  out.push(
    '',
    `${results.length} cases: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped (${NOT_APPLICABLE} = not applicable)`,
  );
  return out.join('\n');
}
