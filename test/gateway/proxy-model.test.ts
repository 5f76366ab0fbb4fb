/**
 * A real model server behind `model: { proxy }` (modelarts-services.md §3, §4.2): the server runs
 * in another process; what it receives is what the client sent (sub-path, query, body bytes), less
 * the credentials; what it answers comes back as sent; its failures answer as the dispatcher does.
 */
import { createHash } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromFetchRequest } from '../../src/mock/adapters/msw.ts';
import { demoWorld } from '../../src/mock/config/demo-world.ts';
import type { World } from '../../src/mock/config/schema.ts';
import { startModelServer, type ModelServer } from '../support/model-server.ts';
import {
  AKSK,
  APP_CREDS,
  C,
  expectApigError,
  expectGatewayHeaders,
  expectModelArtsError,
  type GatewayApp,
  gatewayApp,
  issueToken,
  post,
  signed,
} from './support.ts';

const PROXY_IAM = 'b0c1d2e3-0000-4000-8000-00000000a001';
const PROXY_APP = 'b0c1d2e3-0000-4000-8000-00000000a002';
const APPCODE = { 'X-Apig-AppCode': C.appCode };
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

function proxyServices(url: string, options: Record<string, unknown> = {}): World['services'] {
  const base = { state: 'running' as const, account: C.account, project: 'cn-north-4', stages: ['RELEASE'] };
  return [
    ...demoWorld().services,
    { ...base, id: PROXY_IAM, name: 'my-model', auth: 'iam', boundApps: [], model: { proxy: { url, ...options } } },
    { ...base, id: PROXY_APP, name: 'my-model-app', auth: 'app', boundApps: ['demo-app'], model: { proxy: { url, ...options } } },
  ] as World['services'];
}

let model: ModelServer;
let app: GatewayApp;

beforeAll(async () => {
  model = await startModelServer();
  app = gatewayApp({ world: { services: proxyServices(model.url) } });
});

afterAll(async () => {
  app.gateway.close();
  await model.kill();
});

describe('what reaches the model', () => {
  it('the sub-path, the query and the exact body bytes, with the method', async () => {
    const body = Buffer.from([0x00, 0xff, 0x7b, 0x22, 0x0d, 0x0a, 0xe2, 0x82, 0xac, 0x80]);
    const res = await post(app, `/v1/infers/${PROXY_APP}/predictions/poetry%20x?b=2&a=%E2%82%AC&a=1&empty=`, APPCODE, body).set(
      'Content-Type',
      'application/octet-stream',
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      method: 'POST',
      target: '/predictions/poetry%20x?b=2&a=%E2%82%AC&a=1&empty=',
      bodyBytes: body.length,
      bodySha256: sha256(body),
    });
    expect(res.body.headers['content-type']).toBe('application/octet-stream');
  });

  it('the bare service address reaches /, and a trailing / as well', async () => {
    expect((await post(app, `/v1/infers/${PROXY_APP}`, APPCODE, '{}')).body.target).toBe('/');
    expect((await post(app, `/v1/infers/${PROXY_APP}/`, APPCODE, '{}')).body.target).toBe('/');
  });

  it('a large body arrives whole (hashed on both sides)', async () => {
    const body = Buffer.alloc(3 * 1024 * 1024 + 7, 0);
    for (let i = 0; i < body.length; i += 4096) body[i] = i & 0xff;
    const res = await post(app, `/v1/infers/${PROXY_APP}/big`, APPCODE, body).set('Content-Type', 'application/octet-stream');
    expect(res.body).toMatchObject({ bodyBytes: body.length, bodySha256: sha256(body) });
  });

  it('no credential header reaches it: AppCode, apikey, token, AK/SK signature, security token', async () => {
    const viaAppCode = await post(app, `/v1/infers/${PROXY_APP}`, { ...APPCODE, 'X-Custom': 'kept' }, '{}');
    expect(viaAppCode.status).toBe(200);
    expect(viaAppCode.body.headers['x-custom']).toBe('kept');
    const viaApiKey = await post(app, `/v1/infers/${PROXY_APP}`, { apikey: C.appKey }, '{}');
    const viaAppSignature = await signed(app, { path: `/v1/infers/${PROXY_APP}`, credentials: APP_CREDS, body: '{}' }).test;
    const { token } = await issueToken(app);
    const viaToken = await post(app, `/v1/infers/${PROXY_IAM}`, { 'X-Auth-Token': token }, '{}');
    const viaAkSk = await signed(app, { path: `/v1/infers/${PROXY_IAM}`, credentials: AKSK, body: '{}' }).test;
    const viaTemporary = await signed(app, {
      path: `/v1/infers/${PROXY_IAM}`,
      credentials: { accessKey: C.temporaryAccessKey, secretKey: C.temporarySecretKey },
      headers: { 'X-Security-Token': C.securityToken },
      body: '{}',
    }).test;
    for (const res of [viaAppCode, viaApiKey, viaAppSignature, viaToken, viaAkSk, viaTemporary]) {
      expect(res.status, res.text).toBe(200);
      const names = Object.keys(res.body.headers);
      for (const credential of ['authorization', 'x-auth-token', 'x-security-token', 'x-apig-appcode', 'apikey', 'x-sdk-date'])
        expect(names).not.toContain(credential);
      // Nor any secret under another name.
      const text = JSON.stringify(res.body.headers);
      for (const secret of [C.appCode, C.appKey, C.appSecret, C.secretKey, C.securityToken, token]) expect(text).not.toContain(secret);
    }
  });

  it('with forwardCredentialHeaders on, they do', async () => {
    const open = gatewayApp({
      world: { services: proxyServices(model.url, { forwardCredentialHeaders: true, forwardedHeaders: true, extraHeaders: { 'X-Run': 'a1' } }) },
    });
    try {
      const res = await post(open, `/v1/infers/${PROXY_APP}`, APPCODE, '{}');
      expect(res.body.headers['x-apig-appcode']).toBe(C.appCode);
      expect(res.body.headers['x-run']).toBe('a1');
      expect(res.body.headers['x-forwarded-proto']).toBe('http');
      expect(res.body.headers['x-forwarded-for']).toMatch(/127\.0\.0\.1/);
      // Called over HTTPS (here as msw hands a request to https://…): https.
      const overTls = await fromFetchRequest(
        new Request(`https://apig.mock/v1/infers/${PROXY_APP}`, { method: 'POST', headers: { ...APPCODE, 'Content-Type': 'application/json' }, body: '{}' }),
        1024,
      );
      const answer = await open.gateway.handle(overTls, 'https://apig.mock');
      let text = '';
      for await (const piece of answer.bodyStream!()) text += piece.toString();
      expect(answer.status, text).toBe(200);
      expect(JSON.parse(text).headers['x-forwarded-proto']).toBe('https');
    } finally {
      open.gateway.close();
    }
  });

  it('an unauthenticated call never reaches it', async () => {
    const before = (await model.received()).count;
    expectApigError(
      await post(app, `/v1/infers/${PROXY_APP}`, { 'X-Apig-AppCode': 'wrong' }, '{}'),
      401,
      'APIG.0303',
      'Incorrect app authentication information: app not found with specified appCode',
    );
    expect((await model.received()).count).toBe(before);
  });
});

describe('what comes back', () => {
  it('200 JSON with the gateway headers added', async () => {
    const res = await post(app, `/v1/infers/${PROXY_APP}/anything`, APPCODE, '{"a":1}');
    expect(res.status).toBe(200);
    expectGatewayHeaders(res);
    expect(res.headers['content-type']).toBe('application/json');
  });

  it.each([400, 404, 418, 500, 503])('the model’s own %d, its body, content type and headers', async (status) => {
    const res = await post(app, `/v1/infers/${PROXY_APP}/status/${status}`, APPCODE, '{}');
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toBe('application/json;charset=utf-8');
    expect(res.headers['x-model-header']).toBe('kept');
    // The gateway's own Server and X-Request-Id, once each, in place of the model's.
    const names = (res as unknown as { res: { rawHeaders: string[] } }).res.rawHeaders.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase());
    expect(names.filter((n) => n === 'server')).toHaveLength(1);
    expect(names.filter((n) => n === 'x-request-id')).toHaveLength(1);
    expect(res.headers['server']).toBe('api-gateway');
    expect(res.text).toBe('{"erno":"MR.0105","msg":"Recognition failed","words_result":{}}');
    expectGatewayHeaders(res);
  });

  it('each Set-Cookie as a line of its own (a cookie cannot be joined); another repeated header joined', async () => {
    const res = await post(app, `/v1/infers/${PROXY_APP}/cookies`, APPCODE, '{}');
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Expires=Wed, 21 Oct 2026 07:28:00 GMT']);
    expect(res.headers['x-twice']).toBe('one, two');
  });

  it('non-JSON verbatim', async () => {
    const res = await post(app, `/v1/infers/${PROXY_APP}/goodbye`, APPCODE, '{}');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toBe('\nGoodbye!\n');
  });

  it('a streamed answer, piece by piece, whole', async () => {
    const res = await post(app, `/v1/infers/${PROXY_APP}/stream?pieces=64&size=65536&gapMs=1`, APPCODE, '{}')
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const body = res.body as Buffer;
    expect(body.length).toBe(64 * 65536);
    expect(body[0]).toBe(0x61);
    expect(body[63 * 65536]).toBe(0x61 + (63 % 26));
  });

  it('a model silent mid-answer for the backend timeout: the client’s connection is dropped (its head is out)', async () => {
    const slow = gatewayApp({ world: { services: proxyServices(model.url) }, limits: { backendTimeoutMs: 300 } });
    try {
      const started = Date.now();
      await expect(post(slow, `/v1/infers/${PROXY_APP}/stream?pieces=3&size=10&gapMs=2000`, APPCODE, '{}')).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(1900);
    } finally {
      slow.gateway.close();
    }
  });

  it('a model that breaks off mid-answer: the client’s connection is dropped, the gateway goes on', async () => {
    await expect(post(app, `/v1/infers/${PROXY_APP}/half`, APPCODE, '{}')).rejects.toThrow();
    expect((await post(app, `/v1/infers/${PROXY_APP}`, APPCODE, '{}')).status).toBe(200);
  });
});

describe('model failures answer as the dispatcher does (§4.2)', () => {
  it('closed without an answer: 500 ModelArts.4503', async () => {
    expectModelArtsError(
      await post(app, `/v1/infers/${PROXY_APP}/close`, APPCODE, '{}'),
      500,
      'ModelArts.4503',
      'Failed to respond due to backend service not found or failed to respond',
    );
  });

  it.each(['/not-http', '/huge-head'])('an answer that is not HTTP, or a head over Node’s limit (%s): 500 ModelArts.4503 failed to respond', async (path) => {
    expectModelArtsError(
      await post(app, `/v1/infers/${PROXY_APP}${path}`, APPCODE, '{}'),
      500,
      'ModelArts.4503',
      'Failed to respond due to backend service not found or failed to respond',
    );
  });

  it('declared https, the model speaks http: 500 ModelArts.4503 SSL error', async () => {
    const tls = gatewayApp({ world: { services: proxyServices(model.url.replace('http:', 'https:'), { healthPath: null }) } });
    try {
      expectModelArtsError(
        await post(tls, `/v1/infers/${PROXY_APP}`, APPCODE, '{}'),
        500,
        'ModelArts.4503',
        'Failed to find backend service because SSL error in the backend service, please check the service is https',
      );
    } finally {
      tls.gateway.close();
    }
  });

  it('too slow: the backend timeout answer (504 APIG.0203 by default, the ModelArts variant by switch)', async () => {
    const slow = gatewayApp({ world: { services: proxyServices(model.url) }, limits: { backendTimeoutMs: 300 } });
    const slowModelArts = gatewayApp({
      world: { services: proxyServices(model.url) },
      limits: { backendTimeoutMs: 300 },
      behaviour: { backendTimeoutError: 'modelarts' },
    });
    try {
      const started = Date.now();
      expectApigError(await post(slow, `/v1/infers/${PROXY_APP}/hang`, APPCODE, '{}'), 504, 'APIG.0203', 'Backend timeout');
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      expectModelArtsError(
        await post(slowModelArts, `/v1/infers/${PROXY_APP}/hang`, APPCODE, '{}'),
        504,
        'ModelArts.4503',
        'Backend service respond timeout, please confirm your service is able to process the request without timeout. ',
      );
    } finally {
      slow.gateway.close();
      slowModelArts.gateway.close();
    }
  });

  it('killed: 500 ModelArts.4302 connection refused', async () => {
    const doomed = await startModelServer();
    const gateway = gatewayApp({ world: { services: proxyServices(doomed.url, { healthPath: null }) } });
    try {
      expect((await post(gateway, `/v1/infers/${PROXY_APP}`, APPCODE, '{}')).status).toBe(200);
      await doomed.kill();
      expectModelArtsError(
        await post(gateway, `/v1/infers/${PROXY_APP}`, APPCODE, '{}'),
        500,
        'ModelArts.4302',
        'Gateway forwarding error. Failed to invoke backend service due to connection refused. ',
      );
      const entry = gateway.gateway.journal.list().at(-1);
      expect(entry).toMatchObject({ rule: 'modelarts.backend-refused', errorCode: 'ModelArts.4302', verdict: 'rejected' });
      expect(entry?.detail).toMatch(/ECONNREFUSED/);
    } finally {
      gateway.gateway.close();
      await doomed.kill();
    }
  });

  it('unhealthy (GET /health outside 200-399): 500 ModelArts.4302 no available server, without reaching it; healthy again, served again', async () => {
    const sick = await startModelServer();
    const gateway = gatewayApp({ world: { services: proxyServices(sick.url, { healthIntervalMs: 60_000, healthFailureThreshold: 2 }) } });
    const backend = gateway.gateway.proxies.backend(PROXY_APP)!;
    try {
      expect((await backend.probe())?.state).toBe('healthy');
      await sick.setHealth(503);
      expect((await backend.probe())?.state).toBe('healthy');
      expect(await backend.probe()).toEqual({ state: 'unhealthy', last: 'GET /health answered 503', consecutiveFailures: 2 });
      const before = (await sick.received()).count;
      expectModelArtsError(
        await post(gateway, `/v1/infers/${PROXY_APP}`, APPCODE, '{}'),
        500,
        'ModelArts.4302',
        'Gateway forwarding error. Failed to invoke backend service due to no available server.',
      );
      expect((await sick.received()).count).toBe(before);
      await sick.setHealth(302);
      expect((await backend.probe())?.state).toBe('healthy');
      expect((await post(gateway, `/v1/infers/${PROXY_APP}`, APPCODE, '{}')).status).toBe(200);
    } finally {
      gateway.gateway.close();
      await sick.kill();
    }
  });

  it('the probe runs on its own at start and on its period, and stops when the gateway closes', async () => {
    const watched = await startModelServer();
    const gateway = gatewayApp({ world: { services: proxyServices(watched.url, { healthIntervalMs: 50, healthFailureThreshold: 1 }) } });
    const backend = gateway.gateway.proxies.backend(PROXY_APP)!;
    try {
      await expect.poll(() => backend.health()?.state, { timeout: 2000 }).toBe('healthy');
      await watched.kill();
      await expect.poll(() => backend.health()?.state, { timeout: 2000 }).toBe('unhealthy');
      expect(backend.health()?.last).toMatch(/ECONNREFUSED|ECONNRESET/);
      gateway.gateway.close();
      expect(gateway.gateway.proxies.health()).toEqual({});
    } finally {
      gateway.gateway.close();
      await watched.kill();
    }
  });
});

describe('declared APIs (modelConfig, issue #13 item 1)', () => {
  it('an undeclared sub-path gets 404 ModelArts.4204 without reaching the model; a declared one reaches it', async () => {
    const declared = proxyServices(model.url).map((s) =>
      s.id === PROXY_APP ? { ...s, modelConfig: { model_type: 'Image', model_algorithm: 'poetry', apis: [{ url: '/greet', method: 'post' }] } } : s,
    ) as World['services'];
    const gateway = gatewayApp({ world: { services: declared } });
    try {
      const before = (await model.received()).count;
      expectModelArtsError(await post(gateway, `/v1/infers/${PROXY_APP}/nope`, APPCODE, '{}'), 404, 'ModelArts.4204', 'API /nope does not exist.');
      expect((await model.received()).count).toBe(before);
      const greet = await post(gateway, `/v1/infers/${PROXY_APP}/greet`, APPCODE, '{}');
      expect(greet.body.target).toBe('/greet');
      expect((await model.received()).count).toBe(before + 1);
    } finally {
      gateway.gateway.close();
    }
  });
});

describe('config', () => {
  it('a bare URL is the full options with their defaults', () => {
    const service = app.gateway.config.world.services.find((s) => s.id === PROXY_APP)!;
    expect(service.model).toEqual({
      proxy: {
        url: model.url,
        forwardCredentialHeaders: false,
        forwardedHeaders: false,
        extraHeaders: {},
        healthPath: '/health',
        healthIntervalMs: 5000,
        healthFailureThreshold: 12,
        healthTimeoutMs: 3000,
        verifyTls: false,
        maxSockets: 64,
      },
    });
  });

  it.each([['ftp://127.0.0.1:8080'], ['127.0.0.1:8080'], ['http://u:p@127.0.0.1:8080'], ['http://127.0.0.1:8080/?x=1']])(
    'refuses %s as a target, by name',
    (url) => {
      expect(() => gatewayApp({ world: { services: proxyServices(url) } })).toThrow(/model/);
    },
  );

  it('refuses an unknown option', () => {
    expect(() => gatewayApp({ world: { services: proxyServices('http://127.0.0.1:8080', { retries: 3 }) } })).toThrow(/retries/);
  });
});

describe('the admin world view shows a proxy service', () => {
  it('with its target and its health', async () => {
    const res = await request(app).get('/_apig-kit/world');
    const service = (res.body.services as Array<{ id: string; model: unknown }>).find((s) => s.id === PROXY_APP);
    expect(service?.model).toMatchObject({ proxy: { url: model.url } });
    await app.gateway.proxies.backend(PROXY_APP)!.probe();
    expect((await request(app).get('/_apig-kit/world')).body.services.find((s: { id: string }) => s.id === PROXY_APP).health).toEqual({
      state: 'healthy',
      last: 'GET /health answered 200',
      consecutiveFailures: 0,
    });
  });
});
