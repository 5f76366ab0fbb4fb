import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { clientName } from '../../src/cli/commands/conformance.ts';

const run = (...args: string[]) => spawnSync(process.execPath, ['bin/apig-kit.js', 'conformance', ...args], { encoding: 'utf8', timeout: 60_000 });

describe('apig-kit conformance on the command line', () => {
  it('exits 0 with a matrix when every case passes', () => {
    const result = run('--client', 'sh fixtures/clients/typescript/run.sh', '--scenarios', 'fixtures/scenarios/apikey-*.json');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/apikey +apikey-json-echo +200 accepted +pass/);
    expect(result.stdout).toContain('3 cases: 3 passed, 0 failed');
  });

  it('exits 1 when a case fails', () => {
    const result = run('--client', 'true', '--name', 'silent', '--scenarios', 'fixtures/scenarios/apikey-unknown.json');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('FAIL  silent · apikey-unknown');
  });

  it('refuses bad input in one line, without starting anything, as a usage error', () => {
    const none = run('--client', 'true', '--scenarios', 'fixtures/scenarios/no-such-*.json');
    expect(none.status).toBe(2);
    expect(none.stderr).toBe('apig-kit: no scenario file matches fixtures/scenarios/no-such-*.json\n');
    const timeout = run('--client', 'true', '--timeout', 'soon');
    expect(timeout.stderr).toContain('--timeout must be a positive number of seconds');
    expect(timeout.status).toBe(2);
    const noClient = run();
    expect(noClient.status).toBe(2);
  });

  it('names clients after their folder unless --name says otherwise', () => {
    expect(clientName('sh fixtures/clients/python/run.sh', 0)).toBe('python');
    expect(clientName('APIG_CLIENT_BUG=x python3 ./my_client.py', 0)).toBe('my_client');
    expect(clientName('true', 1)).toBe('client-2');
    expect(clientName('sh run.sh', 0, ['mine'])).toBe('mine');
  });
});
