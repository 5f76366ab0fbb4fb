import { describe, expect, it } from 'vitest';
import { runKit } from '../../src/kit/kit.ts';
import { loadScenarios } from '../../src/kit/scenario.ts';
import { prerequisites } from './reference-clients/support.ts';

describe('the deliberately broken reference client (Python, signs without the query string)', () => {
  const ready = prerequisites.python();
  it.skipIf(ready !== true && process.env.APIG_KIT_REQUIRE_CLIENTS !== '1')(
    'fails exactly the signed cases that carry a query, and the report says why',
    { timeout: 120_000 },
    async () => {
      const scenarios = (await loadScenarios(['fixtures/scenarios'])).filter((s) => s.auth === 'aksk' || s.auth === 'app');
      const report = await runKit({ clients: [{ name: 'broken', command: 'sh fixtures/clients/broken/run.sh' }], scenarios });
      const failed = report.results.filter((r) => r.outcome === 'failed');
      const withQuery = scenarios.filter((s) => s.request.query.length > 0 && s.expect.outcome === 'accepted').map((s) => s.id);
      expect(failed.map((r) => r.scenario).sort()).toEqual(withQuery.sort());
      for (const r of failed) expect(r.message).toContain('your client signed without the query string');
      expect(report.results.filter((r) => r.outcome === 'passed').length).toBe(scenarios.length - withQuery.length);
    },
  );
});
