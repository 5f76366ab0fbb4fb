/**
 * Which body budget a request's body is buffered in (steps/read-body.ts): a body declared at most
 * 64 KiB (SMALL_BODY_BYTES) has its own budget and never waits behind uploads; a larger one, or
 * one without a Content-Length, shares the uploads' budget. When that budget's queue is full the
 * gateway answers 503 APIG.0201 "Service unavailable." (rule request.busy), closes the connection,
 * and journals why.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { GatewayRequest } from '../../src/mock/http-model.ts';
import type { BodyBudget } from '../../src/mock/state/body-budget.ts';
import { SMALL_BODY_BYTES } from '../../src/mock/state/mock-state.ts';
import { toGatewayRequest } from '../hardening/support/wire-request.ts';
import { C, expectNoUnexpected500, type GatewayApp, gatewayApp, S } from './support.ts';

afterAll(expectNoUnexpected500);

/** Holds the whole budget and fills both halves of its queue: no further chunk can be buffered. */
function jam(budget: BodyBudget): void {
  budget.open('credible').take(budget.capacityBytes);
  for (let i = 0; i < budget.maxWaiting / 2; i++) {
    void budget.open('credible').take(1);
    void budget.open('anonymous').take(1);
  }
}

function post(length: number, declared: boolean): GatewayRequest {
  return toGatewayRequest({
    method: 'POST',
    target: `/v1/infers/${S.echoApp}`,
    headers: [
      ['host', 'gw.apig-kit.test'],
      ['content-type', 'application/octet-stream'],
      ['x-apig-appcode', C.appCode],
    ],
    body: new Uint8Array(length).fill(0x61),
    chunkSizes: [1000],
    declaredLength: declared ? 'exact' : 'none',
  });
}

async function send(app: GatewayApp, request: GatewayRequest) {
  const response = await app.gateway.handle(request);
  return { response, entry: app.gateway.journal.list().at(-1) };
}

describe('with the uploads budget jammed', () => {
  const jammed = () => {
    const app = gatewayApp();
    jam(app.gateway.bodyBudget);
    return app;
  };

  it('a body declared at most 64 KiB still goes through (it has its own budget)', async () => {
    for (const length of [100, SMALL_BODY_BYTES]) {
      const { response } = await send(jammed(), post(length, true));
      expect(response.status, `${length} bytes`).toBe(200);
      expect(JSON.parse(String(response.body))['body_bytes']).toBe(length);
    }
  });

  it('a body declared one byte over 64 KiB is 503 APIG.0201, connection closed, journaled as request.busy', async () => {
    const { response, entry } = await send(jammed(), post(SMALL_BODY_BYTES + 1, true));
    expect(response.status).toBe(503);
    expect(JSON.parse(String(response.body))).toMatchObject({ error_code: 'APIG.0201', error_msg: 'Service unavailable.' });
    expect(response.closeConnection).toBe(true);
    expect(entry).toMatchObject({
      rule: 'request.busy',
      detail: 'the body cannot be buffered now: too many bodies already wait for room',
    });
  });

  it('a small body without a Content-Length shares the uploads budget: 503 too', async () => {
    const { response, entry } = await send(jammed(), post(100, false));
    expect(response.status).toBe(503);
    expect(entry?.rule).toBe('request.busy');
  });
});

describe('with the small bodies budget jammed', () => {
  it('a body declared over 64 KiB, or not declared, is not held up; one declared at most 64 KiB is', async () => {
    const app = gatewayApp();
    jam(app.gateway.smallBodyBudget);
    expect((await send(app, post(SMALL_BODY_BYTES + 1, true))).response.status).toBe(200);
    expect((await send(app, post(100, false))).response.status).toBe(200);
    expect((await send(app, post(SMALL_BODY_BYTES, true))).response.status).toBe(503);
  });
});
