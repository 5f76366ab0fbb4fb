import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import { runKit } from '../../../src/kit/kit.ts';
import { loadScenarios } from '../../../src/kit/scenario.ts';

/** In CI the prerequisites are installed by .ci/run, and a missing one is a failure, not a skip. */
const REQUIRED = process.env.APIG_KIT_REQUIRE_CLIENTS === '1';

const works = (command: string, args: string[]) => {
  try {
    execFileSync(command, args, { stdio: 'ignore', timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
};

export const prerequisites = {
  python: () => works('/usr/bin/python3', ['-c', 'import requests']) || 'Debian python3-requests is not installed',
  java: () =>
    (works('javac', ['-version']) && existsSync('/usr/share/java/httpclient.jar') && existsSync('/usr/share/java/httpmime.jar')) ||
    'javac or Debian libhttpclient-java/libhttpmime-java is missing',
  curl: () => works('curl', ['--version']) || 'curl is not installed',
  typescript: () => true as const,
  postman: () => existsSync('node_modules/.bin/newman') || 'newman (npm devDependency) is not installed',
};

/**
 * Runs one reference client through every bundled scenario: all must pass, except the auth methods
 * the client declares not applicable (exit code 3).
 */
export function referenceClientPasses(
  name: keyof typeof prerequisites,
  options: { notApplicable?: readonly string[]; timeoutMs: number; https?: boolean; scenarios?: readonly string[] },
): void {
  const ready = prerequisites[name]();
  const run = REQUIRED || ready === true ? it : it.skip;
  const over = options.https ? ' over HTTPS, trusting the printed certificate' : '';
  const which = options.scenarios ? `the scenarios ${options.scenarios.join(', ')}` : 'every scenario';
  run(`${name}: passes ${which}${over}${ready === true ? '' : ` (skipped: ${ready})`}`, { timeout: options.timeoutMs }, async () => {
    expect(ready, 'prerequisite').toBe(true);
    const all = await loadScenarios(['fixtures/scenarios']);
    const scenarios = options.scenarios ? all.filter((s) => options.scenarios!.includes(s.id)) : all;
    expect(scenarios.length, 'scenarios found').toBe(options.scenarios?.length ?? all.length);
    const report = await runKit({ clients: [{ name, command: `sh fixtures/clients/${name}/run.sh` }], scenarios, https: options.https });
    if (options.https) expect(report.endpoint).toMatch(/^https:\/\//);
    const unexpected = report.results
      .filter((r) => !(r.outcome === 'passed' || (r.outcome === 'skipped' && options.notApplicable?.includes(r.auth))))
      .map((r) => `${r.scenario}: ${r.outcome}: ${r.message}\n${r.output}`);
    expect(unexpected).toEqual([]);
    expect(report.summary.passed).toBeGreaterThan(0);
  });
}
