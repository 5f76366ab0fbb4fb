/**
 * A token the gateway refuses as invalid or expired (401 APIG.0301 / APIG.0307) is dropped from the
 * TokenProvider's cache; the call is tried once more with a new login, and only once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../src/mock/adapters/express.ts';
import { ApigError, InferenceClient, TokenAuthenticator, TokenProvider } from '../../src/clients/index.ts';
import { apigError, fakeFetch, iamLogins, IRIS_ANSWER, IRIS_INPUT, jsonAnswer, passwordLogin, S, serviceUrl, start } from './support.ts';

const DAY = 24 * 3_600_000;

describe('a refused token against the mock gateway', () => {
  let g: RunningGateway | undefined;
  afterEach(async () => {
    await g?.close();
    g = undefined;
  });

  async function clientAfterExpiry(expiredToken: 'token-expires' | 'must-be-updated') {
    g = await start({ behaviour: { expiredToken } });
    const provider = new TokenProvider({ login: passwordLogin(g) });
    const client = new InferenceClient({ serviceUrl: serviceUrl(g, S.iris), auth: new TokenAuthenticator(provider) });
    expect((await client.infer({ json: IRIS_INPUT })).body).toEqual(IRIS_ANSWER);
    // The gateway's clock moves past the token's expiry; the provider's own clock still thinks it fresh.
    g.gateway.clock.advance(DAY + 60_000);
    return client;
  }

  it.each([
    ['token-expires', 'APIG.0301'],
    ['must-be-updated', 'APIG.0307'],
  ] as const)('expired token answered as %s (%s): dropped, one new login, the call succeeds', async (behaviour, code) => {
    const client = await clientAfterExpiry(behaviour);
    expect((await client.infer({ json: IRIS_INPUT })).body).toEqual(IRIS_ANSWER);
    expect(iamLogins(g!)).toBe(2);
    const refusals = g!.gateway.journal.list().filter((e) => e.status === 401);
    expect(refusals.map((e) => e.errorCode)).toEqual([code]);
    // The new token is cached: the next call needs no login.
    await client.infer({ json: IRIS_INPUT });
    expect(iamLogins(g!)).toBe(2);
  });

  it('a fixed token cannot be renewed: the refusal is thrown, nothing is retried', async () => {
    g = await start();
    const client = new InferenceClient({ serviceUrl: serviceUrl(g, S.iris), auth: new TokenAuthenticator('not-a-token') });
    await expect(client.infer({ json: IRIS_INPUT })).rejects.toMatchObject({ name: 'ApigError', status: 401, errorCode: 'APIG.0301' });
    expect(g.gateway.journal.list()).toHaveLength(1);
  });
});

describe('a refused token with a fake gateway', () => {
  const issued = (token: string) =>
    jsonAnswer(201, { token: { expires_at: new Date(Date.now() + DAY).toISOString(), project: { id: 'p' } } }, { 'X-Subject-Token': token });
  const LOGIN = { iamUrl: 'https://iam.example.test', user: 'u', password: 'pw', account: 'a', project: { name: 'cn-north-4' } };

  /** IAM logins go to `iam`, everything else to `gateway`. */
  const routed = (iam: () => Response, gateway: () => Response) => fakeFetch((call) => (call.url.includes('/v3/auth/tokens') ? iam() : gateway()));

  it('refused again after the new login: the second refusal is thrown (one renewal per call), and the cache is dropped again', async () => {
    let n = 0;
    const fetch = routed(
      () => issued(`MII-${++n}`),
      () => apigError(401, 'APIG.0301', 'Incorrect IAM authentication information: decrypt token fail'),
    );
    const client = new InferenceClient({
      serviceUrl: 'https://apig.example.test/v1/infers/x',
      auth: new TokenAuthenticator(new TokenProvider({ login: LOGIN }, { fetch })),
      fetch,
    });
    const error = await client.infer({ json: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApigError);
    const sent = fetch.calls.map((c) => (c.url.includes('/v3/auth/tokens') ? 'login' : `infer ${c.headers.get('x-auth-token')}`));
    expect(sent).toEqual(['login', 'infer MII-1', 'login', 'infer MII-2']);
    await client.infer({ json: {} }).catch(() => undefined);
    expect(fetch.calls.map((c) => c.headers.get('x-auth-token')).filter(Boolean)).toEqual(['MII-1', 'MII-2', 'MII-3', 'MII-4']);
  });

  it('other refusals (403 APIG.0304, 401 ModelArts.0212, 429) keep the cached token', async () => {
    for (const answer of [apigError(403, 'APIG.0304', 'x'), apigError(401, 'ModelArts.0212', 'x'), apigError(429, 'APIG.0308', 'x')]) {
      const fetch = routed(
        () => issued('MII-kept'),
        () => answer.clone(),
      );
      const provider = new TokenProvider({ login: LOGIN }, { fetch });
      const client = new InferenceClient({ serviceUrl: 'https://apig.example.test/v1/infers/x', auth: new TokenAuthenticator(provider), fetch });
      await expect(client.infer({ json: {} })).rejects.toBeInstanceOf(ApigError);
      await expect(client.infer({ json: {} })).rejects.toBeInstanceOf(ApigError);
      expect(fetch.calls.filter((c) => c.url.includes('/v3/auth/tokens'))).toHaveLength(1);
    }
  });

  it('invalidate(token) leaves a newer token in place (a late refusal of an old token)', async () => {
    let n = 0;
    const fetch = fakeFetch(() => issued(`MII-${++n}`));
    const provider = new TokenProvider({ login: LOGIN }, { fetch });
    expect(await provider.getToken()).toBe('MII-1');
    provider.invalidate('MII-1');
    expect(await provider.getToken()).toBe('MII-2');
    provider.invalidate('MII-1');
    expect(await provider.getToken()).toBe('MII-2');
    expect(fetch.calls).toHaveLength(2);
  });
});
