/**
 * Faults that imitate the documented failures by name (modelarts-services.md §4.2, §4.3;
 * gateway.md §2, §6.4, §6.5), and bare status faults answering the documented body for their
 * status. The expected texts are copied from the spec, not from the catalogue.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { faultSchema } from '../../src/mock/state/faults.ts';
import { C, expectApigError, expectModelArtsError, type GatewayApp, gatewayApp, post, S } from './support.ts';

const ECHO_APP = `/v1/infers/${S.echoApp}`;
const APPCODE = { 'X-Apig-AppCode': C.appCode };

async function withFault(app: GatewayApp, fault: Record<string, unknown>) {
  const put = await request(app).put(`/_apig-kit/faults/${S.echoApp}`).set('Content-Type', 'application/json').send(JSON.stringify(fault));
  expect(put.status, put.text).toBe(200);
  return post(app, ECHO_APP, APPCODE, '{}');
}

// [name, status, code, message, layer]: 'modelarts' bodies carry no request_id, 'apig' ones do (gateway.md §1.1).
const DOCUMENTED: Array<[string, number, string, string, 'modelarts' | 'apig']> = [
  ['refused', 500, 'ModelArts.4302', 'Gateway forwarding error. Failed to invoke backend service due to connection refused. ', 'modelarts'],
  ['no-available-server', 500, 'ModelArts.4302', 'Gateway forwarding error. Failed to invoke backend service due to no available server.', 'modelarts'],
  ['closed-early', 500, 'ModelArts.4503', 'Failed to respond due to backend service not found or failed to respond', 'modelarts'],
  [
    'ssl-error',
    500,
    'ModelArts.4503',
    'Failed to find backend service because SSL error in the backend service, please check the service is https',
    'modelarts',
  ],
  ['timeout', 504, 'APIG.0203', 'Backend timeout', 'apig'],
  ['timeout-apig-0201', 504, 'APIG.0201', 'Backend timeout.', 'apig'],
  [
    'timeout-modelarts',
    504,
    'ModelArts.4503',
    'Backend service respond timeout, please confirm your service is able to process the request without timeout. ',
    'modelarts',
  ],
  [
    'timeout-response',
    504,
    'ModelArts.4503',
    'Failed to find backend service because response timed out, please confirm your service is able to process the request without timeout. ',
    'modelarts',
  ],
  ['timeout-connection', 408, 'ModelArts.4205', 'Connection timed out.', 'modelarts'],
  ['timeout-read', 500, 'ModelArts.4505', 'Internal backend service error because reading timed out.', 'modelarts'],
  ['circuit-breaker', 500, 'ModelArts.4302', 'Due to self protection, the backend service is disconnected, please wait moment.', 'modelarts'],
  ['platform-upgrading', 503, 'ModelArts.4700', 'Unavailable gateway.', 'modelarts'],
  ['backend-unavailable', 502, 'APIG.0201', 'Backend unavailable.', 'apig'],
  ['backend-unavailable-0202', 502, 'APIG.0202', 'Backend unavailable', 'apig'],
  ['no-backend', 502, 'APIG.0610', 'No backend available.', 'apig'],
];

function expectAnswer(res: Awaited<ReturnType<typeof post>>, status: number, code: string, message: string, layer: 'modelarts' | 'apig') {
  if (layer === 'apig') expectApigError(res, status, code, message);
  else expectModelArtsError(res, status, code, message);
}

describe('named faults answer the documented bodies', () => {
  it.each(DOCUMENTED)('%s → %d %s', async (name, status, code, message, layer) => {
    const app = gatewayApp();
    expectAnswer(await withFault(app, { fault: name }), status, code, message, layer);
    expect(app.gateway.journal.list().at(-1)).toMatchObject({ verdict: 'rejected', errorCode: code, detail: `injected fault: ${name}` });
  });

  it('"timeout" follows behaviour.backendTimeoutError: the ModelArts variant when switched', async () => {
    const app = gatewayApp({ behaviour: { backendTimeoutError: 'modelarts' } });
    expectModelArtsError(
      await withFault(app, { fault: 'timeout' }),
      504,
      'ModelArts.4503',
      'Backend service respond timeout, please confirm your service is able to process the request without timeout. ',
    );
  });

  it('a message override by entry name applies to a fault too', async () => {
    const app = gatewayApp({ behaviour: { messages: { 'modelarts.platform-upgrading': 'Gateway service is in shutdown process.' } } });
    expectModelArtsError(await withFault(app, { fault: 'platform-upgrading' }), 503, 'ModelArts.4700', 'Gateway service is in shutdown process.');
  });

  it('with delayMs it answers after the delay; a delay past the backend timeout gives the named answer at the timeout', async () => {
    const app = gatewayApp({ limits: { backendTimeoutMs: 250 } });
    let started = Date.now();
    expectModelArtsError(
      await withFault(app, { fault: 'timeout-read', delayMs: 120 }),
      500,
      'ModelArts.4505',
      'Internal backend service error because reading timed out.',
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    started = Date.now();
    expectModelArtsError(await withFault(app, { fault: 'timeout-response', delayMs: 60_000 }), 504, 'ModelArts.4503', DOCUMENTED[7]![3]);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(240);
    expect(took).toBeLessThan(5000);
  });

  it('status with a name: the named body with that status (4302 is documented with 503 as well)', async () => {
    const app = gatewayApp();
    expectModelArtsError(
      await withFault(app, { fault: 'refused', status: 503 }),
      503,
      'ModelArts.4302',
      'Gateway forwarding error. Failed to invoke backend service due to connection refused. ',
    );
  });

  it('an unknown name is refused, listing the names', async () => {
    const app = gatewayApp();
    const res = await request(app).put(`/_apig-kit/faults/${S.echoApp}`).set('Content-Type', 'application/json').send('{"fault":"meltdown"}');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/^fault: .*refused.*platform-upgrading/);
  });

  it('probability and seed still choose which calls fail', async () => {
    const app = gatewayApp();
    await request(app)
      .put(`/_apig-kit/faults/${S.echoApp}`)
      .set('Content-Type', 'application/json')
      .send('{"fault":"circuit-breaker","probability":0.5,"seed":7}');
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await post(app, ECHO_APP, APPCODE, '{}')).status);
    expect(statuses).toContain(200);
    expect(statuses).toContain(500);
    expect(statuses.filter((s) => s !== 200 && s !== 500)).toEqual([]);
  });
});

describe('a bare status fault answers the documented body for its status', () => {
  it.each([
    [500, 'ModelArts.4302', 'Gateway forwarding error. Failed to invoke backend service due to connection refused. ', 'modelarts'],
    [502, 'APIG.0201', 'Backend unavailable.', 'apig'],
    [503, 'ModelArts.4700', 'Unavailable gateway.', 'modelarts'],
    [504, 'APIG.0203', 'Backend timeout', 'apig'],
    [408, 'ModelArts.4205', 'Connection timed out.', 'modelarts'],
  ] as const)('%d → %s', async (status, code, message, layer) => {
    expectAnswer(await withFault(gatewayApp(), { status }), status, code, message, layer);
  });

  it.each([
    [418, 'APIG.0201', 'API request error.'],
    [400, 'APIG.0201', 'API request error.'],
    [429, 'APIG.0201', 'API request error.'],
    [507, 'APIG.0601', 'Internal server error.'],
    [599, 'APIG.0601', 'Internal server error.'],
  ] as const)('%d (no documented answer of its own) → APIG’s generic %s with that status', async (status, code, message) => {
    const app = gatewayApp();
    expectApigError(await withFault(app, { status }), status, code, message);
    expect(app.gateway.journal.list().at(-1)).toMatchObject({
      rule: status < 500 ? 'fault.client-error' : 'fault.server-error',
      detail: `injected fault: status ${status}`,
    });
  });

  it('no body says "Injected fault" any more', async () => {
    for (const status of [400, 500, 502, 503, 504, 599]) expect((await withFault(gatewayApp(), { status })).text).not.toMatch(/Injected/i);
  });

  it('the schema keeps its fields and defaults', () => {
    expect(faultSchema.parse({ fault: 'refused' })).toEqual({ fault: 'refused', probability: 1, seed: 1 });
    expect(faultSchema.parse({ status: 503, delayMs: 5 })).toEqual({ status: 503, delayMs: 5, probability: 1, seed: 1 });
  });
});
