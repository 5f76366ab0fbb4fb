/** Which failures are retried, and how long to wait (gateway.md §2.3, §4). */
import { describe, expect, it } from 'vitest';
import { ApigError, IamError, RequestTimeoutError } from '../../src/clients/index.ts';
import { backoffMs, isRetryable, NO_RETRY, retryPolicy } from '../../src/clients/retry.ts';

const apig = (status: number, errorCode?: string) => new ApigError({ status, errorCode, errorMsg: 'm', requestId: undefined });

describe('retry policy', () => {
  it('is off unless asked for; `true` gives the defaults', () => {
    expect(retryPolicy(undefined)).toEqual(NO_RETRY);
    expect(retryPolicy(false)).toEqual(NO_RETRY);
    expect(retryPolicy(true)).toEqual({ retries: 3, baseDelayMs: 500, maxDelayMs: 8000 });
    expect(retryPolicy({ retries: 1 })).toEqual({ retries: 1, baseDelayMs: 500, maxDelayMs: 8000 });
  });

  it('retries only APIG throttling and 502/503/504', () => {
    expect(isRetryable(apig(429, 'APIG.0308'))).toBe(true);
    expect(isRetryable(apig(429, 'APIGW.0308'))).toBe(true);
    expect(isRetryable(apig(502))).toBe(true);
    expect(isRetryable(apig(503, 'APIG.0613'))).toBe(true);
    expect(isRetryable(apig(504, 'APIG.0203'))).toBe(true);
    expect(isRetryable(apig(429, 'ModelArts.4206'))).toBe(false);
    expect(isRetryable(apig(500, 'APIG.0601'))).toBe(false);
    expect(isRetryable(apig(401, 'APIG.0301'))).toBe(false);
    expect(isRetryable(new IamError({ status: 503, code: 503, title: 'x', errorMsg: 'y' }))).toBe(false);
    expect(isRetryable(new RequestTimeoutError(10))).toBe(false);
  });

  it('backs off exponentially up to the cap', () => {
    const policy = { retries: 9, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffMs(policy, n))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
});
