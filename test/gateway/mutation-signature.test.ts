/**
 * Every way a signature check can fail, on an IAM API (APIG.0301) and on an app API (APIG.0303)
 * (gateway.md §2.1, §2.2, §3.2, §3.3; signing.md §4.2, §4.3), with the values each message names.
 * Messages the documentation does not give are the catalogue's inferred ones.
 */
import { afterAll, describe, it } from 'vitest';
import { signRequest } from '../../src/protocol/index.ts';
import {
  AKSK,
  APP_CREDS,
  APP_MSG,
  C,
  expectApigError,
  expectNoUnexpected500,
  type GatewayApp,
  gatewayApp,
  HOST,
  IAM_MSG,
  IRIS_BODY,
  post,
  S,
} from './support.ts';

afterAll(expectNoUnexpected500);

const SIG = '0'.repeat(64);
const FAMILIES = [
  { family: 'IAM', path: `/v1/infers/${S.iris}`, key: C.accessKey, credentials: AKSK, code: 'APIG.0301', msg: IAM_MSG, mismatch: 'verify aksk signature fail' },
  { family: 'app', path: `/v1/infers/${S.irisApp}`, key: C.appKey, credentials: APP_CREDS, code: 'APIG.0303', msg: APP_MSG, mismatch: 'verify signature fail' },
] as const;

/** Headers signed for `path` now (Host and Content-Type signed), then changed by `change`. */
function signedHeaders(app: GatewayApp, path: string, credentials: typeof AKSK, extra: Record<string, string> = {}, options = {}) {
  const headers = { host: HOST, 'content-type': 'application/json', ...extra };
  const { headers: added } = signRequest({ method: 'POST', url: path, headers, body: IRIS_BODY }, credentials, { date: app.gateway.clock.now(), ...options });
  return { ...headers, ...added } as Record<string, string>;
}

describe.each(FAMILIES)('$family API', ({ path, key, credentials, code, msg, mismatch }) => {
  const dateNow = (app: GatewayApp) => signedHeaders(app, path, credentials)['X-Sdk-Date']!;

  it('an Authorization without Access= is "Access or Credential is empty in Authorization"', async () => {
    const app = gatewayApp();
    const res = await post(app, path, {
      'X-Sdk-Date': dateNow(app),
      Authorization: `SDK-HMAC-SHA256 Access=, SignedHeaders=host;x-sdk-date, Signature=${SIG}`,
    });
    expectApigError(res, 401, code, `${msg}Access or Credential is empty in Authorization`);
  });

  it('no X-Sdk-Date is "x-sdk-date not found"', async () => {
    const app = gatewayApp();
    const res = await post(app, path, { Authorization: `SDK-HMAC-SHA256 Access=${key}, SignedHeaders=host;x-sdk-date, Signature=${SIG}` });
    expectApigError(res, 401, code, `${msg}x-sdk-date not found`);
  });

  it('an X-Sdk-Date that is not YYYYMMDDTHHMMSSZ is "x-sdk-date format invalid"', async () => {
    const app = gatewayApp();
    const res = await post(app, path, {
      'X-Sdk-Date': '2026-11-23T09:00:00Z',
      Authorization: `SDK-HMAC-SHA256 Access=${key}, SignedHeaders=host;x-sdk-date, Signature=${SIG}`,
    });
    expectApigError(res, 401, code, `${msg}x-sdk-date format invalid`);
  });

  it('an X-Sdk-Date left out of SignedHeaders is a signature failure, without a canonical request to show', async () => {
    const app = gatewayApp();
    const res = await post(app, path, { 'X-Sdk-Date': dateNow(app), Authorization: `SDK-HMAC-SHA256 Access=${key}, SignedHeaders=host, Signature=${SIG}` });
    expectApigError(res, 401, code, `${msg}${mismatch}`);
  });

  it('a signed header the request lacks is named', async () => {
    const app = gatewayApp();
    const headers = signedHeaders(app, path, credentials, { 'x-custom': 'v' });
    delete headers['x-custom'];
    expectApigError(await post(app, path, headers), 401, code, `${msg}${mismatch}, signed header x-custom not found`);
  });

  it('a declared body hash that is not the body’s is a signature failure', async () => {
    const app = gatewayApp();
    const headers = signedHeaders(app, path, credentials, { 'x-sdk-content-sha256': 'a'.repeat(64) });
    expectApigError(await post(app, path, headers), 401, code, `${msg}${mismatch}`);
  });

  it('a V11 credential scope of another day is a signature failure', async () => {
    const app = gatewayApp();
    const headers = signedHeaders(app, path, credentials);
    const authorization = `V11-HMAC-SHA256 Credential=${key}/19991231/cn-north-4/apic, SignedHeaders=content-type;host;x-sdk-date, Signature=${SIG}`;
    expectApigError(await post(app, path, { ...headers, Authorization: authorization }), 401, code, `${msg}${mismatch}`);
  });
});

describe('temporary AK/SK (gateway.md §3.2, signing.md §3.3)', () => {
  const path = `/v1/infers/${S.iris}`;
  const temporary = { accessKey: C.temporaryAccessKey, secretKey: C.temporarySecretKey };

  it('without X-Security-Token, or with another one, is "verify security token fail"', async () => {
    const app = gatewayApp();
    expectApigError(await post(app, path, signedHeaders(app, path, temporary)), 401, 'APIG.0301', `${IAM_MSG}verify security token fail`);
    const other = signedHeaders(app, path, { ...temporary, securityToken: 'another-token' });
    expectApigError(await post(app, path, other), 401, 'APIG.0301', `${IAM_MSG}verify security token fail`);
  });
});
