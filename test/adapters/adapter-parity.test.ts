/**
 * One behaviour, two adapters: the same requests through the Express app (supertest, real socket)
 * and through the msw handlers (fetch intercepted in-process) give the same status, body and
 * gateway headers. Both gateways share a frozen clock, so signed requests are identical.
 */
import { setupServer } from 'msw/node';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../src/mock/adapters/express.ts';
import { createGatewayHandlers } from '../../src/mock/adapters/msw.ts';
import { DEMO_CREDENTIALS as C, DEMO_SERVICE_IDS as S } from '../../src/mock/config/demo-world.ts';
import { signRequest } from '../../src/protocol/index.ts';

const CONFIG = { clock: { start: '2026-11-23T09:15:00Z', frozen: true }, limits: { maxBodyBytes: 4096 } };
const NOW = Date.parse('2026-11-23T09:15:00Z');
const MSW_BASE = 'http://apig-parity.mock:8080';

interface Case {
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  sign?: { ak: string; sk: string; skew?: number };
}

const IRIS = JSON.stringify({ meta: { uuid: 'u-1' }, data: { req_data: [{ sepal_length: 5, sepal_width: 3, petal_length: 5.5, petal_width: 2 }] } });
const CASES: Case[] = [
  {
    name: 'AK/SK signed iris call',
    method: 'POST',
    path: `/v1/infers/${S.iris}`,
    headers: { 'Content-Type': 'application/json' },
    body: IRIS,
    sign: { ak: C.accessKey, sk: C.secretKey },
  },
  {
    name: 'wrong secret',
    method: 'POST',
    path: `/v1/infers/${S.iris}`,
    headers: { 'Content-Type': 'application/json' },
    body: IRIS,
    sign: { ak: C.accessKey, sk: 'wrong' },
  },
  { name: 'unknown AK', method: 'POST', path: `/v1/infers/${S.echo}`, body: '{}', sign: { ak: 'NOPE', sk: 'x' } },
  { name: 'date 16 minutes late', method: 'POST', path: `/v1/infers/${S.echo}`, body: '{}', sign: { ak: C.accessKey, sk: C.secretKey, skew: -16 * 60_000 } },
  {
    name: 'app signature on an app API',
    method: 'POST',
    path: `/v1/infers/${S.irisApp}?x=1`,
    headers: { 'Content-Type': 'application/json' },
    body: IRIS,
    sign: { ak: C.appKey, sk: C.appSecret },
  },
  {
    name: 'AppCode',
    method: 'POST',
    path: `/v1/infers/${S.irisApp}`,
    headers: { 'Content-Type': 'application/json', 'X-Apig-AppCode': C.appCode },
    body: IRIS,
  },
  { name: 'wrong AppCode', method: 'POST', path: `/v1/infers/${S.irisApp}`, headers: { 'X-Apig-AppCode': 'nope' }, body: IRIS },
  {
    name: 'apikey',
    method: 'POST',
    path: `/v1/infers/${S.echoApp}/sub/path?a=1&a=2`,
    headers: { apikey: C.appKey, 'Content-Type': 'application/json' },
    body: '{"k":"v"}',
  },
  { name: 'unbound app', method: 'POST', path: `/v1/infers/${S.irisApp}`, headers: { apikey: C.unboundAppKey }, body: IRIS },
  { name: 'no credentials on an IAM API', method: 'POST', path: `/v1/infers/${S.iris}`, body: IRIS },
  { name: 'garbage token', method: 'POST', path: `/v1/infers/${S.iris}`, headers: { 'X-Auth-Token': 'MIIgarbage' }, body: IRIS },
  { name: 'unknown service', method: 'POST', path: '/v1/infers/00000000-0000-0000-0000-000000000000', body: '{}' },
  { name: 'wrong stage', method: 'POST', path: `/v1/infers/${S.iris}`, headers: { 'X-Stage': 'DEVELOP' }, body: '{}' },
  { name: 'body over the cap', method: 'POST', path: `/v1/infers/${S.echo}`, headers: { 'X-Auth-Token': 'x' }, body: 'x'.repeat(5000) },
  { name: 'GET on an inference URL', method: 'GET', path: `/v1/infers/${S.echoApp}`, headers: { apikey: C.appKey } },
  { name: 'stopped service', method: 'POST', path: `/v1/infers/${S.stopped}`, body: '{}', sign: { ak: C.accessKey, sk: C.secretKey } },
  {
    name: 'IAM password login, bad password',
    method: 'POST',
    path: '/v3/auth/tokens',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      auth: { identity: { methods: ['password'], password: { user: { name: C.user, password: 'nope', domain: { name: C.account } } } } },
    }),
  },
];

function prepare(c: Case, host: string): { headers: Record<string, string>; body: string | undefined } {
  const headers: Record<string, string> = { ...c.headers };
  if (c.sign) {
    const signed = signRequest(
      { method: c.method, url: c.path, headers: { ...headers, host }, body: c.body },
      { accessKey: c.sign.ak, secretKey: c.sign.sk },
      { date: NOW + (c.sign.skew ?? 0) },
    );
    Object.assign(headers, signed.headers);
  }
  return { headers, body: c.body };
}

/** What must match across adapters: the host differs, so it is blanked; request ids are compared by shape. */
function normalize(status: number, headers: Record<string, string>, text: string, host: string) {
  const body = text
    .split(host)
    .join('<host>')
    .replace(/"request_id":"[0-9a-f]{32}"/, '"request_id":"<id>"');
  const kept = Object.fromEntries(
    Object.entries(headers)
      .map(([k, v]) => [k.toLowerCase(), v] as const)
      .filter(([k]) => ['content-type', 'server', 'x-subject-token'].includes(k) || k.startsWith('x-apig')),
  );
  return { status, body, headers: kept, requestIdShape: /^[0-9a-f]{32}$/.test(headers['x-request-id'] ?? '') };
}

describe('Express and msw adapters answer identically', () => {
  let express: RunningGateway;
  const handlers = createGatewayHandlers(CONFIG, { baseUrl: MSW_BASE });
  const mswServer = setupServer(...handlers);

  beforeAll(async () => {
    express = await startGateway({ config: CONFIG });
    mswServer.listen({ onUnhandledRequest: 'bypass' });
  });
  afterAll(async () => {
    mswServer.close();
    await express.close();
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const expressHost = new URL(express.url).host;
    const viaExpress = prepare(c, expressHost);
    let call = request(express.url)[c.method.toLowerCase() as 'post'](c.path).set(viaExpress.headers);
    if (viaExpress.body !== undefined) call = call.send(viaExpress.body);
    const e = await call.buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => done(null, text));
    });

    const mswHost = new URL(MSW_BASE).host;
    const viaMsw = prepare(c, mswHost);
    const m = await fetch(`${MSW_BASE}${c.path}`, { method: c.method, headers: viaMsw.headers, body: viaMsw.body });

    const fromExpress = normalize(e.status, e.headers as Record<string, string>, e.body as string, expressHost);
    const fromMsw = normalize(m.status, Object.fromEntries(m.headers), await m.text(), mswHost);
    expect(fromMsw).toEqual(fromExpress);
    expect(fromExpress.requestIdShape).toBe(true);
    expect(fromExpress.headers['server']).toBe('api-gateway');
  });

  it('covers accepted and refused answers alike', () => {
    const statuses = new Set(express.gateway.journal.list().map((e) => e.status));
    expect([...statuses].some((s) => s === 200)).toBe(true);
    expect([...statuses].some((s) => s >= 400)).toBe(true);
    expect(handlers.gateway.journal.size).toBe(express.gateway.journal.size);
  });
});
