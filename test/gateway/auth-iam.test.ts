/**
 * IAM-auth APIs: X-Auth-Token and AK/SK signatures (gateway.md §2.1, §3.1, §3.2, §3.8, §3.9, §5.4, §6.4).
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  AKSK,
  C,
  expectApigError,
  expectModelArtsError,
  expectNoUnexpected500,
  expectOk,
  FROZEN_CLOCK,
  gatewayApp,
  HOUR,
  IAM_MSG,
  IRIS_ANSWER,
  IRIS_BODY,
  issueToken,
  MINUTE,
  multipartImage,
  piped,
  post,
  S,
  signed,
} from './support.ts';

afterAll(expectNoUnexpected500);

const IRIS = `/v1/infers/${S.iris}`;

/** IAM's 6-digit expires_at as the ISO form the gateway prints. */

describe('X-Auth-Token (gateway.md §3.1, §3.9)', () => {
  it('no credentials at all: 401 APIG.0301 "x-auth-token not found"', async () => {
    const app = gatewayApp();
    expectApigError(await post(app, IRIS), 401, 'APIG.0301', `${IAM_MSG}x-auth-token not found`);
  });

  it('a Bearer Authorization is not a signature attempt: still "x-auth-token not found"', async () => {
    const app = gatewayApp();
    expectApigError(await post(app, IRIS, { Authorization: 'Bearer abc' }), 401, 'APIG.0301', `${IAM_MSG}x-auth-token not found`);
  });

  it.each([
    ['garbage', 'garbage'],
    ['MII-prefixed garbage', 'MIIgarbage'],
  ])('a %s token: 401 APIG.0301 "decrypt token fail"', async (_, token) => {
    const app = gatewayApp();
    expectApigError(await post(app, IRIS, { 'X-Auth-Token': token }), 401, 'APIG.0301', `${IAM_MSG}decrypt token fail`);
  });

  it('a truncated or forged token: "decrypt token fail"', async () => {
    const app = gatewayApp();
    const { token } = await issueToken(app);
    expectApigError(await post(app, IRIS, { 'X-Auth-Token': token.slice(0, -8) }), 401, 'APIG.0301', `${IAM_MSG}decrypt token fail`);
    // A token from a gateway with another signing key (another region, say).
    const other = gatewayApp({ world: { tokenSigningKey: 'another-region-token-key-0001' } });
    const { token: foreign } = await issueToken(other);
    expectApigError(await post(app, IRIS, { 'X-Auth-Token': foreign }), 401, 'APIG.0301', `${IAM_MSG}decrypt token fail`);
  });

  it('a valid project-scoped token of the owner reaches the model: 200 with the iris answer', async () => {
    const app = gatewayApp();
    const { token } = await issueToken(app);
    expectOk(await post(app, IRIS, { 'X-Auth-Token': token }), IRIS_ANSWER);
  });

  it('a token 24 h + 1 s old: 401 APIG.0301 "token expires, expires_at: <as IAM wrote it>"; 1 s before expiry it still works', async () => {
    const app = gatewayApp();
    const { token, expiresAt } = await issueToken(app);
    app.gateway.clock.advance(24 * HOUR - 1000);
    expectOk(await post(app, IRIS, { 'X-Auth-Token': token }), IRIS_ANSWER);
    app.gateway.clock.advance(2000);
    // IAM's six fractional digits (gateway.md §5.1), the very text of the token body's expires_at.
    expect(expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expectApigError(await post(app, IRIS, { 'X-Auth-Token': token }), 401, 'APIG.0301', `${IAM_MSG}token expires, expires_at: ${expiresAt}`);
  });

  it('with behaviour.expiredToken "must-be-updated", an expired token is 401 APIG.0307 "The token must be updated."', async () => {
    const app = gatewayApp({ behaviour: { expiredToken: 'must-be-updated' } });
    const { token } = await issueToken(app);
    app.gateway.clock.advance(24 * HOUR + 1000);
    expectApigError(await post(app, IRIS, { 'X-Auth-Token': token }), 401, 'APIG.0307', 'The token must be updated.');
  });

  it('a domain-scoped token: 401 ModelArts.0212 (gateway.md §5.4)', async () => {
    const app = gatewayApp();
    for (const scope of [undefined, { domain: { name: C.account } }]) {
      const { token } = await issueToken(app, { scope });
      expectModelArtsError(
        await post(app, IRIS, { 'X-Auth-Token': token }),
        401,
        'ModelArts.0212',
        'Invalid Token header. The Token not contain project item. ',
      );
    }
  });

  it('another account\'s token: 401 ModelArts.0203 "Invalid token."', async () => {
    const app = gatewayApp();
    const { token } = await issueToken(app, { user: C.otherUser, password: C.otherPassword, account: C.otherAccount });
    expectModelArtsError(await post(app, IRIS, { 'X-Auth-Token': token }), 401, 'ModelArts.0203', 'Invalid token.');
  });

  it('a token of project cn-east-3 for a cn-north-4 service: 401 ModelArts.0207', async () => {
    const app = gatewayApp();
    const { token } = await issueToken(app, { scope: { project: { name: 'cn-east-3' } } });
    expectModelArtsError(await post(app, IRIS, { 'X-Auth-Token': token }), 401, 'ModelArts.0207', 'Token must contain project info of current region.');
  });

  it('a token sent to an app-auth API is missing app auth: 401 APIG.0303 (gateway.md §3.8)', async () => {
    const app = gatewayApp();
    const { token } = await issueToken(app);
    expectApigError(
      await post(app, `/v1/infers/${S.irisApp}`, { 'X-Auth-Token': token }),
      401,
      'APIG.0303',
      'Incorrect app authentication information: app auth information not found',
    );
  });
});

describe('precedence on IAM APIs (gateway.md §3.8)', () => {
  it('a valid token wins over a bad Authorization signature', async () => {
    const app = gatewayApp();
    const { token } = await issueToken(app);
    const { test } = signed(app, {
      path: IRIS,
      credentials: { accessKey: C.accessKey, secretKey: 'wrong-secret' },
      unsignedHeaders: { 'X-Auth-Token': token },
    });
    expectOk(await test, IRIS_ANSWER);
  });

  it('a bad token is refused even with a valid signature', async () => {
    const app = gatewayApp();
    const { test } = signed(app, { path: IRIS, credentials: AKSK, unsignedHeaders: { 'X-Auth-Token': 'garbage' } });
    expectApigError(await test, 401, 'APIG.0301', `${IAM_MSG}decrypt token fail`);
  });
});

describe('AK/SK (gateway.md §3.2, §2.1)', () => {
  it('a valid AK/SK signature reaches the model', async () => {
    const app = gatewayApp();
    expectOk(await signed(app, { path: IRIS, credentials: AKSK }).test, IRIS_ANSWER);
  });

  it('a valid signature over a query string and a sub-path reaches the model', async () => {
    const app = gatewayApp();
    const res = await signed(app, { path: `/v1/infers/${S.echo}/predictions/poetry?b=2&a=1`, credentials: AKSK, body: '{"k":"v"}' }).test;
    expectOk(res);
    expect(res.body).toMatchObject({ method: 'POST', sub_path: '/predictions/poetry', json: { k: 'v' } });
  });

  it('an unknown AK: 401 APIG.0301 "Get secretKey failed,ak:<AK>,err:ak not exist"', async () => {
    const app = gatewayApp();
    const { test } = signed(app, { path: IRIS, credentials: { accessKey: 'UNKNOWNAK0000000001', secretKey: C.secretKey } });
    expectApigError(await test, 401, 'APIG.0301', `${IAM_MSG}Get secretKey failed,ak:UNKNOWNAK0000000001,err:ak not exist`);
  });

  it('an AppKey signature sent to an IAM API is an unknown AK (gateway.md §3.8)', async () => {
    const app = gatewayApp();
    const { test } = signed(app, { path: IRIS, credentials: { accessKey: C.appKey, secretKey: C.appSecret } });
    expectApigError(await test, 401, 'APIG.0301', `${IAM_MSG}Get secretKey failed,ak:${C.appKey},err:ak not exist`);
  });

  it('a wrong secret: 401 APIG.0301 "verify aksk signature fail, canonicalRequest:<pipe-joined>"', async () => {
    const app = gatewayApp();
    const { test, steps } = signed(app, { path: IRIS, credentials: { accessKey: C.accessKey, secretKey: 'not-the-secret' } });
    const res = await test;
    const canonical = piped(steps);
    expect(
      canonical.startsWith(
        `POST|/v1/infers/${S.iris}/||content-type:application/json|host:gw.apig-kit.test|x-sdk-date:${steps.sdkDate}||content-type;host;x-sdk-date|`,
      ),
    ).toBe(true);
    expectApigError(res, 401, 'APIG.0301', `${IAM_MSG}verify aksk signature fail, canonicalRequest:${canonical}`);
  });

  it('a body changed after signing is a signature failure too', async () => {
    const app = gatewayApp();
    const { test } = signed(app, { path: IRIS, credentials: AKSK, sentBody: '{"tampered":true}' });
    const res = await test;
    expect(res.status).toBe(401);
    expect(res.body.error_code).toBe('APIG.0301');
    expect(res.body.error_msg).toMatch(/^Incorrect IAM authentication information: verify aksk signature fail, canonicalRequest:POST\|/);
  });

  it.each([
    ['16 min early (signed in the past)', -16 * MINUTE],
    ['16 min late (signed in the future)', 16 * MINUTE],
  ])('X-Sdk-Date %s: 401 APIG.0301 "calc ak sk signature fail:signature expired"', async (_, skew) => {
    const app = gatewayApp();
    const { test } = signed(app, { path: IRIS, credentials: AKSK, date: app.gateway.clock.now() + skew });
    expectApigError(await test, 401, 'APIG.0301', `${IAM_MSG}calc ak sk signature fail:signature expired`);
  });

  it('moving the gateway clock 16 min either way expires a signature made now; 14 min does not', async () => {
    const app = gatewayApp(); // the gateway starts on the real time; the signature is made on it
    const now = app.gateway.clock.now();
    app.gateway.clock.advance(16 * MINUTE);
    expectApigError(
      await signed(app, { path: IRIS, credentials: AKSK, date: now }).test,
      401,
      'APIG.0301',
      `${IAM_MSG}calc ak sk signature fail:signature expired`,
    );
    app.gateway.clock.advance(-32 * MINUTE);
    expectApigError(
      await signed(app, { path: IRIS, credentials: AKSK, date: now }).test,
      401,
      'APIG.0301',
      `${IAM_MSG}calc ak sk signature fail:signature expired`,
    );
    app.gateway.clock.advance(2 * MINUTE);
    expectOk(await signed(app, { path: IRIS, credentials: AKSK, date: now }).test, IRIS_ANSWER);
  });

  it('lockout: after 5 bad signatures even a correct request is "AK access failed to reach the limit,forbidden" until 5 min have passed', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const bad = { accessKey: C.accessKey, secretKey: 'wrong-secret' };
    for (let i = 0; i < 5; i++) {
      const { test, steps } = signed(app, { path: IRIS, credentials: bad });
      expectApigError(await test, 401, 'APIG.0301', `${IAM_MSG}verify aksk signature fail, canonicalRequest:${piped(steps)}`);
    }
    const locked = `${IAM_MSG}AK access failed to reach the limit,forbidden`;
    expectApigError(await signed(app, { path: IRIS, credentials: AKSK }).test, 401, 'APIG.0301', locked);
    app.gateway.clock.advance(5 * MINUTE - 1000);
    expectApigError(await signed(app, { path: IRIS, credentials: AKSK }).test, 401, 'APIG.0301', locked);
    app.gateway.clock.advance(1000);
    expectOk(await signed(app, { path: IRIS, credentials: AKSK }).test, IRIS_ANSWER);
  });

  it('lockout counts consecutive failures: 4 failures, a success, 4 more failures leave the AK usable', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const bad = { accessKey: C.accessKey, secretKey: 'wrong-secret' };
    for (let i = 0; i < 4; i++) expect((await signed(app, { path: IRIS, credentials: bad }).test).status).toBe(401);
    expectOk(await signed(app, { path: IRIS, credentials: AKSK }).test);
    for (let i = 0; i < 4; i++) expect((await signed(app, { path: IRIS, credentials: bad }).test).status).toBe(401);
    expectOk(await signed(app, { path: IRIS, credentials: AKSK }).test, IRIS_ANSWER);
  });

  it('lockout is per AK: a locked AK does not lock the temporary AK of the same user', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    for (let i = 0; i < 5; i++) await signed(app, { path: IRIS, credentials: { accessKey: C.accessKey, secretKey: 'wrong' } }).test;
    const temporary = { accessKey: C.temporaryAccessKey, secretKey: C.temporarySecretKey, securityToken: C.securityToken };
    expectOk(await signed(app, { path: IRIS, credentials: temporary }).test, IRIS_ANSWER);
  });

  it('a temporary AK/SK with X-Security-Token reaches the model', async () => {
    const app = gatewayApp();
    const temporary = { accessKey: C.temporaryAccessKey, secretKey: C.temporarySecretKey, securityToken: C.securityToken };
    expectOk(await signed(app, { path: IRIS, credentials: temporary }).test, IRIS_ANSWER);
  });

  it('a temporary AK/SK with a bad signature: the echoed canonical request and explain body redact X-Security-Token', async () => {
    const app = gatewayApp({ behaviour: { explain: true } });
    const temporary = { accessKey: C.temporaryAccessKey, secretKey: C.temporarySecretKey, securityToken: C.securityToken };
    const res = await signed(app, { path: IRIS, credentials: temporary, sentBody: `${IRIS_BODY} ` }).test;
    expect(res.status).toBe(401);
    expect(res.body.error_msg).toContain(`|x-security-token:[redacted, ${C.securityToken.length} chars]|`);
    expect(res.body.apig_kit_explain.canonicalRequest).toContain(`x-security-token:[redacted, ${C.securityToken.length} chars]`);
    expect(JSON.stringify(res.body)).not.toContain(C.securityToken);
  });

  it('a temporary AK/SK without X-Security-Token: 401 APIG.0301', async () => {
    const app = gatewayApp();
    const { test } = signed(app, { path: IRIS, credentials: { accessKey: C.temporaryAccessKey, secretKey: C.temporarySecretKey } });
    expectApigError(await test, 401, 'APIG.0301', `${IAM_MSG}verify security token fail`);
  });

  it('a temporary AK/SK with a wrong X-Security-Token: 401 APIG.0301', async () => {
    const app = gatewayApp();
    const { test } = signed(app, {
      path: IRIS,
      credentials: { accessKey: C.temporaryAccessKey, secretKey: C.temporarySecretKey, securityToken: 'not-the-token' },
    });
    expectApigError(await test, 401, 'APIG.0301', `${IAM_MSG}verify security token fail`);
  });

  it('an AK of another account: 401 ModelArts.0203 "Invalid token."', async () => {
    const app = gatewayApp();
    const { test } = signed(app, { path: IRIS, credentials: { accessKey: C.otherAccessKey, secretKey: C.otherSecretKey } });
    expectModelArtsError(await test, 401, 'ModelArts.0203', 'Invalid token.');
  });

  it('a multipart image upload signed with X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD: 200 with predicted_label (gateway.md §6.2)', async () => {
    const app = gatewayApp();
    const boundary = 'apigkitboundary0123456789';
    const body = multipartImage(
      boundary,
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('a png signature, then bytes')]),
    );
    const { test } = signed(app, {
      path: `/v1/infers/${S.image}`,
      credentials: AKSK,
      body,
      contentType: `multipart/form-data; boundary=${boundary}`,
      options: { unsignedPayload: true },
    });
    const res = await test;
    expectOk(res);
    expect(app.gateway.journal.list().at(-1)?.headers['x-sdk-content-sha256']).toBe('UNSIGNED-PAYLOAD');
    expect(res.body.predicted_label).toMatch(/^(rose|sunflower|tulip|daisy|dandelion)$/);
    expect(res.body.scores[0][0]).toBe(res.body.predicted_label);
  });
});
