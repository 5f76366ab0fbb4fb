/**
 * JSON too deep or too large to parse is refused before anything parses it: ModelArts.4105 on the
 * gateway (gateway.md §6.4 "Incorrect JSON format of the input data."), Keystone's 400 "The request
 * body is invalid" on IAM (§5.2). Only JSON bodies are judged. IAM's exchanges are journaled as
 * password logins, accepted when IAM answers 2xx.
 */
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { C, expectModelArtsError, expectNoUnexpected500, gatewayApp, post, S } from './support.ts';

afterAll(expectNoUnexpected500);

const ECHO_APP = `/v1/infers/${S.echoApp}`;
const APPCODE = { 'X-Apig-AppCode': C.appCode };
const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const many = (count: number) => `[${Array.from({ length: count }, () => '{}').join(',')}]`;
const BAD_JSON = 'Incorrect JSON format of the input data.';

describe('ModelArts.4105 for JSON too costly to parse', () => {
  const app = () => gatewayApp({ limits: { maxJsonDepth: 4, maxJsonContainers: 10 } });

  it('nesting deeper than the limit is refused, at the limit is let through', async () => {
    const a = app();
    expectModelArtsError(await post(a, ECHO_APP, APPCODE, deep(5)), 400, 'ModelArts.4105', BAD_JSON);
    expect((await post(a, ECHO_APP, APPCODE, deep(4))).status).toBe(200);
    expect(a.gateway.journal.list().at(-2)).toMatchObject({ rule: 'modelarts.json-too-complex', detail: 'the JSON body nests deeper than 4 levels' });
  });

  it('more arrays and objects than the limit are refused', async () => {
    const a = app();
    expectModelArtsError(await post(a, ECHO_APP, APPCODE, many(10)), 400, 'ModelArts.4105', BAD_JSON);
    expect(a.gateway.journal.list().at(-1)).toMatchObject({ detail: 'the JSON body has more than 10 arrays and objects' });
    expect((await post(a, ECHO_APP, APPCODE, many(9))).status).toBe(200);
  });

  it('a body that is not sent as JSON is not judged as JSON', async () => {
    const a = app();
    const res = await request(a).post(ECHO_APP).set('X-Apig-AppCode', C.appCode).set('Content-Type', 'text/plain').send(deep(50));
    expect(res.status).toBe(200);
  });

  it('is never waived in warn mode', async () => {
    const a = gatewayApp({ limits: { maxJsonDepth: 4 }, behaviour: { mode: 'warn' } });
    expectModelArtsError(await post(a, ECHO_APP, APPCODE, deep(5)), 400, 'ModelArts.4105', BAD_JSON);
  });
});

describe('IAM /v3/auth/tokens', () => {
  const login = (password: string) =>
    JSON.stringify({
      auth: {
        identity: { methods: ['password'], password: { user: { name: C.user, password, domain: { name: C.account } } } },
        scope: { project: { name: 'cn-north-4' } },
      },
    });
  const send = (app: ReturnType<typeof gatewayApp>, body: string) =>
    request(app).post('/v3/auth/tokens').set('Content-Type', 'application/json;charset=utf8').send(body);

  it('a body nested too deep is 400 "The request body is invalid", with the reason in the journal', async () => {
    const app = gatewayApp({ limits: { maxJsonDepth: 4 } });
    const res = await send(app, `{"auth":${deep(4)}}`);
    expect({ status: res.status, body: res.body }).toEqual({
      status: 400,
      body: { error: { code: 400, message: 'The request body is invalid', title: 'Bad Request' } },
    });
    expect(app.gateway.journal.list().at(-1)).toMatchObject({
      auth: 'iam-password',
      verdict: 'rejected',
      detail: 'IAM POST /v3/auth/tokens: the JSON body nests deeper than 4 levels',
    });
  });

  it('a login is journaled accepted with the status IAM gave; a wrong password rejected', async () => {
    const app = gatewayApp();
    expect((await send(app, login(C.password))).status).toBe(201);
    expect((await send(app, login('wrong'))).status).toBe(401);
    const [ok, wrong] = app.gateway.journal.list();
    expect(ok).toMatchObject({ auth: 'iam-password', verdict: 'accepted', status: 201, detail: 'IAM POST /v3/auth/tokens → 201' });
    expect(wrong).toMatchObject({ auth: 'iam-password', verdict: 'rejected', status: 401, detail: 'IAM POST /v3/auth/tokens → 401' });
  });

  it('a login body that arrives in several chunks is read whole', async () => {
    const app = gatewayApp();
    const body = login(C.password);
    const req = request(app).post('/v3/auth/tokens').set('Content-Type', 'application/json;charset=utf8');
    req.write(body.slice(0, 20));
    req.write(body.slice(20, 60));
    req.write(body.slice(60));
    const res = await req;
    expect(res.status, res.text).toBe(201);
  });
});
