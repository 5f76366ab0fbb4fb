import { headerValue } from '../../protocol/index.ts';
import type { Service } from '../config/schema.ts';
import type { GatewayRequest, GatewayResponse } from '../http-model.ts';

/**
 * APIG's documented answer to a preflight on an API with CORS on (gateway.md §1.4 [D S9]): 200 with
 * exactly these headers. X-Request-Id and Server are added as to every answer. The body is not
 * documented: none is sent.
 */
export const CORS_PREFLIGHT_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers':
    'X-Stage,X-Sdk-Date,X-Sdk-Nonce,X-Proxy-Signed-Headers,X-Sdk-Content-Sha256,X-Forwarded-For,Authorization,Content-Type,Accept,Accept-Ranges,Cache-Control,Range',
  'Access-Control-Expose-Headers':
    'X-Request-Id,X-Apig-Latency,X-Apig-Upstream-Latency,X-Apig-RateLimit-Api,X-Apig-RateLimit-User,X-Apig-RateLimit-App,X-Apig-RateLimit-Ip,X-Apig-RateLimit-Api-Allenv',
  'Access-Control-Allow-Methods': 'GET,POST,PUT,DELETE,HEAD,OPTIONS,PATCH',
  'Access-Control-Max-Age': '172800',
};

export function corsPreflight(): GatewayResponse {
  return { status: 200, headers: { ...CORS_PREFLIGHT_HEADERS }, body: '' };
}

/**
 * With CORS on, a request carrying Origin gets `Access-Control-Allow-Origin: *` added to the
 * backend's answer, unless the backend sent a CORS header itself: the backend wins (gateway.md §1.4).
 */
export function withCorsOrigin(response: GatewayResponse, service: Service, request: GatewayRequest): GatewayResponse {
  if (!service.cors || headerValue(request.headers, 'origin') === undefined) return response;
  if (Object.keys(response.headers).some((name) => name.toLowerCase().startsWith('access-control-'))) return response;
  return { ...response, headers: { ...response.headers, 'Access-Control-Allow-Origin': '*' } };
}
