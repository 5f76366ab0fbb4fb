/**
 * App-auth APIs: AppKey/AppSecret signature, AppCode, apikey, binding and precedence
 * (gateway.md §2.2, §3.3–3.5, §3.8, §3.9).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { formatSdkDate } from '../../src/protocol/index.ts';
import {
  APP_CREDS,
  APP_MSG,
  C,
  expectApigError,
  expectNoUnexpected500,
  expectOk,
  FROZEN_CLOCK,
  FROZEN_MS,
  gatewayApp,
  IRIS_ANSWER,
  MINUTE,
  multipartImage,
  piped,
  post,
  S,
  signed,
} from './support.ts';

afterAll(expectNoUnexpected500);

const IRIS_APP = `/v1/infers/${S.irisApp}`;

describe('AppKey/AppSecret signature (gateway.md §3.3)', () => {
  it('a valid AppKey signature reaches the model', async () => {
    const app = gatewayApp();
    expectOk(await signed(app, { path: IRIS_APP, credentials: APP_CREDS }).test, IRIS_ANSWER);
  });

  it('an unknown AppKey: 401 APIG.0303 "app not found, appkey <key>"', async () => {
    const app = gatewayApp();
    const { test } = signed(app, { path: IRIS_APP, credentials: { accessKey: 'no-such-app-key-01', secretKey: C.appSecret } });
    expectApigError(await test, 401, 'APIG.0303', `${APP_MSG}app not found, appkey no-such-app-key-01`);
  });

  it('an IAM AK on an app API is an unknown AppKey', async () => {
    const app = gatewayApp();
    const { test } = signed(app, { path: IRIS_APP, credentials: { accessKey: C.accessKey, secretKey: C.secretKey } });
    expectApigError(await test, 401, 'APIG.0303', `${APP_MSG}app not found, appkey ${C.accessKey}`);
  });

  it('a wrong AppSecret: 401 APIG.0303 "verify signature fail, canonicalRequest:<pipe-joined>"', async () => {
    const app = gatewayApp();
    const { test, steps } = signed(app, { path: IRIS_APP, credentials: { accessKey: C.appKey, secretKey: 'wrongAppSecret000' } });
    const canonical = piped(steps);
    expect(canonical.startsWith(`POST|/v1/infers/${S.irisApp}/||content-type:application/json|host:gw.apig-kit.test|x-sdk-date:${steps.sdkDate}||`)).toBe(true);
    expectApigError(await test, 401, 'APIG.0303', `${APP_MSG}verify signature fail, canonicalRequest:${canonical}`);
  });

  it('with canonicalRequestInErrors off, the message stops at "verify signature fail"', async () => {
    const app = gatewayApp({ behaviour: { canonicalRequestInErrors: false } });
    const { test } = signed(app, { path: IRIS_APP, credentials: { accessKey: C.appKey, secretKey: 'wrongAppSecret000' } });
    expectApigError(await test, 401, 'APIG.0303', `${APP_MSG}verify signature fail`);
  });

  it.each([
    ['16 min in the past', -16 * MINUTE],
    ['16 min in the future', 16 * MINUTE],
  ])('X-Sdk-Date %s: 401 APIG.0303 "signature expired, signature time:<X-Sdk-Date>,server time:<gateway time>"', async (_, skew) => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const { test, sdkDate } = signed(app, { path: IRIS_APP, credentials: APP_CREDS, date: FROZEN_MS + skew });
    expect(sdkDate).toBe(formatSdkDate(FROZEN_MS + skew));
    expectApigError(await test, 401, 'APIG.0303', `${APP_MSG}signature expired, signature time:${sdkDate},server time:20261123T090000Z`);
  });

  it('a skew of 14 min is accepted', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    expectOk(await signed(app, { path: IRIS_APP, credentials: APP_CREDS, date: FROZEN_MS - 14 * MINUTE }).test, IRIS_ANSWER);
    expectOk(await signed(app, { path: IRIS_APP, credentials: APP_CREDS, date: FROZEN_MS + 14 * MINUTE }).test, IRIS_ANSWER);
  });

  it('app signatures have no AK lockout: 6 bad signatures, then a good one works', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    for (let i = 0; i < 6; i++)
      expect((await signed(app, { path: IRIS_APP, credentials: { accessKey: C.appKey, secretKey: 'wrongAppSecret000' } }).test).status).toBe(401);
    expectOk(await signed(app, { path: IRIS_APP, credentials: APP_CREDS }).test, IRIS_ANSWER);
  });

  it('a multipart image upload signed with X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD: 200 with predicted_label', async () => {
    const app = gatewayApp();
    const boundary = '----apigkit7MA4YWxkTrZu0gW';
    const body = multipartImage(boundary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5, 6, 7, 8]));
    const { test } = signed(app, {
      path: `/v1/infers/${S.imageApp}`,
      credentials: APP_CREDS,
      body,
      contentType: `multipart/form-data; boundary=${boundary}`,
      options: { unsignedPayload: true },
    });
    const res = await test;
    expectOk(res);
    expect(res.body.predicted_label).toMatch(/^(rose|sunflower|tulip|daisy|dandelion)$/);
    expect(res.body.scores).toHaveLength(5);
  });
});

describe('AppCode and apikey simple authentication (gateway.md §3.4, §3.5)', () => {
  it('a valid X-Apig-AppCode reaches the model', async () => {
    const app = gatewayApp();
    expectOk(await post(app, IRIS_APP, { 'X-Apig-AppCode': C.appCode }), IRIS_ANSWER);
  });

  it('a wrong X-Apig-AppCode: 401 APIG.0303 "app not found with specified appCode"', async () => {
    const app = gatewayApp();
    expectApigError(await post(app, IRIS_APP, { 'X-Apig-AppCode': 'wrongAppCode' }), 401, 'APIG.0303', `${APP_MSG}app not found with specified appCode`);
  });

  it('a valid apikey reaches the model', async () => {
    const app = gatewayApp();
    expectOk(await post(app, IRIS_APP, { apikey: C.appKey }), IRIS_ANSWER);
  });

  it('a wrong apikey: 401 APIG.0303 "app not found, appkey <value>"', async () => {
    const app = gatewayApp();
    expectApigError(await post(app, IRIS_APP, { apikey: 'no-such-app-key-02' }), 401, 'APIG.0303', `${APP_MSG}app not found, appkey no-such-app-key-02`);
  });

  it('an AppSecret is not an apikey, and is not repeated back', async () => {
    const app = gatewayApp();
    expectApigError(await post(app, IRIS_APP, { apikey: C.appSecret }), 401, 'APIG.0303', `${APP_MSG}app not found, appkey [masked secret]`);
  });

  it('an unknown apikey that is no secret is repeated back as APIG does', async () => {
    const app = gatewayApp();
    expectApigError(await post(app, IRIS_APP, { apikey: 'no-such-app-key-01' }), 401, 'APIG.0303', `${APP_MSG}app not found, appkey no-such-app-key-01`);
  });

  it('no app credentials at all: 401 APIG.0303', async () => {
    const app = gatewayApp();
    expectApigError(await post(app, IRIS_APP), 401, 'APIG.0303', `${APP_MSG}app auth information not found`);
  });
});

describe('authorisation: the app must be bound to the API (gateway.md §3.3)', () => {
  it.each([
    ['signature', 'sig'],
    ['apikey', 'apikey'],
  ])('the valid but unbound "unbound-app" (%s): 403 APIG.0304', async (_, how) => {
    const app = gatewayApp();
    const res =
      how === 'sig'
        ? await signed(app, { path: IRIS_APP, credentials: { accessKey: C.unboundAppKey, secretKey: C.unboundAppSecret } }).test
        : await post(app, IRIS_APP, { apikey: C.unboundAppKey });
    expectApigError(res, 403, 'APIG.0304', 'The app is not authorized to access the API.');
  });
});

describe('precedence on app APIs (gateway.md §3.8)', () => {
  it('a valid AppCode wins over a bad signature', async () => {
    const app = gatewayApp();
    const { test } = signed(app, {
      path: IRIS_APP,
      credentials: { accessKey: C.appKey, secretKey: 'wrongAppSecret000' },
      unsignedHeaders: { 'X-Apig-AppCode': C.appCode },
    });
    expectOk(await test, IRIS_ANSWER);
  });

  it('a wrong AppCode is refused even with a valid signature', async () => {
    const app = gatewayApp();
    const { test } = signed(app, { path: IRIS_APP, credentials: APP_CREDS, unsignedHeaders: { 'X-Apig-AppCode': 'wrongAppCode' } });
    expectApigError(await test, 401, 'APIG.0303', `${APP_MSG}app not found with specified appCode`);
  });

  it('a signature wins over apikey: a bad signature with a valid apikey is refused', async () => {
    const app = gatewayApp();
    const { test, steps } = signed(app, {
      path: IRIS_APP,
      credentials: { accessKey: C.appKey, secretKey: 'wrongAppSecret000' },
      unsignedHeaders: { apikey: C.appKey },
    });
    expectApigError(await test, 401, 'APIG.0303', `${APP_MSG}verify signature fail, canonicalRequest:${piped(steps)}`);
  });
});
