/** TokenProvider: IAM password login for a project-scoped token, cached and refreshed (gateway.md §5). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../src/mock/adapters/express.ts';
import { ApigError, IamError, RequestTimeoutError, TokenProvider } from '../../src/clients/index.ts';
import { parseIamTime } from '../../src/clients/token.ts';
import { C, fakeFetch, iamLogins, jsonAnswer, passwordLogin, start } from './support.ts';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-23T09:00:00Z');
const LOGIN = { iamUrl: 'https://iam.example.test/', user: 'u', password: 'pw-secret-1', account: 'acct', project: { name: 'cn-north-4' } };

/** A 201 login answer whose token expires 24 h after `issuedAt`. */
function issued(token: string, issuedAt = T0): Response {
  const expires = new Date(issuedAt + 24 * HOUR).toISOString().replace('Z', '000Z');
  return jsonAnswer(201, { token: { expires_at: expires, project: { id: 'p', name: 'cn-north-4' } } }, { 'X-Subject-Token': token });
}

describe('TokenProvider with a fake IAM', () => {
  it('sends the documented password body with project scope by name and reads X-Subject-Token', async () => {
    const fetch = fakeFetch(issued('MII-one'));
    const provider = new TokenProvider({ login: LOGIN }, { fetch, now: () => T0 });
    expect(await provider.getToken()).toBe('MII-one');
    const [call] = fetch.calls;
    expect(call!.url).toBe('https://iam.example.test/v3/auth/tokens?nocatalog=true');
    expect(call!.method).toBe('POST');
    expect(call!.headers.get('content-type')).toBe('application/json;charset=utf8');
    expect(JSON.parse(call!.body as string)).toEqual({
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'u', password: 'pw-secret-1', domain: { name: 'acct' } } } },
        scope: { project: { name: 'cn-north-4' } },
      },
    });
  });

  it('takes the full tokens URL as well as the IAM endpoint (as APIG_IAM_URL may be either)', async () => {
    const fetch = fakeFetch(issued('MII-two'));
    await new TokenProvider({ login: { ...LOGIN, iamUrl: 'https://iam.example.test/v3/auth/tokens' } }, { fetch, now: () => T0 }).getToken();
    expect(fetch.calls[0]!.url).toBe('https://iam.example.test/v3/auth/tokens?nocatalog=true');
  });

  it('scopes by project id when given one', async () => {
    const fetch = fakeFetch(issued('MII-one'));
    await new TokenProvider({ login: { ...LOGIN, project: { id: 'abc123' } } }, { fetch, now: () => T0 }).getToken();
    expect(JSON.parse(fetch.calls[0]!.body as string).auth.scope).toEqual({ project: { id: 'abc123' } });
  });

  it('reuses the token until refreshMarginMs before expires_at, then logs in again', async () => {
    let now = T0;
    const fetch = fakeFetch(issued('MII-one'), issued('MII-two', T0 + 23 * HOUR));
    const provider = new TokenProvider({ login: LOGIN }, { fetch, now: () => now });
    expect(await provider.getToken()).toBe('MII-one');
    now = T0 + 23 * HOUR - 1;
    expect(await provider.getToken()).toBe('MII-one');
    expect(fetch.calls).toHaveLength(1);
    now = T0 + 23 * HOUR;
    expect(await provider.getToken()).toBe('MII-two');
    expect(fetch.calls).toHaveLength(2);
  });

  it('takes a configurable margin', async () => {
    let now = T0;
    const fetch = fakeFetch(issued('MII-one'), issued('MII-two'));
    const provider = new TokenProvider({ login: LOGIN }, { fetch, now: () => now, refreshMarginMs: 10 * 60_000 });
    await provider.getToken();
    now = T0 + 23 * HOUR + 49 * 60_000;
    expect(await provider.getToken()).toBe('MII-one');
    now = T0 + 23 * HOUR + 50 * 60_000;
    expect(await provider.getToken()).toBe('MII-two');
  });

  it('lets concurrent callers share one login', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const fetch = fakeFetch(async () => {
      await gate;
      return issued('MII-one');
    });
    const provider = new TokenProvider({ login: LOGIN }, { fetch, now: () => T0 });
    const waiting = Promise.all(Array.from({ length: 10 }, () => provider.getToken()));
    release();
    expect(new Set(await waiting)).toEqual(new Set(['MII-one']));
    expect(fetch.calls).toHaveLength(1);
  });

  it('a failed login is not cached: the next call tries again', async () => {
    const fetch = fakeFetch(jsonAnswer(503, { error: { code: 503, message: 'Service Unavailable', title: 'Service Unavailable' } }), issued('MII-one'));
    const provider = new TokenProvider({ login: LOGIN }, { fetch, now: () => T0 });
    await expect(provider.getToken()).rejects.toBeInstanceOf(IamError);
    expect(await provider.getToken()).toBe('MII-one');
  });

  it('keeps using the cached token when an early refresh fails, but not once it has expired', async () => {
    let now = T0;
    const fetch = fakeFetch(issued('MII-one'), jsonAnswer(500, { error: { code: 500, message: 'boom', title: 'Internal Server Error' } }));
    const provider = new TokenProvider({ login: LOGIN }, { fetch, now: () => now });
    await provider.getToken();
    now = T0 + 23.5 * HOUR;
    expect(await provider.getToken()).toBe('MII-one');
    now = T0 + 24 * HOUR;
    await expect(provider.getToken()).rejects.toMatchObject({ name: 'IamError', status: 500, errorMsg: 'boom' });
  });

  it('invalidate() forces a new login', async () => {
    const fetch = fakeFetch(issued('MII-one'), issued('MII-two'));
    const provider = new TokenProvider({ login: LOGIN }, { fetch, now: () => T0 });
    await provider.getToken();
    provider.invalidate();
    expect(await provider.getToken()).toBe('MII-two');
  });

  it('refuses an answer without X-Subject-Token, or a token without project scope', async () => {
    const noHeader = fakeFetch(jsonAnswer(201, { token: { expires_at: '2026-11-24T09:00:00.000000Z', project: {} } }));
    await expect(new TokenProvider({ login: LOGIN }, { fetch: noHeader }).getToken()).rejects.toThrow(/no X-Subject-Token/);
    const domainScoped = fakeFetch(jsonAnswer(201, { token: { expires_at: '2026-11-24T09:00:00.000000Z', domain: {} } }, { 'X-Subject-Token': 'MII-d' }));
    await expect(new TokenProvider({ login: LOGIN }, { fetch: domainScoped }).getToken()).rejects.toThrow(/without project scope/);
  });

  it('an APIG-style answer from the IAM host (e.g. APIGW.0101 for a wrong URL) is an ApigError', async () => {
    const fetch = fakeFetch(
      jsonAnswer(404, {
        error_code: 'APIGW.0101',
        error_msg: 'The API does not exist or has not been published in the environment.',
        request_id: 'cd'.repeat(16),
      }),
    );
    await expect(new TokenProvider({ login: LOGIN }, { fetch }).getToken()).rejects.toMatchObject({
      name: 'ApigError',
      errorCode: 'APIGW.0101',
      requestId: 'cd'.repeat(16),
    });
  });

  it('times out a login that does not answer', async () => {
    const fetch = (_url: string, init: RequestInit) =>
      new Promise<Response>((_, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason)));
    await expect(new TokenProvider({ login: LOGIN }, { fetch, timeoutMs: 20 }).getToken()).rejects.toBeInstanceOf(RequestTimeoutError);
  });

  it('a static token is returned as it is, with no login', async () => {
    const fetch = fakeFetch(issued('never'));
    const provider = new TokenProvider({ token: 'MII-static' }, { fetch });
    expect(await provider.getToken()).toBe('MII-static');
    provider.invalidate();
    expect(await provider.getToken()).toBe('MII-static');
    expect(fetch.calls).toHaveLength(0);
  });

  it('refuses credentials that cannot be header values without quoting them', () => {
    expect(() => new TokenProvider({ token: 'MII\r\nsecret' })).toThrow('the IAM token is not a valid HTTP header value');
    expect(() => new TokenProvider({ token: '' })).toThrow('the IAM token is empty');
  });

  it('reads IAM times with six fractional digits', () => {
    expect(parseIamTime('2020-01-04T09:05:22.701000Z')).toBe(Date.parse('2020-01-04T09:05:22.701Z'));
    expect(parseIamTime('2020-01-04T09:05:22Z')).toBe(Date.parse('2020-01-04T09:05:22Z'));
    expect(parseIamTime('soon')).toBeUndefined();
  });
});

describe('TokenProvider against the mock IAM', () => {
  let g: RunningGateway;
  beforeAll(async () => {
    g = await start();
  });
  afterAll(() => g.close());
  beforeEach(() => g.gateway.reset());

  const provider = (options: ConstructorParameters<typeof TokenProvider>[1] = {}, login = passwordLogin(g)) =>
    new TokenProvider({ login }, { now: () => g.gateway.clock.now(), ...options });

  it('logs in once and reuses the token', async () => {
    const tokens = provider();
    const first = await tokens.getToken();
    expect(first).toMatch(/^MII/);
    expect(await tokens.getToken()).toBe(first);
    expect(iamLogins(g)).toBe(1);
  });

  it('logs in again once the gateway clock passes expires_at minus the margin', async () => {
    const tokens = provider();
    const first = await tokens.getToken();
    g.gateway.clock.advance(22 * HOUR);
    expect(await tokens.getToken()).toBe(first);
    expect(iamLogins(g)).toBe(1);
    g.gateway.clock.advance(HOUR + 1000);
    const second = await tokens.getToken();
    expect(second).not.toBe(first);
    expect(iamLogins(g)).toBe(2);
  });

  it('concurrent callers cause exactly one login', async () => {
    const tokens = provider();
    const all = await Promise.all(Array.from({ length: 20 }, () => tokens.getToken()));
    expect(new Set(all).size).toBe(1);
    expect(iamLogins(g)).toBe(1);
  });

  it('scopes by project id', async () => {
    const projectId = g.gateway.config.world.accounts.find((a) => a.name === C.account)!.projects[0]!.id;
    expect(await provider({}, passwordLogin(g, { project: { id: projectId } })).getToken()).toMatch(/^MII/);
  });

  it('a wrong password is IamError 401 in Keystone shape', async () => {
    const error = await provider({}, passwordLogin(g, { password: 'wrong-Passw0rd' }))
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IamError);
    expect(error).toMatchObject({ status: 401, code: 401, title: 'Unauthorized', errorMsg: 'The username or password is wrong.' });
    expect((error as IamError).requestId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('an unknown project is IamError 400', async () => {
    await expect(provider({}, passwordLogin(g, { project: { name: 'xx-nowhere-1' } })).getToken()).rejects.toMatchObject({ name: 'IamError', status: 400 });
  });

  it('a wrong IAM URL is ApigError APIG.0101', async () => {
    const tokens = new TokenProvider({ login: { ...passwordLogin(g), iamUrl: `${g.url}/iam` } });
    const error = await tokens.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApigError);
    expect((error as ApigError).errorCode).toBe('APIG.0101');
  });
});
