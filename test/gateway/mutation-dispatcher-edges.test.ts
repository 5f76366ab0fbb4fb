/**
 * The dispatcher's routing by declared API (modelarts-services.md §0.2, §4.2 rows 1–2) and CORS
 * on a service (gateway.md §1.4), as the answer and the journal show them: which path or method was
 * not declared, and that a backend's own CORS header wins over the gateway's.
 */
import { describe, expect, it } from 'vitest';
import type { GatewayRequest } from '../../src/mock/http-model.ts';
import { toGatewayRequest } from '../hardening/support/wire-request.ts';
import { C, gatewayApp } from './support.ts';

const ID = '5e7f1ce0-0000-4000-8000-0000000000cc';
const API = { request: { 'Content-type': 'application/json' }, response: { 'Content-type': 'application/json' } };
const MODEL_CONFIG = { model_type: 'Image', apis: [{ url: '/greet', method: 'post', ...API }] };

function call(path: string, method = 'POST', extra: Array<[string, string]> = []): GatewayRequest {
  return toGatewayRequest({
    method,
    target: `/v1/infers/${ID}${path}`,
    headers: [['host', 'gw.apig-kit.test'], ['content-type', 'application/json'], ['x-apig-appcode', C.appCode], ...extra],
    body: new TextEncoder().encode(method === 'GET' ? '' : '{"name":"a"}'),
    chunkSizes: [],
    declaredLength: method === 'GET' ? 'none' : 'exact',
  });
}

function appWith(service: Record<string, unknown>, behaviour: Record<string, unknown> = {}) {
  const app = gatewayApp({ behaviour });
  app.gateway.world.createService({ id: ID, name: 'greeter', auth: 'app', boundApps: ['demo-app'], ...service } as never);
  return app;
}

async function answer(app: ReturnType<typeof appWith>, request: GatewayRequest) {
  const response = await app.gateway.handle(request);
  return { response, body: JSON.parse(String(response.body) || '{}') as Record<string, unknown>, entry: app.gateway.journal.list().at(-1)! };
}

describe('APIs a config.json declares', () => {
  const service = { model: { preset: 'undefined' }, modelConfig: MODEL_CONFIG };

  it('the bare address, declared by nothing: 404 ModelArts.4204 "API / does not exist."', async () => {
    const { response, body, entry } = await answer(appWith(service), call(''));
    expect(response.status).toBe(404);
    expect(body).toMatchObject({ error_code: 'ModelArts.4204', error_msg: 'API / does not exist.' });
    expect(entry.detail).toBe('service greeter declares no API at /');
  });

  it('a declared path with another method: 405 by default, the journal naming what it takes', async () => {
    const { response, entry } = await answer(appWith(service), call('/greet', 'GET'));
    expect(response.status).toBe(405);
    expect(entry).toMatchObject({ rule: 'modelarts.method-not-allowed', detail: '/greet takes POST, not GET' });
  });

  it('with methodNotAllowed modelarts-4204: 404 "API /greet does not exist."', async () => {
    const { response, body, entry } = await answer(appWith(service, { methodNotAllowed: 'modelarts-4204' }), call('/greet', 'GET'));
    expect(response.status).toBe(404);
    expect(body).toMatchObject({ error_code: 'ModelArts.4204', error_msg: 'API /greet does not exist.' });
    expect(entry.detail).toBe('/greet takes POST, not GET');
  });
});

describe('CORS on a service', () => {
  const ORIGIN: Array<[string, string]> = [['origin', 'https://app.example']];

  it('adds Access-Control-Allow-Origin: * to the answer of a call with Origin', async () => {
    const app = appWith({ cors: true, model: { static: { status: 200, body: { ok: true } } } });
    const { response } = await answer(app, call('', 'POST', ORIGIN));
    expect(response.headers['Access-Control-Allow-Origin']).toBe('*');
  });

  it('the backend’s own CORS header wins, in any case of its name', async () => {
    const app = appWith({ cors: true, model: { static: { status: 200, headers: { 'access-control-allow-ORIGIN': 'https://app.example' }, body: {} } } });
    const { response } = await answer(app, call('', 'POST', ORIGIN));
    expect(response.headers['Access-Control-Allow-Origin']).toBeUndefined();
    expect(response.headers['access-control-allow-ORIGIN']).toBe('https://app.example');
  });

  it('a backend header that merely ends like one is no CORS header', async () => {
    const app = appWith({ cors: true, model: { static: { status: 200, headers: { 'X-Not-Access-Control-': 'x', 'X-Other': 'y' }, body: {} } } });
    const { response } = await answer(app, call('', 'POST', ORIGIN));
    expect(response.headers['Access-Control-Allow-Origin']).toBe('*');
  });

  it('a preflight: on a service with CORS, APIG’s answer, journaled; without, 404 with why', async () => {
    const preflight = (app: ReturnType<typeof appWith>) =>
      answer(app, { ...call('', 'OPTIONS', [...ORIGIN, ['access-control-request-method', 'POST']]), body: call('', 'GET').body });
    const on = await preflight(appWith({ cors: true, model: 'echo' }));
    expect(on.response.status).toBe(200);
    expect(on.entry.detail).toBe(`CORS preflight for /v1/infers/${ID}`);
    const off = await preflight(appWith({ model: 'echo' }));
    expect(off.response.status).toBe(404);
    expect(off.entry.detail).toBe(`OPTIONS on /v1/infers/${ID}: the API has no CORS`);
  });
});
