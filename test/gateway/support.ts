/**
 * Shared helpers for the gateway rule tests: one Express gateway per test (built with config
 * overrides), signed requests over supertest, and assertions on the APIG error envelope
 * (gateway.md §1.1, §1.2).
 */
import request from 'supertest';
import type { Response } from 'supertest';
import { expect } from 'vitest';
import { createGateway } from '../../src/mock/adapters/express.ts';
import { DEMO_CREDENTIALS, DEMO_SERVICE_IDS, demoWorld } from '../../src/mock/config/demo-world.ts';
import type { GatewayConfigOverrides } from '../../src/mock/config/load-config.ts';
import type { World } from '../../src/mock/config/schema.ts';
import { type SignOptions, type SigningCredentials, type SigningSteps, signRequest } from '../../src/protocol/index.ts';

export const C = DEMO_CREDENTIALS;
export const S = DEMO_SERVICE_IDS;

/** The host every signed request is signed for and sent with (supertest would send 127.0.0.1:<port>). */
export const HOST = 'gw.apig-kit.test';
export const FROZEN_AT = '2026-11-23T09:00:00Z';
export const FROZEN_MS = Date.parse(FROZEN_AT);
export const FROZEN_CLOCK = { start: FROZEN_AT, frozen: true } as const;

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export const IAM_MSG = 'Incorrect IAM authentication information: ';
export const APP_MSG = 'Incorrect app authentication information: ';
export const NOT_PUBLISHED = 'The API does not exist or has not been published in the environment.';

export const IRIS_BODY = JSON.stringify({
  meta: { uuid: '10eb0091-887f-4839-9929-cbc884f1e20e' },
  data: { req_data: [{ sepal_length: 5.1, sepal_width: 3.5, petal_length: 1.4, petal_width: 0.2 }] },
});
/** What the iris model answers for IRIS_BODY: the inputs plus `predictresult` (modelarts-services.md §6.2 b). */
export const IRIS_ANSWER = {
  meta: { uuid: '10eb0091-887f-4839-9929-cbc884f1e20e' },
  data: { resp_data: [{ sepal_length: 5.1, sepal_width: 3.5, petal_length: 1.4, petal_width: 0.2, predictresult: 'Iris-setosa' }] },
};

export const AKSK: SigningCredentials = { accessKey: C.accessKey, secretKey: C.secretKey };
export const APP_CREDS: SigningCredentials = { accessKey: C.appKey, secretKey: C.appSecret };

export type GatewayApp = ReturnType<typeof createGateway>;

/** Every answer any gateway of this test file gave, to prove none was an unexpected 500. */
export const answers: Array<{ path: string; status: number; body: string }> = [];

/** A fresh gateway over the demo world with `overrides`; its answers are recorded in `answers`. */
export function gatewayApp(overrides: GatewayConfigOverrides = {}): GatewayApp {
  const app = createGateway(overrides);
  app.gateway.events.on('exchange:end', ({ entry, response }) =>
    answers.push({ path: entry.target.split('?')[0]!, status: response.status, body: String(response.body) }),
  );
  return app;
}

/** The demo world's services with the slow one made quick enough for a test (real time). */
export function servicesWithSlowDelay(delayMs: number): World['services'] {
  return demoWorld().services.map((s) => (s.id === S.slow ? { ...s, delayMs } : s));
}

/**
 * No answer of the suite is a 500, except the one the spec demands: ModelArts.4302 for a stopped
 * service (gateway.md §6.6). Nothing may ever be the catch-all APIG.0601.
 */
export function expectNoUnexpected500(): void {
  const bad = answers.filter((a) => {
    if (a.body.includes('APIG.0601')) return true;
    if (a.status !== 500) return false;
    return !(a.path === `/v1/infers/${S.stopped}` && a.body.includes('"ModelArts.4302"'));
  });
  expect(bad).toEqual([]);
}

const HEX32 = /^[0-9a-f]{32}$/;

/** Headers APIG adds to every answer (gateway.md §1.2, §9). */
export function expectGatewayHeaders(res: Response): string {
  expect(res.headers['server']).toBe('api-gateway');
  const requestId = res.headers['x-request-id'];
  expect(requestId).toMatch(HEX32);
  return requestId as string;
}

/** An APIG error: exact status, code and message; body has exactly the three documented keys (gateway.md §1.1). */
export function expectApigError(res: Response, status: number, code: string, message: string, options: { extraKeys?: string[] } = {}): void {
  expect({ status: res.status, error_code: res.body.error_code, error_msg: res.body.error_msg }).toEqual({ status, error_code: code, error_msg: message });
  const requestId = expectGatewayHeaders(res);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body.request_id).toMatch(HEX32);
  expect(res.body.request_id).toBe(requestId);
  expect(Object.keys(res.body).sort()).toEqual(['error_code', 'error_msg', 'request_id', ...(options.extraKeys ?? [])].sort());
}

/**
 * A ModelArts dispatcher error: same two field names, and no request_id in the body (gateway.md
 * §1.1, §6.4), though the gateway still sends X-Request-Id and Server.
 */
export function expectModelArtsError(res: Response, status: number, code: string, message: string): void {
  expect({ status: res.status, body: res.body }).toEqual({ status, body: { error_code: code, error_msg: message } });
  expectGatewayHeaders(res);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
}

export function expectOk(res: Response, body?: unknown): void {
  expect(res.status, res.text).toBe(200);
  expectGatewayHeaders(res);
  if (body !== undefined) expect(res.body).toEqual(body);
}

export interface SignedCall {
  method?: string;
  path: string;
  credentials: SigningCredentials;
  body?: string | Buffer;
  /** Sent instead of `body` (which is what gets signed). */
  sentBody?: string | Buffer;
  contentType?: string;
  /** Signed and sent. */
  headers?: Record<string, string>;
  /** Sent, not signed. */
  unsignedHeaders?: Record<string, string>;
  /** Signing time; default: the gateway clock now. */
  date?: number;
  options?: Omit<SignOptions, 'date'>;
}

/** A request signed over origin-form `path` with Host `HOST`, sent with exactly the signed headers. */
export function signed(app: GatewayApp, call: SignedCall): { test: request.Test; steps: SigningSteps; sdkDate: string } {
  const method = call.method ?? 'POST';
  const body = call.body ?? IRIS_BODY;
  const headers: Record<string, string> = { 'content-type': call.contentType ?? 'application/json', ...call.headers };
  const result = signRequest({ method, url: call.path, headers: { ...headers, host: HOST }, body }, call.credentials, {
    date: call.date ?? app.gateway.clock.now(),
    ...call.options,
  });
  let test = send(app, method, call.path).set('Host', HOST);
  for (const [name, value] of Object.entries({ ...headers, ...result.headers, ...call.unsignedHeaders })) test = test.set(name, value);
  return { test: method === 'GET' || method === 'HEAD' ? test : test.send(call.sentBody ?? body), steps: result.steps, sdkDate: result.steps.sdkDate };
}

export function send(app: GatewayApp, method: string, path: string): request.Test {
  const agent = request(app);
  switch (method) {
    case 'GET':
      return agent.get(path);
    case 'PUT':
      return agent.put(path);
    case 'DELETE':
      return agent.delete(path);
    case 'PATCH':
      return agent.patch(path);
    case 'HEAD':
      return agent.head(path);
    case 'POST':
      return agent.post(path);
    default:
      throw new Error(`no helper for ${method}`);
  }
}

/** An unsigned JSON POST (token, AppCode, apikey or no credentials). */
export function post(app: GatewayApp, path: string, headers: Record<string, string> = {}, body: string | Buffer = IRIS_BODY): request.Test {
  let test = request(app).post(path).set('Content-Type', 'application/json');
  for (const [name, value] of Object.entries(headers)) test = test.set(name, value);
  return test.send(body);
}

export interface TokenRequest {
  user?: string;
  password?: string;
  account?: string;
  /** Keystone scope; undefined: a domain (global) token. Default: project cn-north-4. */
  scope?: Record<string, unknown> | undefined;
}

/** POST /v3/auth/tokens through the gateway (gateway.md §5.1): the X-Subject-Token and expires_at. */
export async function issueToken(app: GatewayApp, options: TokenRequest = {}): Promise<{ token: string; expiresAt: string }> {
  const scope = 'scope' in options ? options.scope : { project: { name: 'cn-north-4' } };
  const auth: Record<string, unknown> = {
    identity: {
      methods: ['password'],
      password: { user: { name: options.user ?? C.user, password: options.password ?? C.password, domain: { name: options.account ?? C.account } } },
    },
  };
  if (scope !== undefined) auth['scope'] = scope;
  const res = await request(app).post('/v3/auth/tokens').set('Content-Type', 'application/json;charset=utf8').send(JSON.stringify({ auth }));
  expect(res.status, res.text).toBe(201);
  const token = res.headers['x-subject-token'];
  expect(token).toMatch(/^MII/);
  return { token: token as string, expiresAt: res.body.token.expires_at as string };
}

/** A multipart/form-data body with one image file, written out by hand. */
export function multipartImage(boundary: string, bytes: Buffer, field = 'images', filename = 'flower.png'): Buffer {
  return Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

/** The pipe-joined canonical request APIG echoes in signature errors (gateway.md §2.1, §2.2). */
export function piped(steps: SigningSteps): string {
  return steps.canonicalRequest.text.split('\n').join('|');
}
