/**
 * The backend call's clock (gateway.md §2: 40 s, here shortened): time spent in an injected delay
 * counts against the timeout, the upstream latency (X-Apig-Upstream-Latency under X-Apig-Mode:
 * debug) is the time the call took, and each way a call fails is journaled with why.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { GatewayRequest } from '../../src/mock/http-model.ts';
import { toGatewayRequest } from '../hardening/support/wire-request.ts';
import { C, gatewayApp } from './support.ts';

const ID = '5e7f1ce0-0000-4000-8000-0000000000dd';

const call = (): GatewayRequest =>
  toGatewayRequest({
    method: 'POST',
    target: `/v1/infers/${ID}`,
    headers: [
      ['host', 'gw.apig-kit.test'],
      ['content-type', 'application/json'],
      ['x-apig-appcode', C.appCode],
      ['x-apig-mode', 'debug'],
    ],
    body: new TextEncoder().encode('{}'),
    chunkSizes: [],
    declaredLength: 'exact',
  });

function appWith(model: unknown, backendTimeoutMs = 10_000) {
  const app = gatewayApp({ limits: { backendTimeoutMs } });
  app.gateway.world.createService({ id: ID, name: 'timed', auth: 'app', boundApps: ['demo-app'], model } as never);
  return app;
}

const lastEntry = (app: ReturnType<typeof appWith>) => app.gateway.journal.list().at(-1)!;

/** The answer, and its X-Apig-Upstream-Latency (rounded to whole ms) checked against the time the whole call took. */
async function timed(app: ReturnType<typeof appWith>) {
  const started = performance.now();
  const response = await app.gateway.handle(call());
  const took = performance.now() - started;
  const latency = Number(response.headers['X-Apig-Upstream-Latency']);
  expect(latency).toBeGreaterThanOrEqual(0);
  expect(latency).toBeLessThanOrEqual(Math.ceil(took) + 1);
  return { response, latency };
}

describe('the backend timeout', () => {
  it('counts an injected delay: delay plus a model each under the timeout, together over it, time out', async () => {
    const app = appWith(async () => (await sleep(500), { status: 200, body: { late: true } }), 800);
    app.gateway.faults.set(ID, { delayMs: 500, probability: 1, seed: 1 });
    const response = await app.gateway.handle(call());
    expect(response.status).toBe(504);
    expect(lastEntry(app)).toMatchObject({ rule: 'backend.timeout', detail: 'the model took longer than 800 ms' });
  });
});

describe('the upstream latency', () => {
  it('of an injected failure is the few ms it took, not a clock reading', async () => {
    const app = appWith('echo');
    app.gateway.faults.set(ID, { fault: 'refused', probability: 1, seed: 1 });
    const { response } = await timed(app);
    expect(response.status).toBe(500);
  });

  it('of a named fault whose delay outlasts the timeout is the time waited, about the timeout', async () => {
    const app = appWith('echo', 200);
    app.gateway.faults.set(ID, { fault: 'refused', delayMs: 5_000, probability: 1, seed: 1 });
    const { response, latency } = await timed(app);
    expect(response.status).toBe(500);
    expect(latency).toBeGreaterThanOrEqual(150);
  });

  it('of a model failure (a proxy to a closed port) is the time the attempt took', async () => {
    const app = appWith({ proxy: { url: 'http://127.0.0.1:9', healthPath: null } });
    try {
      const { response } = await timed(app);
      expect(response.status).toBe(500);
    } finally {
      app.gateway.close();
    }
  });
});

describe('failures in the journal', () => {
  it('a model that throws: 502-class answer, journaled as "the model failed: <its words>"', async () => {
    const app = appWith(() => {
      throw new Error('out of GPU memory');
    });
    const response = await app.gateway.handle(call());
    expect(response.status).toBeGreaterThanOrEqual(500);
    expect(lastEntry(app)).toMatchObject({ rule: 'backend.unavailable', detail: 'the model failed: out of GPU memory' });
  });

  it('an injected reset drops the connection, journaled as such', async () => {
    const app = appWith('echo');
    app.gateway.faults.set(ID, { reset: true, probability: 1, seed: 1 });
    const response = await app.gateway.handle(call());
    expect(response.destroyConnection).toBe(true);
    expect(lastEntry(app).detail).toBe('injected fault: connection reset');
  });
});
