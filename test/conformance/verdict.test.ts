import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../src/mock/state/journal.ts';
import type { RequestPlan } from '../../src/kit/request-plan.ts';
import type { ClientRun } from '../../src/kit/run-client.ts';
import { type Scenario, scenarioSchema } from '../../src/kit/scenario.ts';
import { judge } from '../../src/kit/verdict.ts';

const BODY = Buffer.from('{"x":1}');
const SHA = createHash('sha256').update(BODY).digest('hex');
const scenario = (expect: unknown): Scenario => ({
  ...scenarioSchema.parse({
    id: 'case',
    title: 't',
    auth: 'aksk',
    request: {
      service: 'echo',
      path: '/a b',
      query: [
        ['k', 'v w'],
        ['k', '2'],
      ],
      body: { json: { x: 1 } },
    },
    expect,
  }),
  file: '/x/case.json',
});
const plan: RequestPlan = {
  serviceId: 'svc',
  url: 'http://gw/v1/infers/svc/a%20b?k=v%20w&k=2',
  subPath: '/a b',
  headerLines: '',
  body: { kind: 'json', file: '/tmp/b', bytes: BODY, sha256: SHA, contentType: 'application/json' },
};
const run: ClientRun = { exitCode: 0, signal: null, timedOut: false, durationMs: 5, stdout: '', stderr: '' };
let sequence = 0;
const entry = (over: Partial<JournalEntry>): JournalEntry => ({
  sequence: ++sequence,
  requestId: 'r',
  time: '',
  method: 'POST',
  target: '/v1/infers/svc/a%20b?k=v%20w&k=2',
  serviceId: 'svc',
  status: 200,
  verdict: 'accepted',
  headers: {},
  bodyBytes: BODY.length,
  durationMs: 1,
  forwarded: { subPath: '/a%20b', query: 'k=2&k=v%20w', bodySha256: SHA },
  ...over,
});

describe('the verdict for one case', () => {
  const accepted = scenario({ outcome: 'accepted', status: 200 });

  it('passes an accepted call that delivered the path, the query pairs (in any order) and the exact body', () => {
    expect(judge(accepted, plan, [entry({})], run)).toMatchObject({ status: 'passed', observed: { status: 200 } });
  });

  it('fails an accepted call whose body or query the model did not get as asked', () => {
    const otherBody = judge(accepted, plan, [entry({ forwarded: { subPath: '/a%20b', query: 'k=2&k=v%20w', bodySha256: '0'.repeat(64) } })], run);
    expect(otherBody).toMatchObject({ status: 'failed', message: expect.stringContaining("is not the scenario's") });
    const otherQuery = judge(accepted, plan, [entry({ forwarded: { subPath: '/a%20b', query: 'k=v+w&k=2', bodySha256: SHA } })], run);
    expect(otherQuery).toMatchObject({ status: 'failed', message: expect.stringContaining('the model got query k=v+w&k=2') });
  });

  it('lets the last call to the service decide, and ignores IAM calls', () => {
    const refusedThenOk = [entry({ target: '/v3/auth/tokens', status: 201 }), entry({ status: 401, errorCode: 'APIG.0301', verdict: 'rejected' }), entry({})];
    const verdict = judge(accepted, plan, refusedThenOk, run);
    expect(verdict.status).toBe('passed');
    expect(verdict.evidence).toContain('the client called the service 2 times; the last call decides');
  });

  it('passes a refusal only with the expected status and error_code', () => {
    const refused = scenario({ outcome: 'refused', status: 401, errorCode: 'APIG.0301' });
    expect(judge(refused, plan, [entry({ status: 401, errorCode: 'APIG.0301', verdict: 'rejected' })], run).status).toBe('passed');
    expect(judge(refused, plan, [entry({ status: 401, errorCode: 'APIG.0303', verdict: 'rejected' })], run)).toMatchObject({
      status: 'failed',
      message: 'expected 401 APIG.0301, got 401 APIG.0303',
    });
    expect(judge(refused, plan, [entry({})], run)).toMatchObject({ status: 'failed', message: 'expected 401 APIG.0301, got 200, accepted' });
  });

  it('explains an accepted-case refusal with the gateway detail', () => {
    const verdict = judge(
      accepted,
      plan,
      [entry({ status: 401, errorCode: 'APIG.0301', verdict: 'rejected', detail: 'signature-mismatch: … signed without the query string' })],
      run,
    );
    expect(verdict.message).toBe('expected 200 accepted, got 401 APIG.0301: signature-mismatch: … signed without the query string');
  });
});
