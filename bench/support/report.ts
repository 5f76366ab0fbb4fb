import type { Summary } from './stats.ts';
import { textTable } from '../../src/reports/text-table.ts';

export interface Ratio {
  name: string;
  value: number;
  /** The target, and whether a larger value is better (ops/s) or a smaller one (time). */
  target: number;
  better: 'higher' | 'lower';
  pass: boolean;
}

export function ratio(name: string, value: number, target: number, better: 'higher' | 'lower'): Ratio {
  return { name, value, target, better, pass: better === 'higher' ? value >= target : value <= target };
}

export interface Row {
  benchmark: string;
  contender: string;
  unit: 'ops/s' | 'req/s' | 'ms' | 'µs';
  summary: Summary;
}

const number = (value: number) => (value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2));

export function formatRows(rows: readonly Row[]): string {
  const header = ['benchmark', 'contender', 'median', 'unit', 'min', 'max', 'spread', 'n'];
  const cells = rows.map((r) => [
    r.benchmark,
    r.contender,
    number(r.summary.median),
    r.unit,
    number(r.summary.min),
    number(r.summary.max),
    `${r.summary.spreadPercent.toFixed(1)}%`,
    String(r.summary.samples.length),
  ]);
  return table(header, cells, [2, 4, 5, 6, 7]);
}

export function formatRatios(ratios: readonly Ratio[]): string {
  const cells = ratios.map((r) => [r.name, `${r.value.toFixed(2)}×`, `${r.better === 'higher' ? '≥' : '≤'} ${r.target}×`, r.pass ? 'PASS' : 'MISS']);
  return table(['ratio', 'measured', 'target', 'verdict'], cells, [1]);
}

const table = (header: string[], rows: string[][], rightAligned: number[]) => textTable(header, rows, { rightAligned, rule: '─' });
