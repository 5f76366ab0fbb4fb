/**
 * How a refusal leaves the gateway (gateway.md §4): a body over the cap or cut short is answered
 * and the connection closed, one that stalls is answered without draining it, an auth refusal
 * keeps the connection. The debug headers (§1.2): latency of this call in ms, the rate-limit
 * header only when a limit is set. The journal's signature is there only when a key was named.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { GatewayRequest } from '../../src/mock/http-model.ts';
import { toGatewayRequest } from '../hardening/support/wire-request.ts';
import { C, expectNoUnexpected500, type GatewayApp, gatewayApp, S } from './support.ts';

afterAll(expectNoUnexpected500);

const ECHO_APP = `/v1/infers/${S.echoApp}`;

function wire(headers: Array<[string, string]>, body = '{}', options: { abortAfterChunks?: number; chunkSizes?: number[] } = {}): GatewayRequest {
  return toGatewayRequest({
    method: 'POST',
    target: ECHO_APP,
    headers: [['host', 'gw.apig-kit.test'], ['content-type', 'application/json'], ...headers],
    body: Buffer.from(body),
    chunkSizes: options.chunkSizes ?? [],
    declaredLength: options.abortAfterChunks === undefined ? 'exact' : 'none',
    abortAfterChunks: options.abortAfterChunks,
  });
}

/** A body that sends its first bytes and then nothing more. */
function stalled(headers: Array<[string, string]>): GatewayRequest {
  const request = wire(headers);
  return {
    ...request,
    body: {
      declaredLength: undefined,
      async *chunks() {
        yield Buffer.from('{"a":');
        await new Promise(() => undefined);
      },
    },
  };
}

const last = (app: GatewayApp) => app.gateway.journal.list().at(-1);

describe('the connection after a refusal', () => {
  it('a body over the cap: 413, connection closed, the detail names the cap', async () => {
    const app = gatewayApp({ limits: { maxBodyBytes: 10 } });
    const res = await app.gateway.handle(wire([['x-apig-appcode', C.appCode]], '{"a":"0123456789"}', { abortAfterChunks: undefined, chunkSizes: [4, 4] }));
    expect(res).toMatchObject({ status: 413, closeConnection: true });
    expect(res.abandonBody).toBeUndefined();
    expect(last(app)?.detail).toBe('the body is over the cap (10 bytes)');
  });

  it('a body cut short by the client: 400, connection closed', async () => {
    const app = gatewayApp();
    const res = await app.gateway.handle(wire([['x-apig-appcode', C.appCode]], '{"a":"0123456789"}', { abortAfterChunks: 1, chunkSizes: [4] }));
    expect(res).toMatchObject({ status: 400, closeConnection: true });
    expect(last(app)?.detail).toBe('the request body ended early: the client aborted or sent a malformed body');
  });

  it('a body that stalls: 408, closed without draining, the detail gives the rule and the bytes read', async () => {
    const app = gatewayApp({ limits: { bodyReadTimeoutMs: 100, minBodyBytesPerSecond: 0 } });
    const res = await app.gateway.handle(stalled([['x-apig-appcode', C.appCode]]));
    expect(res).toMatchObject({ status: 408, closeConnection: true, abandonBody: true });
    expect(last(app)?.detail).toBe('the body brought less than 0 bytes/s (or nothing) in 100 ms (5 bytes read)');
  });

  it('an auth refusal keeps the connection', async () => {
    const app = gatewayApp();
    const res = await app.gateway.handle(wire([['x-apig-appcode', 'wrong']]));
    expect(res.status).toBe(401);
    expect(res.closeConnection).toBeUndefined();
  });
});

describe('X-Apig-Mode: debug', () => {
  it('X-Apig-Latency is this call’s time in ms', async () => {
    const app = gatewayApp();
    const res = await app.gateway.handle(
      wire([
        ['x-apig-appcode', C.appCode],
        ['x-apig-mode', 'debug'],
      ]),
    );
    const latency = Number(res.headers['X-Apig-Latency']);
    expect(latency).toBeGreaterThanOrEqual(0);
    expect(latency).toBeLessThan(10_000);
  });

  it('no rate-limit header when no limit is set', async () => {
    const app = gatewayApp({ limits: { apiRateLimitPerSecond: 0 } });
    const res = await app.gateway.handle(
      wire([
        ['x-apig-appcode', C.appCode],
        ['x-apig-mode', 'debug'],
      ]),
    );
    expect(res.status).toBe(200);
    expect(res.headers['X-Apig-RateLimit-api-allenv']).toBeUndefined();
    expect(res.headers['X-Apig-Latency']).toBeDefined();
  });
});

describe('the journal', () => {
  it('has no signature for an Authorization that names no key, and a short duration', async () => {
    const app = gatewayApp();
    await app.gateway.handle(wire([['authorization', 'SDK-HMAC-SHA256 nonsense']]));
    expect(last(app)?.signature).toBeUndefined();
    expect(last(app)?.durationMs).toBeGreaterThanOrEqual(0);
    expect(last(app)?.durationMs).toBeLessThan(10_000);
  });
});
