/**
 * Route and request-size rules (gateway.md §2, §3.7, §4, §6.1, §7 steps 2–4).
 */
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { demoWorld } from '../../src/mock/config/demo-world.ts';
import {
  C,
  expectApigError,
  expectModelArtsError,
  expectNoUnexpected500,
  expectOk,
  gatewayApp,
  IAM_MSG,
  IRIS_ANSWER,
  NOT_PUBLISHED,
  post,
  S,
  send,
} from './support.ts';

afterAll(expectNoUnexpected500);

const APPCODE = { 'X-Apig-AppCode': C.appCode };

describe('route: APIG.0101 for anything not published (gateway.md §3.7, §6.1)', () => {
  it('an unknown service id is 404 APIG.0101, before authentication', async () => {
    const app = gatewayApp();
    const res = await post(app, '/v1/infers/00000000-0000-4000-8000-0000000000ff', APPCODE);
    expectApigError(res, 404, 'APIG.0101', NOT_PUBLISHED);
  });

  it.each([
    ['a different prefix', `/v1/infer/${S.iris}`],
    ['another version', `/v2/infers/${S.iris}`],
    ['no service id', '/v1/infers'],
    ['no service id but a slash', '/v1/infers/'],
    ['the root', '/'],
  ])('a wrong path (%s) is 404 APIG.0101', async (_, path) => {
    const app = gatewayApp();
    expectApigError(await post(app, path), 404, 'APIG.0101', NOT_PUBLISHED);
  });

  it('the service path itself routes (no credentials: the IAM auth rule answers, not the route rule)', async () => {
    const app = gatewayApp();
    expectApigError(await post(app, `/v1/infers/${S.iris}`), 401, 'APIG.0301', `${IAM_MSG}x-auth-token not found`);
  });

  it('X-Stage naming a stage the API is not published in is 404 APIG.0101', async () => {
    const app = gatewayApp();
    for (const stage of ['DEVELOP', 'release', 'TEST']) {
      const res = await post(app, `/v1/infers/${S.irisApp}`, { ...APPCODE, 'X-Stage': stage });
      expectApigError(res, 404, 'APIG.0101', NOT_PUBLISHED);
    }
  });

  it('X-Stage: RELEASE (explicit) and no X-Stage both reach the model', async () => {
    const app = gatewayApp();
    expectOk(await post(app, `/v1/infers/${S.irisApp}`, { ...APPCODE, 'X-Stage': 'RELEASE' }), IRIS_ANSWER);
    expectOk(await post(app, `/v1/infers/${S.irisApp}`, APPCODE), IRIS_ANSWER);
  });

  it('a service published in another stage is reached only with that X-Stage', async () => {
    const services = demoWorld().services.map((s) => (s.id === S.irisApp ? { ...s, stages: ['DEVELOP'] } : s));
    const app = gatewayApp({ world: { services } });
    expectApigError(await post(app, `/v1/infers/${S.irisApp}`, APPCODE), 404, 'APIG.0101', NOT_PUBLISHED);
    expectOk(await post(app, `/v1/infers/${S.irisApp}`, { ...APPCODE, 'X-Stage': 'DEVELOP' }), IRIS_ANSWER);
  });
});

describe('method: POST only (gateway.md §6.1)', () => {
  it.each(['GET', 'PUT', 'DELETE', 'PATCH'])('%s is 405 ModelArts.4204 "Method Not Allowed" by default', async (method) => {
    const app = gatewayApp();
    let test = send(app, method, `/v1/infers/${S.irisApp}`).set('X-Apig-AppCode', C.appCode);
    if (method !== 'GET') test = test.set('Content-Type', 'application/json').send('{}');
    expectModelArtsError(await test, 405, 'ModelArts.4204', 'Method Not Allowed');
  });

  it('with behaviour.methodNotAllowed "apig-0101", a GET is 404 APIG.0101 "The API does not exist." before authentication', async () => {
    const app = gatewayApp({ behaviour: { methodNotAllowed: 'apig-0101' } });
    expectApigError(await request(app).get(`/v1/infers/${S.iris}`), 404, 'APIG.0101', 'The API does not exist.');
    expectApigError(await request(app).get(`/v1/infers/${S.irisApp}`).set('X-Apig-AppCode', C.appCode), 404, 'APIG.0101', 'The API does not exist.');
    // POST still works in that mode.
    expectOk(await post(app, `/v1/infers/${S.irisApp}`, APPCODE), IRIS_ANSWER);
  });
});

describe('sizes (gateway.md §4)', () => {
  it('a URI over maxUriBytes is 414 APIG.0201 "Request URI too large."; one at the limit is not', async () => {
    const app = gatewayApp({ limits: { maxUriBytes: 100 } });
    const base = `/v1/infers/${S.iris}?q=`;
    const atLimit = base + 'a'.repeat(100 - base.length);
    expect(Buffer.byteLength(atLimit)).toBe(100);
    expectApigError(await post(app, `${atLimit}a`), 414, 'APIG.0201', 'Request URI too large.');
    expectApigError(await post(app, atLimit), 401, 'APIG.0301', `${IAM_MSG}x-auth-token not found`);
  });

  it('the URI check comes before the route check', async () => {
    const app = gatewayApp({ limits: { maxUriBytes: 64 } });
    expectApigError(await post(app, `/nowhere/${'x'.repeat(80)}`), 414, 'APIG.0201', 'Request URI too large.');
  });

  it('one header over maxHeaderBytes is 494 APIG.0201 "Request headers too large."', async () => {
    const app = gatewayApp({ limits: { maxHeaderBytes: 200 } });
    const res = await post(app, `/v1/infers/${S.irisApp}`, { ...APPCODE, 'X-Filler': 'f'.repeat(200) });
    expectApigError(res, 494, 'APIG.0201', 'Request headers too large.');
    // The same request with a smaller header passes the size check.
    expectOk(await post(app, `/v1/infers/${S.irisApp}`, { ...APPCODE, 'X-Filler': 'f'.repeat(150) }), IRIS_ANSWER);
  });

  it('headers over maxHeaderBlockBytes in all are 494 APIG.0201, though none is too large alone', async () => {
    const app = gatewayApp({ limits: { maxHeaderBlockBytes: 1000 } });
    const fillers = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`X-Filler-${i}`, 'f'.repeat(150)]));
    expectApigError(await post(app, `/v1/infers/${S.irisApp}`, { ...APPCODE, ...fillers }), 494, 'APIG.0201', 'Request headers too large.');
    const fewer = Object.fromEntries(Object.entries(fillers).slice(0, 2));
    expectOk(await post(app, `/v1/infers/${S.irisApp}`, { ...APPCODE, ...fewer }), IRIS_ANSWER);
  });

  it('a Content-Length over maxBodyBytes is 413 APIG.0201 "Request entity too large.", before authentication', async () => {
    const app = gatewayApp({ limits: { maxBodyBytes: 1024 } });
    const res = await post(app, `/v1/infers/${S.iris}`, {}, 'x'.repeat(1025));
    expectApigError(res, 413, 'APIG.0201', 'Request entity too large.');
    expect(res.headers['connection']).toBe('close');
    // Refused on the declared length, before a byte of the body was read.
    expect(app.gateway.journal.list().at(-1)?.bodyBytes).toBe(0);
    // At the limit the body is read and the auth rule answers.
    expectApigError(await post(app, `/v1/infers/${S.iris}`, {}, 'x'.repeat(1024)), 401, 'APIG.0301', `${IAM_MSG}x-auth-token not found`);
  });

  it('a chunked body that grows over maxBodyBytes is 413 APIG.0201 too', async () => {
    const app = gatewayApp({ limits: { maxBodyBytes: 1024 } });
    const test = request(app).post(`/v1/infers/${S.irisApp}`).set('Content-Type', 'application/json').set('X-Apig-AppCode', C.appCode);
    test.write('x'.repeat(700));
    test.write('x'.repeat(700));
    const res = await test;
    expectApigError(res, 413, 'APIG.0201', 'Request entity too large.');
    // Refused while streaming (no Content-Length): the gateway read past the cap, then stopped.
    expect(app.gateway.journal.list().at(-1)?.bodyBytes).toBeGreaterThan(1024);
  });
});
