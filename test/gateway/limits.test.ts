/**
 * Throttling, backend timeout and injected backend faults (gateway.md §2.3, §4, §6.5).
 */
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AKSK,
  C,
  expectApigError,
  expectGatewayHeaders,
  expectModelArtsError,
  expectNoUnexpected500,
  expectOk,
  FROZEN_CLOCK,
  gatewayApp,
  IRIS_ANSWER,
  post,
  S,
  servicesWithSlowDelay,
  signed,
} from './support.ts';

afterAll(expectNoUnexpected500);

const APPCODE = { 'X-Apig-AppCode': C.appCode };
const IRIS_APP = `/v1/infers/${S.irisApp}`;
const THROTTLED = 'The throttling threshold has been reached: policy api over ratelimit,limit:2,time:1 second';

describe('throttling (gateway.md §2.3, §4)', () => {
  it('apiRateLimitPerSecond 2 on a frozen clock: the third call is 429 APIG.0308', async () => {
    const app = gatewayApp({ limits: { apiRateLimitPerSecond: 2 }, clock: FROZEN_CLOCK });
    expectOk(await post(app, IRIS_APP, APPCODE), IRIS_ANSWER);
    expectOk(await post(app, IRIS_APP, APPCODE), IRIS_ANSWER);
    expectApigError(await post(app, IRIS_APP, APPCODE), 429, 'APIG.0308', THROTTLED);
    expectApigError(await post(app, IRIS_APP, APPCODE), 429, 'APIG.0308', THROTTLED);
  });

  it('the window is one second of the gateway clock: the next second admits again', async () => {
    const app = gatewayApp({ limits: { apiRateLimitPerSecond: 2 }, clock: FROZEN_CLOCK });
    for (let i = 0; i < 2; i++) expectOk(await post(app, IRIS_APP, APPCODE));
    expectApigError(await post(app, IRIS_APP, APPCODE), 429, 'APIG.0308', THROTTLED);
    app.gateway.clock.advance(1000);
    expectOk(await post(app, IRIS_APP, APPCODE), IRIS_ANSWER);
  });

  it('the limit is per API: another service still answers', async () => {
    const app = gatewayApp({ limits: { apiRateLimitPerSecond: 2 }, clock: FROZEN_CLOCK });
    for (let i = 0; i < 2; i++) expectOk(await post(app, IRIS_APP, APPCODE));
    expectApigError(await post(app, IRIS_APP, APPCODE), 429, 'APIG.0308', THROTTLED);
    expectOk(await signed(app, { path: `/v1/infers/${S.iris}`, credentials: AKSK }).test, IRIS_ANSWER);
  });

  it('requests refused by authentication do not use up the limit', async () => {
    const app = gatewayApp({ limits: { apiRateLimitPerSecond: 2 }, clock: FROZEN_CLOCK });
    for (let i = 0; i < 3; i++) expect((await post(app, IRIS_APP, { 'X-Apig-AppCode': 'wrong' })).status).toBe(401);
    expectOk(await post(app, IRIS_APP, APPCODE));
    expectOk(await post(app, IRIS_APP, APPCODE));
  });

  it('apiRateLimitPerSecond 0 turns throttling off', async () => {
    const app = gatewayApp({ limits: { apiRateLimitPerSecond: 0 }, clock: FROZEN_CLOCK });
    for (let i = 0; i < 4; i++) expectOk(await post(app, IRIS_APP, APPCODE), IRIS_ANSWER);
  });
});

describe('backend timeout (gateway.md §6.5)', () => {
  const SLOW = `/v1/infers/${S.slow}`;

  it('a model slower than backendTimeoutMs: 504 APIG.0203 "Backend timeout"', async () => {
    const app = gatewayApp({ limits: { backendTimeoutMs: 200 }, world: { services: servicesWithSlowDelay(1000) } });
    const started = performance.now();
    const res = await signed(app, { path: SLOW, credentials: AKSK }).test;
    expectApigError(res, 504, 'APIG.0203', 'Backend timeout');
    expect(performance.now() - started).toBeLessThan(900);
  });

  it('with backendTimeoutError "modelarts": 504 ModelArts.4503', async () => {
    const app = gatewayApp({
      limits: { backendTimeoutMs: 200 },
      behaviour: { backendTimeoutError: 'modelarts' },
      world: { services: servicesWithSlowDelay(1000) },
    });
    const res = await signed(app, { path: SLOW, credentials: AKSK }).test;
    expectModelArtsError(
      res,
      504,
      'ModelArts.4503',
      'Backend service respond timeout, please confirm your service is able to process the request without timeout. ',
    );
  });

  it('a slow model within the timeout answers', async () => {
    const app = gatewayApp({ limits: { backendTimeoutMs: 1000 }, world: { services: servicesWithSlowDelay(50) } });
    const res = await signed(app, { path: SLOW, credentials: AKSK, body: '{"k":1}' }).test;
    expectOk(res);
    expect(res.body).toMatchObject({ method: 'POST', json: { k: 1 } });
  });
});

describe('injected faults via the admin API (gateway.md §1.3 BACKEND_*)', () => {
  const ECHO_APP = `/v1/infers/${S.echoApp}`;

  it('PUT /_apig-kit/faults/<id> {"status":503}: the service answers 503, others are untouched; DELETE clears it', async () => {
    const app = gatewayApp();
    const put = await request(app).put(`/_apig-kit/faults/${S.echoApp}`).set('Content-Type', 'application/json').send('{"status":503}');
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ faults: { [S.echoApp]: { status: 503, probability: 1, seed: 1 } } });
    const res = await post(app, ECHO_APP, APPCODE, '{}');
    expect(res.status).toBe(503);
    expectGatewayHeaders(res);
    // The documented 503: the dispatcher being upgraded (modelarts-services.md §4.3).
    expect(res.body).toEqual({ error_code: 'ModelArts.4700', error_msg: 'Unavailable gateway.' });
    expectOk(await post(app, IRIS_APP, APPCODE), IRIS_ANSWER);
    expect((await request(app).delete(`/_apig-kit/faults/${S.echoApp}`)).body).toEqual({ faults: {} });
    expectOk(await post(app, ECHO_APP, APPCODE, '{}'));
  });

  it('a fault applies after authentication: an unauthenticated call still gets its 401', async () => {
    const app = gatewayApp();
    await request(app).put(`/_apig-kit/faults/${S.echoApp}`).set('Content-Type', 'application/json').send('{"status":503}');
    expectApigError(
      await post(app, ECHO_APP, { 'X-Apig-AppCode': 'wrong' }, '{}'),
      401,
      'APIG.0303',
      'Incorrect app authentication information: app not found with specified appCode',
    );
  });

  it('{"reset":true}: the connection drops without an answer', async () => {
    const app = gatewayApp();
    expect((await request(app).put(`/_apig-kit/faults/${S.echoApp}`).set('Content-Type', 'application/json').send('{"reset":true}')).status).toBe(200);
    await expect(post(app, ECHO_APP, APPCODE, '{}')).rejects.toThrow(/socket hang up|ECONNRESET/);
    const entry = app.gateway.journal.list().at(-1);
    expect(entry).toMatchObject({ verdict: 'rejected', detail: 'injected fault: connection reset' });
  });

  it('a delay fault longer than backendTimeoutMs: 504 APIG.0203', async () => {
    const app = gatewayApp({ limits: { backendTimeoutMs: 150 } });
    await request(app).put(`/_apig-kit/faults/${S.echoApp}`).set('Content-Type', 'application/json').send('{"delayMs":1000}');
    expectApigError(await post(app, ECHO_APP, APPCODE, '{}'), 504, 'APIG.0203', 'Backend timeout');
  });

  it('the admin API refuses unknown services and bad faults', async () => {
    const app = gatewayApp();
    const unknown = await request(app).put('/_apig-kit/faults/nope').set('Content-Type', 'application/json').send('{"status":503}');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: 'no service nope' });
    const bad = await request(app).put(`/_apig-kit/faults/${S.echoApp}`).set('Content-Type', 'application/json').send('{"status":99}');
    expect(bad.status).toBe(400);
    expect((await request(app).get('/_apig-kit/faults')).body).toEqual({ faults: {} });
  });
});
