import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConformance } from '../../src/cli/commands/conformance.ts';
import { runKit } from '../../src/kit/kit.ts';
import { loadScenarios } from '../../src/kit/scenario.ts';
import { DEMO_CREDENTIALS } from '../../src/mock/config/demo-world.ts';

// End to end: real client processes against the in-process mock; verdicts from its journal.

/** A process's state letter from /proc (R, S, Z, …), or "gone". */
function processState(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.charAt(0);
  } catch {
    return 'gone';
  }
}

const TS_CLIENT = 'sh fixtures/clients/typescript/run.sh';
const BROKEN_CLIENT = 'node --import tsx test/conformance/clients/sign-without-query.ts';
const scenarios = (...ids: string[]) => loadScenarios(ids.map((id) => `fixtures/scenarios/${id}.json`));

describe('apig-kit conformance, end to end', () => {
  it('passes our own TypeScript client on a case of every auth method, refusals included', async () => {
    const report = await runKit({
      clients: [{ name: 'typescript', command: TS_CLIENT }],
      scenarios: await scenarios('token-subpath-query', 'aksk-utf8-reserved-path', 'app-file-images', 'appcode-wrong', 'apikey-json-echo', 'aksk-empty-body'),
    });
    expect(report.results.map((r) => [r.scenario, r.outcome, r.message])).toEqual(report.results.map((r) => [r.scenario, 'passed', r.message]));
    const refused = report.results.find((r) => r.scenario === 'appcode-wrong')!;
    expect(refused.observed).toBe('401 APIG.0303');
  });

  it('hands a client temporary credentials the mock IAM issued, fresh and expired, and judges both', async () => {
    const report = await runKit({
      clients: [{ name: 'typescript', command: TS_CLIENT }],
      scenarios: await scenarios('aksk-issued-temporary', 'aksk-expired-temporary'),
    });
    expect(report.results.map((r) => [r.scenario, r.outcome, r.observed])).toEqual([
      ['aksk-expired-temporary', 'passed', '401 APIG.0301'],
      ['aksk-issued-temporary', 'passed', '200 accepted'],
    ]);
  });

  it('fails a client that signs without the query string on the cases with a query, and says so', async () => {
    const report = await runKit({
      clients: [{ name: 'broken', command: BROKEN_CLIENT }],
      scenarios: await scenarios('aksk-json-iris', 'aksk-repeated-query-keys', 'app-path-query'),
    });
    const byId = Object.fromEntries(report.results.map((r) => [r.scenario, r]));
    expect(byId['aksk-json-iris']!.outcome).toBe('passed');
    for (const id of ['aksk-repeated-query-keys', 'app-path-query']) {
      expect(byId[id]!.outcome).toBe('failed');
      expect(byId[id]!.message).toContain('signed without the query string');
      expect(byId[id]!.observed).toMatch(/^401 APIG\.030[13]$/);
    }
    // The evidence sets the gateway's canonical request against the one the signature matches: only the query line differs.
    const evidence = byId['aksk-repeated-query-keys']!.evidence;
    const diff = evidence.filter((line) => /^ {2}[-+] /.test(line));
    expect(diff).toEqual(['  - a=0&a=1&b=2&empty=', '  + ']);
  });

  it('tells a client that sends nothing from one that says the case is not for it', async () => {
    const silent = await runKit({ clients: [{ name: 'silent', command: 'true' }], scenarios: await scenarios('aksk-json-iris') });
    expect(silent.results[0]).toMatchObject({ outcome: 'failed', message: expect.stringContaining('sent no request to the service') });
    const notMine = await runKit({
      clients: [{ name: 'curl', command: 'echo "unsupported auth: aksk"; exit 3' }],
      scenarios: await scenarios('aksk-json-iris'),
    });
    expect(notMine.results[0]).toMatchObject({ outcome: 'skipped', message: 'not applicable to this client: unsupported auth: aksk' });
  });

  it('stops a client that hangs', async () => {
    const report = await runKit({ clients: [{ name: 'hang', command: 'sleep 30' }], scenarios: await scenarios('aksk-json-iris'), timeoutMs: 300 });
    expect(report.results[0]).toMatchObject({ outcome: 'failed', message: expect.stringContaining('did not finish in time') });
  });

  it('judges from what was sent, not from what the client prints, and masks secrets it prints', async () => {
    const liar = `echo "200 OK, all good; my SK is $APIG_SK"`;
    const report = await runKit({ clients: [{ name: 'liar', command: liar }], scenarios: await scenarios('aksk-json-iris') });
    expect(report.results[0]!.outcome).toBe('failed');
    expect(report.results[0]!.output).toContain('my SK is [redacted');
    expect(JSON.stringify(report)).not.toContain(DEMO_CREDENTIALS.secretKey);
  });

  it('masks an IAM token the client got by itself and printed', async () => {
    const login = `node -e 'const b={auth:{identity:{methods:["password"],password:{user:{name:process.env.APIG_USER,password:process.env.APIG_PASSWORD,domain:{name:process.env.APIG_ACCOUNT}}}},scope:{project:{name:process.env.APIG_PROJECT}}}};fetch(process.env.APIG_IAM_URL,{method:"POST",headers:{"content-type":"application/json"},body:JSON.stringify(b)}).then(r=>console.log("my token is "+r.headers.get("x-subject-token")))'`;
    const report = await runKit({ clients: [{ name: 'verbose', command: login }], scenarios: await scenarios('token-iam-login') });
    const output = report.results[0]!.output;
    expect(output).toMatch(/^my token is \[redacted token, \d{3,} chars\]$/);
    expect(JSON.stringify(report)).not.toMatch(/MII[A-Za-z0-9+/]{60}/);
  });

  it('ends whatever a client left running in the background', async () => {
    const report = await runKit({ clients: [{ name: 'leaver', command: 'sleep 30 & echo $!' }], scenarios: await scenarios('aksk-json-iris') });
    const pid = Number(report.results[0]!.output.trim());
    expect(pid).toBeGreaterThan(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(processState(pid), 'gone, or a zombie waiting for init to reap it').toMatch(/^(gone|Z)$/);
  });

  it('keeps known failures running: a failure is xfail, an unexpected pass fails the run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apig-kit-kit-test-'));
    const known = join(dir, 'known-failing.txt');
    await writeFile(known, '# the broken client\naksk-repeated-query-keys  # signs without the query\naksk-json-iris\n');
    const out: string[] = [];
    const code = await runConformance(
      {
        client: [BROKEN_CLIENT],
        name: ['broken'],
        scenarios: ['fixtures/scenarios/aksk-repeated-query-keys.json', 'fixtures/scenarios/aksk-json-iris.json'],
        knownFailing: known,
        report: dir,
        trace: true,
      },
      { out: (t) => out.push(t) },
    );
    expect(code).toBe(1);
    const results = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8'));
    const outcome = (id: string) => results.results.find((r: { scenario: string }) => r.scenario === id).outcome;
    expect(outcome('aksk-repeated-query-keys')).toBe('xfail');
    expect(outcome('aksk-json-iris')).toBe('xpass');
    const junit = await readFile(join(dir, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testsuite name="broken" tests="2" failures="1" errors="0" skipped="1" time="[0-9.]+" timestamp="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d"/);
    expect(junit).toContain('<failure type="unexpected-pass" message="passed, but it is on the known-failing list');
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('unexpected pass');
    // The unexpected pass is a failure of the run: listed before the known failure, though it ran second.
    expect(html.indexOf('broken · aksk-json-iris')).toBeLessThan(html.indexOf('broken · aksk-repeated-query-keys'));
    expect(html).not.toMatch(/<script|<link|src="http/);
    const console = out.join('');
    expect(console).toContain('XPASS');
    expect(console).toContain('journal entry:');
    expect(console).toContain('signed without the query string');
  });
});
