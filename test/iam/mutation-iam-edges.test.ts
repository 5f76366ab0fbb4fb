/**
 * Edges of IAM and of the gateway's IAM-side refusals: the securitytokens body takes exactly one
 * method, "token" (IAM API reference), a token with stray spaces is still the token, and each
 * refusal is journaled with why (a deleted user's token, a disabled AK, an expired temporary AK,
 * simple authentication over plain HTTP).
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { GatewayRequest } from '../../src/mock/http-model.ts';
import { toGatewayRequest } from '../hardening/support/wire-request.ts';
import { AKSK, C, FROZEN_CLOCK, FROZEN_MS, gatewayApp, type GatewayApp, issueToken, MINUTE, S, signed } from '../gateway/support.ts';

const PATH = '/v3.0/OS-CREDENTIAL/securitytokens';
const lastEntry = (app: GatewayApp) => app.gateway.journal.list().at(-1)!;

function securityTokenRequest(headers: Array<[string, string]>, body: unknown): GatewayRequest {
  return toGatewayRequest({
    method: 'POST',
    target: PATH,
    headers: [['host', 'iam.apig-kit.test'], ['content-type', 'application/json'], ...headers],
    body: new TextEncoder().encode(JSON.stringify(body)),
    chunkSizes: [],
    declaredLength: 'exact',
  });
}

describe('POST securitytokens', () => {
  it('takes exactly one method, "token": two methods are an invalid body', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const { token } = await issueToken(app);
    const both = await app.gateway.handle(securityTokenRequest([['x-auth-token', token]], { auth: { identity: { methods: ['token', 'password'] } } }));
    expect(both.status).toBe(400);
    const one = await app.gateway.handle(securityTokenRequest([['x-auth-token', token]], { auth: { identity: { methods: ['token'] } } }));
    expect(one.status).toBe(201);
  });

  it('a token with spaces around it, in the header or in the body, is the token', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const { token } = await issueToken(app);
    const inHeader = await app.gateway.handle(securityTokenRequest([['x-auth-token', ` ${token} `]], { auth: { identity: { methods: ['token'] } } }));
    expect(inHeader.status).toBe(201);
    const inBody = await app.gateway.handle(securityTokenRequest([], { auth: { identity: { methods: ['token'], token: { id: `  ${token}\t` } } } }));
    expect(inBody.status).toBe(201);
  });
});

describe('IAM-side refusals in the journal', () => {
  it("a deleted user's token", async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const { token } = await issueToken(app);
    app.gateway.world.deleteUser(C.user);
    const res = await request(app).post(`/v1/infers/${S.iris}`).set('X-Auth-Token', token).set('Content-Type', 'application/json').send('{}');
    expect(res.status).toBe(401);
    expect(lastEntry(app).detail).toBe(`the token's user ${C.user} no longer exists`);
  });

  it('a disabled AK', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    app.gateway.world.disableAccessKey(C.accessKey);
    expect((await signed(app, { path: `/v1/infers/${S.iris}`, credentials: AKSK }).test).status).toBe(401);
    expect(lastEntry(app).detail).toBe(`AK ${C.accessKey} is disabled`);
  });

  it('an issued temporary AK past its expires_at', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const user = app.gateway.world.world.users[0]!;
    const key = app.gateway.issued.issue(user, app.gateway.world.accountByName(user.account)!, FROZEN_MS + MINUTE);
    app.gateway.clock.advance(2 * MINUTE);
    const credentials = { accessKey: key.accessKey, secretKey: key.secretKey, securityToken: key.securityToken };
    expect((await signed(app, { path: `/v1/infers/${S.iris}`, credentials }).test).status).toBe(401);
    expect(lastEntry(app).detail).toBe(`the temporary AK ${key.accessKey} expired at ${new Date(FROZEN_MS + MINUTE).toISOString()}`);
  });

  it('an AppCode or apikey over plain HTTP (simpleAuthOverHttp: refuse)', async () => {
    for (const [header, value, label] of [
      ['X-Apig-AppCode', C.appCode, 'X-Apig-AppCode'],
      ['apikey', C.appKey, 'apikey'],
    ] as const) {
      const app = gatewayApp({ behaviour: { simpleAuthOverHttp: 'refuse' } });
      const res = await request(app).post(`/v1/infers/${S.irisApp}`).set(header, value).set('Content-Type', 'application/json').send('{}');
      expect(res.status).toBe(400);
      expect(lastEntry(app).detail).toBe(`${label} was sent over plain HTTP: simple authentication supports only HTTPS`);
    }
  });
});
