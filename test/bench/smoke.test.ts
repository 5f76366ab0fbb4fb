/**
 * The benchmark modules run end to end with tiny settings: each produces figures of the right shape.
 * No timing is asserted: figures on a shared machine prove nothing in a test.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { benchGateway } from '../../bench/gateway.ts';
import { benchSigner } from '../../bench/signer.ts';
import { processCpuMicros } from '../../bench/support/process-cpu.ts';
import { formatRatios, formatRows, ratio } from '../../bench/support/report.ts';
import { benchVerifyBody } from '../../bench/verify-body.ts';

const positive = expect.any(Number) as unknown as number;

describe('benchmarks (smoke)', () => {
  it('signer: both signers agree on every request and both are measured', () => {
    const result = benchSigner({ repetitions: 1, sliceMs: 5, warmupMs: 1 });
    expect(result.shapes.length).toBeGreaterThanOrEqual(3);
    for (const shape of result.shapes) {
      expect(shape.ours.median).toBeGreaterThan(0);
      expect(shape.official.median).toBeGreaterThan(0);
    }
    const text = formatRows(result.shapes.map((s) => ({ benchmark: s.shape, contender: 'ours', unit: 'ops/s', summary: s.ours })));
    expect(text).toContain(result.shapes[0]!.shape);
  });

  it('verify-body: a signed body is verified, and timed against a raw hash', async () => {
    const result = await benchVerifyBody({ bodyBytes: 64 * 1024, repetitions: 1, warmups: 0 });
    expect(result).toMatchObject({ bodyBytes: 64 * 1024, verifyMs: { median: positive }, rawHashMs: { median: positive } });
    expect(formatRatios([ratio('verify / hash', result.verifyMs.median / result.rawHashMs.median, 1.3, 'lower')])).toMatch(/PASS|MISS/);
  });

  it('gateway: both servers answer the signed load with 200 only', async () => {
    const result = await benchGateway({ connections: 2, durationSeconds: 1, repetitions: 1, warmupSeconds: 0 });
    for (const target of [result.gateway, result.bareExpress]) {
      expect(target.runs).toHaveLength(1);
      expect(target.runs[0]).toMatchObject({ non2xx: 0, errors: 0, timeouts: 0 });
      expect(target.runs[0]!.total).toBeGreaterThan(0);
      if (existsSync('/proc/self/stat')) expect(target.cpuMicrosPerRequest?.median).toBeGreaterThan(0);
    }
  }, 30_000);

  it('process CPU time is read from /proc, and is undefined for a process that does not exist', () => {
    if (!existsSync('/proc/self/stat')) return;
    const before = processCpuMicros(process.pid)!;
    let spin = 0;
    for (const started = performance.now(); performance.now() - started < 60;) spin++;
    expect(spin).toBeGreaterThan(0);
    // 60 ms of spinning: at least one 10 ms tick more.
    expect(processCpuMicros(process.pid)!).toBeGreaterThan(before);
    expect(processCpuMicros(2 ** 22 + 1)).toBeUndefined();
  });
});
