import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/apig-kit.js'), ...args], { encoding: 'utf8', timeout: 20_000 });
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('the apig-kit program', () => {
  it.each(['--version', '-V'])('prints the package version with %s', (flag) => {
    const result = cli(flag);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${version}\n`);
  });

  it.each([[], ['sign'], ['explain'], ['mock'], ['infer'], ['conformance'], ['demo']])('documents the exit codes in --help of %j', (...command) => {
    const result = cli(...command, '--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Exit codes: 0 all went well; 1 a check failed');
    expect(result.stdout).toContain('2 a usage error');
  });

  it('exits 2 for an unknown option or a missing argument, with the usage', () => {
    expect(cli('--nope').status).toBe(2);
    const missing = cli('infer', 'http://127.0.0.1:8787/v1/infers/x');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("required option '--auth <method>' not specified");
  });
});
