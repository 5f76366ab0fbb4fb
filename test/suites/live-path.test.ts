/**
 * The live path of the conformance suites, proven against the mock started as a separate process
 * and described only through APIG_LIVE_* variables: every case that can run on live passes, the
 * clock and slow-backend cases are skipped with their reason, and --record writes a parity record
 * with observations and no credential.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS as C, DEMO_SERVICE_IDS as S } from '../../src/mock/config/demo-world.ts';
import { CASES } from '../../suites/cases.ts';
import type { ParityRecord } from '../../suites/parity.ts';
import type { ConformanceResult } from '../../suites/results.ts';

const ROOT = join(import.meta.dirname, '../..');

function liveEnvironment(url: string): Record<string, string> {
  const service = (id: string) => `${url}/v1/infers/${id}`;
  return {
    APIG_LIVE_SERVICE_URL: service(S.iris),
    APIG_LIVE_FILE_SERVICE_URL: service(S.image),
    APIG_LIVE_PATH_SERVICE_URL: service(S.echo),
    APIG_LIVE_APP_SERVICE_URL: service(S.irisApp),
    APIG_LIVE_APP_FILE_SERVICE_URL: service(S.imageApp),
    APIG_LIVE_APP_PATH_SERVICE_URL: service(S.echoApp),
    APIG_LIVE_REGION: 'cn-north-4',
    APIG_LIVE_PROJECT: 'cn-north-4',
    APIG_LIVE_IAM_URL: url,
    APIG_LIVE_USER: C.user,
    APIG_LIVE_PASSWORD: C.password,
    APIG_LIVE_ACCOUNT: C.account,
    APIG_LIVE_AK: C.accessKey,
    APIG_LIVE_SK: C.secretKey,
    APIG_LIVE_APP_KEY: C.appKey,
    APIG_LIVE_APP_SECRET: C.appSecret,
    APIG_LIVE_APP_CODE: C.appCode,
    APIG_LIVE_UNBOUND_APP_KEY: C.unboundAppKey,
    APIG_LIVE_UNBOUND_APP_SECRET: C.unboundAppSecret,
    APIG_LIVE_NEGATIVE: '1',
    APIG_LIVE_ECHO: '1',
  };
}

/** This process's environment without vitest's own variables (the child runs its own vitest) and without any APIG_LIVE_*. */
function baseEnvironment(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] => e[1] !== undefined && !/^(VITEST|APIG_LIVE_)/.test(e[0]) && e[0] !== 'NODE_ENV' && e[0] !== 'TEST',
    ),
  );
}

describe('conformance suites against the mock as a separate "live" process', () => {
  let mock: ChildProcess;
  let url: string;
  let dir: string;
  let run: { code: number; stdout: string; stderr: string };
  let results: { target: { kind: string }; cases: ConformanceResult[] };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'apig-kit-live-path-'));
    mock = spawn(process.execPath, [join(ROOT, 'bin/apig-kit.js'), 'mock', '--port', '0', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = (await once(createInterface({ input: mock.stdout! }), 'line')) as [string];
    ({ url } = JSON.parse(line) as { url: string });
    const tsx = join(ROOT, 'node_modules/.bin/tsx');
    const env = { ...baseEnvironment(), ...liveEnvironment(url) };
    const args = [join(ROOT, 'suites/run-suites.ts'), '--record', '--out', join(dir, 'out'), '--parity-dir', join(dir, 'parity')];
    run = await promisify(execFile)(tsx, args, { cwd: ROOT, env, timeout: 60_000, maxBuffer: 4 * 1024 * 1024 }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? -1, stdout: error.stdout ?? '', stderr: error.stderr ?? '' }),
    );
    results = JSON.parse(readFileSync(join(dir, 'out/results.json'), 'utf8'));
  }, 70_000);

  afterAll(() => {
    if (mock && mock.exitCode === null) mock.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('ran on the live target and exited 0 with every runnable case passed', () => {
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(results.target.kind).toBe('live');
    const expectedCount = CASES.reduce((n, c) => n + c.methods.length, 0);
    expect(results.cases).toHaveLength(expectedCount);
    expect(results.cases.filter((r) => r.status === 'failed')).toEqual([]);
  });

  it('skipped exactly the cases that need the mock clock or a slow backend, with their reason', () => {
    const skipped = results.cases.filter((r) => r.status === 'skipped');
    const needing = CASES.filter((c) => c.requires === 'clock' || c.requires === 'slowBackend').flatMap((c) => c.methods.map((m) => `${m}/${c.name}`));
    expect(skipped.map((r) => r.id).sort()).toEqual(needing.sort());
    expect(skipped.find((r) => r.id === 'token/expired-token')!.message).toBe('needs a controllable gateway clock (mock only)');
    for (const r of skipped.filter((s) => s.case === 'slow-backend')) expect(r.message).toMatch(/slower than the gateway's timeout/);
    expect(run.stdout).toMatch(/skip\[1\] /);
  });

  it('negative cases ran (APIG_LIVE_NEGATIVE=1) and observed the catalogue answers', () => {
    expect(results.cases.find((r) => r.id === 'aksk/tampered-body')).toMatchObject({ status: 'passed', observed: { status: 401, errorCode: 'APIG.0301' } });
    expect(results.cases.find((r) => r.id === 'apikey/app-not-bound')).toMatchObject({ status: 'passed', observed: { status: 403, errorCode: 'APIG.0304' } });
  });

  it('--record wrote one date-stamped parity record with observations and no secret', () => {
    const files = readdirSync(join(dir, 'parity'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d{4}-\d{2}-\d{2}\.json$/);
    const text = readFileSync(join(dir, 'parity', files[0]!), 'utf8');
    const record = JSON.parse(text) as ParityRecord;
    expect(record.target.kind).toBe('live');
    expect(record.cases['app/date-16-min-late']).toMatchObject({ result: 'passed', status: 401, errorCode: 'APIG.0303' });
    expect(record.cases['token/expired-token']).toMatchObject({ result: 'skipped' });
    for (const secret of [C.password, C.secretKey, C.appSecret, C.appCode, C.unboundAppSecret]) expect(text).not.toContain(secret);
  });
});
