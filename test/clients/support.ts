/**
 * Shared helpers for the client tests: the mock gateway started in-process over the demo world,
 * and a scripted fake fetch that records what it was asked.
 */
import { startGateway, type RunningGateway } from '../../src/mock/adapters/express.ts';
import { DEMO_CREDENTIALS, DEMO_SERVICE_IDS, demoWorld } from '../../src/mock/config/demo-world.ts';
import type { GatewayConfigOverrides } from '../../src/mock/config/load-config.ts';
import type { World } from '../../src/mock/config/schema.ts';
import type { Fetch } from '../../src/clients/index.ts';

export const C = DEMO_CREDENTIALS;
export const S = DEMO_SERVICE_IDS;

export const IRIS_INPUT = { data: { req_data: [{ sepal_length: 5.1, sepal_width: 3.5, petal_length: 1.4, petal_width: 0.2 }] } };
export const IRIS_ANSWER = { meta: { uuid: '' }, data: { resp_data: [{ ...IRIS_INPUT.data.req_data[0]!, predictresult: 'Iris-setosa' }] } };

/** Every secret of the demo world; none may ever show in a client, authenticator or error. */
export const DEMO_SECRETS = [
  C.password,
  C.secretKey,
  C.temporarySecretKey,
  C.securityToken,
  C.appSecret,
  C.appCode,
  C.otherPassword,
  C.otherSecretKey,
  C.unboundAppSecret,
];

export function serviceUrl(g: RunningGateway, id: string): string {
  return `${g.url}/v1/infers/${id}`;
}

export function passwordLogin(
  g: RunningGateway,
  overrides: Partial<{ user: string; password: string; account: string; project: { name: string } | { id: string } }> = {},
) {
  return { iamUrl: g.url, user: C.user, password: C.password, account: C.account, project: { name: 'cn-north-4' }, ...overrides };
}

/** POSTs to /v3/auth/tokens that reached the gateway. */
export function iamLogins(g: RunningGateway): number {
  return g.gateway.journal.list().filter((e) => e.method === 'POST' && e.target.startsWith('/v3/auth/tokens')).length;
}

/** The demo world with the slow model answering after `delayMs` of real time. */
export function servicesWithSlowDelay(delayMs: number): World['services'] {
  return demoWorld().services.map((s) => (s.id === S.slow ? { ...s, delayMs } : s));
}

export function start(config: GatewayConfigOverrides = {}): Promise<RunningGateway> {
  return startGateway({ config });
}

export interface RecordedCall {
  url: string;
  method: string;
  headers: Headers;
  body: Uint8Array | string | undefined;
}

export type ScriptedAnswer = Response | ((call: RecordedCall) => Response | Promise<Response>);

/** A fetch that answers from `answers` in turn (the last one repeats) and records every call. */
export function fakeFetch(...answers: ScriptedAnswer[]): Fetch & { calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const fn = async (url: string, init: RequestInit) => {
    init.signal?.throwIfAborted();
    const call: RecordedCall = { url, method: init.method ?? 'GET', headers: new Headers(init.headers), body: init.body as Uint8Array | string | undefined };
    calls.push(call);
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)]!;
    return typeof answer === 'function' ? answer(call) : answer.clone();
  };
  return Object.assign(fn, { calls });
}

export function jsonAnswer(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

export function apigError(status: number, code: string, message: string, requestId = 'ab'.repeat(16)): Response {
  return jsonAnswer(status, { error_code: code, error_msg: message, request_id: requestId }, { 'X-Request-Id': requestId });
}
