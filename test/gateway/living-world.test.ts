/**
 * The world changed at runtime (issue #14): through the admin API and in-process on the gateway
 * object, each change journaled without a secret, bad input answered 400/404/409 in JSON, and the
 * gateway's answers following the change at once (no restart).
 */
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AKSK,
  answers,
  APP_CREDS,
  APP_MSG,
  C,
  expectApigError,
  expectModelArtsError,
  expectOk,
  FROZEN_CLOCK,
  gatewayApp,
  type GatewayApp,
  IAM_MSG,
  IRIS_ANSWER,
  issueToken,
  NOT_PUBLISHED,
  post,
  S,
  signed,
} from './support.ts';

// A service stopped at runtime answers 500 ModelArts.4302 as the spec demands (gateway.md §6.6); nothing else may be a 500.
afterAll(() => expect(answers.filter((a) => a.body.includes('APIG.0601') || (a.status === 500 && !a.body.includes('"ModelArts.4302"')))).toEqual([]));

const IRIS = `/v1/infers/${S.iris}`;
const IRIS_APP = `/v1/infers/${S.irisApp}`;
const admin = (app: GatewayApp, method: 'post' | 'put' | 'delete' | 'get', path: string, body?: unknown) => {
  const test = request(app)[method](`/_apig-kit${path}`);
  return body === undefined && method !== 'post' && method !== 'put' ? test : test.set('Content-Type', 'application/json').send(JSON.stringify(body ?? {}));
};
const worldEntries = (app: GatewayApp) => app.gateway.journal.list().filter((e) => e.rule?.startsWith('world.'));

describe('AppSecret reset mid-run', () => {
  it('over the admin API: the old secret is refused at once, the new one (returned once) accepted', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    expectOk(await signed(app, { path: IRIS_APP, credentials: APP_CREDS }).test, IRIS_ANSWER);
    const reset = await admin(app, 'post', '/apps/demo-app/secret');
    expect(reset.status, reset.text).toBe(200);
    const { secret, key, name } = reset.body.app;
    expect({ key, name }).toEqual({ key: C.appKey, name: 'demo-app' });
    expect(secret).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(secret).not.toBe(C.appSecret);
    expect((await request(app).get('/_apig-kit/world')).body.apps[0].secret).toBe(secret);

    const old = await signed(app, { path: IRIS_APP, credentials: APP_CREDS }).test;
    expect(old.status).toBe(401);
    expect(old.body.error_code).toBe('APIG.0303');
    expect(old.body.error_msg).toMatch(new RegExp(`^${APP_MSG}verify signature fail`));
    expectOk(await signed(app, { path: IRIS_APP, credentials: { accessKey: C.appKey, secretKey: secret } }).test, IRIS_ANSWER);

    const [entry] = worldEntries(app);
    expect(entry).toMatchObject({
      rule: 'world.app.secret-reset',
      method: 'POST',
      target: '/_apig-kit/apps/demo-app/secret',
      verdict: 'accepted',
      auth: 'admin',
    });
    const journal = JSON.stringify(app.gateway.journal.list());
    expect(journal).not.toContain(secret);
    expect(journal).not.toContain(C.appSecret);
  });

  it('in-process: gateway.world.resetAppSecret, with a secret given and then one of the wrong shape', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const next = 'Given-Secret-0001';
    expect(app.gateway.world.resetAppSecret('demo-app', next)).toEqual({ name: 'demo-app', key: C.appKey, secret: next });
    expect((await signed(app, { path: IRIS_APP, credentials: APP_CREDS }).test).status).toBe(401);
    expectOk(await signed(app, { path: IRIS_APP, credentials: { accessKey: C.appKey, secretKey: next } }).test);
    expect(() => app.gateway.world.resetAppSecret('demo-app', 'short')).toThrow(/8-128/);
    expect(() => app.gateway.world.resetAppSecret('demo-app', next)).toThrow(/is the old one/);
    expect(() => app.gateway.world.resetAppSecret('no-such-app')).toThrow(/no app no-such-app/);
    expect(worldEntries(app).map((e) => [e.rule, e.principal])).toEqual([['world.app.secret-reset', 'in-process']]);
    // The retired secret stays masked: a client that still sends it does not see it journaled.
    expect(app.gateway.world.scrubSecrets(`x ${C.appSecret} y`)).toBe('x [masked secret] y');
  });
});

describe('bindings and stages', () => {
  it('unbinding gives 403 APIG.0304 without a restart; binding again lets the app in', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    expectOk(await post(app, IRIS_APP, { 'X-Apig-AppCode': C.appCode }));
    const unbound = await admin(app, 'delete', `/apps/demo-app/bindings/${S.irisApp}`);
    expect(unbound.status, unbound.text).toBe(200);
    // As binding answers: the service as it is now.
    expect(unbound.body.unbound).toMatchObject({ app: 'demo-app', service: { id: S.irisApp, boundApps: [] } });
    expectApigError(await post(app, IRIS_APP, { 'X-Apig-AppCode': C.appCode }), 403, 'APIG.0304', 'The app is not authorized to access the API.');
    expectApigError(await signed(app, { path: IRIS_APP, credentials: APP_CREDS }).test, 403, 'APIG.0304', 'The app is not authorized to access the API.');
    const bound = await admin(app, 'post', '/apps/demo-app/bindings', { service: S.irisApp });
    expect(bound.status, bound.text).toBe(200);
    expect(bound.body.bound.service.boundApps).toEqual(['demo-app']);
    expectOk(await post(app, IRIS_APP, { 'X-Apig-AppCode': C.appCode }));
  });

  it('an unbound app can be bound at runtime', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const creds = { accessKey: C.unboundAppKey, secretKey: C.unboundAppSecret };
    expect((await signed(app, { path: IRIS_APP, credentials: creds }).test).status).toBe(403);
    app.gateway.world.bindApp('unbound-app', S.irisApp);
    expectOk(await signed(app, { path: IRIS_APP, credentials: creds }).test, IRIS_ANSWER);
  });

  it('a stage published and unpublished: X-Stage answers 404 APIG.0101 where the API is not published', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const { token } = await issueToken(app);
    expectApigError(await post(app, IRIS, { 'X-Auth-Token': token, 'X-Stage': 'TEST' }), 404, 'APIG.0101', NOT_PUBLISHED);
    expect((await admin(app, 'post', `/services/${S.iris}/stages`, { stage: 'TEST' })).body.service.stages).toEqual(['RELEASE', 'TEST']);
    expectOk(await post(app, IRIS, { 'X-Auth-Token': token, 'X-Stage': 'TEST' }));
    expect((await admin(app, 'delete', `/services/${S.iris}/stages/RELEASE`)).status).toBe(200);
    expectApigError(await post(app, IRIS, { 'X-Auth-Token': token }), 404, 'APIG.0101', NOT_PUBLISHED);
  });

  it('binding to an IAM-auth service, to an unknown service, or twice-unbinding are refused', async () => {
    const app = gatewayApp();
    expect((await admin(app, 'post', '/apps/demo-app/bindings', { service: S.iris })).status).toBe(409);
    expect((await admin(app, 'post', '/apps/demo-app/bindings', { service: 'nope' })).body).toEqual({ error: 'no service nope' });
    expect((await admin(app, 'post', '/apps/demo-app/bindings', {})).status).toBe(400);
    expect((await admin(app, 'delete', `/apps/unbound-app/bindings/${S.irisApp}`)).status).toBe(404);
    expect((await admin(app, 'post', '/apps/nope/bindings', { service: S.irisApp })).status).toBe(404);
  });
});

describe('apps and AppCodes', () => {
  it('creates an app that works once bound, and deletes it: its key is then unknown', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const created = await admin(app, 'post', '/apps', { name: 'new-app', appCodes: [] });
    expect(created.status, created.text).toBe(201);
    const { key, secret } = created.body.app;
    expect(created.body.app).toMatchObject({ name: 'new-app', account: C.account, appCodes: [] });
    expectApigError(
      await signed(app, { path: IRIS_APP, credentials: { accessKey: key, secretKey: secret } }).test,
      403,
      'APIG.0304',
      'The app is not authorized to access the API.',
    );
    app.gateway.world.bindApp('new-app', S.irisApp);
    expectOk(await signed(app, { path: IRIS_APP, credentials: { accessKey: key, secretKey: secret } }).test);
    expect((await admin(app, 'delete', '/apps/new-app')).status).toBe(200);
    expectApigError(
      await signed(app, { path: IRIS_APP, credentials: { accessKey: key, secretKey: secret } }).test,
      401,
      'APIG.0303',
      `${APP_MSG}app not found, appkey ${key}`,
    );
    expect(app.gateway.world.service(S.irisApp)!.boundApps).toEqual(['demo-app']);
  });

  it('adds AppCodes up to 5 and removes one: the removed code is refused at once', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const added = await admin(app, 'post', '/apps/demo-app/app-codes');
      expect(added.status, added.text).toBe(201);
      expect(added.body.appCodes).toBe(i + 2);
      codes.push(added.body.appCode);
    }
    const sixth = await admin(app, 'post', '/apps/demo-app/app-codes', { appCode: 'one-too-many-code' });
    expect(sixth.status).toBe(409);
    expect(sixth.body.error).toMatch(/5 AppCodes/);
    expectOk(await post(app, IRIS_APP, { 'X-Apig-AppCode': codes[3]! }));
    expect((await admin(app, 'delete', `/apps/demo-app/app-codes/${encodeURIComponent(codes[3]!)}`)).body).toEqual({ appCodes: 4 });
    expectApigError(await post(app, IRIS_APP, { 'X-Apig-AppCode': codes[3]! }), 401, 'APIG.0303', `${APP_MSG}app not found with specified appCode`);
    expect((await admin(app, 'delete', `/apps/demo-app/app-codes/${encodeURIComponent(codes[3]!)}`)).status).toBe(404);
    // An AppCode of another app is refused, and no answer or journal entry repeats a code.
    const clash = await admin(app, 'post', '/apps/unbound-app/app-codes', { appCode: C.appCode });
    expect(clash.status).toBe(409);
    expect(clash.text).not.toContain(C.appCode);
    expect(JSON.stringify(app.gateway.journal.list())).not.toMatch(new RegExp(codes.join('|')));
  });

  it('refuses a duplicate name, a used AppKey, a bad AppKey and unknown fields, naming the field', async () => {
    const app = gatewayApp();
    expect((await admin(app, 'post', '/apps', { name: 'demo-app' })).status).toBe(409);
    expect((await admin(app, 'post', '/apps', { name: 'x-app', key: C.unboundAppKey })).status).toBe(409);
    const badKey = await admin(app, 'post', '/apps', { name: 'x-app', key: '-bad' });
    expect(badKey.status).toBe(400);
    expect(badKey.body.error).toMatch(/^key: AppKey: 8-200/);
    expect((await admin(app, 'post', '/apps', { name: 'x-app', colour: 'red' })).body.error).toMatch(/Unrecognized key/);
    expect((await admin(app, 'post', '/apps', { name: 'x-app', account: 'nobody' })).status).toBe(409);
    expect((await admin(app, 'post', '/apps', { name: 'x-app', appCodes: ['a', 'b', 'c', 'd', 'e', 'f'] })).status).toBe(400);
    expect((await admin(app, 'delete', '/apps/nope')).status).toBe(404);
    const notJson = await request(app).post('/_apig-kit/apps').set('Content-Type', 'application/json').send('{');
    expect(notJson.status).toBe(400);
    expect(notJson.body).toEqual({ error: 'the body is not JSON' });
    expect((await request(app).post('/_apig-kit/apps').set('Content-Type', 'text/plain').send('{}')).status).toBe(415);
    expect((await admin(app, 'post', '/apps/demo-app/secret', { secret: 'short' })).body.error).toMatch(/^secret: AppSecret: 8-128/);
    expect((await admin(app, 'post', '/apps/demo-app/secret', { colour: 'red' })).status).toBe(400);
    expect((await admin(app, 'post', '/apps/demo-app/app-codes', { appCode: '' })).status).toBe(400);
    const huge = await request(app)
      .post('/_apig-kit/apps')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(70_000) }));
    expect(huge.status).toBe(413);
    const wrongMethod = await admin(app, 'put', '/apps');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers['allow']).toBe('POST');
    expect(worldEntries(app)).toEqual([]);
  });

  it('the world is bounded: past limits.maxWorldApps a new app is refused with 409', async () => {
    const app = gatewayApp({ limits: { maxWorldApps: 3 } });
    expect((await admin(app, 'post', '/apps', { name: 'third' })).status).toBe(201);
    const over = await admin(app, 'post', '/apps', { name: 'fourth' });
    expect(over.status).toBe(409);
    expect(over.body.error).toMatch(/maxWorldApps/);
    expect(app.gateway.world.appByName('fourth')).toBeUndefined();
  });

  it('and by bytes: a change that would pass limits.maxWorldBytes leaves the world as it was', async () => {
    const app = gatewayApp({ limits: { maxWorldBytes: 8000 } });
    const before = app.gateway.world.world;
    expect(() => app.gateway.world.createApp({ name: 'big', appCodes: ['x'.repeat(9000)] })).toThrow(/maxWorldBytes/);
    expect(app.gateway.world.world).toBe(before);
  });
});

describe('users and access keys', () => {
  it('a disabled AK is refused as an unknown one (inferred default), and works again when enabled', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    expectOk(await signed(app, { path: IRIS, credentials: AKSK }).test);
    const disabled = await admin(app, 'put', `/access-keys/${C.accessKey}`, { status: 'inactive' });
    expect(disabled.body).toEqual({ accessKey: { ak: C.accessKey, status: 'inactive' } });
    const refused = await signed(app, { path: IRIS, credentials: AKSK }).test;
    expectApigError(refused, 401, 'APIG.0301', `${IAM_MSG}Get secretKey failed,ak:${C.accessKey},err:ak not exist`);
    // Refusals of a disabled key do not count towards its lockout.
    for (let i = 0; i < 6; i++) await signed(app, { path: IRIS, credentials: AKSK }).test;
    app.gateway.world.enableAccessKey(C.accessKey);
    expectOk(await signed(app, { path: IRIS, credentials: AKSK }).test);
    expect(worldEntries(app).map((e) => e.rule)).toEqual(['world.access-key.disable', 'world.access-key.enable']);
  });

  it("with behaviour.disabledAccessKey 'unauthorized' the observed '…: Unauthorized' is answered", async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK, behaviour: { disabledAccessKey: 'unauthorized' } });
    app.gateway.world.disableAccessKey(C.accessKey);
    expectApigError(await signed(app, { path: IRIS, credentials: AKSK }).test, 401, 'APIG.0301', `${IAM_MSG}Unauthorized`);
  });

  it('creates a user with a key (two at most), signs with it, deletes the key and then the user', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const user = await admin(app, 'post', '/users', { name: 'new-user' });
    expect(user.status, user.text).toBe(201);
    expect(user.body.user).toMatchObject({ name: 'new-user', account: C.account, accessKeys: [] });
    const key = await admin(app, 'post', '/users/new-user/access-keys');
    expect(key.status, key.text).toBe(201);
    const { ak, sk } = key.body.accessKey;
    expect(ak).toMatch(/^[A-Z0-9]{20}$/);
    expect(sk).toMatch(/^[A-Za-z0-9]{40}$/);
    expectOk(await signed(app, { path: IRIS, credentials: { accessKey: ak, secretKey: sk } }).test, IRIS_ANSWER);
    expect((await admin(app, 'post', '/users/new-user/access-keys', { ak: 'SECONDAKAPIGKIT00001' })).status).toBe(201);
    const third = await admin(app, 'post', '/users/new-user/access-keys');
    expect(third.status).toBe(409);
    expect(third.body.error).toMatch(/2 access keys/);
    expect((await admin(app, 'post', '/users/new-user/access-keys', { ak: C.accessKey })).status).toBe(409);
    expect((await admin(app, 'delete', `/access-keys/${ak}`)).status).toBe(200);
    expectApigError(
      await signed(app, { path: IRIS, credentials: { accessKey: ak, secretKey: sk } }).test,
      401,
      'APIG.0301',
      `${IAM_MSG}Get secretKey failed,ak:${ak},err:ak not exist`,
    );
    expect((await admin(app, 'delete', '/users/new-user')).status).toBe(200);
    expect((await admin(app, 'delete', '/users/new-user')).status).toBe(404);
    expect(JSON.stringify(app.gateway.journal.list())).not.toContain(sk);
  });

  it("a deleted user's token is revoked: 401 APIG.0307, its AK unknown", async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const { token } = await issueToken(app);
    expectOk(await post(app, IRIS, { 'X-Auth-Token': token }));
    app.gateway.world.deleteUser(C.user);
    expectApigError(await post(app, IRIS, { 'X-Auth-Token': token }), 401, 'APIG.0307', 'The token must be updated.');
    expect((await signed(app, { path: IRIS, credentials: AKSK }).test).body.error_msg).toMatch(/ak not exist/);
    // IAM no longer vouches for it either (GET /v3/auth/tokens: 404 X-Subject-Token is invalid).
    const other = (await issueToken(app, { user: C.otherUser, password: C.otherPassword, account: C.otherAccount, scope: undefined })).token;
    const validated = await request(app).get('/v3/auth/tokens').set('X-Auth-Token', other).set('X-Subject-Token', token);
    expect(validated.status).toBe(404);
  });

  it('refuses bad user and key input', async () => {
    const app = gatewayApp();
    expect((await admin(app, 'post', '/users', {})).status).toBe(400);
    expect((await admin(app, 'post', '/users', { name: C.user })).status).toBe(409);
    expect((await admin(app, 'post', '/users', { name: 'u', account: 'nobody' })).status).toBe(409);
    expect((await admin(app, 'post', '/users/nobody/access-keys')).status).toBe(404);
    expect((await admin(app, 'put', `/access-keys/${C.accessKey}`, { status: 'paused' })).status).toBe(400);
    expect((await admin(app, 'put', '/access-keys/NOPE', { status: 'inactive' })).status).toBe(404);
    expect((await admin(app, 'delete', '/access-keys/NOPE')).status).toBe(404);
  });
});

describe('services', () => {
  it('stop, start, change of auth type, delete and purge, each answered as the gateway answers that state', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const { token } = await issueToken(app);
    expect((await admin(app, 'post', `/services/${S.iris}/stop`)).body.service.state).toBe('stopped');
    expectModelArtsError(await post(app, IRIS, { 'X-Auth-Token': token }), 500, 'ModelArts.4302', 'Gateway forwarding error because the access is rejected. ');
    expect((await admin(app, 'post', `/services/${S.iris}/start`)).body.service.state).toBe('running');
    expectOk(await post(app, IRIS, { 'X-Auth-Token': token }), IRIS_ANSWER);
    expect((await admin(app, 'put', `/services/${S.iris}/auth`, { auth: 'app' })).body.service.auth).toBe('app');
    expectApigError(await post(app, IRIS, { 'X-Auth-Token': token }), 401, 'APIG.0303', `${APP_MSG}app auth information not found`);
    app.gateway.world.setServiceAuth(S.iris, 'iam');
    expect((await admin(app, 'delete', `/services/${S.iris}`)).body.service.state).toBe('deleted');
    expect((await post(app, IRIS, { 'X-Auth-Token': token })).body.error_code).toBe('ModelArts.4203');
    expect((await admin(app, 'post', `/services/${S.iris}/start`)).status).toBe(409);
    expect((await admin(app, 'delete', `/services/${S.iris}?purge=true`)).body).toEqual({ deleted: { service: S.iris } });
    expectApigError(await post(app, IRIS, { 'X-Auth-Token': token }), 404, 'APIG.0101', NOT_PUBLISHED);
  });

  it('creates a service that answers at once', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    const created = await admin(app, 'post', '/services', { name: 'echo-2', model: 'echo', auth: 'iam' });
    expect(created.status, created.text).toBe(201);
    const { id, url } = created.body.service;
    expect(url).toMatch(new RegExp(`/v1/infers/${id}$`));
    const { token } = await issueToken(app);
    expectOk(await post(app, `/v1/infers/${id}`, { 'X-Auth-Token': token }, '{"hello":1}'));
  });

  it('refuses bad service input', async () => {
    const app = gatewayApp();
    expect((await admin(app, 'post', '/services', { name: 's', model: 'gpt', auth: 'iam' })).status).toBe(400);
    expect((await admin(app, 'post', '/services', { name: 's', model: 'echo', auth: 'iam', id: S.iris })).status).toBe(409);
    expect((await admin(app, 'post', '/services', { name: 's', model: 'echo', auth: 'iam', account: 'nobody' })).status).toBe(404);
    expect((await admin(app, 'post', '/services', { name: 's', model: 'echo', auth: 'iam', project: 'nowhere' })).status).toBe(409);
    expect((await admin(app, 'put', `/services/${S.iris}/auth`, { auth: 'none' })).status).toBe(400);
    expect((await admin(app, 'post', '/services/nope/stop')).status).toBe(404);
    expect((await admin(app, 'post', `/services/${S.iris}/stages`, { stage: 'RELEASE' })).status).toBe(409);
    expect((await admin(app, 'delete', `/services/${S.iris}/stages/NOPE`)).status).toBe(404);
    expect((await admin(app, 'get', '/services/%E0%A4%A')).status).toBe(400);
  });
});

describe('reset', () => {
  it('POST /_apig-kit/reset brings back the world at start', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK });
    app.gateway.world.resetAppSecret('demo-app');
    app.gateway.world.deleteService(S.iris, { purge: true });
    app.gateway.world.createUser({ name: 'temp-user' });
    expect((await request(app).post('/_apig-kit/reset').set('Content-Type', 'application/json')).status).toBe(200);
    expectOk(await signed(app, { path: IRIS_APP, credentials: APP_CREDS }).test);
    expect(app.gateway.world.service(S.iris)).toBeDefined();
    expect(app.gateway.world.world.users.map((u) => u.name)).not.toContain('temp-user');
    expect((await request(app).get('/_apig-kit/world')).body.apps[0].secret).toBe(C.appSecret);
  });
});
