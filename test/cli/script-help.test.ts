import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
// What `npm run suites -- …` and `npm run bench -- …` run.
const script = (file: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, file), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });

describe.each([
  ['suites', 'suites/run-suites.ts', '--record'],
  ['bench', 'bench/run.ts', '--quick'],
])('npm run %s', (name, file, flag) => {
  it('prints its usage and exit codes with --help, exit 0, doing nothing else', () => {
    const result = script(file, '--help');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: npm run ${name} `));
    expect(result.stdout).toContain(flag);
    expect(result.stdout).toContain('Exit codes: 0 all went well; 1 a check failed; 2 a usage error');
  });

  it('refuses an unknown flag with the usage, exit 2', () => {
    const result = script(file, '--no-such-flag');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Unknown option '--no-such-flag'");
    expect(result.stderr).toContain(`Usage: npm run ${name} `);
    expect(result.stdout).toBe('');
  });
});

describe('apig-kit piped into a reader that stops early (`apig-kit --help | head -1`)', () => {
  it('stops quietly, exit 0, without an EPIPE stack trace', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [join(ROOT, 'bin/apig-kit.js'), 'mock', '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // The reader goes away before the help is written: the next write finds the pipe closed.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(0);
  });
});
