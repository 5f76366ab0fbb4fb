/**
 * POST /v3.0/OS-CREDENTIAL/securitytokens (IAM API reference, "Obtaining a Temporary Access Key
 * and Security Token Through a Token"): a token in, a temporary AK/SK + security token out, which
 * sign gateway calls with X-Security-Token until they expire on the gateway clock.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { officialSign } from '../support/official-sdk.ts';
import {
  C,
  expectApigError,
  expectOk,
  FROZEN_CLOCK,
  FROZEN_MS,
  gatewayApp,
  type GatewayApp,
  IAM_MSG,
  IRIS_ANSWER,
  issueToken,
  MINUTE,
  S,
  signed,
} from '../gateway/support.ts';

const PATH = '/v3.0/OS-CREDENTIAL/securitytokens';
const IRIS = `/v1/infers/${S.iris}`;

function askFor(app: GatewayApp, token: string | undefined, token_: Record<string, unknown> | undefined = undefined, methods: unknown = ['token']) {
  const identity: Record<string, unknown> = { methods };
  if (token_ !== undefined) identity['token'] = token_;
  let test = request(app).post(PATH).set('Content-Type', 'application/json;charset=utf8');
  if (token !== undefined) test = test.set('X-Auth-Token', token);
  return test.send(JSON.stringify({ auth: { identity } }));
}

const keystone = (code: number, title: string, message: string) => ({ error: { code, message, title } });

describe('POST /v3.0/OS-CREDENTIAL/securitytokens', () => {
  it('answers 201 {"credential":{access,expires_at,secret,securitytoken}} valid 15 min by default (documented)', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const { token } = await issueToken(app);
    const res = await askFor(app, token);
    expect(res.status, res.text).toBe(201);
    expect(Object.keys(res.body)).toEqual(['credential']);
    expect(Object.keys(res.body.credential).sort()).toEqual(['access', 'expires_at', 'secret', 'securitytoken']);
    const { access, secret, securitytoken, expires_at } = res.body.credential;
    expect(access).toMatch(/^[A-Z0-9]{20}$/);
    expect(secret).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(securitytoken.length).toBeGreaterThan(200);
    expect(expires_at).toBe(new Date(FROZEN_MS + 15 * MINUTE).toISOString().replace(/Z$/, '000Z'));
  });

  it('signs gateway calls with X-Security-Token until expires_at on the gateway clock, then "signature expired"', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const { token } = await issueToken(app);
    const { access, secret, securitytoken } = (await askFor(app, token, { duration_seconds: 3600 })).body.credential;
    const credentials = { accessKey: access, secretKey: secret, securityToken: securitytoken };
    expectOk(await signed(app, { path: IRIS, credentials }).test, IRIS_ANSWER);
    // Without its security token, the temporary AK is refused.
    const noToken = await signed(app, { path: IRIS, credentials: { accessKey: access, secretKey: secret } }).test;
    expect(noToken.status).toBe(401);
    expect(noToken.body.error_code).toBe('APIG.0301');
    app.gateway.clock.advance(60 * MINUTE - 1);
    expectOk(await signed(app, { path: IRIS, credentials }).test);
    app.gateway.clock.advance(1);
    expectApigError(await signed(app, { path: IRIS, credentials }).test, 401, 'APIG.0301', `${IAM_MSG}calc ak sk signature fail:signature expired`);
    const journal = JSON.stringify(app.gateway.journal.list());
    expect(journal).not.toContain(secret);
    expect(journal).not.toContain(securitytoken);
  });

  it('the credentials work as signed by the official SDK signer, X-Security-Token among the signed headers', async () => {
    const app = gatewayApp({ clock: { frozen: true } });
    const { token } = await issueToken(app);
    const { access, secret, securitytoken } = (await askFor(app, token)).body.credential;
    const data = { data: { req_data: [{ sepal_length: 5.1, sepal_width: 3.5, petal_length: 1.4, petal_width: 0.2 }] } };
    const headers = officialSign(
      'SDK-HMAC-SHA256',
      {
        endpoint: `http://gw.apig-kit.test${IRIS}`,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-security-token': securitytoken },
        queryParams: {},
        data,
      },
      { ak: access, sk: secret },
    );
    expect(headers['Authorization'] ?? headers['authorization']).toMatch(/SignedHeaders=[^,]*x-security-token/);
    let test = request(app).post(IRIS);
    for (const [name, value] of Object.entries(headers)) test = test.set(name, value);
    const res = await test.send(JSON.stringify(data));
    expect(res.status, res.text).toBe(200);
  });

  it('takes the token from auth.identity.token.id; X-Auth-Token wins when both are given (documented)', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const { token } = await issueToken(app);
    expect((await askFor(app, undefined, { id: token })).status).toBe(201);
    expect((await askFor(app, token, { id: 'not-a-token' })).status).toBe(201);
    expect((await askFor(app, 'not-a-token', { id: token })).status).toBe(401);
  });

  it('reads the older spelling duration-seconds too, and accepts 900 and 86400 exactly', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const { token } = await issueToken(app);
    const at = async (field: string, seconds: number) => (await askFor(app, token, { [field]: seconds })).body.credential.expires_at;
    expect(await at('duration-seconds', 1800)).toBe(new Date(FROZEN_MS + 30 * MINUTE).toISOString().replace(/Z$/, '000Z'));
    expect(await at('duration_seconds', 900)).toBe(new Date(FROZEN_MS + 15 * MINUTE).toISOString().replace(/Z$/, '000Z'));
    expect(await at('duration_seconds', 86400)).toBe(new Date(FROZEN_MS + 24 * 60 * MINUTE).toISOString().replace(/Z$/, '000Z'));
  });

  it('refuses a duration outside 15 min–24 h with 400 (status documented, text inferred)', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const { token } = await issueToken(app);
    for (const duration of [899, 86401, '900', 900.5, -1, null]) {
      const res = await askFor(app, token, { duration_seconds: duration });
      expect(res.status, `duration ${String(duration)}`).toBe(400);
      expect(res.body).toEqual(keystone(400, 'Bad Request', 'duration_seconds must be an integer from 900 to 86400.'));
    }
  });

  it('refuses a missing, forged or expired token, or the token of a deleted user, with 401 (status documented, body inferred)', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const unauthenticated = keystone(401, 'Unauthorized', 'The request you have made requires authentication.');
    expect((await askFor(app, undefined)).body).toEqual(unauthenticated);
    expect((await askFor(app, 'MIIgarbage')).body).toEqual(unauthenticated);
    const { token } = await issueToken(app);
    app.gateway.clock.advance(24 * 60 * MINUTE);
    const expired = await askFor(app, token);
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual(unauthenticated);
    const fresh = (await issueToken(app)).token;
    app.gateway.world.deleteUser(C.user);
    expect((await askFor(app, fresh)).status).toBe(401);
  });

  it('accepts a domain-scoped token (inferred: the API asks for a user token of any scope)', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const { token } = await issueToken(app, { scope: undefined });
    expect((await askFor(app, token)).status).toBe(201);
  });

  it('refuses a body that is not the token method with 400, and another method with 405', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const { token } = await issueToken(app);
    const invalid = keystone(400, 'Bad Request', 'The request body is invalid');
    expect((await askFor(app, token, undefined, ['password'])).body).toEqual(invalid);
    expect((await askFor(app, token, undefined, 'token')).body).toEqual(invalid);
    expect((await askFor(app, token, { id: 42 })).status).toBe(400);
    expect((await request(app).post(PATH).set('X-Auth-Token', token).set('Content-Type', 'application/json').send('{')).body).toEqual(invalid);
    const get = await request(app).get(PATH).set('X-Auth-Token', token);
    expect(get.status).toBe(405);
    expect(get.headers['allow']).toBe('POST');
  });

  it('keeps at most limits.maxTemporaryCredentials: the oldest is forgotten first', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK, limits: { maxTemporaryCredentials: 2 } });
    const { token } = await issueToken(app);
    const issued = [];
    for (let i = 0; i < 3; i++) issued.push((await askFor(app, token)).body.credential);
    expect(app.gateway.issued.size).toBe(2);
    const first = issued[0]!;
    const refused = await signed(app, { path: IRIS, credentials: { accessKey: first.access, secretKey: first.secret, securityToken: first.securitytoken } })
      .test;
    expect(refused.body.error_msg).toBe(`${IAM_MSG}Get secretKey failed,ak:${first.access},err:ak not exist`);
    const last = issued[2]!;
    expectOk(await signed(app, { path: IRIS, credentials: { accessKey: last.access, secretKey: last.secret, securityToken: last.securitytoken } }).test);
  });

  it("one user asking in a loop pushes out only their own credentials, not another user's", async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK, limits: { maxTemporaryCredentials: 4 } });
    const { token } = await issueToken(app);
    const kept = (await askFor(app, token)).body.credential;
    const flooder = (await issueToken(app, { user: C.otherUser, password: C.otherPassword, account: C.otherAccount })).token;
    for (let i = 0; i < 10; i++) expect((await askFor(app, flooder)).status).toBe(201);
    expect(app.gateway.issued.size).toBe(4);
    expectOk(await signed(app, { path: IRIS, credentials: { accessKey: kept.access, secretKey: kept.secret, securityToken: kept.securitytoken } }).test);
  });

  it('and by bytes (limits.maxTemporaryCredentialBytes)', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK, limits: { maxTemporaryCredentialBytes: 2000 } });
    const { token } = await issueToken(app);
    for (let i = 0; i < 5; i++) expect((await askFor(app, token)).status).toBe(201);
    expect(app.gateway.issued.size).toBeLessThan(5);
    expect(app.gateway.issued.bytes).toBeLessThanOrEqual(2000);
  });

  it('a reset forgets every issued credential', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const { token } = await issueToken(app);
    await askFor(app, token);
    app.gateway.reset();
    expect(app.gateway.issued.size).toBe(0);
  });
});
