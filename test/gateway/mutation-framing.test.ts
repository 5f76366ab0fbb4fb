/**
 * What Node would answer itself, answered by the gateway in APIG's format and journaled: an
 * HTTP/1.1 request without Host (RFC 9112 §3.2: 400) and an Expect other than 100-continue
 * (RFC 9110 §10.1.1: 417). The adapters report these as `framingProblem`; here the request model
 * carries it directly.
 */
import { describe, expect, it } from 'vitest';
import type { GatewayRequest } from '../../src/mock/http-model.ts';
import { toGatewayRequest } from '../hardening/support/wire-request.ts';
import { C, gatewayApp, S } from './support.ts';

function request(framingProblem?: GatewayRequest['framingProblem']): GatewayRequest {
  const base = toGatewayRequest({
    method: 'POST',
    target: `/v1/infers/${S.echoApp}`,
    headers: [
      ['host', 'gw.apig-kit.test'],
      ['content-type', 'application/json'],
      ['x-apig-appcode', C.appCode],
    ],
    body: new TextEncoder().encode('{"a":1}'),
    chunkSizes: [],
    declaredLength: 'exact',
  });
  return { ...base, framingProblem };
}

async function answer(framingProblem?: GatewayRequest['framingProblem']) {
  const app = gatewayApp();
  const response = await app.gateway.handle(request(framingProblem));
  const entry = app.gateway.journal.list().at(-1)!;
  return { status: response.status, body: JSON.parse(String(response.body)) as Record<string, unknown>, entry };
}

describe('the framing step', () => {
  it('an HTTP/1.1 request without Host: 400 APIG.0201 "API request error.", journaled with why', async () => {
    const { status, body, entry } = await answer('missing-host');
    expect(status).toBe(400);
    expect(body).toMatchObject({ error_code: 'APIG.0201', error_msg: 'API request error.' });
    expect(entry).toMatchObject({ rule: 'request.bad', detail: 'an HTTP/1.1 request must carry a Host header', verdict: 'rejected' });
  });

  it('an Expect it cannot meet: 417 APIG.0201 "Expectation failed.", journaled with why', async () => {
    const { status, body, entry } = await answer('unsupported-expect');
    expect(status).toBe(417);
    expect(body).toMatchObject({ error_code: 'APIG.0201', error_msg: 'Expectation failed.' });
    expect(entry).toMatchObject({ rule: 'request.expectation-failed', detail: 'the only Expect the gateway meets is 100-continue' });
  });

  it('without a problem the request goes on to the model', async () => {
    const { status, body } = await answer(undefined);
    expect(status).toBe(200);
    expect(body).toMatchObject({ method: 'POST', body_bytes: 7 });
  });
});
