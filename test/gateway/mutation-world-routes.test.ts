/**
 * The world's admin routes as README "A living world" lists them (answers, `?account=`, the
 * console's credentials.csv, 405 with Allow, percent-encoding, refusals naming each field), the
 * rest of the admin API's answers (README "Admin API": the world view, the streamed journal), and
 * who may call it (admin-guard.ts: the Host header's name read strictly, without its port).
 */
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { adminRefusal, isLoopbackHost } from '../../src/mock/admin/admin-guard.ts';
import { demoWorld } from '../../src/mock/config/demo-world.ts';
import type { GatewayRequest } from '../../src/mock/http-model.ts';
import { parseCredentialsCsv } from '../../src/protocol/index.ts';
import { toGatewayRequest } from '../hardening/support/wire-request.ts';
import { C, expectNoUnexpected500, gatewayApp, type GatewayApp, S } from './support.ts';

afterAll(expectNoUnexpected500);

const admin = (app: GatewayApp, method: 'post' | 'put' | 'delete' | 'get', path: string, body?: unknown) => {
  const test = request(app)[method](`/_apig-kit${path}`);
  return body === undefined && method !== 'post' && method !== 'put' ? test : test.set('Content-Type', 'application/json').send(JSON.stringify(body ?? {}));
};
const serviceUrl = (id: string) => expect.stringMatching(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/v1/infers/${id}$`));

describe('the answers of the world routes', () => {
  it('DELETE /apps/{name}: 200 {"deleted":{"app"}}', async () => {
    const app = gatewayApp();
    const res = await admin(app, 'delete', '/apps/unbound-app');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ deleted: { app: 'unbound-app' } });
    expect(app.gateway.world.appByName('unbound-app')).toBeUndefined();
  });

  it('DELETE /apps/{name}/bindings/{id}: 200 {"unbound":{app, service}}, the service as it now is, with its URL', async () => {
    const app = gatewayApp();
    const res = await admin(app, 'delete', `/apps/demo-app/bindings/${S.irisApp}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      unbound: { app: 'demo-app', service: expect.objectContaining({ id: S.irisApp, boundApps: [], url: serviceUrl(S.irisApp) }) },
    });
  });

  it('DELETE /access-keys/{ak}: 200 {"deleted":{"accessKey"}}', async () => {
    const app = gatewayApp();
    const res = await admin(app, 'delete', `/access-keys/${C.otherAccessKey}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ deleted: { accessKey: C.otherAccessKey } });
    expect(app.gateway.world.iamKey(C.otherAccessKey)).toBeUndefined();
  });

  it('DELETE /services/{id}/stages/{stage}: 200 {"service"} without that stage', async () => {
    const app = gatewayApp();
    expect((await admin(app, 'post', `/services/${S.iris}/stages`, { stage: 'BETA' })).status).toBe(200);
    const res = await admin(app, 'delete', `/services/${S.iris}/stages/BETA`);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ service: expect.objectContaining({ id: S.iris, stages: ['RELEASE'], url: serviceUrl(S.iris) }) });
  });

  it('a DELETE’s body is not read: one that is not JSON changes nothing about the answer', async () => {
    const app = gatewayApp();
    const res = await request(app).delete('/_apig-kit/apps/unbound-app').set('Content-Type', 'application/json').send('{not json');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ deleted: { app: 'unbound-app' } });
  });
});

describe('a user name in two accounts: ?account= picks one', () => {
  async function twins() {
    const app = gatewayApp();
    for (const account of [C.account, C.otherAccount]) {
      const res = await admin(app, 'post', '/users', {
        name: 'twin',
        account,
        accessKeys: [{ ak: `TWINAK${account.toUpperCase().replace(/-/g, '')}`, sk: `sk-of-the-twin-in-${account}` }],
      });
      expect(res.status, res.text).toBe(201);
    }
    return app;
  }
  const twinIn = (app: GatewayApp, account: string) => app.gateway.world.world.users.find((u) => u.name === 'twin' && u.account === account);

  it('DELETE /users/{name}?account=: 200 {"deleted":{"user"}}, only the one of that account; without it, 409', async () => {
    const app = await twins();
    const ambiguous = await admin(app, 'delete', '/users/twin');
    expect(ambiguous.status).toBe(409);
    expect(ambiguous.body).toEqual({ error: 'several accounts have a user twin: name the account (?account=)' });
    const res = await admin(app, 'delete', `/users/twin?account=${C.otherAccount}`);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ deleted: { user: 'twin' } });
    expect(twinIn(app, C.otherAccount)).toBeUndefined();
    expect(twinIn(app, C.account)).toBeDefined();
  });

  it('POST /users/{name}/access-keys?account=: the key goes to the user of that account', async () => {
    const app = await twins();
    expect((await admin(app, 'delete', `/access-keys/TWINAK${C.otherAccount.toUpperCase().replace(/-/g, '')}`)).status).toBe(200);
    const res = await admin(app, 'post', `/users/twin/access-keys?account=${C.otherAccount}`, {
      ak: 'TWINNEWAK00000000001',
      sk: 'a-new-secret-key-for-the-twin',
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toEqual({ accessKey: { ak: 'TWINNEWAK00000000001', sk: 'a-new-secret-key-for-the-twin' } });
    expect(twinIn(app, C.otherAccount)!.accessKeys.map((k) => k.ak)).toEqual(['TWINNEWAK00000000001']);
    expect(twinIn(app, C.account)!.accessKeys).toHaveLength(1);
  });

  it('GET /users/{name}/credentials.csv?account=: the keys of the user of that account', async () => {
    const app = await twins();
    const res = await admin(app, 'get', `/users/twin/credentials.csv?account=${C.otherAccount}`);
    expect(res.status, res.text).toBe(200);
    expect(parseCredentialsCsv(res.text)).toEqual({
      ok: true,
      credentials: [
        { userName: 'twin', accessKey: `TWINAK${C.otherAccount.toUpperCase().replace(/-/g, '')}`, secretKey: `sk-of-the-twin-in-${C.otherAccount}` },
      ],
    });
  });
});

describe('GET /_apig-kit/users/{name}/credentials.csv', () => {
  it('the console’s file: its header row, one row per key, CRLF; text/csv, an attachment, not cached', async () => {
    const app = gatewayApp();
    const res = await admin(app, 'get', '/users/demo-user/credentials.csv');
    expect(res.status, res.text).toBe(200);
    expect(res.text).toBe(`User Name,Access Key Id,Secret Access Key\r\ndemo-user,${C.accessKey},${C.secretKey}\r\n`);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="credentials.csv"');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('a user without a key is 404, saying how to make one; no such user is 404 too', async () => {
    const app = gatewayApp();
    expect((await admin(app, 'post', '/users', { name: 'keyless' })).status).toBe(201);
    const res = await admin(app, 'get', '/users/keyless/credentials.csv');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'user keyless has no access key (POST /_apig-kit/users/keyless/access-keys makes one)' });
    const none = await admin(app, 'get', '/users/nobody/credentials.csv');
    expect(none.status).toBe(404);
    expect(none.body).toEqual({ error: 'no user nobody' });
  });
});

describe('which routes there are', () => {
  it('a known path with another method is 405, naming the methods there are in Allow', async () => {
    const app = gatewayApp();
    const one = await admin(app, 'get', '/apps/demo-app');
    expect(one.status).toBe(405);
    expect(one.body).toEqual({ error: 'GET is not allowed here; use DELETE' });
    expect(one.headers['allow']).toBe('DELETE');
    const two = await admin(app, 'get', `/access-keys/${C.accessKey}`);
    expect(two.status).toBe(405);
    expect(two.body).toEqual({ error: 'GET is not allowed here; use DELETE, PUT' });
    expect(two.headers['allow']).toBe('DELETE, PUT');
    expect(app.gateway.world.iamKey(C.accessKey)).toBeDefined();
  });

  it('a path under apps/users/access-keys/services that no route has is 404 "no admin route"', async () => {
    const app = gatewayApp();
    for (const path of ['/apps/demo-app/nothing', '/users/demo-user/a/b/c', '/access-keys']) {
      const res = await admin(app, 'get', path);
      expect(res.status, path).toBe(404);
      expect(res.body).toEqual({ error: `no admin route GET /_apig-kit${path}` });
    }
  });

  it('a world path segment that is not valid percent-encoding is 400; elsewhere the path is only not a route', async () => {
    const app = gatewayApp();
    const bad = await admin(app, 'delete', '/apps/%E0');
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: 'a path segment is not valid percent-encoding' });
    const other = await admin(app, 'get', '/reset/%E0');
    expect(other.status).toBe(404);
    expect(other.body).toEqual({ error: 'no admin route GET /_apig-kit/reset/%E0' });
  });
});

describe('a refused change names each invalid field (parseChange)', () => {
  it('"path: message" per field, nested paths joined by dots, several joined by "; "', async () => {
    const app = gatewayApp();
    const res = await admin(app, 'post', '/users', { name: 'keys', accessKeys: [{ ak: '', sk: '' }] });
    expect(res.status).toBe(400);
    const parts = (res.body.error as string).split('; ');
    expect(parts).toHaveLength(2);
    expect(parts[0]).toMatch(/^accessKeys\.0\.ak: \S/);
    expect(parts[1]).toMatch(/^accessKeys\.0\.sk: \S/);
  });

  it('a body that is not an object is named "(body)"', async () => {
    const app = gatewayApp();
    const res = await admin(app, 'post', '/apps', 5);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/^\(body\): \S/);
    expect(app.gateway.world.world.apps).toHaveLength(2);
  });
});

describe('the rest of the admin API', () => {
  it('GET /world shows a service answered by a handler function as model "handler"', async () => {
    const base = demoWorld().services[0]!;
    const id = '4a4d1e70-0000-4000-8000-000000000001';
    const app = gatewayApp({ world: { services: [{ ...base, id, name: 'handled', model: () => ({ status: 200, body: 'hi' }) }] } });
    const res = await request(app).get('/_apig-kit/world');
    expect(res.status, res.text).toBe(200);
    expect(res.body.services).toEqual([expect.objectContaining({ id, name: 'handled', model: 'handler' })]);
  });

  it('GET /journal is JSON', async () => {
    const res = await request(gatewayApp()).get('/_apig-kit/journal');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.entries).toEqual([]);
  });
});

describe('the Host of an admin call, read strictly', () => {
  function adminRequest(headers: Array<[string, string]>): GatewayRequest {
    return toGatewayRequest({ method: 'GET', target: '/_apig-kit/world', headers, body: new Uint8Array(), chunkSizes: [], declaredLength: 'exact' });
  }
  const guard = (headers: Array<[string, string]>, options: { token?: string; allowedHosts?: string[]; servedHosts?: string[] } = {}) =>
    adminRefusal(adminRequest(headers), {
      config: { enabled: true, token: options.token, allowedHosts: options.allowedHosts ?? [] } as never,
      servedHosts: new Set(options.servedHosts ?? []),
      ownOrigin: 'http://127.0.0.1:8080',
    });
  const refusedFor = (host: string) => ({
    status: 403,
    message: `the admin API answers only for loopback names and the address it serves, not Host "${host}" (add it to admin.allowedHosts)`,
  });

  it('brackets only around the whole name: "[127.0.0].1" and "127.0.0.[1]" are not loopback', () => {
    expect(isLoopbackHost('[127.0.0].1')).toBe(false);
    expect(isLoopbackHost('127.0.0.[1]')).toBe(false);
    expect(isLoopbackHost('[127.0.0.1]')).toBe(true);
  });

  it('a bracketed address is the whole Host, with at most a port after it', () => {
    expect(guard([['host', 'x[::1]']])).toEqual(refusedFor('x[::1]'));
    expect(guard([['host', '[::1]evil.example']])).toEqual(refusedFor('[::1]evil.example'));
    expect(guard([['host', '[::1]:8080']])).toBeUndefined();
  });

  it('an IPv6 address in admin.allowedHosts passes bracketed, with or without a port', () => {
    expect(guard([['host', '[fd00::7]']], { allowedHosts: ['fd00::7'] })).toBeUndefined();
    expect(guard([['host', '[fd00::7]:8787']], { allowedHosts: ['fd00::7'] })).toBeUndefined();
    expect(guard([['host', '[fd00::8]']], { allowedHosts: ['fd00::7'] })).toEqual(refusedFor('fd00::8'));
  });

  it('only a port at the end is cut: "local:80host" is not localhost', () => {
    expect(guard([['host', 'local:80host']])).toEqual(refusedFor('local:80host'));
    expect(guard([['host', 'localhost:80']])).toBeUndefined();
  });

  it('no Host at all is refused as the empty name', () => {
    expect(guard([])).toEqual(refusedFor(''));
  });

  it('with the token, serving a wildcard address among others answers any Host', () => {
    const token = 'an-admin-token-of-16+';
    expect(
      guard(
        [
          ['host', 'any.example'],
          ['x-apig-kit-admin-token', token],
        ],
        { token, servedHosts: ['192.0.2.7', '0.0.0.0'] },
      ),
    ).toBeUndefined();
  });
});
