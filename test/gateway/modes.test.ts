/**
 * Debug headers (gateway.md §1.2), and the mock's own switches: explain mode, warn mode and
 * message overrides (gateway.md §2 "let messages be overridden", §3.8 "make configurable").
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  AKSK,
  C,
  expectApigError,
  expectGatewayHeaders,
  expectNoUnexpected500,
  expectOk,
  FROZEN_CLOCK,
  gatewayApp,
  IAM_MSG,
  IRIS_ANSWER,
  NOT_PUBLISHED,
  post,
  S,
  signed,
} from './support.ts';

afterAll(expectNoUnexpected500);

const IRIS = `/v1/infers/${S.iris}`;
const IRIS_APP = `/v1/infers/${S.irisApp}`;
const DEBUG_HEADERS = ['x-apig-latency', 'x-apig-upstream-latency', 'x-apig-ratelimit-api-allenv'];

describe('X-Apig-Mode: debug (gateway.md §1.2)', () => {
  it('adds X-Apig-Latency, X-Apig-Upstream-Latency and X-Apig-RateLimit-api-allenv to an answered call', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const res = await post(app, IRIS_APP, { 'X-Apig-AppCode': C.appCode, 'X-Apig-Mode': 'debug' });
    expectOk(res, IRIS_ANSWER);
    expect(res.headers['x-apig-latency']).toMatch(/^\d+$/);
    expect(res.headers['x-apig-upstream-latency']).toMatch(/^\d+$/);
    expect(Number(res.headers['x-apig-upstream-latency'])).toBeLessThanOrEqual(Number(res.headers['x-apig-latency']));
    expect(res.headers['x-apig-ratelimit-api-allenv']).toBe('remain:199,limit:200,time:1 second');
  });

  it('X-Apig-RateLimit-api-allenv counts down within the second and shows the configured limit', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK, limits: { apiRateLimitPerSecond: 3 } });
    const call = () => post(app, IRIS_APP, { 'X-Apig-AppCode': C.appCode, 'X-Apig-Mode': 'debug' });
    expect((await call()).headers['x-apig-ratelimit-api-allenv']).toBe('remain:2,limit:3,time:1 second');
    // A call refused by authentication is not counted.
    const refused = await post(app, IRIS_APP, { 'X-Apig-AppCode': 'wrong', 'X-Apig-Mode': 'debug' });
    expect(refused.status).toBe(401);
    expect(refused.headers['x-apig-ratelimit-api-allenv']).toBe('remain:2,limit:3,time:1 second');
    expect((await call()).headers['x-apig-ratelimit-api-allenv']).toBe('remain:1,limit:3,time:1 second');
    expect((await call()).headers['x-apig-ratelimit-api-allenv']).toBe('remain:0,limit:3,time:1 second');
    const throttled = await call();
    expectApigError(throttled, 429, 'APIG.0308', 'The throttling threshold has been reached: policy api over ratelimit,limit:3,time:1 second');
    expect(throttled.headers['x-apig-ratelimit-api-allenv']).toBe('remain:0,limit:3,time:1 second');
    app.gateway.clock.advance(1000);
    expect((await call()).headers['x-apig-ratelimit-api-allenv']).toBe('remain:2,limit:3,time:1 second');
  });

  it('an error answer in debug mode has X-Apig-Latency but no upstream latency (the backend was never called)', async () => {
    const app = gatewayApp();
    const res = await post(app, IRIS, { 'X-Apig-Mode': 'DEBUG' });
    expectApigError(res, 401, 'APIG.0301', `${IAM_MSG}x-auth-token not found`);
    expect(res.headers['x-apig-latency']).toMatch(/^\d+$/);
    expect(res.headers['x-apig-upstream-latency']).toBeUndefined();
  });

  it('without X-Apig-Mode: debug, none of the debug headers is sent', async () => {
    const app = gatewayApp();
    const ok = await post(app, IRIS_APP, { 'X-Apig-AppCode': C.appCode });
    expectOk(ok, IRIS_ANSWER);
    const refused = await post(app, IRIS);
    for (const res of [ok, refused]) for (const name of DEBUG_HEADERS) expect(res.headers[name]).toBeUndefined();
    const otherMode = await post(app, IRIS_APP, { 'X-Apig-AppCode': C.appCode, 'X-Apig-Mode': 'verbose' });
    for (const name of DEBUG_HEADERS) expect(otherMode.headers[name]).toBeUndefined();
  });
});

describe('explain mode (behaviour.explain)', () => {
  it('adds apig_kit_explain with the rule and the canonical request to a signature error', async () => {
    const app = gatewayApp({ behaviour: { explain: true } });
    const { test, steps } = signed(app, { path: IRIS, credentials: { accessKey: C.accessKey, secretKey: 'wrong-secret' } });
    const res = await test;
    const piped = steps.canonicalRequest.text.split('\n').join('|');
    expectApigError(res, 401, 'APIG.0301', `${IAM_MSG}verify aksk signature fail, canonicalRequest:${piped}`, { extraKeys: ['apig_kit_explain'] });
    expect(res.body.apig_kit_explain).toEqual({
      rule: 'iam.signature-mismatch',
      basis: 'observed',
      detail: 'signature-mismatch: the signature does not match the canonical request the gateway computed',
      canonicalRequest: steps.canonicalRequest.text,
      stringToSign: steps.stringToSign,
    });
  });

  it('explains non-signature errors with rule, basis and detail', async () => {
    const app = gatewayApp({ behaviour: { explain: true } });
    const res = await post(app, `/v1/infers/${S.iris}`, { 'X-Stage': 'DEVELOP' });
    expectApigError(res, 404, 'APIG.0101', NOT_PUBLISHED, { extraKeys: ['apig_kit_explain'] });
    expect(res.body.apig_kit_explain).toEqual({
      rule: 'route.not-found',
      basis: 'documented',
      detail: `no published API matches /v1/infers/${S.iris} in stage DEVELOP`,
    });
  });

  it('by default an error body has exactly error_code, error_msg and request_id', async () => {
    const app = gatewayApp();
    const { test } = signed(app, { path: IRIS, credentials: { accessKey: C.accessKey, secretKey: 'wrong-secret' } });
    const res = await test;
    expect(Object.keys(res.body).sort()).toEqual(['error_code', 'error_msg', 'request_id']);
    expect(res.text).not.toContain('apig_kit_explain');
  });
});

describe('warn mode (behaviour.mode "warn")', () => {
  it('lets a bad-signature request through with 200 and journals verdict "warned" with the violation', async () => {
    const app = gatewayApp({ behaviour: { mode: 'warn' } });
    const res = await signed(app, { path: IRIS, credentials: { accessKey: C.accessKey, secretKey: 'wrong-secret' } }).test;
    expectOk(res, IRIS_ANSWER);
    const entry = app.gateway.journal.list().at(-1)!;
    expect(entry.requestId).toBe(res.headers['x-request-id']);
    expect(entry).toMatchObject({ status: 200, verdict: 'warned', auth: 'aksk' });
    expect(entry.violations).toEqual([
      { rule: 'iam.signature-mismatch', detail: 'signature-mismatch: the signature does not match the canonical request the gateway computed' },
    ]);
  });

  it('records each broken rule: an unbound app over the throttle limit', async () => {
    const app = gatewayApp({ behaviour: { mode: 'warn' }, limits: { apiRateLimitPerSecond: 1 }, clock: FROZEN_CLOCK });
    expectOk(await post(app, IRIS_APP, { apikey: C.unboundAppKey }), IRIS_ANSWER);
    expectOk(await post(app, IRIS_APP, { apikey: C.unboundAppKey }), IRIS_ANSWER);
    const entry = app.gateway.journal.list().at(-1)!;
    expect(entry.verdict).toBe('warned');
    expect(entry.violations?.map((v) => v.rule)).toEqual(['app.not-authorized', 'throttle.api']);
  });

  it('a clean request in warn mode is "accepted"; a request without a route is still refused', async () => {
    const app = gatewayApp({ behaviour: { mode: 'warn' } });
    expectOk(await signed(app, { path: IRIS, credentials: AKSK }).test, IRIS_ANSWER);
    expect(app.gateway.journal.list().at(-1)).toMatchObject({ verdict: 'accepted', violations: undefined });
    expectApigError(await post(app, '/v1/infers/unknown'), 404, 'APIG.0101', NOT_PUBLISHED);
  });

  it('strict mode (the default) refuses the same bad signature', async () => {
    const app = gatewayApp();
    const res = await signed(app, { path: IRIS, credentials: { accessKey: C.accessKey, secretKey: 'wrong-secret' } }).test;
    expect(res.status).toBe(401);
    expect(app.gateway.journal.list().at(-1)).toMatchObject({ verdict: 'rejected', rule: 'iam.signature-mismatch', errorCode: 'APIG.0301' });
  });
});

describe('message overrides (behaviour.messages)', () => {
  it('replaces a catalogue message, keeps code and status, and fills {placeholders}', async () => {
    const app = gatewayApp({ behaviour: { messages: { 'route.not-found': 'No such API here.', 'iam.ak-unknown': 'who is {accessKey}?' } } });
    expectApigError(await post(app, '/v1/infers/nope'), 404, 'APIG.0101', 'No such API here.');
    const { test } = signed(app, { path: IRIS, credentials: { accessKey: 'NOBODYAK', secretKey: 'x' } });
    expectApigError(await test, 401, 'APIG.0301', 'who is NOBODYAK?');
    // Entries not overridden keep their text.
    expectApigError(await post(app, IRIS), 401, 'APIG.0301', `${IAM_MSG}x-auth-token not found`);
  });

  it('a ModelArts message can be overridden too', async () => {
    const app = gatewayApp({ behaviour: { messages: { 'modelarts.service-stopped': 'stopped, sorry' } } });
    const res = await signed(app, { path: `/v1/infers/${S.stopped}`, credentials: AKSK, body: '{}' }).test;
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error_code: 'ModelArts.4302', error_msg: 'stopped, sorry' });
    expectGatewayHeaders(res);
  });
});
