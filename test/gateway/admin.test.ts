/**
 * The mock's control API under /_apig-kit (world, clock, journal, faults, reset), and the
 * journal's promise never to hold a credential.
 */
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { formatSdkDate } from '../../src/protocol/index.ts';
import {
  AKSK,
  APP_CREDS,
  C,
  expectApigError,
  expectNoUnexpected500,
  expectOk,
  FROZEN_AT,
  FROZEN_CLOCK,
  FROZEN_MS,
  gatewayApp,
  HOUR,
  IAM_MSG,
  IRIS_ANSWER,
  issueToken,
  MINUTE,
  multipartImage,
  post,
  S,
  signed,
} from './support.ts';

afterAll(expectNoUnexpected500);

const IRIS = `/v1/infers/${S.iris}`;
const IRIS_APP = `/v1/infers/${S.irisApp}`;
const json = (test: request.Test, body: unknown) => test.set('Content-Type', 'application/json').send(JSON.stringify(body));

describe('GET /_apig-kit/world', () => {
  it('describes the world, with a URL per service on the address the client used', async () => {
    const app = gatewayApp({ admin: { allowedHosts: ['gw.example.test'] } });
    const res = await request(app).get('/_apig-kit/world').set('Host', 'gw.example.test:8080');
    expect(res.status).toBe(200);
    expect(res.body.region).toBe('cn-north-4');
    expect(res.body.iamUrl).toBe('http://gw.example.test:8080/v3/auth/tokens');
    expect(res.body.accounts.map((a: { name: string }) => a.name)).toEqual([C.account, C.otherAccount]);
    expect(res.body.apps.map((a: { name: string }) => a.name)).toEqual(['demo-app', 'unbound-app']);
    const iris = res.body.services.find((s: { id: string }) => s.id === S.iris);
    expect(iris).toMatchObject({
      name: 'iris-classifier',
      model: 'iris',
      auth: 'iam',
      state: 'running',
      url: `http://gw.example.test:8080/v1/infers/${S.iris}`,
    });
    expect(res.body.services).toHaveLength(Object.keys(S).length);
  });

  it('is not journaled and gets no APIG headers', async () => {
    const app = gatewayApp();
    const res = await request(app).get('/_apig-kit/world');
    expect(res.headers['x-request-id']).toBeUndefined();
    expect(app.gateway.journal.size).toBe(0);
  });

  it('an unknown admin route is 404', async () => {
    const app = gatewayApp();
    const res = await request(app).get('/_apig-kit/nothing');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'no admin route GET /_apig-kit/nothing' });
  });
});

describe('/_apig-kit/clock', () => {
  it('GET shows the configured clock', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const res = await request(app).get('/_apig-kit/clock');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ now: '2026-11-23T09:00:00.000Z', sdkDate: '20261123T090000Z', epochMs: FROZEN_MS, frozen: true });
  });

  it('PUT {time, frozen} sets it; {advanceMs} moves it; {frozen:false} lets it run; {offsetMs} offsets real time; DELETE restores the config', async () => {
    const app = gatewayApp();
    let res = await json(request(app).put('/_apig-kit/clock'), { time: '20300101T120000Z', frozen: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ now: '2030-01-01T12:00:00.000Z', frozen: true });
    expect(app.gateway.clock.now()).toBe(Date.UTC(2030, 0, 1, 12));

    res = await json(request(app).put('/_apig-kit/clock'), { advanceMs: 90 * MINUTE });
    expect(res.body).toMatchObject({ now: '2030-01-01T13:30:00.000Z', sdkDate: '20300101T133000Z', frozen: true });

    res = await json(request(app).put('/_apig-kit/clock'), { frozen: false });
    expect(res.body.frozen).toBe(false);
    expect(Math.abs(res.body.epochMs - Date.UTC(2030, 0, 1, 13, 30))).toBeLessThan(5000);

    res = await json(request(app).put('/_apig-kit/clock'), { offsetMs: HOUR });
    expect(res.body).toMatchObject({ frozen: false });
    expect(Math.abs(res.body.epochMs - (Date.now() + HOUR))).toBeLessThan(5000);
    expect(Math.abs(res.body.offsetMs - HOUR)).toBeLessThan(50);

    res = await request(app).delete('/_apig-kit/clock');
    expect(res.body.frozen).toBe(false);
    expect(Math.abs(res.body.epochMs - Date.now())).toBeLessThan(5000);
  });

  it('POST works like PUT, and bad input is a 400', async () => {
    const app = gatewayApp();
    expect((await json(request(app).post('/_apig-kit/clock'), { time: Date.UTC(2027, 5, 1), frozen: true })).body.now).toBe('2027-06-01T00:00:00.000Z');
    const bad = await json(request(app).put('/_apig-kit/clock'), { time: 'not a time' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/not a time/);
    expect((await json(request(app).put('/_apig-kit/clock'), { speed: 2 })).status).toBe(400);
    expect((await request(app).put('/_apig-kit/clock').set('Content-Type', 'application/json').send('{oops')).status).toBe(400);
  });

  it('moving the clock through the admin API drives the signature skew rule', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const { test, sdkDate } = signed(app, { path: IRIS_APP, credentials: APP_CREDS });
    await json(request(app).put('/_apig-kit/clock'), { advanceMs: 16 * MINUTE });
    expectApigError(
      await test,
      401,
      'APIG.0303',
      `Incorrect app authentication information: signature expired, signature time:${sdkDate},server time:${formatSdkDate(FROZEN_MS + 16 * MINUTE)}`,
    );
  });
});

describe('/_apig-kit/journal', () => {
  it('records each call with its request id, verdict, rule and code; filters by X-Apig-Kit-Test-Id; clears', async () => {
    const app = gatewayApp();
    const ok = await post(app, IRIS_APP, { 'X-Apig-AppCode': C.appCode, 'X-Apig-Kit-Test-Id': 'alpha' });
    expectOk(ok, IRIS_ANSWER);
    const refused = await post(app, IRIS, { 'X-Apig-Kit-Test-Id': 'beta' });
    expectApigError(refused, 401, 'APIG.0301', `${IAM_MSG}x-auth-token not found`);
    await post(app, '/v1/infers/none', { 'X-Apig-Kit-Test-Id': 'alpha' });

    const all = await request(app).get('/_apig-kit/journal');
    expect(all.status).toBe(200);
    expect(all.body.entries).toHaveLength(3);

    const alpha = (await request(app).get('/_apig-kit/journal?testId=alpha')).body.entries;
    expect(alpha).toHaveLength(2);
    expect(alpha[0]).toMatchObject({
      requestId: ok.headers['x-request-id'],
      testId: 'alpha',
      method: 'POST',
      target: IRIS_APP,
      serviceId: S.irisApp,
      auth: 'appcode',
      principal: 'app demo-app',
      status: 200,
      verdict: 'accepted',
    });
    expect(alpha[1]).toMatchObject({ testId: 'alpha', status: 404, verdict: 'rejected', rule: 'route.not-found', errorCode: 'APIG.0101' });

    const beta = (await request(app).get('/_apig-kit/journal?testId=beta')).body.entries;
    expect(beta).toEqual([
      expect.objectContaining({ requestId: refused.body.request_id, status: 401, verdict: 'rejected', rule: 'iam.token-missing', errorCode: 'APIG.0301' }),
    ]);

    expect((await request(app).get('/_apig-kit/journal?limit=1')).body.entries).toEqual([expect.objectContaining({ testId: 'alpha', status: 404 })]);
    expect((await request(app).get('/_apig-kit/journal?testId=gamma')).body.entries).toEqual([]);

    expect((await request(app).delete('/_apig-kit/journal')).body).toEqual({ cleared: true });
    expect((await request(app).get('/_apig-kit/journal')).body.entries).toEqual([]);
  });

  it('holds the gateway time of each request', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    await post(app, IRIS);
    expect(app.gateway.journal.list()[0]?.time).toBe(new Date(FROZEN_AT).toISOString());
  });
});

describe('POST /_apig-kit/reset', () => {
  it('restores clock, journal, faults, AK lockouts and throttle windows', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK, limits: { apiRateLimitPerSecond: 1 } });
    // Lock the AK, use up the throttle, inject a fault, move the clock.
    for (let i = 0; i < 5; i++) await signed(app, { path: IRIS, credentials: { accessKey: C.accessKey, secretKey: 'wrong' } }).test;
    expectApigError(await signed(app, { path: IRIS, credentials: AKSK }).test, 401, 'APIG.0301', `${IAM_MSG}AK access failed to reach the limit,forbidden`);
    expectOk(await post(app, IRIS_APP, { 'X-Apig-AppCode': C.appCode }));
    expect((await post(app, IRIS_APP, { 'X-Apig-AppCode': C.appCode })).status).toBe(429);
    await json(request(app).put(`/_apig-kit/faults/${S.echoApp}`), { status: 503 });
    await json(request(app).put('/_apig-kit/clock'), { advanceMs: HOUR });

    const res = await request(app).post('/_apig-kit/reset').set('Content-Type', 'application/json');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ reset: true });

    expect(app.gateway.journal.size).toBe(0);
    expect((await request(app).get('/_apig-kit/clock')).body).toMatchObject({ epochMs: FROZEN_MS, frozen: true });
    expect((await request(app).get('/_apig-kit/faults')).body).toEqual({ faults: {} });
    expectOk(await signed(app, { path: IRIS, credentials: AKSK }).test, IRIS_ANSWER);
    expectOk(await post(app, IRIS_APP, { 'X-Apig-AppCode': C.appCode }), IRIS_ANSWER);
    expectOk(await post(app, `/v1/infers/${S.echoApp}`, { 'X-Apig-AppCode': C.appCode }, '{}'));
  });
});

describe('the journal never holds a credential', () => {
  it('after calls with every kind of credential, good and bad, no secret of the world and no token is in it', async () => {
    const app = gatewayApp();
    const { token } = await issueToken(app);
    const { token: domainToken } = await issueToken(app, { scope: undefined });
    const temporary = { accessKey: C.temporaryAccessKey, secretKey: C.temporarySecretKey, securityToken: C.securityToken };
    const boundary = 'journalboundary01';
    const calls = [
      post(app, IRIS, { 'X-Auth-Token': token }),
      post(app, IRIS, { 'X-Auth-Token': domainToken }),
      post(app, `/v1/infers/${S.stopped}`, { 'X-Auth-Token': token }, '{}'),
      signed(app, { path: IRIS, credentials: AKSK }).test,
      signed(app, { path: IRIS, credentials: { accessKey: C.accessKey, secretKey: 'wrong' } }).test,
      signed(app, { path: IRIS, credentials: temporary }).test,
      signed(app, { path: IRIS, credentials: { ...temporary, secretKey: 'wrong' } }).test,
      signed(app, {
        path: `/v1/infers/${S.image}`,
        credentials: temporary,
        body: multipartImage(boundary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])),
        contentType: `multipart/form-data; boundary=${boundary}`,
        options: { unsignedPayload: true },
      }).test,
      signed(app, { path: IRIS_APP, credentials: APP_CREDS }).test,
      signed(app, { path: IRIS_APP, credentials: { accessKey: C.appKey, secretKey: 'wrongAppSecret0' } }).test,
      // Credential headers that are signed (and so in the canonical request) must not leak either.
      signed(app, { path: `/v1/infers/${S.echoApp}`, credentials: APP_CREDS, body: '{}', headers: { 'x-auth-token': token, apikey: C.appKey } }).test,
      signed(app, {
        path: `/v1/infers/${S.echoApp}`,
        credentials: { accessKey: C.appKey, secretKey: 'wrongAppSecret0' },
        body: '{}',
        headers: { 'x-auth-token': token },
      }).test,
      signed(app, { path: IRIS_APP, credentials: { accessKey: C.unboundAppKey, secretKey: C.unboundAppSecret } }).test,
      post(app, IRIS_APP, { 'X-Apig-AppCode': C.appCode }),
      post(app, IRIS_APP, { apikey: C.appKey }),
    ];
    const statuses = [];
    for (const call of calls) statuses.push((await call).status);
    expect(statuses).toEqual([200, 401, 500, 200, 401, 200, 401, 200, 200, 401, 200, 401, 403, 200, 200]);
    await request(app)
      .post('/v3/auth/tokens')
      .set('Content-Type', 'application/json')
      .send(
        JSON.stringify({
          auth: { identity: { methods: ['password'], password: { user: { name: C.user, password: 'wrong-' + C.password, domain: { name: C.account } } } } },
        }),
      );

    const journal = JSON.stringify(app.gateway.journal.list());
    const viaApi = (await request(app).get('/_apig-kit/journal')).text;
    const secrets = [...app.gateway.world.secrets(), token, domainToken];
    expect(secrets.length).toBeGreaterThan(8);
    for (const text of [journal, viaApi]) {
      for (const secret of secrets) expect(text.includes(secret), `journal holds ${secret.slice(0, 12)}…`).toBe(false);
      expect(text).toContain('[redacted');
    }
    // The journal still explains signatures: canonical requests with the credential values redacted.
    const explained = app.gateway.journal.list().filter((e) => e.signature?.canonicalRequest?.includes('x-security-token:'));
    expect(explained.length).toBeGreaterThan(0);
  });
});
