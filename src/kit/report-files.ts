import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toJUnitXml } from '../reports/junit.ts';
import { toHtml } from './report-html.ts';
import { type RunReport, toCaseResult } from './results.ts';

/** Writes `results.json`, `junit.xml` and a self-contained `report.html` into `dir` (created if need be). */
export async function writeReports(report: RunReport, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(dir, 'junit.xml'), toJUnitXml('apig-kit conformance', report.results.map(toCaseResult), new Date(report.startedAt)));
  await writeFile(join(dir, 'report.html'), toHtml(report));
}
