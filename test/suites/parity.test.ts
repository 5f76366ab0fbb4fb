/** Parity records: record live observations, compare a mock run with the newest record, report divergences. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderMatrix } from '../../suites/matrix.ts';
import { buildParityRecord, compareParity, formatDivergences, newestParityFile, readParityRecord, writeParityRecord } from '../../suites/parity.ts';
import type { ConformanceResult } from '../../suites/results.ts';
import { describeTargetFromEnv } from '../../suites/target.ts';

function result(id: string, status: ConformanceResult['status'], observed?: { status: number; errorCode?: string }, message?: string): ConformanceResult {
  const [method, name] = id.split('/') as [string, string];
  return {
    id,
    method,
    case: name,
    title: name,
    status,
    observed: observed && { status: observed.status, errorCode: observed.errorCode },
    message,
    durationMs: 1,
  };
}

const LIVE = [
  result('aksk/json', 'passed', { status: 200 }),
  result('aksk/wrong-secret', 'passed', { status: 401, errorCode: 'APIG.0301' }),
  result('app/app-not-bound', 'failed', { status: 401, errorCode: 'APIG.0303' }, 'expected 403 APIG.0304'),
  result('token/expired-token', 'skipped', undefined, 'needs a controllable gateway clock (mock only)'),
];

describe('parity records', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('records each case with its observation, date-stamped, and reads it back', () => {
    dir = mkdtempSync(join(tmpdir(), 'apig-kit-parity-'));
    const record = buildParityRecord(
      LIVE,
      describeTargetFromEnv({ APIG_LIVE_SERVICE_URL: 'https://apig.example.test/v1/infers/x', APIG_LIVE_AK: 'AK', APIG_LIVE_SK: 'very-secret-sk' }),
      new Date('2026-11-20T23:59:00Z'),
    );
    const path = writeParityRecord(dir, record);
    expect(path).toBe(join(dir, '2026-11-20.json'));
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain('very-secret-sk');
    const back = readParityRecord(path);
    expect(back.target).toMatchObject({ kind: 'live', origin: 'https://apig.example.test' });
    expect(back.target.methods).toMatchObject({ aksk: 'configured', token: 'not configured' });
    expect(back.cases['app/app-not-bound']).toEqual({ result: 'failed', status: 401, errorCode: 'APIG.0303' });
    expect(back.cases['token/expired-token']).toEqual({ result: 'skipped', skipReason: 'needs a controllable gateway clock (mock only)' });
  });

  it('the newest record is found by its date-stamped name; other files are ignored', () => {
    dir = mkdtempSync(join(tmpdir(), 'apig-kit-parity-'));
    expect(newestParityFile(dir)).toBeUndefined();
    expect(newestParityFile(join(dir, 'missing'))).toBeUndefined();
    for (const name of ['2026-01-31.json', '2026-11-02.json', '2025-12-31.json', 'README.md', 'latest.json']) writeFileSync(join(dir, name), '{"cases":{}}');
    expect(newestParityFile(dir)).toBe(join(dir, '2026-11-02.json'));
  });

  it('record → compare: only cases observed on both sides that answered differently diverge', () => {
    const record = buildParityRecord(LIVE, describeTargetFromEnv({}), new Date());
    const mock = [
      result('aksk/json', 'passed', { status: 200 }),
      result('aksk/wrong-secret', 'passed', { status: 401, errorCode: 'APIG.0301' }),
      result('app/app-not-bound', 'passed', { status: 403, errorCode: 'APIG.0304' }),
      result('token/expired-token', 'passed', { status: 401, errorCode: 'APIG.0301' }),
      result('apikey/json', 'passed', { status: 200 }),
    ];
    const divergences = compareParity(record, mock);
    expect(divergences).toEqual([{ id: 'app/app-not-bound', live: { status: 401, errorCode: 'APIG.0303' }, mock: { status: 403, errorCode: 'APIG.0304' } }]);
    expect(formatDivergences(divergences, 'fixtures/parity/x.json')).toBe(
      'Parity: 1 divergence(s) from fixtures/parity/x.json:\n  app/app-not-bound: live 401 APIG.0303, mock 403 APIG.0304',
    );
    expect(
      compareParity(
        record,
        mock.filter((r) => r.id !== 'app/app-not-bound'),
      ),
    ).toEqual([]);
    // A different error code with the same status is a divergence too.
    expect(compareParity(record, [result('aksk/wrong-secret', 'passed', { status: 401, errorCode: 'APIG.0303' })])).toHaveLength(1);
  });

  it('refuses a file that is not a record', () => {
    dir = mkdtempSync(join(tmpdir(), 'apig-kit-parity-'));
    writeFileSync(join(dir, '2026-01-01.json'), '[]');
    expect(() => readParityRecord(join(dir!, '2026-01-01.json'))).toThrow(/not a parity record/);
  });
});

describe('the matrix', () => {
  it('shows pass, FAIL, numbered skip reasons and not-applicable cells', () => {
    const text = renderMatrix(LIVE, ['token', 'aksk', 'app'], ['json', 'wrong-secret', 'expired-token', 'app-not-bound']);
    expect(text.split('\n').slice(0, 6)).toEqual([
      'case           token    aksk  app',
      '-------------  -------  ----  ----',
      'json           ·        pass  ·',
      'wrong-secret   ·        pass  ·',
      'expired-token  skip[1]  ·     ·',
      'app-not-bound  ·        ·     FAIL',
    ]);
    expect(text).toContain('skip[1] needs a controllable gateway clock (mock only)');
    expect(text).toContain('  app/app-not-bound: expected 403 APIG.0304');
    expect(text).toContain('4 cases: 2 passed, 1 failed, 1 skipped');
  });
});
