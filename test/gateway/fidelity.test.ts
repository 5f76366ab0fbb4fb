/**
 * Issue #14's fidelity points at the gateway: V11-HMAC-SM3 (signing.md §3.2), the unknown-algorithm
 * message, the V11 scope and unsigned X-Security-Token switches (inferred), OPTIONS and CORS
 * (gateway.md §1.4), and expires_at as IAM writes it (gateway.md §5.1).
 */
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { demoWorld } from '../../src/mock/config/demo-world.ts';
import type { GatewayConfigOverrides } from '../../src/mock/config/load-config.ts';
import {
  AKSK,
  APP_CREDS,
  APP_MSG,
  C,
  expectApigError,
  expectGatewayHeaders,
  expectNoUnexpected500,
  expectOk,
  FROZEN_CLOCK,
  gatewayApp,
  HOST,
  IAM_MSG,
  IRIS_ANSWER,
  NOT_PUBLISHED,
  post,
  S,
  signed,
} from './support.ts';

afterAll(() => expectNoUnexpected500());

const IRIS = `/v1/infers/${S.iris}`;
const last = (app: ReturnType<typeof gatewayApp>) => app.gateway.journal.list().at(-1);
const IRIS_APP = `/v1/infers/${S.irisApp}`;

/**
 * The demo world with the APIG Go signer vectors' key pair given to the demo user (signing.md §3.2),
 * and the echo model behind the vector's service id, so that the answer shows what was forwarded.
 */
function withGoSignerKey(overrides: GatewayConfigOverrides = {}): GatewayConfigOverrides {
  const world = demoWorld();
  const users = world.users.map((u) => (u.name === C.user ? { ...u, accessKeys: [...u.accessKeys, { ak: 'AKEXAMPLE', sk: 'SKEXAMPLE' }] } : u));
  const services = world.services.map((s) => (s.id === S.iris ? { ...s, model: 'echo' as const } : s));
  return { ...overrides, world: { ...overrides.world, users, services } };
}

// Vector 1 of signing.md §3.2, byte for byte as the APIG Go signer produced it.
const GO_VECTOR = {
  body: '{"data":{"req_data":[{"sepal_length":5}]}}',
  date: '20261201T120000Z',
  authorization:
    'V11-HMAC-SM3 Credential=AKEXAMPLE/20261201/cn-north-4/apic, SignedHeaders=content-type;x-sdk-date;x-stage, Signature=2154058fd62af4fdde5265a37f23f02169706123589da7bfb7b378ada3b9ee93',
};

function goVectorRequest(app: ReturnType<typeof gatewayApp>, authorization = GO_VECTOR.authorization, body = GO_VECTOR.body) {
  return request(app)
    .post(IRIS)
    .set('Host', HOST)
    .set('Content-Type', 'application/json')
    .set('X-Stage', 'RELEASE')
    .set('X-Sdk-Date', GO_VECTOR.date)
    .set('Authorization', authorization)
    .send(body);
}

describe('V11-HMAC-SM3 at the gateway (signing.md §3.2)', () => {
  const clock = { start: '2026-12-01T12:00:30Z', frozen: true };

  it('accepts the APIG Go signer’s own request (vector 1) and forwards it to the model', async () => {
    const app = gatewayApp(withGoSignerKey({ clock }));
    const res = await goVectorRequest(app);
    expect(res.status, res.text).toBe(200);
    expectGatewayHeaders(res);
    expect(JSON.stringify(res.body)).toContain('sepal_length');
    expect(last(app)).toMatchObject({ verdict: 'accepted', auth: 'aksk', signature: { algorithm: 'V11-HMAC-SM3', accessKey: 'AKEXAMPLE' } });
  });

  it('refuses that request with one signature digit changed, or with a changed body: 401 APIG.0301 verify aksk signature fail', async () => {
    const app = gatewayApp(withGoSignerKey({ clock, behaviour: { canonicalRequestInErrors: false } }));
    const flipped = GO_VECTOR.authorization.replace(/.$/, (d) => (d === '3' ? '4' : '3'));
    expectApigError(await goVectorRequest(app, flipped), 401, 'APIG.0301', `${IAM_MSG}verify aksk signature fail`);
    expectApigError(
      await goVectorRequest(app, GO_VECTOR.authorization, GO_VECTOR.body.replace('5', '6')),
      401,
      'APIG.0301',
      `${IAM_MSG}verify aksk signature fail`,
    );
  });

  it('the same signature under another algorithm name is not accepted: SM3 and SHA-256 keys differ', async () => {
    const app = gatewayApp(withGoSignerKey({ clock, behaviour: { canonicalRequestInErrors: false } }));
    const asSha256 = GO_VECTOR.authorization.replace('V11-HMAC-SM3', 'V11-HMAC-SHA256');
    expectApigError(await goVectorRequest(app, asSha256), 401, 'APIG.0301', `${IAM_MSG}verify aksk signature fail`);
  });

  it('our signer’s V11-HMAC-SM3 is accepted for AK/SK and for app authentication', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const options = { algorithm: 'V11-HMAC-SM3', region: 'cn-north-4' } as const;
    expectOk(await signed(app, { path: IRIS, credentials: AKSK, options }).test, IRIS_ANSWER);
    expectOk(await signed(app, { path: IRIS_APP, credentials: APP_CREDS, options }).test, IRIS_ANSWER);
  });

  it('an app signature with the wrong AppSecret: 401 APIG.0303 verify signature fail', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK, behaviour: { canonicalRequestInErrors: false } });
    const call = signed(app, {
      path: IRIS_APP,
      credentials: { ...APP_CREDS, secretKey: 'not-the-app-secret' },
      options: { algorithm: 'V11-HMAC-SM3', region: 'cn-north-4' },
    });
    expectApigError(await call.test, 401, 'APIG.0303', `${APP_MSG}verify signature fail`);
  });

  it('an unsigned multipart body declared in X-Sdk-Content-Sha256, as the APIG Go signer declares it, is accepted', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const call = signed(app, {
      path: `/v1/infers/${S.echo}`,
      credentials: AKSK,
      body: '{"any":"body"}',
      headers: { 'X-Sdk-Content-Sha256': 'UNSIGNED-PAYLOAD' },
      options: { algorithm: 'V11-HMAC-SM3', region: 'cn-north-4' },
    });
    expect(call.steps.canonicalRequest.text.endsWith('\nUNSIGNED-PAYLOAD')).toBe(true);
    expect((await call.test).status).toBe(200);
  });
});

describe('an algorithm outside the family is named in the refusal (inferred text)', () => {
  const authorization = `SDK-ECDSA-P256-SHA256 Access=${C.accessKey}, SignedHeaders=host;x-sdk-date, Signature=${'a'.repeat(64)}`;

  it('IAM API: 401 APIG.0301 "unsupported signing algorithm SDK-ECDSA-P256-SHA256", not "Access or Credential is empty"', async () => {
    const app = gatewayApp();
    const res = await post(app, IRIS, { Authorization: authorization, 'X-Sdk-Date': '20261123T090000Z' });
    expectApigError(res, 401, 'APIG.0301', `${IAM_MSG}unsupported signing algorithm SDK-ECDSA-P256-SHA256`);
    expect(last(app)).toMatchObject({ rule: 'iam.algorithm-unknown' });
  });

  it('app API: 401 APIG.0303 with the same words', async () => {
    const app = gatewayApp();
    expectApigError(
      await post(app, IRIS_APP, { Authorization: authorization }),
      401,
      'APIG.0303',
      `${APP_MSG}unsupported signing algorithm SDK-ECDSA-P256-SHA256`,
    );
  });

  it('something that is not a name is not repeated (it could be a raw credential)', async () => {
    const app = gatewayApp();
    const secretish = 'c2VjcmV0LXRva2VuLXZhbHVlLTAwMDE=';
    const res = await post(app, IRIS, { Authorization: `${secretish} Access=x, SignedHeaders=host, Signature=${'a'.repeat(64)}` });
    expect(res.body.error_msg).toBe(`${IAM_MSG}unsupported signing algorithm (not shown: it is not an algorithm name)`);
    expect(JSON.stringify(last(app))).not.toContain(secretish);
  });

  it('an Authorization without Access= keeps the observed "Access or Credential is empty in Authorization"', async () => {
    const app = gatewayApp();
    const res = await post(app, IRIS_APP, { Authorization: `SDK-HMAC-SHA256 SignedHeaders=host, Signature=${'a'.repeat(64)}` });
    expectApigError(res, 401, 'APIG.0303', `${APP_MSG}Access or Credential is empty in Authorization`);
    expect(last(app)).toMatchObject({ rule: 'app.access-missing' });
  });
});

describe('behaviour.v11Scope: what a V11 credential scope must name (inferred; default any)', () => {
  const elsewhere = { algorithm: 'V11-HMAC-SHA256', region: 'nowhere-9', service: 'modelarts' } as const;

  it('default: any region and service are accepted, as the issue found (the key is derived from the scope sent)', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    expectOk(await signed(app, { path: IRIS, credentials: AKSK, options: elsewhere }).test, IRIS_ANSWER);
  });

  it("'region': the world's region is wanted, another region is a signature failure; any service passes", async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK, behaviour: { v11Scope: 'region', canonicalRequestInErrors: false } });
    expectApigError(await signed(app, { path: IRIS, credentials: AKSK, options: elsewhere }).test, 401, 'APIG.0301', `${IAM_MSG}verify aksk signature fail`);
    expect(last(app)).toMatchObject({ reason: 'scope-mismatch' });
    expectOk(await signed(app, { path: IRIS, credentials: AKSK, options: { ...elsewhere, region: 'cn-north-4' } }).test, IRIS_ANSWER);
  });

  it("'region-and-service': the service must be one of v11ScopeServices (default apic)", async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK, behaviour: { v11Scope: 'region-and-service', canonicalRequestInErrors: false } });
    const inRegion = { ...elsewhere, region: 'cn-north-4' };
    expectApigError(await signed(app, { path: IRIS_APP, credentials: APP_CREDS, options: inRegion }).test, 401, 'APIG.0303', `${APP_MSG}verify signature fail`);
    expectOk(await signed(app, { path: IRIS, credentials: AKSK, options: { ...inRegion, service: 'apic' } }).test, IRIS_ANSWER);
    const custom = gatewayApp({ clock: FROZEN_CLOCK, behaviour: { v11Scope: 'region-and-service', v11ScopeServices: ['modelarts'] } });
    expectOk(await signed(custom, { path: IRIS, credentials: AKSK, options: inRegion }).test, IRIS_ANSWER);
  });

  it('the switch does not touch the plain algorithms, which have no scope', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK, behaviour: { v11Scope: 'region-and-service' } });
    expectOk(await signed(app, { path: IRIS, credentials: AKSK }).test, IRIS_ANSWER);
  });
});

describe('behaviour.securityToken: an X-Security-Token left out of SignedHeaders (inferred; default optional)', () => {
  const temporary = { accessKey: C.temporaryAccessKey, secretKey: C.temporarySecretKey };

  it('default: signed without the token, the token added after signing, is accepted', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const call = signed(app, { path: IRIS, credentials: temporary, unsignedHeaders: { 'X-Security-Token': C.securityToken } });
    expect(call.steps.canonicalRequest.text).not.toContain('x-security-token');
    expectOk(await call.test, IRIS_ANSWER);
  });

  it("'signed': the same request is 401 APIG.0301; the token signed as the v3 SDKs do is accepted", async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK, behaviour: { securityToken: 'signed' } });
    const unsigned = signed(app, { path: IRIS, credentials: temporary, unsignedHeaders: { 'X-Security-Token': C.securityToken } });
    expectApigError(await unsigned.test, 401, 'APIG.0301', `${IAM_MSG}verify security token fail`);
    expect(last(app)).toMatchObject({ rule: 'iam.security-token-unsigned', reason: 'security-token-unsigned' });
    expectOk(await signed(app, { path: IRIS, credentials: { ...temporary, securityToken: C.securityToken } }).test, IRIS_ANSWER);
  });

  it("'signed' asks nothing of permanent keys", async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK, behaviour: { securityToken: 'signed' } });
    expectOk(await signed(app, { path: IRIS, credentials: AKSK }).test, IRIS_ANSWER);
  });
});

describe('OPTIONS and CORS (gateway.md §1.4)', () => {
  const preflight = (app: ReturnType<typeof gatewayApp>, path: string) =>
    request(app)
      .options(path)
      .set('Origin', 'https://app.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type,x-sdk-date');

  it('without CORS, a preflight on an inference URL is 404 APIG.0101 (OPTIONS without CORS), before any authentication', async () => {
    const app = gatewayApp();
    for (const path of [IRIS, IRIS_APP, `${IRIS}/sub/path`]) expectApigError(await preflight(app, path), 404, 'APIG.0101', NOT_PUBLISHED);
    expect(last(app)).toMatchObject({ rule: 'route.not-found', serviceId: `${S.iris}` });
  });

  it('an OPTIONS on no API at all is the ordinary APIG.0101', async () => {
    const app = gatewayApp();
    expectApigError(await preflight(app, '/v1/infers/no-such-service'), 404, 'APIG.0101', NOT_PUBLISHED);
  });

  function corsApp(extra: GatewayConfigOverrides = {}) {
    const services = demoWorld().services.map((s) => (s.id === S.iris || s.id === S.echo ? { ...s, cors: true } : s));
    return gatewayApp({ ...extra, world: { services } });
  }

  it('with the service’s cors on: 200 and exactly APIG’s documented preflight headers, no credentials needed', async () => {
    const app = corsApp();
    const res = await preflight(app, IRIS);
    expect(res.status).toBe(200);
    expectGatewayHeaders(res);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-headers']).toBe(
      'X-Stage,X-Sdk-Date,X-Sdk-Nonce,X-Proxy-Signed-Headers,X-Sdk-Content-Sha256,X-Forwarded-For,Authorization,Content-Type,Accept,Accept-Ranges,Cache-Control,Range',
    );
    expect(res.headers['access-control-expose-headers']).toBe(
      'X-Request-Id,X-Apig-Latency,X-Apig-Upstream-Latency,X-Apig-RateLimit-Api,X-Apig-RateLimit-User,X-Apig-RateLimit-App,X-Apig-RateLimit-Ip,X-Apig-RateLimit-Api-Allenv',
    );
    expect(res.headers['access-control-allow-methods']).toBe('GET,POST,PUT,DELETE,HEAD,OPTIONS,PATCH');
    expect(res.headers['access-control-max-age']).toBe('172800');
    expect(res.text).toBe('');
    expect(last(app)).toMatchObject({ verdict: 'accepted', serviceId: S.iris, status: 200 });
  });

  it('cors on one service leaves another without it: still APIG.0101 there', async () => {
    const app = corsApp();
    expectApigError(await preflight(app, IRIS_APP), 404, 'APIG.0101', NOT_PUBLISHED);
  });

  it('with cors on, a call carrying Origin gets Access-Control-Allow-Origin: * on the model’s answer; without Origin, none', async () => {
    const app = corsApp({ clock: FROZEN_CLOCK });
    const withOrigin = await signed(app, { path: IRIS, credentials: AKSK, unsignedHeaders: { Origin: 'https://app.example' } }).test;
    expectOk(withOrigin, IRIS_ANSWER);
    expect(withOrigin.headers['access-control-allow-origin']).toBe('*');
    const without = await signed(app, { path: IRIS, credentials: AKSK }).test;
    expect(without.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('without cors, a call carrying Origin gets no CORS header', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const res = await signed(app, { path: IRIS, credentials: AKSK, unsignedHeaders: { Origin: 'https://app.example' } }).test;
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
