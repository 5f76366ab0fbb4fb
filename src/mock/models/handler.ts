import { headerValue, isCredentialHeader } from '../../protocol/index.ts';
import type { Service } from '../config/schema.ts';
import type { GatewayResponse } from '../http-model.ts';
import type { ServiceApi } from '../model-config/service-api.ts';
import type { Model, ModelRequest } from './types.ts';

/** The request a handler function gets: what the model behind the dispatcher would receive. */
export interface HandlerRequest {
  method: string;
  /** After `/v1/infers/{service id}`: '' or starting with '/', forwarded unchanged (modelarts-services.md §3.2). */
  subPath: string;
  /** The raw query string, without '?'. */
  query: string;
  /**
   * Lower-case names; repeated headers joined with ', '. Credentials (Authorization, X-Auth-Token,
   * X-Apig-AppCode, apikey, X-Security-Token) are left out: which headers reach a model is
   * undocumented (modelarts-services.md §3.5), and the proxy default drops them (inferred).
   */
  headers: Record<string, string>;
  body: Buffer;
  /** The body as UTF-8 text. */
  text(): string;
  /** The body parsed as JSON (throws on bad JSON). */
  json(): unknown;
  service: Service;
  /** The declared API the request was routed to (undefined in warn mode when none matched). */
  api: ServiceApi | undefined;
  /** Aborted when the gateway gives up (the backend timeout). */
  signal: AbortSignal;
  seed: number;
}

/** A plain answer; `body`: a string or bytes as they are, anything else as JSON. Or a fetch Response. */
export interface HandlerAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type ModelHandler = (request: HandlerRequest) => HandlerAnswer | Response | Promise<HandlerAnswer | Response>;

/** A handler's answer is held whole: past this (APIG's 12 MB body cap) it is a model failure. */
export const HANDLER_ANSWER_MAX_BYTES = 12 * 1024 * 1024;

function handlerRequest(request: ModelRequest): HandlerRequest {
  const headers: Record<string, string> = Object.create(null);
  for (const [name] of request.headers) {
    const lower = name.toLowerCase();
    if (lower !== 'authorization' && !isCredentialHeader(lower)) headers[lower] = headerValue(request.headers, name) ?? '';
  }
  return {
    method: request.method,
    subPath: request.subPath,
    query: request.query,
    headers,
    body: request.body,
    text: () => request.body.toString('utf8'),
    json: () => JSON.parse(request.body.toString('utf8')) as unknown,
    service: request.service,
    api: request.api,
    get signal() {
      return request.signal;
    },
    seed: request.seed,
  };
}

async function readResponse(response: Response): Promise<GatewayResponse> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > HANDLER_ANSWER_MAX_BYTES) throw new Error(`the handler's answer is over ${HANDLER_ANSWER_MAX_BYTES} bytes`);
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  if (response.body) {
    for await (const chunk of response.body) {
      bytes += chunk.length;
      if (bytes > HANDLER_ANSWER_MAX_BYTES) throw new Error(`the handler's answer is over ${HANDLER_ANSWER_MAX_BYTES} bytes`);
      chunks.push(chunk);
    }
  }
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'content-length' && name !== 'transfer-encoding' && name !== 'set-cookie') headers[name] = value;
  });
  // Headers joins repeated Set-Cookie lines, which cannot be joined: one line per cookie.
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  return { status: response.status, headers, body: Buffer.concat(chunks) };
}

/** An answer as the gateway sends it: status 200 and a JSON body unless said otherwise. */
export function toGatewayResponse(answer: HandlerAnswer): GatewayResponse {
  const status = answer.status ?? 200;
  if (!Number.isInteger(status) || status < 200 || status > 599) throw new Error(`the handler answered status ${String(answer.status)}: give 200-599`);
  const headers = { ...answer.headers };
  const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  const { body } = answer;
  let bytes: Buffer;
  if (body === undefined) bytes = Buffer.alloc(0);
  else if (typeof body === 'string') {
    bytes = Buffer.from(body);
    if (!hasType) headers['Content-Type'] = 'text/plain; charset=utf-8';
  } else if (body instanceof Uint8Array) {
    bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    if (!hasType) headers['Content-Type'] = 'application/octet-stream';
  } else {
    bytes = Buffer.from(JSON.stringify(body) ?? 'null');
    if (!hasType) headers['Content-Type'] = 'application/json';
  }
  if (bytes.length > HANDLER_ANSWER_MAX_BYTES) throw new Error(`the handler's answer is over ${HANDLER_ANSWER_MAX_BYTES} bytes`);
  return { status, headers, body: bytes };
}

/** A handler function as a model; what it throws is a model failure, as a crashing model's is. */
export function handlerModel(handler: ModelHandler): Model {
  return async (request) => {
    const answer = await handler(handlerRequest(request));
    if (answer instanceof Response) return readResponse(answer);
    if (typeof answer !== 'object' || answer === null) throw new Error('the handler answered no object');
    return toGatewayResponse(answer);
  };
}
