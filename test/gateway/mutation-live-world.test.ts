/**
 * Each runtime change of the world (README "A living world"): journaled as the admin route it is
 * (rule `world.<op>`, method, target, what it did, who asked), refused with the status and words the
 * README promises (400 bad input, 404 no such name, 409 a clash or a bound), and leaving the rest of
 * the world as it was.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createGateway } from '../../src/mock/index.ts';
import { createGatewayCore, type Gateway } from '../../src/mock/gateway.ts';
import { MASKED_SECRET } from '../../src/mock/state/world-index.ts';
import { WorldChangeError } from '../../src/mock/state/world-changes.ts';
import { C, FROZEN_CLOCK, S } from './support.ts';

const fresh = (overrides: Parameters<typeof createGatewayCore>[0] = {}) => createGatewayCore({ clock: FROZEN_CLOCK, ...overrides });
const lastChange = (gateway: Gateway) => {
  const entry = gateway.journal.list().at(-1)!;
  return { rule: entry.rule, method: entry.method, target: entry.target, detail: entry.detail, principal: entry.principal };
};
const NEW_SERVICE_ID = '5e7f1ce0-0000-4000-8000-0000000000aa';
const OTHER_AK_PATH = `/_apig-kit/access-keys/${C.otherAccessKey}`;

/** Each change, run on a fresh world, and the journal entry it must leave. */
const CHANGES: Array<[string, (g: Gateway) => unknown, { rule: string; method: string; target: string; detail: string }]> = [
  [
    'createApp',
    (g) => g.world.createApp({ name: 'new-app' }),
    { rule: 'world.app.create', method: 'POST', target: '/_apig-kit/apps', detail: 'app new-app created in apigkit-demo' },
  ],
  [
    'deleteApp',
    (g) => g.world.deleteApp('unbound-app'),
    { rule: 'world.app.delete', method: 'DELETE', target: '/_apig-kit/apps/unbound-app', detail: 'app unbound-app deleted, and unbound' },
  ],
  [
    'resetAppSecret',
    (g) => g.world.resetAppSecret('demo-app'),
    { rule: 'world.app.secret-reset', method: 'POST', target: '/_apig-kit/apps/demo-app/secret', detail: 'AppSecret of app demo-app reset' },
  ],
  [
    'addAppCode',
    (g) => g.world.addAppCode('demo-app'),
    { rule: 'world.app.appcode-add', method: 'POST', target: '/_apig-kit/apps/demo-app/app-codes', detail: 'AppCode added to app demo-app (2 now)' },
  ],
  [
    'removeAppCode',
    (g) => g.world.removeAppCode('demo-app', C.appCode),
    { rule: 'world.app.appcode-remove', method: 'DELETE', target: '/_apig-kit/apps/demo-app/app-codes/%E2%80%A6', detail: 'AppCode removed from app demo-app' },
  ],
  [
    'bindApp',
    (g) => g.world.bindApp('unbound-app', S.irisApp),
    { rule: 'world.app.bind', method: 'POST', target: '/_apig-kit/apps/unbound-app/bindings', detail: 'app unbound-app bound to service iris-classifier-app' },
  ],
  [
    'unbindApp',
    (g) => g.world.unbindApp('demo-app', S.irisApp),
    {
      rule: 'world.app.unbind',
      method: 'DELETE',
      target: `/_apig-kit/apps/demo-app/bindings/${S.irisApp}`,
      detail: 'app demo-app unbound from service iris-classifier-app',
    },
  ],
  [
    'addStage',
    (g) => g.world.addStage(S.iris, 'TEST'),
    { rule: 'world.service.stage-add', method: 'POST', target: `/_apig-kit/services/${S.iris}/stages`, detail: 'service iris-classifier published in TEST' },
  ],
  [
    'removeStage',
    (g) => g.world.removeStage(S.iris, 'RELEASE'),
    {
      rule: 'world.service.stage-remove',
      method: 'DELETE',
      target: `/_apig-kit/services/${S.iris}/stages/RELEASE`,
      detail: 'service iris-classifier unpublished from RELEASE',
    },
  ],
  [
    'createUser',
    (g) => g.world.createUser({ name: 'new-user' }),
    { rule: 'world.user.create', method: 'POST', target: '/_apig-kit/users', detail: 'user apigkit-demo/new-user created' },
  ],
  [
    'deleteUser',
    (g) => g.world.deleteUser(C.otherUser),
    { rule: 'world.user.delete', method: 'DELETE', target: '/_apig-kit/users/other-user', detail: 'user apigkit-other/other-user deleted' },
  ],
  [
    'createAccessKey',
    (g) => g.world.createAccessKey(C.otherUser, { ak: 'NEWAKAPIGKIT00000009' }),
    {
      rule: 'world.access-key.create',
      method: 'POST',
      target: '/_apig-kit/users/other-user/access-keys',
      detail: 'access key NEWAKAPIGKIT00000009 created for apigkit-other/other-user',
    },
  ],
  [
    'deleteAccessKey',
    (g) => g.world.deleteAccessKey(C.otherAccessKey),
    { rule: 'world.access-key.delete', method: 'DELETE', target: OTHER_AK_PATH, detail: `access key ${C.otherAccessKey} of apigkit-other/other-user deleted` },
  ],
  [
    'disableAccessKey',
    (g) => g.world.disableAccessKey(C.otherAccessKey),
    {
      rule: 'world.access-key.disable',
      method: 'PUT',
      target: OTHER_AK_PATH,
      detail: `access key ${C.otherAccessKey} of apigkit-other/other-user is inactive`,
    },
  ],
  [
    'enableAccessKey',
    (g) => g.world.enableAccessKey(C.otherAccessKey),
    { rule: 'world.access-key.enable', method: 'PUT', target: OTHER_AK_PATH, detail: `access key ${C.otherAccessKey} of apigkit-other/other-user is active` },
  ],
  [
    'createService',
    (g) => g.world.createService({ id: NEW_SERVICE_ID, name: 'svc', auth: 'app', model: 'echo' }),
    { rule: 'world.service.create', method: 'POST', target: '/_apig-kit/services', detail: `service svc (${NEW_SERVICE_ID}) created` },
  ],
  [
    'stopService',
    (g) => g.world.stopService(S.iris),
    { rule: 'world.service.stop', method: 'POST', target: `/_apig-kit/services/${S.iris}/stop`, detail: 'service iris-classifier is stopped' },
  ],
  [
    'startService',
    (g) => g.world.startService(S.stopped),
    { rule: 'world.service.start', method: 'POST', target: `/_apig-kit/services/${S.stopped}/start`, detail: 'service stopped-service is running' },
  ],
  [
    'deleteService',
    (g) => g.world.deleteService(S.iris),
    { rule: 'world.service.delete', method: 'DELETE', target: `/_apig-kit/services/${S.iris}`, detail: 'service iris-classifier is deleted' },
  ],
  [
    'purge',
    (g) => g.world.deleteService(S.iris, { purge: true }),
    { rule: 'world.service.purge', method: 'DELETE', target: `/_apig-kit/services/${S.iris}?purge=true`, detail: 'service iris-classifier removed' },
  ],
  [
    'setServiceAuth',
    (g) => g.world.setServiceAuth(S.iris, 'app'),
    { rule: 'world.service.auth', method: 'PUT', target: `/_apig-kit/services/${S.iris}/auth`, detail: 'service iris-classifier now uses app authentication' },
  ],
];

describe('every change is journaled as its admin route', () => {
  it.each(CHANGES)('%s', (_name, change, expected) => {
    const gateway = fresh();
    change(gateway);
    expect(lastChange(gateway)).toEqual({ ...expected, principal: 'in-process' });
  });

  it('a change over the admin API is the admin’s; the next one in-process is not, also after a refused admin call', async () => {
    const app = createGateway({ clock: FROZEN_CLOCK });
    await request(app).post('/_apig-kit/apps').set('Content-Type', 'application/json').send('{"name":"by-admin"}').expect(201);
    expect(lastChange(app.gateway)).toMatchObject({ rule: 'world.app.create', principal: 'admin' });
    await request(app).post('/_apig-kit/apps').set('Content-Type', 'application/json').send('{"name":"by-admin"}').expect(409);
    app.gateway.world.createApp({ name: 'by-code' });
    expect(lastChange(app.gateway)).toMatchObject({ detail: 'app by-code created in apigkit-demo', principal: 'in-process' });
  });
});

/** The change refused, with its status and message; the world unchanged. */
function refused(gateway: Gateway, change: () => unknown, status: number, message: string | RegExp): void {
  const before = gateway.world.world;
  let error: unknown;
  try {
    change();
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(WorldChangeError);
  expect((error as WorldChangeError).status).toBe(status);
  if (typeof message === 'string') expect((error as Error).message).toBe(message);
  else expect((error as Error).message).toMatch(message);
  expect(gateway.world.world).toBe(before);
}

describe('apps', () => {
  it('refuses a name in use, an AppCode in use by any app, an AppCode it does not have', () => {
    const g = fresh();
    refused(g, () => g.world.createApp({ name: 'demo-app' }), 409, 'an app named demo-app exists');
    refused(g, () => g.world.addAppCode('unbound-app', C.appCode), 409, 'this AppCode is in use');
    refused(g, () => g.world.removeAppCode('demo-app', 'noSuchCode0001'), 404, 'app demo-app has no such AppCode');
    refused(g, () => g.world.createApp({ name: 'orphan', account: 'no-such-account' }), 409, 'app orphan: no account no-such-account');
    expect(g.world.addAppCode('unbound-app', 'freshAppCode0001')).toEqual({ appCode: 'freshAppCode0001', appCodes: 1 });
  });

  it('binding: an IAM service is refused; binding twice binds once; unbinding one app keeps the others', () => {
    const g = fresh();
    refused(g, () => g.world.bindApp('demo-app', S.iris), 409, 'service iris-classifier uses IAM authentication: apps are not bound to it');
    g.world.bindApp('unbound-app', S.irisApp);
    g.world.bindApp('unbound-app', S.irisApp);
    expect(g.world.service(S.irisApp)!.boundApps).toEqual(['demo-app', 'unbound-app']);
    g.world.unbindApp('demo-app', S.irisApp);
    expect(g.world.service(S.irisApp)!.boundApps).toEqual(['unbound-app']);
    refused(g, () => g.world.unbindApp('demo-app', S.irisApp), 404, 'app demo-app is not bound to service iris-classifier-app');
  });

  it('deleting an app unbinds it everywhere and keeps the other bindings', () => {
    const g = fresh();
    g.world.bindApp('unbound-app', S.echoApp);
    g.world.deleteApp('demo-app');
    expect(g.world.service(S.echoApp)!.boundApps).toEqual(['unbound-app']);
    expect(g.world.service(S.irisApp)!.boundApps).toEqual([]);
  });
});

describe('stages', () => {
  it('refuses a stage published twice or not published; removing one keeps the others', () => {
    const g = fresh();
    refused(g, () => g.world.addStage(S.iris, 'RELEASE'), 409, 'service iris-classifier is published in RELEASE');
    refused(g, () => g.world.removeStage(S.iris, 'TEST'), 404, 'service iris-classifier is not published in TEST');
    g.world.addStage(S.iris, 'TEST');
    g.world.removeStage(S.iris, 'RELEASE');
    expect(g.world.service(S.iris)!.stages).toEqual(['TEST']);
  });
});

describe('users and access keys', () => {
  it('a user name is unique within its account, not across accounts; an id is unique', () => {
    const g = fresh();
    refused(g, () => g.world.createUser({ name: C.user }), 409, 'account apigkit-demo has a user named demo-user');
    expect(g.world.createUser({ name: C.user, account: C.otherAccount }).account).toBe(C.otherAccount);
    const takenId = g.world.world.users[0]!.id;
    refused(g, () => g.world.createUser({ name: 'same-id', id: takenId }), 409, `a user with id ${takenId} exists`);
    expect(g.world.createUser({ name: 'own-id', id: 'f00dfeed' }).id).toBe('f00dfeed');
  });

  it('a user is created with at most two access keys (IAM’s limit)', () => {
    const g = fresh();
    const key = (n: number) => ({ ak: `LIMITAKAPIGKIT0000${n}`, sk: `limit-secret-key-000${n}` });
    refused(g, () => g.world.createUser({ name: 'three', accessKeys: [key(1), key(2), key(3)] }), 409, 'a user has at most 2 access keys');
    expect(g.world.createUser({ name: 'two', accessKeys: [key(1), key(2)] }).accessKeys).toHaveLength(2);
    expect(g.world.createUser({ name: 'none' }).accessKeys).toEqual([]);
  });

  it('an AK in use by a user or as an AppKey is refused; deleting one of two keys keeps the other', () => {
    const g = fresh();
    refused(g, () => g.world.createAccessKey(C.otherUser, { ak: C.accessKey }), 409, `access key ${C.accessKey} is in use`);
    refused(g, () => g.world.createAccessKey(C.otherUser, { ak: C.appKey }), 409, `access key ${C.appKey} is in use`);
    const { ak } = g.world.createAccessKey(C.otherUser);
    g.world.deleteAccessKey(C.otherAccessKey);
    expect(g.world.world.users.find((u) => u.name === C.otherUser)!.accessKeys.map((k) => k.ak)).toEqual([ak]);
    refused(g, () => g.world.deleteAccessKey(C.otherAccessKey), 404, `no permanent access key ${C.otherAccessKey}`);
  });

  it('a user is found by name, and by account when two accounts have the name', () => {
    const g = fresh();
    refused(g, () => g.world.deleteUser('nobody'), 404, 'no user nobody');
    refused(g, () => g.world.deleteUser('nobody', C.account), 404, `no user ${C.account}/nobody`);
    g.world.createUser({ name: C.user, account: C.otherAccount });
    refused(g, () => g.world.deleteUser(C.user), 409, `several accounts have a user ${C.user}: name the account (?account=)`);
    g.world.deleteUser(C.user, C.otherAccount);
    expect(g.world.world.users.filter((u) => u.name === C.user).map((u) => u.account)).toEqual([C.account]);
  });

  it('a deleted user’s temporary keys stay masked in the journal', () => {
    const g = fresh();
    g.world.deleteUser(C.user);
    expect(g.world.scrubSecrets(`x ${C.temporarySecretKey} ${C.securityToken} ${C.secretKey} ${C.password}`)).toBe(
      `x ${MASKED_SECRET} ${MASKED_SECRET} ${MASKED_SECRET} ${MASKED_SECRET}`,
    );
  });
});

describe('services', () => {
  it('refuses an unknown account, an id in use, and a config.json with problems', () => {
    const g = fresh();
    refused(g, () => g.world.createService({ name: 'x', auth: 'app', model: 'echo', account: 'nope' }), 404, 'no account nope');
    refused(g, () => g.world.createService({ id: S.iris, name: 'x', auth: 'app', model: 'echo' }), 409, `a service with id ${S.iris} exists`);
    const api = { url: '/same', method: 'post', request: { Content_type: 'application/json' }, response: { Content_type: 'application/json' } };
    refused(
      g,
      () => g.world.createService({ name: 'twice', auth: 'app', model: 'echo', modelConfig: { model_type: 'Image', apis: [api, api] } as never }),
      400,
      /^service twice: modelConfig: /,
    );
  });

  it('a deleted service cannot be started or stopped, and stays deleted when deleted again', () => {
    const g = fresh();
    refused(g, () => g.world.startService(S.deleted), 409, 'service deleted-service is deleted');
    refused(g, () => g.world.stopService(S.deleted), 409, 'service deleted-service is deleted');
    g.world.deleteService(S.deleted);
    expect(g.world.service(S.deleted)!.state).toBe('deleted');
  });
});

describe('the world’s bounds', () => {
  it('users and services past their bounds are refused with 409 naming the limit; up to them, taken', () => {
    const users = fresh({ limits: { maxWorldUsers: 3 } });
    users.world.createUser({ name: 'third' });
    refused(users, () => users.world.createUser({ name: 'fourth' }), 409, 'the world has 3 users, its bound (limits.maxWorldUsers)');
    const count = fresh().world.world.services.length;
    const services = fresh({ limits: { maxWorldServices: count + 1 } });
    services.world.createService({ name: 'one-more', auth: 'app', model: 'echo' });
    refused(
      services,
      () => services.world.createService({ name: 'too-many', auth: 'app', model: 'echo' }),
      409,
      `the world has ${count + 1} services, its bound (limits.maxWorldServices)`,
    );
  });

  it('a world of exactly limits.maxWorldBytes is taken; one byte over is not', () => {
    const app = { name: 'sized', id: 'a'.repeat(32), key: 'sizedAppKey00001', secret: 'sizedAppSecret00000000000000001' };
    const probe = fresh();
    probe.world.createApp(app);
    const bytes = Buffer.byteLength(JSON.stringify(probe.world.world));
    expect(fresh({ limits: { maxWorldBytes: bytes } }).world.createApp(app).name).toBe('sized');
    const tight = fresh({ limits: { maxWorldBytes: bytes - 1 } });
    refused(tight, () => tight.world.createApp(app), 409, `the world would be over ${bytes - 1} bytes (limits.maxWorldBytes)`);
  });
});
