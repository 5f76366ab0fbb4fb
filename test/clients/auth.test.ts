/** Authenticators: the headers each adds (gateway.md §3), then every method against the mock gateway. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../src/mock/adapters/express.ts';
import {
  AkSkAuthenticator,
  ApiKeyAuthenticator,
  AppCodeAuthenticator,
  AppSignatureAuthenticator,
  type Authenticator,
  type AuthRequest,
  InferenceClient,
  TokenAuthenticator,
  TokenProvider,
} from '../../src/clients/index.ts';
import { verifyRequest } from '../../src/protocol/index.ts';
import { C, IRIS_ANSWER, IRIS_INPUT, iamLogins, passwordLogin, S, serviceUrl, start } from './support.ts';

const NOW = Date.parse('2026-11-23T09:00:00Z');
const BODY = new TextEncoder().encode('{"x":1}');

function request(overrides: Partial<AuthRequest> = {}): AuthRequest {
  const headers = new Headers({ 'Content-Type': 'application/json', 'X-Stage': 'RELEASE' });
  return { method: 'POST', url: new URL('https://gw.example.test/v1/infers/abc/sub?b=2&a=1'), headers, body: BODY, unsignedPayload: false, ...overrides };
}

async function verify(req: AuthRequest, secretKey: string, securityToken?: string) {
  return verifyRequest(
    { method: req.method, target: req.url.pathname + req.url.search, headers: [...req.headers, ['host', req.url.host]], body: req.body },
    { lookup: () => ({ secretKey, securityToken }), now: NOW },
  );
}

describe('authenticators, offline', () => {
  it('token: X-Auth-Token from a fixed token or a provider', async () => {
    const req = request();
    await new TokenAuthenticator('MII-fixed').apply(req);
    expect(req.headers.get('x-auth-token')).toBe('MII-fixed');
    const viaProvider = request();
    await new TokenAuthenticator(new TokenProvider({ token: 'MII-p' })).apply(viaProvider);
    expect(viaProvider.headers.get('x-auth-token')).toBe('MII-p');
  });

  it('AK/SK: signs every header given, at now(), verifiably', async () => {
    const req = request();
    await new AkSkAuthenticator({ accessKey: C.accessKey, secretKey: C.secretKey, now: () => NOW }).apply(req);
    expect(req.headers.get('x-sdk-date')).toBe('20261123T090000Z');
    expect(req.headers.get('authorization')).toMatch(
      /^SDK-HMAC-SHA256 Access=DEMOAKAPIGKIT00000001, SignedHeaders=content-type;host;x-sdk-date;x-stage, Signature=[0-9a-f]{64}$/,
    );
    expect(req.headers.has('x-sdk-content-sha256')).toBe(false);
    expect(await verify(req, C.secretKey)).toMatchObject({ accepted: true });
  });

  it('AK/SK with unsignedPayload: X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD, signed', async () => {
    const req = request({ unsignedPayload: true });
    await new AkSkAuthenticator({ accessKey: C.accessKey, secretKey: C.secretKey, now: () => NOW }).apply(req);
    expect(req.headers.get('x-sdk-content-sha256')).toBe('UNSIGNED-PAYLOAD');
    expect(req.headers.get('authorization')).toContain('x-sdk-content-sha256');
    expect(await verify(req, C.secretKey)).toMatchObject({ accepted: true, unsignedPayload: true });
  });

  it('temporary AK/SK: X-Security-Token sent and signed; X-Project-Id when given', async () => {
    const req = request();
    const auth = new AkSkAuthenticator({
      accessKey: C.temporaryAccessKey,
      secretKey: C.temporarySecretKey,
      securityToken: C.securityToken,
      projectId: 'p-1',
      now: () => NOW,
    });
    expect(auth.kind).toBe('temporary-aksk');
    await auth.apply(req);
    expect(req.headers.get('x-security-token')).toBe(C.securityToken);
    expect(req.headers.get('x-project-id')).toBe('p-1');
    expect(req.headers.get('authorization')).toContain('SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token;x-stage,');
    expect(await verify(req, C.temporarySecretKey, C.securityToken)).toMatchObject({ accepted: true });
  });

  it('app signature: AppKey in Access=, AppSecret as the key', async () => {
    const req = request();
    await new AppSignatureAuthenticator({ appKey: C.appKey, appSecret: C.appSecret, now: () => NOW }).apply(req);
    expect(req.headers.get('authorization')).toContain(`Access=${C.appKey},`);
    expect(await verify(req, C.appSecret)).toMatchObject({ accepted: true });
  });

  it('AppCode and apikey: one header each, nothing signed', async () => {
    const appCode = request();
    await new AppCodeAuthenticator(C.appCode).apply(appCode);
    expect(appCode.headers.get('x-apig-appcode')).toBe(C.appCode);
    const apiKey = request();
    await new ApiKeyAuthenticator(C.appKey).apply(apiKey);
    expect(apiKey.headers.get('apikey')).toBe(C.appKey);
    expect(appCode.headers.has('authorization') || apiKey.headers.has('authorization')).toBe(false);
  });

  it('refuses unusable credentials without quoting them', () => {
    expect(() => new AkSkAuthenticator({ accessKey: 'AK', secretKey: '' })).toThrow('the secret key is empty');
    expect(() => new AppCodeAuthenticator('code\nX-Evil: 1')).toThrow('the AppCode is not a valid HTTP header value');
    expect(() => new AppSignatureAuthenticator({ appKey: 'k', appSecret: ' s' })).toThrow('the AppSecret is not a valid HTTP header value');
  });
});

describe('every auth method against the mock gateway', () => {
  let g: RunningGateway;
  beforeAll(async () => {
    g = await start();
  });
  afterAll(() => g.close());
  beforeEach(() => g.gateway.reset());

  const now = () => g.gateway.clock.now();
  const callIris = (id: string, auth: Authenticator) => new InferenceClient({ serviceUrl: serviceUrl(g, id), auth }).infer({ json: IRIS_INPUT });

  it('token from a password login; the token is cached across calls', async () => {
    const auth = new TokenAuthenticator(new TokenProvider({ login: passwordLogin(g) }, { now }));
    for (let i = 0; i < 3; i++) expect((await callIris(S.iris, auth)).body).toEqual(IRIS_ANSWER);
    expect(iamLogins(g)).toBe(1);
    expect(g.gateway.journal.list().filter((e) => e.auth === 'token' && e.verdict === 'accepted')).toHaveLength(3);
  });

  it('token refreshed after the gateway clock passes the margin, and the new token is accepted', async () => {
    const provider = new TokenProvider({ login: passwordLogin(g) }, { now });
    const auth = new TokenAuthenticator(provider);
    await callIris(S.iris, auth);
    g.gateway.clock.advance(23 * 3_600_000 + 1000);
    expect((await callIris(S.iris, auth)).status).toBe(200);
    expect(iamLogins(g)).toBe(2);
  });

  it('concurrent calls with one token provider: exactly one IAM login', async () => {
    const auth = new TokenAuthenticator(new TokenProvider({ login: passwordLogin(g) }, { now }));
    const results = await Promise.all(Array.from({ length: 8 }, () => callIris(S.iris, auth)));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(iamLogins(g)).toBe(1);
  });

  it('AK/SK', async () => {
    const result = await callIris(S.iris, new AkSkAuthenticator({ accessKey: C.accessKey, secretKey: C.secretKey, now }));
    expect(result.body).toEqual(IRIS_ANSWER);
    expect(g.gateway.journal.list().at(-1)).toMatchObject({ auth: 'aksk', verdict: 'accepted' });
  });

  it('temporary AK/SK with X-Security-Token', async () => {
    const auth = new AkSkAuthenticator({ accessKey: C.temporaryAccessKey, secretKey: C.temporarySecretKey, securityToken: C.securityToken, now });
    expect((await callIris(S.iris, auth)).body).toEqual(IRIS_ANSWER);
    expect(g.gateway.journal.list().at(-1)).toMatchObject({ auth: 'aksk', verdict: 'accepted', signature: { accessKey: C.temporaryAccessKey } });
  });

  it('app signature (AppKey/AppSecret)', async () => {
    const result = await callIris(S.irisApp, new AppSignatureAuthenticator({ appKey: C.appKey, appSecret: C.appSecret, now }));
    expect(result.body).toEqual(IRIS_ANSWER);
    expect(g.gateway.journal.list().at(-1)).toMatchObject({ auth: 'app', verdict: 'accepted' });
  });

  it('AppCode', async () => {
    expect((await callIris(S.irisApp, new AppCodeAuthenticator(C.appCode))).body).toEqual(IRIS_ANSWER);
    expect(g.gateway.journal.list().at(-1)).toMatchObject({ auth: 'appcode', verdict: 'accepted' });
  });

  it('apikey', async () => {
    expect((await callIris(S.irisApp, new ApiKeyAuthenticator(C.appKey))).body).toEqual(IRIS_ANSWER);
    expect(g.gateway.journal.list().at(-1)).toMatchObject({ auth: 'apikey', verdict: 'accepted' });
  });
});
