/**
 * Parity records: what a live gateway answered for each case (status and error_code, no
 * credentials), kept as fixtures/parity/<YYYY-MM-DD>.json; a run on the mock is compared with the
 * newest record and every case where the two answered differently is reported.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Observation } from './observation.ts';
import type { ConformanceResult } from './results.ts';
import type { TargetDescription } from './target.ts';

export interface ParityCase {
  result: ConformanceResult['status'];
  status?: number | undefined;
  errorCode?: string | undefined;
  skipReason?: string | undefined;
}

export interface ParityRecord {
  recordedAt: string;
  target: TargetDescription;
  cases: Record<string, ParityCase>;
}

export interface Divergence {
  id: string;
  live: Observation;
  mock: Observation;
}

const RECORD_NAME = /^\d{4}-\d{2}-\d{2}\.json$/;

export function buildParityRecord(results: readonly ConformanceResult[], target: TargetDescription, now: Date): ParityRecord {
  const cases: Record<string, ParityCase> = {};
  for (const r of [...results].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    cases[r.id] = {
      result: r.status,
      status: r.observed?.status,
      errorCode: r.observed?.errorCode,
      skipReason: r.status === 'skipped' ? r.message : undefined,
    };
  }
  return { recordedAt: now.toISOString(), target, cases };
}

/** Writes `<dir>/<YYYY-MM-DD>.json` (UTC date of `now`); a second record the same day replaces the first. */
export function writeParityRecord(dir: string, record: ParityRecord): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${record.recordedAt.slice(0, 10)}.json`);
  writeFileSync(path, `${JSON.stringify(record, null, 2)}\n`);
  return path;
}

/** The newest record in `dir` by its date-stamped name, or undefined when there is none. */
export function newestParityFile(dir: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return undefined;
  }
  const newest = names
    .filter((n) => RECORD_NAME.test(n))
    .sort()
    .at(-1);
  return newest && join(dir, newest);
}

export function readParityRecord(path: string): ParityRecord {
  const record = JSON.parse(readFileSync(path, 'utf8')) as ParityRecord;
  if (typeof record?.cases !== 'object' || record.cases === null) throw new Error(`${path} is not a parity record (no "cases")`);
  return record;
}

/** Cases observed both live and on the mock whose status or error_code differ. */
export function compareParity(record: ParityRecord, results: readonly ConformanceResult[]): Divergence[] {
  const divergences: Divergence[] = [];
  for (const result of results) {
    const live = record.cases[result.id];
    if (!live || live.status === undefined || !result.observed || result.observed.status === undefined) continue;
    if (live.status !== result.observed.status || live.errorCode !== result.observed.errorCode) {
      divergences.push({ id: result.id, live: { status: live.status, errorCode: live.errorCode }, mock: result.observed });
    }
  }
  return divergences;
}

export function formatDivergences(divergences: readonly Divergence[], file: string): string {
  if (divergences.length === 0) return `Parity: no divergence from ${file}.`;
  const show = (o: Observation) => `${o.status ?? '-'} ${o.errorCode ?? ''}`.trim();
  return [`Parity: ${divergences.length} divergence(s) from ${file}:`, ...divergences.map((d) => `  ${d.id}: live ${show(d.live)}, mock ${show(d.mock)}`)].join(
    '\n',
  );
}
