/** The signature authenticators sign with any member of the family when told (signing.md §1, §3); SDK-HMAC-SHA256 unless. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../../src/mock/adapters/express.ts';
import { AkSkAuthenticator, AppSignatureAuthenticator, type AuthRequest, InferenceClient } from '../../src/clients/index.ts';
import { SigningError, verifyRequest } from '../../src/protocol/index.ts';
import { C, IRIS_ANSWER, IRIS_INPUT, S, serviceUrl, start } from './support.ts';

const NOW = Date.parse('2026-12-01T12:00:00Z');

function request(): AuthRequest {
  const headers = new Headers({ 'Content-Type': 'application/json' });
  return { method: 'POST', url: new URL('https://gw.example.test/v1/infers/abc'), headers, body: new TextEncoder().encode('{}'), unsignedPayload: false };
}

describe('algorithm options, offline', () => {
  it('AK/SK with V11-HMAC-SM3: the V11 header with an apic scope in the region given, and it verifies', async () => {
    const req = request();
    await new AkSkAuthenticator({ accessKey: C.accessKey, secretKey: C.secretKey, now: () => NOW, algorithm: 'V11-HMAC-SM3', region: 'cn-north-4' }).apply(req);
    expect(req.headers.get('authorization')).toMatch(
      /^V11-HMAC-SM3 Credential=DEMOAKAPIGKIT00000001\/20261201\/cn-north-4\/apic, SignedHeaders=content-type;host;x-sdk-date, Signature=[0-9a-f]{64}$/,
    );
    const verdict = await verifyRequest(
      { method: 'POST', target: '/v1/infers/abc', headers: [...req.headers, ['host', 'gw.example.test']], body: req.body },
      { lookup: () => C.secretKey, now: NOW },
    );
    expect(verdict).toMatchObject({ accepted: true, algorithm: 'V11-HMAC-SM3' });
  });

  it('app signature with SDK-HMAC-SM3 and a service of its own for V11', async () => {
    const sm3 = request();
    await new AppSignatureAuthenticator({ appKey: C.appKey, appSecret: C.appSecret, now: () => NOW, algorithm: 'SDK-HMAC-SM3' }).apply(sm3);
    expect(sm3.headers.get('authorization')).toMatch(/^SDK-HMAC-SM3 Access=demo-app-key-0001, /);
    const v11 = request();
    await new AppSignatureAuthenticator({
      appKey: C.appKey,
      appSecret: C.appSecret,
      now: () => NOW,
      algorithm: 'V11-HMAC-SHA256',
      region: 'r-1',
      service: 'svc',
    }).apply(v11);
    expect(v11.headers.get('authorization')).toMatch(/^V11-HMAC-SHA256 Credential=demo-app-key-0001\/20261201\/r-1\/svc, /);
  });

  it('without an algorithm, SDK-HMAC-SHA256 as before', async () => {
    const req = request();
    await new AkSkAuthenticator({ accessKey: C.accessKey, secretKey: C.secretKey, now: () => NOW }).apply(req);
    expect(req.headers.get('authorization')).toMatch(/^SDK-HMAC-SHA256 Access=/);
  });

  it('a V11 algorithm without a region is refused when signing, naming it', async () => {
    const auth = new AkSkAuthenticator({ accessKey: C.accessKey, secretKey: C.secretKey, now: () => NOW, algorithm: 'V11-HMAC-SM3' });
    await expect(auth.apply(request())).rejects.toThrow(new SigningError('V11-HMAC-SM3 needs a region (options.region)'));
  });
});

describe('algorithm options against the mock gateway', () => {
  let g: RunningGateway;
  beforeAll(async () => {
    g = await start();
  });
  afterAll(() => g.close());
  beforeEach(() => g.gateway.reset());
  const now = () => g.gateway.clock.now();
  const callIris = (id: string, auth: AkSkAuthenticator | AppSignatureAuthenticator) =>
    new InferenceClient({ serviceUrl: serviceUrl(g, id), auth }).infer({ json: IRIS_INPUT });

  it.each(['SDK-HMAC-SM3', 'V11-HMAC-SM3', 'V11-HMAC-SHA256'] as const)('%s for AK/SK and for an app', async (algorithm) => {
    const options = { algorithm, region: 'cn-north-4', now };
    expect((await callIris(S.iris, new AkSkAuthenticator({ accessKey: C.accessKey, secretKey: C.secretKey, ...options }))).body).toEqual(IRIS_ANSWER);
    expect(g.gateway.journal.list().at(-1)).toMatchObject({ auth: 'aksk', verdict: 'accepted', signature: { algorithm } });
    expect((await callIris(S.irisApp, new AppSignatureAuthenticator({ appKey: C.appKey, appSecret: C.appSecret, ...options }))).body).toEqual(IRIS_ANSWER);
    expect(g.gateway.journal.list().at(-1)).toMatchObject({ auth: 'app', verdict: 'accepted', signature: { algorithm } });
  });
});
