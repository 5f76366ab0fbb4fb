/**
 * Edges of the gateway's authentication rules (gateway.md §2.1, §3.1–§3.5, §3.7, §3.9): a token
 * at exactly its expiry instant, what counts towards the AK lockout and when the lock ends, and
 * credentials that arrive with surrounding white space through an adapter that does not trim
 * them (the Express adapter's HTTP parser does; the gateway core must not rely on it).
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { GatewayRequest } from '../../src/mock/http-model.ts';
import { toGatewayRequest } from '../hardening/support/wire-request.ts';
import {
  AKSK,
  APP_MSG,
  C,
  expectApigError,
  expectNoUnexpected500,
  expectOk,
  FROZEN_CLOCK,
  type GatewayApp,
  gatewayApp,
  HOUR,
  IAM_MSG,
  IRIS_ANSWER,
  IRIS_BODY,
  issueToken,
  MINUTE,
  NOT_PUBLISHED,
  S,
  signed,
} from './support.ts';

afterAll(expectNoUnexpected500);

const IRIS = `/v1/infers/${S.iris}`;
const IRIS_APP = `/v1/infers/${S.irisApp}`;
const LOCKED = `${IAM_MSG}AK access failed to reach the limit,forbidden`;
const BAD = { accessKey: C.accessKey, secretKey: 'wrong-secret' };

/** A JSON POST handed to the gateway core as an adapter builds it, headers exactly as given. */
async function direct(app: GatewayApp, path: string, headers: Array<[string, string]>): Promise<{ status: number; body: Record<string, unknown> }> {
  const body = Buffer.from(IRIS_BODY);
  const request: GatewayRequest = toGatewayRequest({
    method: 'POST',
    target: path,
    headers: [['host', 'gw.apig-kit.test'], ['content-type', 'application/json'], ...headers],
    body,
    chunkSizes: [],
    declaredLength: 'exact',
  });
  const response = await app.gateway.handle(request);
  return { status: response.status, body: JSON.parse(String(response.body)) as Record<string, unknown> };
}

describe('token expiry (gateway.md §2.1 "token expires", §3.1: 24 h)', () => {
  it('a token is refused at exactly its expires_at instant, and accepted 1 ms before', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const { token } = await issueToken(app);
    app.gateway.clock.advance(24 * HOUR - 1);
    expect(await direct(app, IRIS, [['x-auth-token', token]])).toEqual({ status: 200, body: IRIS_ANSWER });
    app.gateway.clock.advance(1);
    const res = await direct(app, IRIS, [['x-auth-token', token]]);
    expect(res.status).toBe(401);
    expect(res.body['error_msg']).toMatch(new RegExp(`^${IAM_MSG}token expires, expires_at: `));
  });
});

describe('the AK lockout (gateway.md §3.2: more than 5 consecutive failures lock the AK for 5 min)', () => {
  it('does not count failures of an unknown AK: each is still "ak not exist", never a lock', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const unknown = { accessKey: 'NOSUCHAKAPIGKIT000001', secretKey: 'whatever' };
    for (let i = 0; i < 7; i++) {
      expectApigError(
        await signed(app, { path: IRIS, credentials: unknown }).test,
        401,
        'APIG.0301',
        `${IAM_MSG}Get secretKey failed,ak:${unknown.accessKey},err:ak not exist`,
      );
    }
  });

  it('locks at the fifth failure, not the fourth', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    for (let i = 0; i < 4; i++) await signed(app, { path: IRIS, credentials: BAD }).test;
    expect((await signed(app, { path: IRIS, credentials: BAD }).test).body.error_msg).not.toBe(LOCKED);
    expectApigError(await signed(app, { path: IRIS, credentials: AKSK }).test, 401, 'APIG.0301', LOCKED);
  });

  it('locks for 5 minutes from the last failure, however the failures were spread', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    for (let i = 0; i < 5; i++) {
      await signed(app, { path: IRIS, credentials: BAD }).test;
      app.gateway.clock.advance(MINUTE);
    }
    // The fifth failure was 1 min ago: 4 min of lock remain.
    app.gateway.clock.advance(4 * MINUTE - 1);
    expectApigError(await signed(app, { path: IRIS, credentials: AKSK }).test, 401, 'APIG.0301', LOCKED);
    app.gateway.clock.advance(1);
    expectOk(await signed(app, { path: IRIS, credentials: AKSK }).test, IRIS_ANSWER);
  });

  it('is not extended by requests refused while locked', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    for (let i = 0; i < 5; i++) await signed(app, { path: IRIS, credentials: BAD }).test;
    app.gateway.clock.advance(4 * MINUTE);
    expectApigError(await signed(app, { path: IRIS, credentials: BAD }).test, 401, 'APIG.0301', LOCKED);
    app.gateway.clock.advance(MINUTE);
    expectOk(await signed(app, { path: IRIS, credentials: AKSK }).test, IRIS_ANSWER);
  });

  it('starts counting afresh once a lock has run out: one more failure does not lock again', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    for (let i = 0; i < 5; i++) await signed(app, { path: IRIS, credentials: BAD }).test;
    app.gateway.clock.advance(5 * MINUTE);
    expect((await signed(app, { path: IRIS, credentials: BAD }).test).body.error_msg).toMatch(/verify aksk signature fail/);
    expectOk(await signed(app, { path: IRIS, credentials: AKSK }).test, IRIS_ANSWER);
  });

  it('follows the configured number of failures and lock time', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK, limits: { akLockoutFailures: 2, akLockoutMs: 30_000 } });
    for (let i = 0; i < 2; i++) await signed(app, { path: IRIS, credentials: BAD }).test;
    expectApigError(await signed(app, { path: IRIS, credentials: AKSK }).test, 401, 'APIG.0301', LOCKED);
    app.gateway.clock.advance(30_000);
    expectOk(await signed(app, { path: IRIS, credentials: AKSK }).test, IRIS_ANSWER);
  });

  it('locks the AK of a V11 Credential= signature too', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const v11 = { algorithm: 'V11-HMAC-SHA256' as const, region: 'cn-north-4' };
    for (let i = 0; i < 5; i++) await signed(app, { path: IRIS, credentials: BAD, options: v11 }).test;
    expectApigError(await signed(app, { path: IRIS, credentials: AKSK, options: v11 }).test, 401, 'APIG.0301', LOCKED);
  });
});

describe('credentials with surrounding white space reach the rules trimmed', () => {
  it('X-Auth-Token', async () => {
    const app = gatewayApp();
    const { token } = await issueToken(app);
    const res = await direct(app, IRIS, [['x-auth-token', ` ${token}\t`]]);
    expect(res).toEqual({ status: 200, body: IRIS_ANSWER });
  });

  it('X-Apig-AppCode', async () => {
    const app = gatewayApp();
    expect(await direct(app, IRIS_APP, [['x-apig-appcode', `  ${C.appCode} `]])).toEqual({ status: 200, body: IRIS_ANSWER });
  });

  it('apikey, and an unknown one is named without its blanks', async () => {
    const app = gatewayApp();
    expect(await direct(app, IRIS_APP, [['apikey', ` ${C.appKey} `]])).toEqual({ status: 200, body: IRIS_ANSWER });
    const unknown = await direct(app, IRIS_APP, [['apikey', ' no-such-key ']]);
    expect(unknown.status).toBe(401);
    expect(unknown.body['error_msg']).toBe(`${APP_MSG}app not found, appkey no-such-key`);
  });

  it('X-Stage', async () => {
    const app = gatewayApp();
    const { token } = await issueToken(app);
    expect(
      await direct(app, IRIS, [
        ['x-auth-token', token],
        ['x-stage', ' RELEASE '],
      ]),
    ).toEqual({ status: 200, body: IRIS_ANSWER });
    const other = await direct(app, IRIS, [
      ['x-auth-token', token],
      ['x-stage', ' DEVELOP '],
    ]);
    expect(other).toMatchObject({ status: 404, body: { error_code: 'APIG.0101', error_msg: NOT_PUBLISHED } });
  });
});
