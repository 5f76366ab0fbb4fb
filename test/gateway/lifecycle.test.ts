/** The gateway as a declared pipeline: its steps in gateway.md §7's order, warn mode in one place, typed lifecycle events. */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { ExchangeEvents } from '../../src/mock/events.ts';
import { IAM_STEPS } from '../../src/mock/iam/iam-steps.ts';
import { GATEWAY_STEPS } from '../../src/mock/pipeline/steps/index.ts';
import { C, gatewayApp, IRIS_BODY, S } from './support.ts';

describe('the steps', () => {
  it('run in the order of gateway.md §7: sizes, preflight and route, body, authenticate, authorise, throttle, dispatcher, model', () => {
    expect(GATEWAY_STEPS.map((s) => s.name)).toEqual([
      'request-size',
      'framing',
      'preflight',
      'route',
      'body',
      'authenticate',
      'authorise',
      'throttle',
      'dispatcher',
      'json-shape',
      'model',
    ]);
    expect(IAM_STEPS.map((s) => s.name)).toEqual(['request-size', 'framing', 'iam-body', 'iam-tokens']);
  });

  it('let warn mode waive only the rules about who may call what', () => {
    expect(GATEWAY_STEPS.filter((s) => s.waivable).map((s) => s.name)).toEqual(['authenticate', 'authorise', 'throttle', 'dispatcher']);
  });
});

describe('lifecycle events', () => {
  it('tell start, verdict and end, with the journal entry, for every exchange but the admin API', async () => {
    const app = gatewayApp();
    const seen: Array<{ name: keyof ExchangeEvents; requestId: string; detail: string }> = [];
    app.gateway.events.on('exchange:start', ({ requestId, request: r }) => seen.push({ name: 'exchange:start', requestId, detail: r.path }));
    app.gateway.events.on('exchange:verdict', ({ requestId, verdict, step, rule }) =>
      seen.push({ name: 'exchange:verdict', requestId, detail: `${verdict} by ${step}${rule ? ` (${rule})` : ''}` }),
    );
    const off = app.gateway.events.on('exchange:end', ({ requestId, entry, response }) =>
      seen.push({ name: 'exchange:end', requestId, detail: `${entry.status} ${response.headers['X-Request-Id']}` }),
    );

    const accepted = await request(app)
      .post(`/v1/infers/${S.irisApp}`)
      .set('X-Apig-AppCode', C.appCode)
      .set('Content-Type', 'application/json')
      .send(IRIS_BODY);
    const refused = await request(app).post(`/v1/infers/${S.irisApp}`).set('apikey', C.unboundAppKey).send('{}');
    await request(app).get('/_apig-kit/world');
    off();
    await request(app).post(`/v1/infers/${S.irisApp}`).send('{}');

    const [first, second] = [accepted.headers['x-request-id'], refused.headers['x-request-id']];
    expect(seen).toEqual([
      { name: 'exchange:start', requestId: first, detail: `/v1/infers/${S.irisApp}` },
      { name: 'exchange:verdict', requestId: first, detail: 'accepted by model' },
      { name: 'exchange:end', requestId: first, detail: `200 ${first}` },
      { name: 'exchange:start', requestId: second, detail: `/v1/infers/${S.irisApp}` },
      { name: 'exchange:verdict', requestId: second, detail: 'rejected by authorise (app.not-authorized)' },
      { name: 'exchange:end', requestId: second, detail: `403 ${second}` },
      { name: 'exchange:start', requestId: expect.any(String), detail: `/v1/infers/${S.irisApp}` },
      { name: 'exchange:verdict', requestId: expect.any(String), detail: 'rejected by authenticate (app.credentials-missing)' },
    ]);
    // The journal is a listener like the others: it recorded all three exchanges.
    expect(app.gateway.journal.list().map((e) => e.status)).toEqual([200, 403, 401]);
  });
});
