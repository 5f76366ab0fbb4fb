/**
 * A proxied model's answer through both adapters: the Node server (a real socket) and the msw
 * handlers (fetch intercepted in-process) stream it the same way, pass the model's own bodies
 * through the same way, and stop reading the model when the client goes away.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGateway, startGateway } from '../../src/mock/adapters/express.ts';
import { createGatewayHandlers } from '../../src/mock/adapters/msw.ts';
import { DEMO_CREDENTIALS as C, demoWorld } from '../../src/mock/config/demo-world.ts';
import type { World } from '../../src/mock/config/schema.ts';
import { type ModelServer, startModelServer } from '../support/model-server.ts';

const PROXY_APP = 'b0c1d2e3-0000-4000-8000-00000000b002';
const MSW_BASE = 'http://apig-proxy.mock:8080';

let model: ModelServer;
let running: RunningGateway;
let handlers: ReturnType<typeof createGatewayHandlers>;
let msw: ReturnType<typeof setupServer>;

function world(url: string): { services: World['services'] } {
  return {
    services: [
      ...demoWorld().services,
      {
        id: PROXY_APP,
        name: 'my-model-app',
        model: { proxy: { url, healthPath: null } },
        auth: 'app',
        state: 'running',
        account: C.account,
        project: 'cn-north-4',
        boundApps: ['demo-app'],
        stages: ['RELEASE'],
      },
    ] as World['services'],
  };
}

beforeAll(async () => {
  model = await startModelServer();
  running = await startGateway({ config: { world: world(model.url) } });
  handlers = createGatewayHandlers({ world: world(model.url) }, { baseUrl: MSW_BASE });
  msw = setupServer(...handlers);
});

afterAll(async () => {
  handlers.gateway.close();
  await running.close();
  await model.kill();
});

const call = (base: string, path: string, init: RequestInit = {}) =>
  fetch(`${base}/v1/infers/${PROXY_APP}${path}`, { method: 'POST', headers: { 'X-Apig-AppCode': C.appCode }, body: '{}', ...init });

describe.each([
  ['node server', () => running.url, false],
  // msw intercepts the gateway's own call to the model as well, and lets it through.
  ['msw handlers', () => MSW_BASE, true],
])('%s', (_name, base, intercept) => {
  beforeAll(() => {
    if (intercept) msw.listen({ onUnhandledRequest: 'bypass' });
  });
  afterAll(() => {
    if (intercept) msw.close();
  });

  it('streams a 2 MB answer whole', async () => {
    const res = await call(base(), '/stream?pieces=32&size=65536&gapMs=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.length).toBe(32 * 65536);
    expect(body[31 * 65536]).toBe(0x61 + (31 % 26));
  });

  it('passes a model 4xx and a text answer through', async () => {
    const error = await call(base(), '/status/422');
    expect(error.status).toBe(422);
    expect(await error.text()).toBe('{"erno":"MR.0105","msg":"Recognition failed","words_result":{}}');
    const text = await call(base(), '/goodbye');
    expect(text.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await text.text()).toBe('\nGoodbye!\n');
  });

  // Through msw the cancel does not reach the gateway's stream (msw keeps a copy of the answer); the node server shows it.
  it.skipIf(intercept)('a client that goes away mid-answer ends the model’s answer too', async () => {
    const before = (await model.received()).abandoned;
    const res = await call(base(), '/stream?pieces=2000&size=16384&gapMs=5');
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    await expect.poll(async () => (await model.received()).abandoned, { timeout: 5000 }).toBe(before + 1);
  });
});
