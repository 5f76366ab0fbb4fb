/**
 * What the journal tells a person about each refusal and each caller (README "journal"): the
 * detail names the facts behind the rule (the AK, the app, the accounts, projects and service
 * involved) and the principal says who called, with which credential. Also: which Authorization
 * values count as a signature attempt (gateway.md §3.8), and message overrides whose placeholders
 * have no value.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../src/mock/state/journal.ts';
import {
  AKSK,
  C,
  expectApigError,
  expectNoUnexpected500,
  FROZEN_CLOCK,
  type GatewayApp,
  gatewayApp,
  HOUR,
  IAM_MSG,
  issueToken,
  post,
  S,
  send,
  signed,
} from './support.ts';

afterAll(expectNoUnexpected500);

const IRIS = `/v1/infers/${S.iris}`;
const IRIS_APP = `/v1/infers/${S.irisApp}`;
const last = (app: GatewayApp): JournalEntry => app.gateway.journal.list().at(-1)!;
const service = (app: GatewayApp, id: string) => app.gateway.world.service(id)!;

describe('the detail of an IAM refusal names what went wrong', () => {
  it('an undecodable token: malformed or forged', async () => {
    const app = gatewayApp();
    await post(app, IRIS, { 'X-Auth-Token': 'garbage' });
    expect(last(app)).toMatchObject({ rule: 'iam.token-undecodable' });
    expect(last(app).detail).toContain('malformed');
    const other = gatewayApp({ world: { tokenSigningKey: 'another-region-token-key-0001' } });
    const { token } = await issueToken(other);
    await post(app, IRIS, { 'X-Auth-Token': token });
    expect(last(app).detail).toContain('forged');
  });

  it('an expired token: when it expired', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const { token, expiresAt } = await issueToken(app);
    app.gateway.clock.advance(25 * HOUR);
    await post(app, IRIS, { 'X-Auth-Token': token });
    expect(last(app).detail).toContain(expiresAt);
  });

  it('no credentials: which ones were looked for', async () => {
    const app = gatewayApp();
    await post(app, IRIS);
    expect(last(app).detail).toMatch(/X-Auth-Token/);
    expect(last(app).detail).toMatch(/AK\/SK/);
  });

  it('a locked AK: the AK', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    for (let i = 0; i < 5; i++) await signed(app, { path: IRIS, credentials: { accessKey: C.accessKey, secretKey: 'wrong' } }).test;
    await signed(app, { path: IRIS, credentials: AKSK }).test;
    expect(last(app)).toMatchObject({ rule: 'iam.ak-locked' });
    expect(last(app).detail).toContain(C.accessKey);
  });
});

describe('the detail of an app refusal names what went wrong', () => {
  it('an unknown AppCode, an unknown apikey, no app credential at all', async () => {
    const app = gatewayApp();
    await post(app, IRIS_APP, { 'X-Apig-AppCode': 'nope' });
    expect(last(app).detail).toMatch(/AppCode/);
    await post(app, IRIS_APP, { apikey: 'nope' });
    expect(last(app).detail).toMatch(/AppKey/);
    await post(app, IRIS_APP);
    expect(last(app).detail).toMatch(/X-Apig-AppCode/);
    expect(last(app).detail).toMatch(/apikey/);
  });

  it('an unbound app: the app and the service', async () => {
    const app = gatewayApp();
    await post(app, IRIS_APP, { apikey: C.unboundAppKey });
    expect(last(app)).toMatchObject({ rule: 'app.not-authorized' });
    expect(last(app).detail).toContain('unbound-app');
    expect(last(app).detail).toContain(service(app, S.irisApp).name);
  });
});

describe('the detail of a dispatcher refusal names what went wrong (gateway.md §6.4, §6.6)', () => {
  it('a domain-scoped token: that it is domain-scoped', async () => {
    const app = gatewayApp();
    const { token } = await issueToken(app, { scope: undefined });
    await post(app, IRIS, { 'X-Auth-Token': token });
    expect(last(app)).toMatchObject({ rule: 'modelarts.domain-token' });
    expect(last(app).detail).toMatch(/domain/);
  });

  it("another account's token or AK: both accounts", async () => {
    const app = gatewayApp();
    const { token } = await issueToken(app, { user: C.otherUser, password: C.otherPassword, account: C.otherAccount });
    await post(app, IRIS, { 'X-Auth-Token': token });
    expect(last(app).detail).toContain(C.otherAccount);
    expect(last(app).detail).toContain(C.account);
    await signed(app, { path: IRIS, credentials: { accessKey: C.otherAccessKey, secretKey: C.otherSecretKey } }).test;
    expect(last(app).detail).toContain(C.otherAccessKey);
    expect(last(app).detail).toContain(C.otherAccount);
    expect(last(app).detail).toContain(C.account);
  });

  it('a token of another project: both projects', async () => {
    const app = gatewayApp();
    const { token } = await issueToken(app, { scope: { project: { name: 'cn-east-3' } } });
    await post(app, IRIS, { 'X-Auth-Token': token });
    expect(last(app).detail).toContain('cn-east-3');
    expect(last(app).detail).toContain('cn-north-4');
  });

  it('a stopped or deleted service: the service; a GET: the method and POST', async () => {
    const app = gatewayApp();
    await signed(app, { path: `/v1/infers/${S.stopped}`, credentials: AKSK, body: '{}' }).test;
    expect(last(app).detail).toContain(service(app, S.stopped).name);
    await signed(app, { path: `/v1/infers/${S.deleted}`, credentials: AKSK, body: '{}' }).test;
    expect(last(app).detail).toContain(service(app, S.deleted).name);
    await signed(app, { method: 'GET', path: IRIS, credentials: AKSK, body: '' }).test;
    expect(last(app)).toMatchObject({ rule: 'modelarts.method-not-allowed' });
    expect(last(app).detail).toContain('GET');
    expect(last(app).detail).toContain('POST');
  });
});

describe('the principal of an accepted call says who called', () => {
  it('a project-scoped token: account, user and project', async () => {
    const app = gatewayApp();
    const { token } = await issueToken(app);
    await post(app, IRIS, { 'X-Auth-Token': token });
    expect(last(app).principal).toBe(`token of ${C.account}/${C.user} (project cn-north-4 scope)`);
  });

  it('a domain-scoped token, though refused by the dispatcher, is still named', async () => {
    const app = gatewayApp();
    const { token } = await issueToken(app, { scope: undefined });
    await post(app, IRIS, { 'X-Auth-Token': token });
    expect(last(app).principal).toBe(`token of ${C.account}/${C.user} (domain scope)`);
  });

  it('a permanent or temporary AK: its kind, the AK, account and user', async () => {
    const app = gatewayApp();
    await signed(app, { path: IRIS, credentials: AKSK }).test;
    expect(last(app).principal).toBe(`permanent AK ${C.accessKey} of ${C.account}/${C.user}`);
    await signed(app, { path: IRIS, credentials: { accessKey: C.temporaryAccessKey, secretKey: C.temporarySecretKey, securityToken: C.securityToken } }).test;
    expect(last(app).principal).toBe(`temporary AK ${C.temporaryAccessKey} of ${C.account}/${C.user}`);
  });
});

describe('which Authorization values are a signature attempt (gateway.md §3.8)', () => {
  it('a Bearer or Basic credential is not; a value that only contains the word is', async () => {
    const app = gatewayApp();
    expectApigError(await post(app, IRIS, { Authorization: 'basic dXNlcjpwYXNz' }), 401, 'APIG.0301', `${IAM_MSG}x-auth-token not found`);
    const attempt = await post(app, IRIS, { Authorization: 'SDK-HMAC-SHA256 Basic realm' });
    expectApigError(attempt, 401, 'APIG.0301', `${IAM_MSG}Access or Credential is empty in Authorization`);
  });
});

describe('message overrides with placeholders that have no value here', () => {
  it('are filled with nothing', async () => {
    const app = gatewayApp({
      behaviour: { messages: { 'iam.access-missing': 'ak=[{accessKey}] app=[{appKey}] header=[{header}] at=[{signedAt}] now=[{serverTime}]' } },
    });
    const res = await send(app, 'POST', IRIS).set('Authorization', 'SDK-HMAC-SHA256 Access=, SignedHeaders=host, Signature=x').send('{}');
    expect(res.body.error_msg).toBe('ak=[] app=[] header=[] at=[] now=[]');
  });
});
