/**
 * A service of one's own behind the gateway: its config.json decides which (sub-path, method)
 * pairs exist (404 ModelArts.4204 otherwise, modelarts-services.md §0.2, §4.2 #1–2); static
 * answers per API path; a handler function through the Express app and the msw handlers.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayHandlers } from '../../src/mock/adapters/msw.ts';
import { demoWorld } from '../../src/mock/config/demo-world.ts';
import type { GatewayConfigOverrides } from '../../src/mock/config/load-config.ts';
import type { Service } from '../../src/mock/config/schema.ts';
import type { HandlerRequest } from '../../src/mock/models/handler.ts';
import { readModelConfigFile } from '../../src/mock/model-config/load.ts';
import { AKSK, C, expectModelArtsError, expectOk, gatewayApp, post, send, signed } from '../gateway/support.ts';

const CUSTOM_IMAGE = readModelConfigFile(join(import.meta.dirname, '../../fixtures/model-configs/custom-image.json'));
const APPCODE = { 'X-Apig-AppCode': C.appCode };

const IDS = {
  custom: 'c0000000-0000-4000-8000-000000000001',
  statics: 'c0000000-0000-4000-8000-000000000002',
  handler: 'c0000000-0000-4000-8000-000000000003',
};

function ownService(id: string, name: string, model: Service['model'], extra: Partial<Service> = {}): Service {
  const template = demoWorld().services.find((s) => s.auth === 'app')!;
  return { ...template, id, name, model, modelConfig: CUSTOM_IMAGE, ...extra };
}

function world(services: Service[], overrides: GatewayConfigOverrides = {}): GatewayConfigOverrides {
  return { ...overrides, world: { services: [...demoWorld().services, ...services] } };
}

describe('the dispatcher routes by the declared APIs', () => {
  const custom = ownService(IDS.custom, 'custom', { preset: 'undefined' });

  it('reaches the model for each declared (path, method), the bare address being /', async () => {
    const app = gatewayApp(world([custom]));
    for (const path of ['', '/', '/greet']) {
      const res = await post(app, `/v1/infers/${IDS.custom}${path}`, APPCODE, '{"name":"apig"}');
      expectOk(res);
      expect(res.body.sub_path).toBe(path);
    }
    const get = await send(app, 'GET', `/v1/infers/${IDS.custom}/goodbye`).set(APPCODE);
    expectOk(get);
    expect(get.body.method).toBe('GET');
  });

  it('answers 404 ModelArts.4204 "API <sub-path> does not exist." for a sub-path nothing declares, without calling the model', async () => {
    const calls: string[] = [];
    const app = gatewayApp(world([ownService(IDS.handler, 'handler', (r: HandlerRequest) => (calls.push(r.subPath), { body: {} }))]));
    expectModelArtsError(
      await post(app, `/v1/infers/${IDS.handler}/predictions/novel`, APPCODE, '{}'),
      404,
      'ModelArts.4204',
      'API /predictions/novel does not exist.',
    );
    expectModelArtsError(await post(app, `/v1/infers/${IDS.handler}/greet/`, APPCODE, '{}'), 404, 'ModelArts.4204', 'API /greet/ does not exist.');
    expect(calls).toEqual([]);
    const entry = app.gateway.journal.list().at(-1)!;
    expect(entry).toMatchObject({ verdict: 'rejected', errorCode: 'ModelArts.4204' });
  });

  it('answers a declared path with an undeclared method 405 "Method Not Allowed" by default, or 404 ModelArts.4204 / APIG.0101 by switch', async () => {
    const path = `/v1/infers/${IDS.custom}/goodbye`;
    expectModelArtsError(await post(gatewayApp(world([custom])), path, APPCODE, '{}'), 405, 'ModelArts.4204', 'Method Not Allowed');
    const by4204 = gatewayApp(world([custom], { behaviour: { methodNotAllowed: 'modelarts-4204' } }));
    expectModelArtsError(await post(by4204, path, APPCODE, '{}'), 404, 'ModelArts.4204', 'API /goodbye does not exist.');
    const byApig = gatewayApp(world([custom], { behaviour: { methodNotAllowed: 'apig-0101' } }));
    const res = await post(byApig, path, {}, '{}');
    expect({ status: res.status, code: res.body.error_code, msg: res.body.error_msg }).toEqual({
      status: 404,
      code: 'APIG.0101',
      msg: 'The API does not exist.',
    });
    // A GET the config declares is no longer "a method other than POST".
    expectOk(await send(byApig, 'GET', path).set(APPCODE));
  });

  it('gives a demo service without modelConfig its one POST /: another sub-path of iris is 4204', async () => {
    const app = gatewayApp();
    const iris = demoWorld().services.find((s) => s.name === 'iris-classifier-app')!;
    expectModelArtsError(await post(app, `/v1/infers/${iris.id}/predict`, APPCODE), 404, 'ModelArts.4204', 'API /predict does not exist.');
  });

  it('routes only after authentication: an undeclared sub-path without credentials is still APIG.0303', async () => {
    const res = await post(gatewayApp(world([custom])), `/v1/infers/${IDS.custom}/nope`, {}, '{}');
    expect([res.status, res.body.error_code]).toEqual([401, 'APIG.0303']);
  });

  it('in warn mode lets an undeclared sub-path through to the model and records the violation', async () => {
    const app = gatewayApp(world([custom], { behaviour: { mode: 'warn' } }));
    const res = await post(app, `/v1/infers/${IDS.custom}/nope`, APPCODE, '{}');
    expectOk(res);
    expect(app.gateway.journal.list().at(-1)!.violations).toEqual([expect.objectContaining({ rule: 'modelarts.api-not-found' })]);
  });
});

describe('static answers', () => {
  it('answers each API path with its own status, headers and body, and * for the rest; non-JSON bodies as they are', async () => {
    const statics = ownService(IDS.statics, 'statics', {
      static: {
        '/greet': { body: { response: 'Hello, apig!' } },
        '/goodbye': { headers: { 'Content-Type': 'text/plain' }, body: '\nGoodbye!\n' },
        '*': { status: 503, headers: { 'X-Model': 'busy' }, body: { error_code: 'MR.0105', error_msg: 'Recognition failed' } },
      },
    });
    const app = gatewayApp(world([statics]));
    const greet = await post(app, `/v1/infers/${IDS.statics}/greet`, APPCODE, '{"name":"x"}');
    expectOk(greet, { response: 'Hello, apig!' });
    expect(greet.headers['content-type']).toMatch(/^application\/json/);
    const bye = await send(app, 'GET', `/v1/infers/${IDS.statics}/goodbye`).set(APPCODE);
    expect([bye.status, bye.headers['content-type'], bye.text]).toEqual([200, 'text/plain', '\nGoodbye!\n']);
    const root = await post(app, `/v1/infers/${IDS.statics}`, APPCODE, '{}');
    expect([root.status, root.headers['x-model'], root.body]).toEqual([503, 'busy', { error_code: 'MR.0105', error_msg: 'Recognition failed' }]);
  });

  it('sends a bodyFile, read relative to the config file, and refuses a missing one at start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apig-kit-static-'));
    await writeFile(join(dir, 'answer.bin'), Buffer.from([0, 1, 2, 255]));
    const { resolveConfig } = await import('../../src/mock/config/load-config.ts');
    const statics = ownService(
      IDS.statics,
      'statics',
      { static: { headers: { 'Content-Type': 'application/octet-stream' }, bodyFile: 'answer.bin' } },
      { modelConfig: undefined },
    );
    const app = gatewayApp(resolveConfig(world([statics]), { baseDir: dir }));
    const res = await post(app, `/v1/infers/${IDS.statics}`, APPCODE, '{}')
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect([res.status, [...(res.body as Buffer)]]).toEqual([200, [0, 1, 2, 255]]);
    const missing = ownService(IDS.statics, 'statics', { static: { bodyFile: 'nothing-here.bin' } });
    expect(() => resolveConfig(world([missing]), { baseDir: dir })).toThrow(/service statics: cannot read bodyFile .*nothing-here\.bin: ENOENT/);
  });

  it('refuses a static answer with both body and bodyFile, or a status outside 200-599', async () => {
    const { resolveConfig } = await import('../../src/mock/config/load-config.ts');
    expect(() => resolveConfig(world([ownService(IDS.statics, 's', { static: { body: 'a', bodyFile: 'b' } })]))).toThrow(/give body or bodyFile, not both/);
    expect(() => resolveConfig(world([ownService(IDS.statics, 's', { static: { status: 99 } })]))).toThrow(/world\.services\.\d+\.model\.static\.status/);
  });
});

/** A handler that answers what it was handed. */
const echoHandler = async (r: HandlerRequest) => ({
  status: 201,
  headers: { 'X-Handled': 'yes' },
  body: { subPath: r.subPath, query: r.query, text: r.text(), headers: r.headers, api: r.api?.url },
});

describe('a handler function', () => {
  const handler = ownService(IDS.handler, 'handler', echoHandler);

  it('gets the request as the model would (sub-path, query, exact body, no credential headers) through the Express app', async () => {
    const app = gatewayApp(world([handler]));
    const res = await post(app, `/v1/infers/${IDS.handler}/greet?b=2&a=1`, { ...APPCODE, 'X-Trace': 't-1' }, '{"name": "é"}');
    expect([res.status, res.headers['x-handled']]).toEqual([201, 'yes']);
    expect(res.body).toMatchObject({ subPath: '/greet', query: 'b=2&a=1', text: '{"name": "é"}', api: '/greet' });
    expect(res.body.headers['x-trace']).toBe('t-1');
    expect(res.body.headers['x-apig-appcode']).toBeUndefined();
  });

  it('is reached with an AK/SK signature at the IAM address too, without the Authorization header', async () => {
    const { createGateway } = await import('../../src/mock/adapters/express.ts');
    const first = gatewayApp(world([handler]));
    const iam = createGateway(first.gateway, { address: 'iam' });
    const res = await signed(iam, { path: `/v1/infers/${IDS.handler}/greet`, credentials: AKSK, body: '{}' }).test;
    expect(res.status, res.text).toBe(201);
    expect(res.body.headers.authorization).toBeUndefined();
    expect(res.body.headers['x-sdk-date']).toMatch(/^\d{8}T\d{6}Z$/);
  });

  it('may answer a fetch Response, text or bytes; a throw is a model failure (502 APIG.0202)', async () => {
    const answers: Record<string, (r: HandlerRequest) => unknown> = {
      '/': () => new Response('plain words', { status: 202, headers: { 'Content-Type': 'text/plain' } }),
      '/greet': () => ({ body: 'just text' }),
      '/goodbye': () => {
        throw new Error('the model crashed');
      },
    };
    const app = gatewayApp(world([ownService(IDS.handler, 'handler', ((r: HandlerRequest) => answers[r.api!.url]!(r)) as Service['model'])]));
    const response = await post(app, `/v1/infers/${IDS.handler}/`, APPCODE, '{}');
    expect([response.status, response.headers['content-type'], response.text]).toEqual([202, 'text/plain', 'plain words']);
    const text = await post(app, `/v1/infers/${IDS.handler}/greet`, APPCODE, '{}');
    expect([text.status, text.headers['content-type'], text.text]).toEqual([200, 'text/plain; charset=utf-8', 'just text']);
    const crashed = await send(app, 'GET', `/v1/infers/${IDS.handler}/goodbye`).set(APPCODE);
    expect([crashed.status, crashed.body.error_code]).toEqual([502, 'APIG.0202']);
    expect(crashed.text).not.toContain('the model crashed');
  });

  it('a fetch Response with two Set-Cookie headers reaches the client as two lines', async () => {
    const cookies = () => {
      const headers = new Headers({ 'Content-Type': 'application/json' });
      headers.append('Set-Cookie', 'a=1; Path=/');
      headers.append('Set-Cookie', 'b=2; Expires=Wed, 21 Oct 2026 07:28:00 GMT');
      return new Response('{}', { headers });
    };
    const app = gatewayApp(world([ownService(IDS.handler, 'handler', cookies as Service['model'])]));
    const response = await post(app, `/v1/infers/${IDS.handler}/`, APPCODE, '{}');
    expect(response.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Expires=Wed, 21 Oct 2026 07:28:00 GMT']);
  });

  describe('through the msw handlers', () => {
    const handlers = createGatewayHandlers(world([handler]), { baseUrl: 'http://own.apig.test', iamBaseUrl: 'http://iam.own.apig.test' });
    const server = setupServer(...handlers);
    beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
    afterAll(() => server.close());

    it('answers from the handler at the app address, and refuses AppCode at the IAM address', async () => {
      const ok = await fetch(`http://own.apig.test/v1/infers/${IDS.handler}/greet?x=1`, {
        method: 'POST',
        headers: { ...APPCODE, 'Content-Type': 'application/json' },
        body: '{"a":1}',
      });
      expect(ok.status).toBe(201);
      expect(await ok.json()).toMatchObject({ subPath: '/greet', query: 'x=1', text: '{"a":1}' });
      const iam = await fetch(`http://iam.own.apig.test/v1/infers/${IDS.handler}/greet`, {
        method: 'POST',
        headers: { ...APPCODE, 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(iam.status).toBe(401);
      expect(((await iam.json()) as { error_code: string }).error_code).toBe('APIG.0301');
    });

    it('takes a token at the IAM address', async () => {
      const login = await fetch('http://iam.own.apig.test/v3/auth/tokens', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          auth: {
            identity: { methods: ['password'], password: { user: { name: C.user, password: C.password, domain: { name: C.account } } } },
            scope: { project: { name: 'cn-north-4' } },
          },
        }),
      });
      expect(login.status).toBe(201);
      const token = login.headers.get('x-subject-token')!;
      const res = await fetch(`http://iam.own.apig.test/v1/infers/${IDS.handler}/greet`, {
        method: 'POST',
        headers: { 'X-Auth-Token': token, 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(res.status).toBe(201);
      expect(((await res.json()) as { headers: Record<string, string> }).headers['x-auth-token']).toBeUndefined();
    });
  });
});

describe('config errors name the field', () => {
  it('says which model forms exist for an unknown model, and names a wrong preset option', async () => {
    const { resolveConfig } = await import('../../src/mock/config/load-config.ts');
    expect(() => resolveConfig(world([ownService(IDS.custom, 'x', 'bert' as never)]))).toThrow(/model: one of iris, image-classifier, echo, slow/);
    expect(() => resolveConfig(world([ownService(IDS.custom, 'x', { preset: 'object-detection', numbers: 'hex' } as never)]))).toThrow(/model\.numbers/);
  });
});
