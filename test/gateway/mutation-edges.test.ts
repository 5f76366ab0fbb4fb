/**
 * Edges the other gateway tests leave open: a header block of exactly its cap (gateway.md §4: the
 * cap is the most allowed), the journal's words for a method the API is not registered for
 * (`behaviour.methodNotAllowed: apig-0101`), and a purged service's throttle window, which a new
 * service of the same id must not inherit.
 */
import { describe, expect, it } from 'vitest';
import type { GatewayRequest } from '../../src/mock/http-model.ts';
import { toGatewayRequest } from '../hardening/support/wire-request.ts';
import { C, FROZEN_CLOCK, gatewayApp, S } from './support.ts';

const HEADERS: Array<[string, string]> = [
  ['host', 'gw.apig-kit.test'],
  ['content-type', 'application/json'],
  ['x-apig-appcode', C.appCode],
];
const call = (target: string, method = 'POST', headers = HEADERS): GatewayRequest =>
  toGatewayRequest({ method, target, headers, body: new TextEncoder().encode('{"a":1}'), chunkSizes: [], declaredLength: method === 'GET' ? 'none' : 'exact' });

/** How the gateway counts a header block: each name, ": " and value, in bytes. */
const blockBytes = (request: GatewayRequest) => {
  let total = 0;
  for (const [name, values] of request.headers) for (const value of values) total += name.length + 2 + Buffer.byteLength(value);
  return total;
};

describe('the header block cap', () => {
  it('a block of exactly limits.maxHeaderBlockBytes passes; one byte more is 494', async () => {
    const request = call(`/v1/infers/${S.echoApp}`);
    const exact = blockBytes(request);
    expect((await gatewayApp({ limits: { maxHeaderBlockBytes: exact } }).gateway.handle(request)).status).toBe(200);
    const over = gatewayApp({ limits: { maxHeaderBlockBytes: exact - 1 } });
    expect((await over.gateway.handle(call(`/v1/infers/${S.echoApp}`))).status).toBe(494);
    expect(over.gateway.journal.list().at(-1)?.detail).toBe(`the headers are over ${exact - 1} bytes in all`);
  });
});

describe('behaviour.methodNotAllowed: apig-0101', () => {
  it('journals which method the API is not registered for', async () => {
    const app = gatewayApp({ behaviour: { methodNotAllowed: 'apig-0101' } });
    const response = await app.gateway.handle(call(`/v1/infers/${S.irisApp}`, 'GET'));
    expect(response.status).toBe(404);
    expect(app.gateway.journal.list().at(-1)).toMatchObject({ rule: 'route.method-not-found', detail: 'the API is not registered for GET' });
  });
});

describe('a purged service', () => {
  it('leaves no throttle window behind for a new service of the same id', async () => {
    const app = gatewayApp({ clock: FROZEN_CLOCK, limits: { apiRateLimitPerSecond: 1 } });
    const id = '5e7f1ce0-0000-4000-8000-0000000000bb';
    app.gateway.world.createService({ id, name: 'throttled', auth: 'app', model: 'echo', boundApps: ['demo-app'] });
    expect((await app.gateway.handle(call(`/v1/infers/${id}`))).status).toBe(200);
    expect((await app.gateway.handle(call(`/v1/infers/${id}`))).status).toBe(429);
    app.gateway.world.deleteService(id, { purge: true });
    app.gateway.world.createService({ id, name: 'throttled', auth: 'app', model: 'echo', boundApps: ['demo-app'] });
    expect((await app.gateway.handle(call(`/v1/infers/${id}`))).status).toBe(200);
  });
});

describe('faultAnswer: what a fault answers in the model’s place', () => {
  it('a named fault answers its own entry whatever the timeout variant, and carries a status only when given one', async () => {
    const { faultAnswer } = await import('../../src/mock/state/faults.ts');
    const fault = (extra: object) => ({ probability: 1, seed: 1, ...extra });
    expect(faultAnswer(fault({ fault: 'refused' }), 'modelarts')).toStrictEqual({ rule: 'modelarts.backend-refused', name: 'refused' });
    expect(faultAnswer(fault({ fault: 'timeout' }), 'modelarts')).toStrictEqual({ rule: 'modelarts.timeout', name: 'timeout' });
    expect(faultAnswer(fault({ fault: 'timeout' }), 'apig')).toStrictEqual({ rule: 'backend.timeout', name: 'timeout' });
    expect(faultAnswer(fault({ fault: 'refused', status: 503 }), 'apig')).toStrictEqual({ rule: 'modelarts.backend-refused', name: 'refused', status: 503 });
    expect(faultAnswer(fault({ status: 501 }), 'apig')).toStrictEqual({ rule: 'fault.server-error', status: 501, name: 'status 501' });
    expect(faultAnswer(fault({ status: 499 }), 'apig')).toStrictEqual({ rule: 'fault.client-error', status: 499, name: 'status 499' });
    expect(faultAnswer(fault({ delayMs: 5 }), 'apig')).toBeUndefined();
  });
});
