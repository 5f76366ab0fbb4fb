/** Secret hygiene: no demo secret in any JSON, String or util.inspect of a client, authenticator, provider or error. */
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../src/mock/adapters/express.ts';
import {
  AkSkAuthenticator,
  ApiKeyAuthenticator,
  AppCodeAuthenticator,
  AppSignatureAuthenticator,
  type Authenticator,
  IamError,
  infer,
  InferenceClient,
  RequestTimeoutError,
  RequestTooLargeError,
  TokenAuthenticator,
  TokenProvider,
} from '../../src/clients/index.ts';
import { checkHeaderValue, maskSecrets, redacted } from '../../src/clients/secrets.ts';
import { C, DEMO_SECRETS, IRIS_INPUT, passwordLogin, S, serviceUrl, start } from './support.ts';

/** Every way an object commonly ends up in a log. */
function renderings(value: unknown): string[] {
  const out = [
    JSON.stringify(value) ?? '',
    String(value),
    `${value as string}`,
    inspect(value),
    inspect(value, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
    inspect(value, { showHidden: true, depth: Number.POSITIVE_INFINITY, customInspect: false, getters: true }),
  ];
  if (value instanceof Error) out.push(value.message, value.stack ?? '', JSON.stringify(Object.getOwnPropertyDescriptors(value)));
  return out;
}

function expectNoSecret(value: unknown, secrets: readonly string[]): void {
  for (const text of renderings(value)) for (const secret of secrets) expect(text.includes(secret), `${secret} leaked in: ${text.slice(0, 300)}`).toBe(false);
}

describe('masking helpers', () => {
  it('redacts known values and credential headers echoed in a canonical request', () => {
    expect(redacted('abcdef')).toBe('[redacted, 6 chars]');
    const echoed =
      'verify aksk signature fail, canonicalRequest:POST|/v1/infers/x||content-type:application/json|x-security-token:TOKEN123|x-sdk-date:20261123T090000Z||content-type;x-security-token;x-sdk-date|abc';
    expect(maskSecrets(echoed, [])).toContain('x-security-token:[redacted]|x-sdk-date');
    expect(maskSecrets('a SECRET and a SECRETLONGER', ['SECRET', 'SECRETLONGER'])).toBe('a [redacted, 6 chars] and a [redacted, 12 chars]');
  });

  it('checkHeaderValue never quotes the value', () => {
    expect(() => checkHeaderValue('bad\r\nvalue-secret', 'the thing')).toThrow(/^the thing is not a valid HTTP header value$/);
  });
});

describe('nothing holding or reporting a credential shows a secret', () => {
  let g: RunningGateway;
  let token: string;
  beforeAll(async () => {
    g = await start();
  });
  afterAll(() => g.close());

  const now = () => g.gateway.clock.now();
  const catchError = (promise: Promise<unknown>) =>
    promise.then(
      () => expect.fail('expected a failure'),
      (e: unknown) => e,
    );

  it('authenticators, providers and clients, before and after use', async () => {
    const provider = new TokenProvider({ login: passwordLogin(g) }, { now });
    const authenticators: Authenticator[] = [
      new TokenAuthenticator(provider),
      new AkSkAuthenticator({ accessKey: C.accessKey, secretKey: C.secretKey, now }),
      new AkSkAuthenticator({ accessKey: C.temporaryAccessKey, secretKey: C.temporarySecretKey, securityToken: C.securityToken, projectId: 'p', now }),
      new AppSignatureAuthenticator({ appKey: C.appKey, appSecret: C.appSecret, now }),
      new AppCodeAuthenticator(C.appCode),
    ];
    const clients = authenticators.map((auth, i) => new InferenceClient({ serviceUrl: serviceUrl(g, i < 3 ? S.iris : S.irisApp), auth, retry: true }));
    for (const client of clients) expect((await client.infer({ json: IRIS_INPUT })).status).toBe(200);
    token = await provider.getToken();
    const secrets = [...DEMO_SECRETS, token];
    for (const value of [provider, ...authenticators, ...clients]) expectNoSecret(value, secrets);
    expect(JSON.stringify(provider)).toContain('"password":"[redacted, 14 chars]"');
    expect(JSON.stringify(clients[1])).toContain(`"accessKey":"${C.accessKey}"`);
    expect(String(authenticators[3])).toMatch(/^AppSignatureAuthenticator \{.*"appSecret":"\[redacted, 35 chars\]"/);
  });

  it('apikey: the AppKey is the whole credential there, so it is masked too', () => {
    const auth = new ApiKeyAuthenticator(C.appKey);
    expectNoSecret(auth, [C.appKey]);
    expectNoSecret(new InferenceClient({ serviceUrl: serviceUrl(g, S.irisApp), auth }), [C.appKey]);
  });

  it('a static token provider and its authenticator', () => {
    const provider = new TokenProvider({ token: 'MII-static-token-value' });
    expectNoSecret(provider, ['MII-static-token-value']);
    expectNoSecret(new TokenAuthenticator('MII-static-token-value'), ['MII-static-token-value']);
  });

  it('errors of every kind', async () => {
    const url = serviceUrl(g, S.iris);
    const wrongSk = 'wrong-secret-key-000000000000000000000001';
    const errors = [
      // APIG.0301 with the canonical request echoed (temporary AK: the security token is a signed header)
      await catchError(
        infer(
          url,
          { json: IRIS_INPUT },
          { auth: new AkSkAuthenticator({ accessKey: C.temporaryAccessKey, secretKey: wrongSk, securityToken: C.securityToken, now }) },
        ),
      ),
      await catchError(infer(url, { json: IRIS_INPUT }, { auth: new AkSkAuthenticator({ accessKey: C.accessKey, secretKey: wrongSk, now }) })),
      await catchError(
        infer(serviceUrl(g, S.irisApp), { json: IRIS_INPUT }, { auth: new AppSignatureAuthenticator({ appKey: C.appKey, appSecret: wrongSk, now }) }),
      ),
      await catchError(infer(serviceUrl(g, S.irisApp), { json: IRIS_INPUT }, { auth: new AppCodeAuthenticator(`${C.appCode}X`) })),
      // The gateway echoes an unknown apikey in its message: masked as the credential it is.
      await catchError(infer(serviceUrl(g, S.irisApp), { json: IRIS_INPUT }, { auth: new ApiKeyAuthenticator('guessed-app-key-0009') })),
      await catchError(infer(url, { json: IRIS_INPUT }, { auth: new TokenAuthenticator(`${token}x`) })),
      await catchError(new TokenProvider({ login: passwordLogin(g, { password: 'Wrong-Passw0rd!' }) }).getToken()),
      await catchError(infer(url, { json: 'x'.repeat(100) }, { auth: new AppCodeAuthenticator(C.appCode), maxBodyBytes: 10 })),
      await catchError(infer(serviceUrl(g, S.slow), { json: {} }, { auth: new TokenAuthenticator(token), timeoutMs: 20 })),
    ];
    expect(errors.map((e) => (e as Error).name)).toEqual([
      'ApigError',
      'ApigError',
      'ApigError',
      'ApigError',
      'ApigError',
      'ApigError',
      'IamError',
      'RequestTooLargeError',
      'RequestTimeoutError',
    ]);
    expect(errors[6]).toBeInstanceOf(IamError);
    expect(errors[7]).toBeInstanceOf(RequestTooLargeError);
    expect(errors[8]).toBeInstanceOf(RequestTimeoutError);
    expect((errors[4] as Error).message).toContain('app not found, appkey [redacted, 20 chars]');
    for (const error of errors) expectNoSecret(error, [...DEMO_SECRETS, token, wrongSk, `${C.appCode}X`, 'guessed-app-key-0009', 'Wrong-Passw0rd!']);
  });
});
