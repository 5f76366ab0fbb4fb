/** Resolving the conformance target from APIG_LIVE_*: which methods and cases can run, and why not. */
import { describe, expect, it } from 'vitest';
import { CASES } from '../../suites/cases.ts';
import { skipReason } from '../../suites/define-suite.ts';
import { isLive, liveTarget } from '../../suites/target.ts';

const kase = (name: string) => CASES.find((c) => c.name === name)!;

describe('the live target', () => {
  it('is chosen only when a service URL is set', () => {
    expect(isLive({})).toBe(false);
    expect(isLive({ APIG_LIVE_AK: 'x' })).toBe(false);
    expect(isLive({ APIG_LIVE_APP_SERVICE_URL: 'https://h/v1/infers/a' })).toBe(true);
  });

  it('a method without credentials is skipped, naming the variables to set', () => {
    const target = liveTarget({ APIG_LIVE_SERVICE_URL: 'https://h/v1/infers/a', APIG_LIVE_AK: 'AK', APIG_LIVE_SK: 'SK' });
    expect(target.unavailable('aksk')).toBeUndefined();
    expect(target.unavailable('token')).toBe(
      'no token credentials: set APIG_LIVE_IAM_URL, APIG_LIVE_USER, APIG_LIVE_PASSWORD, APIG_LIVE_ACCOUNT, APIG_LIVE_PROJECT',
    );
    expect(target.unavailable('app')).toBe('no app-auth service: set APIG_LIVE_APP_SERVICE_URL');
    expect(skipReason(target, 'token', kase('json'))).toMatch(/^no token credentials/);
  });

  it('file and path services default to the JSON service; the project id scopes the login and goes in X-Project-Id', () => {
    const target = liveTarget({
      APIG_LIVE_SERVICE_URL: 'https://h/v1/infers/a',
      APIG_LIVE_IAM_URL: 'https://iam',
      APIG_LIVE_USER: 'u',
      APIG_LIVE_PASSWORD: 'p',
      APIG_LIVE_ACCOUNT: 'acc',
      APIG_LIVE_PROJECT_ID: 'pid',
      APIG_LIVE_AK: 'AK',
      APIG_LIVE_SK: 'SK',
    });
    expect(target.iam).toEqual({ json: 'https://h/v1/infers/a', file: 'https://h/v1/infers/a', path: 'https://h/v1/infers/a' });
    expect(target.credentials.login?.project).toEqual({ id: 'pid' });
    expect(target.credentials.aksk?.projectId).toBe('pid');
  });

  it('negatives need APIG_LIVE_NEGATIVE=1; clock and slow-backend cases never run; happy paths always do', () => {
    const base = { APIG_LIVE_SERVICE_URL: 'https://h/v1/infers/a', APIG_LIVE_AK: 'AK', APIG_LIVE_SK: 'SK' };
    const plain = liveTarget(base);
    expect(skipReason(plain, 'aksk', kase('json'))).toBeUndefined();
    expect(skipReason(plain, 'aksk', kase('tampered-body'))).toBe('negative cases run on live only with APIG_LIVE_NEGATIVE=1');
    const negative = liveTarget({ ...base, APIG_LIVE_NEGATIVE: '1' });
    expect(skipReason(negative, 'aksk', kase('tampered-body'))).toBeUndefined();
    expect(skipReason(negative, 'aksk', kase('slow-backend'))).toMatch(/mock only/);
    expect(skipReason(negative, 'token', kase('expired-token'))).toMatch(/^no token credentials/);
  });

  it('its description carries no credential', () => {
    const text = JSON.stringify(
      liveTarget({
        APIG_LIVE_SERVICE_URL: 'https://h:8443/v1/infers/a',
        APIG_LIVE_AK: 'AK',
        APIG_LIVE_SK: 'secret-sk-value',
        APIG_LIVE_APP_CODE: 'secret-app-code',
      }).describe(),
    );
    expect(text).toContain('https://h:8443');
    expect(text).not.toMatch(/secret-/);
  });
});
