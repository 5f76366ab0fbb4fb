import { http, HttpResponse, type RequestHandler } from 'msw';
import type { GatewayConfigOverrides } from '../config/load-config.ts';
import type { GatewayConfig } from '../config/schema.ts';
import { createGatewayCore, Gateway } from '../gateway.ts';
import type { GatewayRequest } from '../http-model.ts';

/**
 * An intercepted request's body is already in memory in the caller's process. On a socket, fetch
 * would send its length as Content-Length: the adapter adds that header, so both adapters see the
 * same request.
 */
export async function fromFetchRequest(request: Request): Promise<GatewayRequest> {
  const url = new URL(request.url);
  const headers = new Map<string, string[]>();
  for (const [name, value] of request.headers) headers.set(name, [value]);
  if (!headers.has('host')) headers.set('host', [url.host]);
  const bytes = request.body ? Buffer.from(await request.arrayBuffer()) : Buffer.alloc(0);
  if (request.body && !headers.has('content-length') && !headers.has('transfer-encoding')) headers.set('content-length', [String(bytes.length)]);
  return {
    method: request.method,
    target: url.pathname + url.search,
    path: url.pathname,
    query: url.search.slice(1),
    headers,
    body: {
      declaredLength: bytes.length,
      async *chunks() {
        if (bytes.length > 0) yield bytes;
      },
    },
  };
}

/**
 * The same gateway as msw request handlers, for tests that intercept `fetch` instead of opening a
 * port. Requests to `baseUrl` (default the mock's canonical origin) are answered in-process.
 */
export function createGatewayHandlers(
  config: GatewayConfigOverrides | GatewayConfig | Gateway = {},
  options: { baseUrl?: string } = {},
): RequestHandler[] & { gateway: Gateway } {
  const gateway = config instanceof Gateway ? config : createGatewayCore(config);
  const baseUrl = (options.baseUrl ?? 'http://apig.mock').replace(/\/$/, '');
  const handler = http.all(`${baseUrl}/*`, async ({ request }) => {
    const response = await gateway.handle(await fromFetchRequest(request), baseUrl);
    if (response.destroyConnection) return HttpResponse.error();
    return new HttpResponse(response.status === 204 || response.body.length === 0 ? null : response.body, { status: response.status, headers: response.headers });
  });
  return Object.assign([handler], { gateway });
}
