import { execFile, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGateway, startGateway } from '../../src/mock/adapters/express.ts';
import { prerequisites } from '../conformance/reference-clients/support.ts';
import { readmeBlocks, sampleOutputMatches } from './readme-blocks.ts';

const ROOT = join(import.meta.dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const README_URL = 'http://127.0.0.1:8787';
const shellBlocks = readmeBlocks(README).filter((b) => b.lang === 'sh');
const ready = prerequisites.python() === true && spawnSync('jq', ['--version']).status === 0;

describe("the README's shell commands, against a started mock", () => {
  let mock: RunningGateway;
  beforeAll(async () => {
    mock = await startGateway();
  });
  afterAll(() => mock.close());

  it('skips a block only with a reason', () => {
    for (const block of shellBlocks.filter((b) => b.skip !== undefined)) expect(block.skip, `block at line ${block.line}`).toMatch(/\w{3,}/);
    expect(shellBlocks.filter((b) => b.skip === undefined).length).toBeGreaterThanOrEqual(7);
  });

  it.skipIf(!ready && process.env.APIG_KIT_REQUIRE_CLIENTS !== '1')(
    'run in order in one shell, each printing its sample output',
    { timeout: 120_000 },
    async () => {
      const runnable = shellBlocks.filter((b) => b.skip === undefined);
      // The commands reach this mock instead of the README's port; the sample outputs stay as written.
      const commands = (block: (typeof runnable)[number]) => block.code.replace(/^(?!#).*$/gm, (line) => line.replaceAll(README_URL, mock.url));
      const script = runnable.map((block, i) => `printf '\\n@@block ${i}\\n'\n${commands(block)}`).join('\n');
      // Not spawnSync: the mock answers from this process.
      const result = await new Promise<{ stdout: string; stderr: string }>((resolve) => {
        execFile('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8', timeout: 110_000, maxBuffer: 16 * 1024 * 1024 }, (_error, stdout, stderr) =>
          resolve({ stdout, stderr }),
        );
      });
      const outputs = result.stdout.split(/^@@block \d+\n/m).slice(1);
      expect(outputs, result.stdout + result.stderr).toHaveLength(runnable.length);
      runnable.forEach((block, i) => {
        const expected = block.code
          .split('\n')
          .filter((line) => line.startsWith('#'))
          .map((line) => line.replace(/^# ?/, ''));
        expect(
          sampleOutputMatches(expected, outputs[i]!),
          `README line ${block.line}: expected\n${expected.join('\n')}\ngot\n${outputs[i]}\n${result.stderr}`,
        ).toBe(true);
      });
      expect(result.stderr).not.toMatch(/command not found|No such file|unexpected error/);
    },
  );
});
